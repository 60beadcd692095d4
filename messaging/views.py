"""Inbox and conversation pages; everything works without JavaScript (plain POST, redirect, polling)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.errors import DomainError, NotFound
from marketplace.models import Organisation
from marketplace.selectors.responsiveness import invitation_for_provider
from marketplace.views.decorators import organisation_required
from marketplace.views.documents import document_response

from .forms import MessageEditForm, MessageForm, ReportForm
from .models import Message, MessageKind, ReportReason
from .moderation import conversation_report, message_report
from .responsiveness import question_awaiting
from .selectors import (
    attachable_projects_for,
    attachment_get_for,
    conversation_get_for,
    inbox_for,
    message_author_may,
    message_for_author,
    messages_after,
    messages_latest,
    project_conversation_parties,
    read_marks,
)
from .services import (
    EDIT_CLOSED,
    conversation_attach_project,
    conversation_mark_read,
    conversation_open,
    message_delete,
    message_edit,
    message_payload,
    message_post,
    provider_question_open,
)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _conversation_or_404(request, conversation_id: int):
    try:
        return conversation_get_for(user=request.user, conversation_id=conversation_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _conversation_url(conversation_id: int, seq: int | None = None) -> str:
    url = reverse("messaging:conversation", kwargs={"conversation_id": conversation_id})
    return f"{url}#message-{seq}" if seq else url


@login_required
@require_GET
def inbox(request):
    unread_only = request.GET.get("non-lues") == "1"
    q = request.GET.get("q", "")[:100]
    page = Paginator(inbox_for(user=request.user, unread_only=unread_only, q=q), 30).get_page(request.GET.get("page"))
    return render(request, "messaging/inbox.html", {"page": page, "unread_only": unread_only, "q": q})


def _reportable(user, organisation, message: Message) -> bool:
    """Offer "Signaler" where `message_report` would accept it: the other side's visible messages."""
    return (
        organisation is not None
        and message.kind == MessageKind.TEXT
        and not message.is_removed
        and message.sender_org_id != organisation.pk
        and message.sender_user_id != user.pk
    )


def _row(user, organisation, message: Message) -> dict:
    return {
        "message": message,
        "payload": message_payload(message),
        "mine": message_author_may(user=user, message=message),
        "editable": message_author_may(user=user, message=message, editing=True),
        "reportable": _reportable(user, organisation, message),
    }


def _deadlines(conversation, organisation) -> dict:
    """What this side must answer (a question, the invitation to quote) and what it waits for, with the deadlines."""
    if organisation is None:
        return {}
    invitation = None
    if conversation.project_id and organisation.pk == conversation.provider_id:
        invitation = invitation_for_provider(project_id=conversation.project_id, provider_id=organisation.pk)
    other = conversation.provider if organisation == conversation.association else conversation.association
    return {
        "awaiting": question_awaiting(conversation=conversation, organisation=organisation),
        "asked": question_awaiting(conversation=conversation, organisation=other),
        "invitation": invitation if invitation is not None and invitation.is_awaiting_answer else None,
    }


def _attachable_projects(conversation, organisation) -> list:
    """The association's projects a direct conversation may be attached to (none on the provider's side)."""
    if conversation.project_id is not None or organisation is None or organisation != conversation.association:
        return []
    return list(attachable_projects_for(association=organisation, provider_id=conversation.provider_id))


def _conversation_page(request, conversation, organisation, form, status=200):
    rows = list(messages_latest(conversation=conversation))
    return render(
        request,
        "messaging/conversation.html",
        {
            "conversation": conversation,
            "organisation": organisation,
            "counterpart": conversation.provider
            if organisation == conversation.association
            else conversation.association,
            "rows": [_row(request.user, organisation, message) for message in rows],
            "form": form,
            "report_reasons": ReportReason.choices,
            "attachable_projects": _attachable_projects(conversation, organisation),
            **_deadlines(conversation, organisation),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, conversation_id: int):
    conversation, organisation = _conversation_or_404(request, conversation_id)
    if request.method == "GET":
        conversation_mark_read(user=request.user, conversation_id=conversation.pk, seq=conversation.last_seq)
        return _conversation_page(request, conversation, organisation, MessageForm())
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            message, created = message_post(
                user=request.user,
                conversation_id=conversation.pk,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
                attachments=form.cleaned_data["attachments"],
            )
        except DomainError as error:
            if _wants_json(request):
                return JsonResponse({"error": str(error.message)}, status=error.status_code)
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return _conversation_page(request, conversation, organisation, form, status=error.status_code)
        else:
            if _wants_json(request):
                return JsonResponse(
                    {"message": message_payload(message), "created": created}, status=201 if created else 200
                )
            return redirect(_conversation_url(conversation.pk, message.seq))
    elif _wants_json(request):
        return JsonResponse({"error": form.errors.get_json_data()}, status=400)
    return _conversation_page(request, conversation, organisation, form, status=400)


@login_required
@require_GET
def poll(request, conversation_id: int):
    """`?after=<seq>`: the messages since then, for clients without a WebSocket."""
    conversation, _organisation = _conversation_or_404(request, conversation_id)
    try:
        after = max(int(request.GET.get("after", "0")), 0)
    except ValueError:
        return JsonResponse({"error": "after"}, status=400)
    rows = [message_payload(message) for message in messages_after(conversation=conversation, after_seq=after)]
    return JsonResponse(
        {"messages": rows, "last_seq": conversation.last_seq, "reads": read_marks(conversation=conversation)}
    )


@login_required
@require_POST
def mark_read(request, conversation_id: int):
    try:
        seq = int(request.POST.get("seq", "0"))
        read = conversation_mark_read(user=request.user, conversation_id=conversation_id, seq=seq)
    except ValueError:
        return JsonResponse({"error": "seq"}, status=400)
    except NotFound as error:
        raise Http404(error.message) from error
    return JsonResponse({"seq": read})


@login_required
@require_GET
def attachment(request, attachment_id: int):
    try:
        document = attachment_get_for(user=request.user, attachment_id=attachment_id)
    except NotFound as error:
        raise Http404(error.message) from error
    return document_response(document)


def _message_or_404(request, message_id: int) -> Message:
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        raise Http404
    _conversation_or_404(request, message.conversation_id)
    return message


def _own_message_or_404(request, message_id: int) -> Message:
    """The user's own message, still shown (`selectors.message_author_may`); 404 for any other."""
    try:
        return message_for_author(user=request.user, message_id=message_id)
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, message_id: int):
    message = _own_message_or_404(request, message_id)
    back = _conversation_url(message.conversation_id, message.seq)
    if not message_author_may(user=request.user, message=message, editing=True):
        messages.error(request, EDIT_CLOSED)
        return redirect(back)
    form = MessageEditForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            message_edit(user=request.user, message_id=message.pk, body=form.cleaned_data["body"])
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(back)
    return render(request, "messaging/message_edit.html", {"form": form, "message": message})


@login_required
@require_POST
def delete(request, message_id: int):
    message = _own_message_or_404(request, message_id)
    try:
        message_delete(user=request.user, message_id=message.pk)
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_conversation_url(message.conversation_id, message.seq))


@login_required
@require_GET
def project_conversation(request, project_id: int, provider_id: int):
    """ "Écrire au prestataire / à l'association" from a project: the conversation, opened the first time."""
    try:
        association, provider, project = project_conversation_parties(
            user=request.user, project_id=project_id, provider_id=provider_id
        )
    except NotFound as error:
        raise Http404(error.message) from error
    try:
        conversation = conversation_open(association=association, provider=provider, project=project)
    except DomainError as error:
        raise Http404(error.message) from error
    return redirect(_conversation_url(conversation.pk))


def _report(request, *, conversation, message, submit):
    """The report form: on the conversation page (folded) or on its own page when it needs correcting."""
    form = ReportForm(request.POST or None)
    back = _conversation_url(conversation.pk, message.seq if message else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                submit(reason=form.cleaned_data["reason"], details=form.cleaned_data["details"])
            except NotFound as error:
                raise Http404(error.message) from error
            except DomainError as error:
                if _wants_json(request):
                    return JsonResponse({"error": str(error.message)}, status=error.status_code)
                if error.field in form.fields:
                    form.add_error(error.field, error.message)
                else:
                    messages.error(request, error.message)
                    return redirect(back)
            else:
                if _wants_json(request):
                    return JsonResponse({"reported": True}, status=201)
                messages.success(request, _("Merci : votre signalement a été transmis à l'équipe de modération."))
                return redirect(back)
        elif _wants_json(request):
            return JsonResponse({"error": form.errors.get_json_data()}, status=400)
    return render(
        request,
        "messaging/report.html",
        {"form": form, "conversation": conversation, "message": message, "back": back},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_message(request, message_id: int):
    message = _message_or_404(request, message_id)
    conversation, _organisation = _conversation_or_404(request, message.conversation_id)
    return _report(
        request,
        conversation=conversation,
        message=message,
        submit=lambda **data: message_report(user=request.user, message_id=message.pk, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_conversation(request, conversation_id: int):
    conversation, _organisation = _conversation_or_404(request, conversation_id)
    return _report(
        request,
        conversation=conversation,
        message=None,
        submit=lambda **data: conversation_report(user=request.user, conversation_id=conversation.pk, **data),
    )


@organisation_required
@require_POST
def ask_provider(request, provider_id: int):
    """ "Poser une question" from a provider's page: the association's direct conversation with it."""
    try:
        conversation = provider_question_open(membership=request.membership, provider_id=provider_id)
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        target = Organisation.objects.filter(pk=provider_id).values_list("slug", flat=True).first()
        return redirect(reverse("public:provider_detail", args=[target]) if target else reverse("messaging:inbox"))
    return redirect(_conversation_url(conversation.pk))


@organisation_required
@require_POST
def attach_project(request, conversation_id: int):
    """Attach a question asked before any project to the project it became."""
    try:
        project_id = int(request.POST.get("project") or "")
    except ValueError:
        messages.error(request, _("Choisissez le projet auquel rattacher cette conversation."))
        return redirect(_conversation_url(conversation_id))
    try:
        conversation_attach_project(
            membership=request.membership, conversation_id=conversation_id, project_id=project_id
        )
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La conversation est rattachée au projet."))
    return redirect(_conversation_url(conversation_id))
