"""Who may read which conversation, and what they see in it: the one place those rules live.

A conversation belongs to its two sides. The association keeps it. The provider keeps it while it is
verified; a provider that is not verified (pending, rejected...) keeps only the conversations about a
project it may still see (`marketplace.selectors.projects.projects_visible_to`: the ones it quoted on).
A new conversation about a project starts only from someone who may see the project
(`project_conversation_parties`), and never with a provider that is not verified (`services.conversation_open`).
"""

import datetime

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import NotFound
from marketplace.models import Membership, Organisation, Project
from marketplace.models.organisations import OrganisationKind
from marketplace.models.projects import ProjectState
from marketplace.selectors.projects import project_get_for, projects_visible_to

from .models import (
    Conversation,
    Message,
    MessageAttachment,
    MessageKind,
    ReadState,
    Report,
    ReportState,
    UserSuspension,
)

EDIT_WINDOW = datetime.timedelta(minutes=10)
REPORT_CONTEXT_AROUND = 5
REPORT_CONTEXT_CONVERSATION = 50


def _sides(user) -> list[Organisation]:
    """The organisations the user speaks for in conversations."""
    # A deactivated account loses access at its next action, even on a socket opened before.
    if not user.is_authenticated or not user.is_active:
        return []
    return [
        membership.organisation
        for membership in Membership.objects.filter(user=user, user__is_active=True).select_related("organisation")
    ]


def _conversations_of(sides: list[Organisation]) -> Q:
    """The conversations these organisations take part in, under the rule of the module's docstring."""
    taking_part = Q(pk__in=[])
    for organisation in sides:
        if organisation.is_association:
            taking_part |= Q(association=organisation)
        elif organisation.is_verified:
            taking_part |= Q(provider=organisation)
        else:
            visible = projects_visible_to(organisation=organisation).values("pk")
            taking_part |= Q(provider=organisation, project__in=visible)
    return taking_part


def conversations_for(*, user) -> QuerySet[Conversation]:
    """Every conversation the user may read as a participant (staff's moderation reads are not counted)."""
    return Conversation.objects.filter(_conversations_of(_sides(user)))


def conversation_get_for(*, user, conversation_id: int) -> tuple[Conversation, Organisation | None]:
    """The conversation and the side the user speaks for; a user on both sides speaks for the association.

    Staff who belong to neither side may read (moderation) and get `None` as their organisation.
    """
    sides = _sides(user)
    conversations = Conversation.objects.select_related("association", "provider", "project").filter(pk=conversation_id)
    conversation = conversations.filter(_conversations_of(sides)).first() if sides else None
    if conversation is not None:
        if conversation.association_id in {organisation.pk for organisation in sides}:
            return conversation, conversation.association
        return conversation, conversation.provider
    if user.is_authenticated and user.is_active and user.is_staff:
        conversation = conversations.first()
        if conversation is not None:
            return conversation, None
    raise NotFound(_("Conversation introuvable."))


def messages_after(*, conversation: Conversation, after_seq: int, limit: int = 200) -> QuerySet[Message]:
    """The messages a client has not seen yet, in order: what a reconnecting socket or a poll asks for."""
    return (
        Message.objects.filter(conversation=conversation, seq__gt=max(int(after_seq), 0))
        .select_related("sender_org", "sender_user")
        .prefetch_related("attachments")
        .order_by("seq")[: max(1, min(int(limit), 500))]
    )


def messages_latest(*, conversation: Conversation, limit: int = 200) -> QuerySet[Message]:
    """The last `limit` messages, for the first display of a conversation."""
    return messages_after(conversation=conversation, after_seq=conversation.last_seq - limit, limit=limit)


def _conversations_with_unread(user) -> QuerySet[Conversation]:
    """The user's conversations, each with `my_org_id` (association side first) and `unread`."""
    sides = _sides(user)
    organisation_ids = [organisation.pk for organisation in sides]
    my_org = Case(
        When(association_id__in=organisation_ids, then=F("association_id")),
        default=F("provider_id"),
        output_field=IntegerField(),
    )
    read_seq = Subquery(
        ReadState.objects.filter(conversation=OuterRef("pk"), organisation_id=OuterRef("my_org_id")).values(
            "last_read_seq"
        )[:1]
    )
    return (
        Conversation.objects.filter(_conversations_of(sides))
        .annotate(my_org_id=my_org)
        .annotate(read_seq=Coalesce(read_seq, Value(0)))
        .annotate(unread=Greatest(F("last_seq") - F("read_seq"), Value(0)))
    )


def inbox_for(*, user, unread_only: bool = False, q: str = "") -> QuerySet[Conversation]:
    """The user's conversations, latest activity first; `q` searches names, project titles and messages."""
    conversations = _conversations_with_unread(user).select_related("association", "provider", "project")
    if unread_only:
        conversations = conversations.filter(unread__gt=0)
    q = (q or "").strip()
    if q:
        in_messages = Message.objects.filter(
            conversation=OuterRef("pk"), body__icontains=q, deleted_at__isnull=True, hidden_at__isnull=True
        )
        conversations = conversations.filter(
            Q(association__name__icontains=q)
            | Q(provider__name__icontains=q)
            | Q(project__title__icontains=q)
            | Exists(in_messages)
        )
    return conversations.order_by(F("last_message_at").desc(nulls_last=True), "-pk")


def unread_count_for(*, user) -> int:
    """Unread messages over all the user's conversations (the number for the navigation badge)."""
    if not user.is_authenticated:
        return 0
    return _conversations_with_unread(user).aggregate(total=Sum("unread"))["total"] or 0


def attachment_get_for(*, user, attachment_id: int) -> MessageAttachment:
    """An attachment of a message the user may read, still shown; NotFound for anyone else."""
    attachment = (
        MessageAttachment.objects.select_related("message")
        .filter(pk=attachment_id, message__deleted_at__isnull=True, message__hidden_at__isnull=True)
        .first()
    )
    if attachment is None:
        raise NotFound(_("Pièce jointe introuvable."))
    conversation_get_for(user=user, conversation_id=attachment.message.conversation_id)
    return attachment


def message_author_may(*, user, message: Message, editing: bool = False) -> bool:
    """Who may change a message (delete it, or with `editing` correct it): the one rule, pages and services alike.

    Only its author, with an account still active, on a text message still shown; correcting only
    within EDIT_WINDOW of sending. A message deleted, or hidden by moderation, is nobody's to change
    any more: its text is kept for the staff's moderation screens alone.
    """
    if not (user.is_authenticated and user.is_active and message.sender_user_id == user.pk):
        return False
    if message.kind != MessageKind.TEXT or message.is_removed:
        return False
    return not editing or timezone.now() - message.created_at <= EDIT_WINDOW


def message_for_author(*, user, message_id: int, for_update: bool = False) -> Message:
    """The user's message, if `message_author_may` lets them change it, in a conversation they still belong to.

    Anyone else's message, and a removed one, is NotFound, the answer of an unknown id: the edit
    page never shows their text. Whether the edit window is still open is the caller's next question.
    """
    messages = Message.objects.select_for_update() if for_update else Message.objects.all()
    message = messages.filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("Message introuvable."))
    conversation_get_for(user=user, conversation_id=message.conversation_id)
    if not message_author_may(user=user, message=message):
        raise NotFound(_("Message introuvable."))
    return message


def project_conversation_parties(
    *, user, project_id: int, provider_id: int
) -> tuple[Organisation, Organisation, Project]:
    """(association, provider, project) when the user is the project's association or that provider.

    A provider may only write about a project it may see (`projects_visible_to`); NotFound otherwise,
    the same answer as for a project that does not exist.
    """
    sides = {organisation.pk for organisation in _sides(user)}
    project = (
        Project.objects.select_related("organisation").exclude(state=ProjectState.DRAFT).filter(pk=project_id).first()
    )
    provider = Organisation.objects.filter(pk=provider_id, kind=OrganisationKind.PROVIDER).first()
    if project is None or provider is None:
        raise NotFound(_("Conversation introuvable."))
    if project.organisation_id in sides:
        return project.organisation, provider, project
    if provider.pk in sides:
        try:
            project_get_for(organisation=provider, project_id=project.pk)
        except NotFound as error:
            raise NotFound(_("Conversation introuvable.")) from error
        return project.organisation, provider, project
    raise NotFound(_("Conversation introuvable."))


def attachable_projects_for(*, association: Organisation, provider_id: int) -> QuerySet[Project]:
    """The association's live projects that have no conversation with this provider yet, newest first."""
    return (
        Project.objects.filter(organisation=association)
        .filter(state__in=ProjectState.ACTIVE)
        .exclude(conversations__provider_id=provider_id)
        .order_by("-created_at")
    )


def read_marks(*, conversation: Conversation) -> list[dict]:
    """How far each side has read: lets a polling client show "lu" without a WebSocket."""
    return [
        {"organisation_id": organisation_id, "seq": seq}
        for organisation_id, seq in ReadState.objects.filter(conversation=conversation).values_list(
            "organisation_id", "last_read_seq"
        )
    ]


# Moderation (staff only: the admin views check `is_staff` before calling these)


def report_open_count() -> int:
    return Report.objects.filter(state=ReportState.OPEN).count()


def reports_for_staff() -> QuerySet[Report]:
    return Report.objects.select_related(
        "conversation__association",
        "conversation__provider",
        "message__sender_org",
        "message__sender_user",
        "reporter",
        "reporter_org",
        "closed_by",
    )


def report_context_messages(*, report: Report) -> list[Message]:
    """What staff read to judge: a few messages around the reported one, or the end of a reported conversation.

    Removed messages are included with their text (and, for deleted ones, the text before deletion).
    """
    messages = Message.objects.filter(conversation_id=report.conversation_id)
    if report.message_id:
        seq = report.message.seq
        messages = messages.filter(seq__gte=seq - REPORT_CONTEXT_AROUND, seq__lte=seq + REPORT_CONTEXT_AROUND).order_by(
            "seq"
        )
    else:
        last = report.conversation.last_seq
        messages = messages.filter(seq__gt=last - REPORT_CONTEXT_CONVERSATION).order_by("seq")
    return list(messages.select_related("sender_org", "sender_user").prefetch_related("attachments", "revisions"))


def suspensions_for_staff(*, active_only: bool = True) -> QuerySet[UserSuspension]:
    suspensions = UserSuspension.objects.select_related("user", "suspended_by", "lifted_by", "report")
    return suspensions.filter(lifted_at__isnull=True) if active_only else suspensions
