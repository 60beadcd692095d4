"""Writing in conversations: every message is stored first, then announced after commit.

Each message takes the next number of its conversation under a row lock, so a
client that reconnects asks for "everything after n" and misses nothing.
"""

import datetime
import logging

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.errors import DomainError, NotFound, PermissionDenied
from marketplace.models import Membership, Organisation, Project, User
from marketplace.models.organisations import OrganisationKind
from marketplace.models.projects import InvitationResponse
from marketplace.services.audit import audit_record
from marketplace.services.notifications import notify_organisation
from marketplace.services.responsiveness import invitation_response_record, reminder_horizon, response_deadline
from marketplace.validators import check_upload

from .digests import digest_schedule
from .models import (
    Conversation,
    Message,
    MessageAttachment,
    MessageKind,
    MessageRevision,
    Question,
    ReadState,
    RevisionAction,
)
from .realtime import conversation_send, users_event_send
from .rendering import body_html
from .selectors import conversation_get_for, message_author_may, message_for_author
from .system_events import system_sentence, system_sentence_stored

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 5000
MAX_ATTACHMENTS = 5
RATE_LIMIT_MESSAGES = 20
RATE_LIMIT_SECONDS = 60
EDIT_CLOSED = gettext_lazy("Un message ne peut plus être modifié dix minutes après son envoi.")


class MessagingError(DomainError):
    pass


class MessageRateLimited(MessagingError):
    status_code = 429


# Payloads


def _sender_name(message: Message) -> str:
    if message.kind == MessageKind.SYSTEM:
        return "Passerelle"
    if message.sender_org_id is None:
        return _("Équipe Passerelle")
    if message.sender_user_id is None:
        # Text messages always name their author: none left means the author deleted their account.
        return _("Compte supprimé (%(organisation)s)") % {"organisation": message.sender_org.name}
    return message.sender_org.name


def message_payload(message: Message) -> dict:
    """What clients receive for one message: JSON-safe, with the body escaped once by the server in `html`."""
    removed = message.is_removed
    if removed:
        body = ""
        html = str(
            format_html(
                "<em>{}</em>", _("Message supprimé") if message.deleted_at else _("Message masqué par la modération")
            )
        )
    elif message.kind == MessageKind.SYSTEM:
        body = system_sentence(message.system_event, message.data) or message.body
        html = str(body_html(body))
    else:
        body = message.body
        html = str(body_html(body))
    attachments = (
        []
        if removed
        else [
            {
                "name": attachment.original_name,
                "url": reverse("messaging:attachment", kwargs={"attachment_id": attachment.pk}),
                "size": attachment.size,
            }
            for attachment in message.attachments.all()
        ]
    )
    return {
        "id": message.pk,
        "seq": message.seq,
        "client_id": message.client_id,
        "kind": message.kind,
        "body": body,
        "html": html,
        "sender_org_id": message.sender_org_id,
        "sender_name": _sender_name(message),
        "created_at": message.created_at.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "deleted": removed,
        "attachments": attachments,
    }


# Broadcasting (after commit, never failing the request that wrote)


def _members(organisation_ids) -> list[int]:
    return list(
        Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def _push_inbox(conversation: Conversation, organisation_ids, seq: int) -> None:
    """Tell the other side's open tabs that a conversation moved; they fetch counts when they show them.

    Counting each member's unread messages here cost one query per member per message and
    slowed every delivery of the conversation behind it.
    """
    user_ids = list(User.objects.filter(pk__in=_members(organisation_ids)).values_list("pk", flat=True))
    users_event_send(user_ids=user_ids, event="inbox", data={"conversation_id": conversation.pk, "seq": seq})


def _announce_posted(message_id: int) -> None:
    message = (
        Message.objects.select_related("conversation", "sender_org", "sender_user")
        .prefetch_related("attachments")
        .get(pk=message_id)
    )
    conversation = message.conversation
    conversation_send(
        conversation_id=conversation.pk, message={"type": "conversation.message", "message": message_payload(message)}
    )
    sides = {conversation.association_id, conversation.provider_id}
    _push_inbox(conversation, sides - {message.sender_org_id}, message.seq)


def _announce_changed(message_id: int) -> None:
    message = Message.objects.select_related("sender_org").prefetch_related("attachments").get(pk=message_id)
    conversation_send(
        conversation_id=message.conversation_id,
        message={"type": "conversation.message_changed", "message": message_payload(message)},
    )


def _after_commit(function, *args) -> None:
    transaction.on_commit(lambda: function(*args), robust=True)


# Conversations


def conversation_open(
    *, association: Organisation, provider: Organisation, project: Project | None = None
) -> Conversation:
    """The conversation of a project with a provider (or the direct one of the pair), created the first time.

    Only with a verified provider: one that is not (pending, rejected...) starts no conversation, from
    either side; it keeps the ones it had only as `selectors.conversations_for` says.
    """
    if not association.is_association or not provider.is_provider:
        raise MessagingError(_("Une conversation relie une association et un prestataire."))
    if project is not None and project.organisation_id != association.pk:
        raise MessagingError(_("Ce projet n'appartient pas à cette association."))
    lookup = (
        {"project": project, "provider": provider}
        if project
        else {"association": association, "provider": provider, "project": None}
    )
    existing = Conversation.objects.filter(**lookup).first()
    if existing:
        return existing
    if not provider.is_verified:
        raise PermissionDenied(_("Ce prestataire n'est pas vérifié : aucune conversation ne peut commencer avec lui."))
    try:
        with transaction.atomic():
            return Conversation.objects.create(association=association, provider=provider, project=project)
    except IntegrityError:  # opened at the same moment by the other side
        return Conversation.objects.get(**lookup)


def _append(conversation_id: int, **fields) -> Message:
    """Store a message with the conversation's next number; the caller holds a transaction."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
    now = timezone.now()
    conversation.last_seq += 1
    conversation.last_message_at = now
    conversation.save(update_fields=["last_seq", "last_message_at"])
    message = Message(conversation=conversation, seq=conversation.last_seq, created_at=now, **fields)
    message.full_clean(exclude=["conversation", "sender_user", "sender_org"])
    message.save()
    return message


def _read_up_to(conversation_id: int, organisation_id: int, seq: int) -> bool:
    """Move the organisation's read mark forward (never back); True if it moved."""
    state, _created = ReadState.objects.get_or_create(conversation_id=conversation_id, organisation_id=organisation_id)
    return bool(
        ReadState.objects.filter(pk=state.pk, last_read_seq__lt=seq).update(
            last_read_seq=seq, updated_at=timezone.now()
        )
    )


def _rate_limit(user) -> None:
    key = f"messaging:rate:{user.pk}"
    cache.add(key, 0, timeout=RATE_LIMIT_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=RATE_LIMIT_SECONDS)
        count = 1
    if count > RATE_LIMIT_MESSAGES:
        raise MessageRateLimited(
            _("Vous envoyez trop de messages à la fois : patientez une minute avant de continuer.")
        )


def _clean_body(body: str, *, allow_empty: bool) -> str:
    body = (body or "").strip()
    if not body and not allow_empty:
        raise MessagingError(_("Le message est vide."), field="body")
    if len(body) > MAX_BODY_CHARS:
        raise MessagingError(_("Le message dépasse %(max)s caractères.") % {"max": MAX_BODY_CHARS}, field="body")
    return body


def _checked_attachments(attachments) -> list[tuple[object, str]]:
    attachments = [upload for upload in attachments or () if upload]
    if len(attachments) > MAX_ATTACHMENTS:
        raise MessagingError(_("Au plus %(n)s pièces jointes.") % {"n": MAX_ATTACHMENTS}, field="attachments")
    return [(upload, check_upload(upload, field="attachments")) for upload in attachments]


# Questions: who waits for whose reply (see `models.Question`)


def _question_turn(conversation: Conversation, message: Message, organisation: Organisation) -> None:
    """A side spoke: it answers the question waiting for it, or asks one of the other side.

    Runs under the conversation's row lock (taken by `_append`), so two messages at once see each
    other's questions.
    """
    other_id = conversation.other_side(organisation.pk)
    if other_id is None:
        return
    waiting_for_us = Question.objects.filter(
        conversation_id=conversation.pk, awaited_from_id=organisation.pk, answered_at__isnull=True
    )
    if waiting_for_us.update(answered_at=message.created_at, answer=message):
        return
    if Question.objects.filter(
        conversation_id=conversation.pk, awaited_from_id=other_id, answered_at__isnull=True
    ).exists():
        return  # a follow-up: the other side still owes the first answer, by the first deadline
    Question.objects.create(
        conversation_id=conversation.pk,
        asked_by=organisation,
        awaited_from_id=other_id,
        message=message,
        asked_at=message.created_at,
        respond_by=response_deadline(message.created_at),
    )


def _question_withdrawn(message: Message) -> None:
    """The author deleted the message that opened a question still unanswered.

    A later message of the same side then carries the question, with its own deadline; without
    one, nothing is asked any more and the question goes.
    """
    question = Question.objects.filter(message=message, answered_at__isnull=True).first()
    if question is None:
        return
    follow_up = (
        Message.objects.filter(
            conversation_id=message.conversation_id,
            seq__gt=message.seq,
            sender_org_id=message.sender_org_id,
            kind=MessageKind.TEXT,
            deleted_at__isnull=True,
        )
        .order_by("seq")
        .first()
    )
    if follow_up is None:
        question.delete()
        return
    question.message = follow_up
    question.asked_at = follow_up.created_at
    question.respond_by = response_deadline(follow_up.created_at)
    question.save(update_fields=["message", "asked_at", "respond_by"])


def _answered_by(conversation: Conversation, message: Message, organisation: Organisation | None) -> None:
    """What a participant's message answers: the other side's question, and the provider's invitation."""
    if organisation is None:
        return
    _question_turn(conversation, message, organisation)
    if conversation.project_id and organisation.pk == conversation.provider_id:
        # Writing to the association about the project answers the invitation to quote on it.
        invitation_response_record(
            project_id=conversation.project_id,
            provider_id=organisation.pk,
            response=InvitationResponse.MESSAGE,
            at=message.created_at,
        )


def _questions_to_remind(now: datetime.datetime) -> list[int]:
    horizon = reminder_horizon(now)
    if horizon is None:
        return []
    return list(
        Question.objects.filter(
            answered_at__isnull=True, reminded_at__isnull=True, respond_by__gt=now, respond_by__lte=horizon
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def _question_remind(question_id: int, now: datetime.datetime) -> bool:
    """Claim the reminder (`reminded_at` set only where empty) and write it, in one transaction; False if taken."""
    if not Question.objects.filter(pk=question_id, answered_at__isnull=True, reminded_at__isnull=True).update(
        reminded_at=now
    ):
        return False
    question = Question.objects.select_related("conversation__project", "asked_by", "awaited_from", "message").get(
        pk=question_id
    )
    notify_organisation(
        organisation=question.awaited_from,
        kind="message.question_reminder",
        template="question_reminder",
        context={
            "asked_by": question.asked_by,
            "project": question.conversation.project,
            "respond_by": question.respond_by,
        },
        url=_conversation_path(question.conversation_id, question.message.seq),
    )
    return True


def question_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the side that owes an answer, once, when the deadline is near (`RESPONSE_REMINDER_HOURS_BEFORE`).

    Each reminder is claimed by a conditional update in the transaction that writes it, so
    overlapping runs never remind twice. Registered in the core's periodic run
    (`marketplace.services.responsiveness.response_reminders_send`) by `MessagingConfig.ready()`.
    """
    now = now or timezone.now()
    return sum(_question_remind(pk, now) for pk in _questions_to_remind(now))


def _conversation_path(conversation_id: int, seq: int) -> str:
    return f"{reverse('messaging:conversation', kwargs={'conversation_id': conversation_id})}#message-{seq}"


def message_post(*, user, conversation_id: int, body: str, client_id: str = "", attachments=()) -> tuple[Message, bool]:
    """Post as the user's side of the conversation (staff outside it post as the platform).

    The same `client_id` sent again returns the message already stored, with False. A
    participant's message answers or asks a question (`_question_turn`), and a provider's message
    about a project answers its invitation.
    """
    if not user.is_active:
        raise PermissionDenied(_("Votre compte est suspendu : vous ne pouvez plus envoyer de messages."))
    conversation, organisation = conversation_get_for(user=user, conversation_id=conversation_id)
    client_id = (client_id or "")[:64]
    if client_id:
        existing = Message.objects.filter(conversation=conversation, sender_user=user, client_id=client_id).first()
        if existing:
            return existing, False
    uploads = _checked_attachments(attachments)
    body = _clean_body(body, allow_empty=bool(uploads))
    _rate_limit(user)
    try:
        with transaction.atomic():
            message = _append(
                conversation.pk,
                client_id=client_id,
                kind=MessageKind.TEXT,
                body=body,
                sender_user=user,
                sender_org=organisation,
            )
            for upload, content_type in uploads:
                MessageAttachment.objects.create(
                    message=message,
                    file=upload,
                    original_name=upload.name[:255],
                    content_type=content_type,
                    size=upload.size,
                )
            if organisation is not None:
                _read_up_to(conversation.pk, organisation.pk, message.seq)
            _answered_by(conversation, message, organisation)
            _after_commit(_announce_posted, message.pk)
            _after_commit(digest_schedule)
    except IntegrityError:
        if not client_id:
            raise
        # The same client id arrived twice at once: the other request stored it.
        return Message.objects.get(conversation=conversation, sender_user=user, client_id=client_id), False
    return message, True


def system_message_post(*, conversation: Conversation, event: str, data: dict) -> Message:
    """The platform notes an event of the project in the conversation (a quote sent, accepted...)."""
    with transaction.atomic():
        message = _append(
            conversation.pk,
            kind=MessageKind.SYSTEM,
            system_event=event,
            data=data,
            body=system_sentence_stored(event, data),
        )
        _after_commit(_announce_posted, message.pk)
    return message


@transaction.atomic
def message_edit(*, user, message_id: int, body: str) -> Message:
    """The author corrects a message within ten minutes (`selectors.message_author_may`); the previous text is kept."""
    message = message_for_author(user=user, message_id=message_id, for_update=True)
    if not message_author_may(user=user, message=message, editing=True):
        raise MessagingError(EDIT_CLOSED)
    body = _clean_body(body, allow_empty=message.attachments.exists())
    if body == message.body:
        return message
    MessageRevision.objects.create(message=message, action=RevisionAction.EDITED, body=message.body, changed_by=user)
    message.body = body
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "edited_at"])
    _after_commit(_announce_changed, message.pk)
    return message


@transaction.atomic
def message_delete(*, user, message_id: int) -> Message:
    """The author withdraws a message: it shows as deleted, its text stays in a revision for moderation."""
    message = message_for_author(user=user, message_id=message_id, for_update=True)
    MessageRevision.objects.create(message=message, action=RevisionAction.DELETED, body=message.body, changed_by=user)
    message.body = ""
    message.deleted_at = timezone.now()
    message.save(update_fields=["body", "deleted_at"])
    _question_withdrawn(message)
    _after_commit(_announce_changed, message.pk)
    return message


def _announce_read(conversation_id: int, organisation_id: int, seq: int) -> None:
    conversation_send(
        conversation_id=conversation_id,
        message={"type": "conversation.read", "organisation_id": organisation_id, "seq": seq},
    )
    conversation = Conversation.objects.get(pk=conversation_id)
    _push_inbox(conversation, [organisation_id], seq)


def conversation_mark_read(*, user, conversation_id: int, seq: int) -> int:
    """The user's side has read up to `seq` (capped at the last message); returns the side's read mark.

    Staff reading as moderators leave no trace.
    """
    conversation, organisation = conversation_get_for(user=user, conversation_id=conversation_id)
    if organisation is None:
        return 0
    seq = max(0, min(int(seq), conversation.last_seq))
    with transaction.atomic():
        if _read_up_to(conversation.pk, organisation.pk, seq):
            _after_commit(_announce_read, conversation.pk, organisation.pk, seq)
    return ReadState.objects.get(conversation=conversation, organisation=organisation).last_read_seq


@transaction.atomic
def message_hide(*, user, message_id: int, report_id: int | None = None) -> Message:
    """Staff take a message out of sight (moderation); its text stays in the database for the record.

    Participants see "Message masqué par la modération" instead, its attachments
    are no longer served, and open pages are told at once.
    """
    if not (user.is_active and user.is_staff):
        raise PermissionDenied(_("Seule l'équipe de modération peut masquer un message."))
    message = Message.objects.select_for_update().filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("Message introuvable."))
    if message.hidden_at is not None:
        raise MessagingError(_("Ce message est déjà masqué."))
    message.hidden_at = timezone.now()
    message.save(update_fields=["hidden_at"])
    audit_record(
        actor=user,
        action="message.hidden",
        organisation=message.sender_org,
        target=message,
        data={"conversation_id": message.conversation_id, "seq": message.seq, "report_id": report_id},
    )
    _after_commit(_announce_changed, message.pk)
    return message


# Questions before a project

# A verified association starts at most this many new conversations with providers a day outside any project:
# enough to compare a few providers, too few to spam the directory.
DIRECT_QUESTIONS_PER_DAY = 10


def _direct_question_allowance(association: Organisation) -> None:
    """Count one new direct conversation for the association today; refuse past the day's allowance."""
    key = f"messaging:direct:{association.pk}:{timezone.localdate().isoformat()}"
    cache.add(key, 0, timeout=60 * 60 * 24)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60 * 60 * 24)
        count = 1
    if count > DIRECT_QUESTIONS_PER_DAY:
        raise MessageRateLimited(
            _(
                "Votre association a déjà ouvert %(count)s conversations avec des prestataires aujourd'hui : "
                "réessayez demain, ou publiez un projet pour recevoir des devis."
            )
            % {"count": DIRECT_QUESTIONS_PER_DAY}
        )


def provider_question_open(*, membership: Membership, provider_id: int) -> Conversation:
    """ "Poser une question" from a provider's page: the association's direct conversation with that provider.

    Only a verified association asks (the unverified ones cannot reach providers at all), only a verified provider
    is asked, and opening a new conversation counts against the association's daily allowance; going back to an
    existing one does not.
    """
    association = membership.organisation
    if not association.is_association:
        raise PermissionDenied(_("Seules les associations posent des questions aux prestataires."))
    if not association.is_verified:
        raise PermissionDenied(
            _("Votre association doit être vérifiée pour écrire aux prestataires : envoyez vos justificatifs.")
        )
    provider = Organisation.objects.filter(pk=provider_id, kind=OrganisationKind.PROVIDER).first()
    if provider is None or not provider.is_verified:
        raise NotFound(_("Prestataire introuvable."))
    existing = Conversation.objects.filter(association=association, provider=provider, project=None).first()
    if existing is not None:
        return existing
    _direct_question_allowance(association)
    return conversation_open(association=association, provider=provider)


@transaction.atomic
def conversation_attach_project(*, membership: Membership, conversation_id: int, project_id: int) -> Conversation:
    """Attach a direct conversation to one of the association's projects, once the question became a project.

    The messages stay where they are; the conversation then is the project's conversation with that provider, so
    it must not have one already.
    """
    conversation = (
        Conversation.objects.select_for_update()
        .filter(pk=conversation_id, association_id=membership.organisation_id)
        .first()
    )
    if conversation is None:
        raise NotFound(_("Conversation introuvable."))
    if conversation.project_id is not None:
        raise MessagingError(_("Cette conversation est déjà rattachée à un projet."))
    project = Project.objects.filter(pk=project_id, organisation_id=membership.organisation_id).first()
    if project is None:
        raise NotFound(_("Projet introuvable."))
    if Conversation.objects.filter(project=project, provider_id=conversation.provider_id).exists():
        raise MessagingError(
            _("Une conversation existe déjà avec ce prestataire pour ce projet : continuez-la depuis le projet.")
        )
    conversation.project = project
    conversation.save(update_fields=["project"])
    audit_record(
        actor=membership.user,
        action="conversation.attached",
        organisation=membership.organisation,
        target=project,
        data={"provider": conversation.provider.name},
    )
    return conversation
