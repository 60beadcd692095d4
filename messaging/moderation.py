"""Moderation: participants report messages or conversations, staff decide, accounts can be suspended.

Every decision closes the report with who, when and what was done, and writes
an audit entry in the same transaction. Hidden messages stay in the database
(see `services.message_hide`); suspended accounts keep their data too, only
`is_active` is turned off, with a `UserSuspension` saying why.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import NotFound, PermissionDenied
from marketplace.models import User
from marketplace.services.audit import audit_record

from .models import (
    Conversation,
    Message,
    MessageKind,
    Report,
    ReportOutcome,
    ReportReason,
    ReportState,
    UserSuspension,
)
from .realtime import user_event_send
from .selectors import conversation_get_for
from .services import MessagingError, message_hide

MAX_REPORT_DETAILS = 2000
MAX_SUSPENSION_REASON = 2000
# Enough for any honest use; beyond it the queue would fill faster than staff can read.
MAX_OPEN_REPORTS_PER_USER = 20


class ModerationError(MessagingError):
    pass


def _staff_only(user) -> None:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        raise PermissionDenied(_("Seule l'équipe de modération peut faire cela."))


def _clean_reason(reason: str, details: str) -> tuple[str, str]:
    if reason not in ReportReason.values:
        raise ModerationError(_("Choisissez un motif de signalement."), field="reason")
    details = (details or "").strip()
    if len(details) > MAX_REPORT_DETAILS:
        raise ModerationError(
            _("Les précisions dépassent %(max)s caractères.") % {"max": MAX_REPORT_DETAILS}, field="details"
        )
    if reason == ReportReason.OTHER and not details:
        raise ModerationError(_("Précisez le motif du signalement."), field="details")
    return reason, details


def _participant(user, conversation_id: int):
    """The user's side of the conversation; NotFound to outsiders, refused to staff who belong to neither side."""
    conversation, organisation = conversation_get_for(user=user, conversation_id=conversation_id)
    if organisation is None:
        raise PermissionDenied(_("Seuls les participants de la conversation peuvent faire un signalement."))
    return conversation, organisation


def _open_report(*, user, conversation: Conversation, organisation, message: Message | None, reason, details) -> Report:
    if Report.objects.filter(reporter=user, state=ReportState.OPEN).count() >= MAX_OPEN_REPORTS_PER_USER:
        raise ModerationError(
            _("Vous avez déjà beaucoup de signalements en attente : l'équipe de modération doit d'abord les traiter.")
        )
    already = (
        _("Vous avez déjà signalé ce message : l'équipe de modération va l'examiner.")
        if message
        else _("Vous avez déjà signalé cette conversation : l'équipe de modération va l'examiner.")
    )
    duplicate = Report.objects.filter(reporter=user, state=ReportState.OPEN, conversation=conversation)
    if duplicate.filter(message=message).exists() if message else duplicate.filter(message__isnull=True).exists():
        raise ModerationError(already)
    try:
        with transaction.atomic():
            report = Report(
                conversation=conversation,
                message=message,
                reporter=user,
                reporter_org=organisation,
                reason=reason,
                details=details,
            )
            report.full_clean(exclude=["conversation", "message", "reporter", "reporter_org", "closed_by"])
            report.save()
            audit_record(
                actor=user,
                action="message.reported" if message else "conversation.reported",
                organisation=organisation,
                target=report,
                data={
                    "conversation_id": conversation.pk,
                    "message_id": message.pk if message else None,
                    "reason": reason,
                },
            )
    except IntegrityError as error:  # the same report sent twice at once: the constraint kept one
        raise ModerationError(already) from error
    return report


def message_report(*, user, message_id: int, reason: str, details: str = "") -> Report:
    """A participant asks staff to look at a message of the other side."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("Message introuvable."))
    conversation, organisation = _participant(user, message.conversation_id)
    if message.kind != MessageKind.TEXT:
        raise ModerationError(_("Les messages de la plateforme ne peuvent pas être signalés."))
    if message.sender_org_id == organisation.pk or message.sender_user_id == user.pk:
        raise ModerationError(_("Vous ne pouvez signaler que les messages de l'autre partie."))
    if message.is_removed:
        raise ModerationError(_("Ce message n'est plus affiché : il n'y a rien à signaler."))
    reason, details = _clean_reason(reason, details)
    return _open_report(
        user=user, conversation=conversation, organisation=organisation, message=message, reason=reason, details=details
    )


def conversation_report(*, user, conversation_id: int, reason: str, details: str = "") -> Report:
    """A participant asks staff to look at a whole conversation (repeated behaviour rather than one message)."""
    conversation, organisation = _participant(user, conversation_id)
    reason, details = _clean_reason(reason, details)
    return _open_report(
        user=user, conversation=conversation, organisation=organisation, message=None, reason=reason, details=details
    )


# Staff decisions


def _locked_open_report(report_id: int) -> Report:
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise NotFound(_("Signalement introuvable."))
    if report.state != ReportState.OPEN:
        raise ModerationError(_("Ce signalement a déjà été traité."))
    return report


def _close(report: Report, *, staff, outcome: str, note: str) -> Report:
    report.state = ReportState.CLOSED
    report.outcome = outcome
    report.closed_at = timezone.now()
    report.closed_by = staff
    report.staff_note = note
    report.save(update_fields=["state", "outcome", "closed_at", "closed_by", "staff_note"])
    audit_record(
        actor=staff,
        action="report.closed",
        organisation=report.reporter_org,
        target=report,
        data={"outcome": outcome, "conversation_id": report.conversation_id, "message_id": report.message_id},
    )
    return report


def _clean_note(note: str, *, field: str = "note", required: bool = False, message: str = "") -> str:
    note = (note or "").strip()
    if required and not note:
        raise ModerationError(message, field=field)
    if len(note) > MAX_SUSPENSION_REASON:
        raise ModerationError(_("Le texte dépasse %(max)s caractères.") % {"max": MAX_SUSPENSION_REASON}, field=field)
    return note


def _target_message(report: Report, message_id: int | None) -> Message:
    """The message a decision is about: the reported one, or one chosen in a reported conversation."""
    message_id = message_id or report.message_id
    if message_id is None:
        raise ModerationError(_("Choisissez le message concerné par la décision."), field="message")
    message = Message.objects.filter(pk=message_id, conversation_id=report.conversation_id).first()
    if message is None:
        raise ModerationError(_("Ce message n'appartient pas à la conversation signalée."), field="message")
    if message.kind != MessageKind.TEXT:
        raise ModerationError(_("Les messages de la plateforme ne peuvent pas être masqués."), field="message")
    return message


def _close_others_about(message: Message, *, staff, outcome: str, note: str) -> None:
    """Other people's open reports on a message just dealt with are answered by the same decision."""
    others = Report.objects.select_for_update().filter(message=message, state=ReportState.OPEN)
    for other in others:
        _close(other, staff=staff, outcome=outcome, note=note)


@transaction.atomic
def report_hide_message(*, staff, report_id: int, message_id: int | None = None, note: str = "") -> Report:
    """Hide the reported message (or the chosen one of a reported conversation) and close the report."""
    _staff_only(staff)
    report = _locked_open_report(report_id)
    note = _clean_note(note)
    message = _target_message(report, message_id)
    if message.hidden_at is None:  # hidden meanwhile (another report, another moderator): just answer this one
        message_hide(user=staff, message_id=message.pk, report_id=report.pk)
    _close(report, staff=staff, outcome=ReportOutcome.MESSAGE_HIDDEN, note=note)
    _close_others_about(message, staff=staff, outcome=ReportOutcome.MESSAGE_HIDDEN, note=note)
    return report


@transaction.atomic
def report_dismiss(*, staff, report_id: int, note: str = "") -> Report:
    """Nothing to act on: the report is closed, the message stays as it is."""
    _staff_only(staff)
    report = _locked_open_report(report_id)
    return _close(report, staff=staff, outcome=ReportOutcome.DISMISSED, note=_clean_note(note))


def _announce_suspended(user_id: int) -> None:
    user_event_send(user_id=user_id, event="account_suspended", data={})


@transaction.atomic
def user_suspend(*, staff, user_id: int, reason: str, report: Report | None = None) -> UserSuspension:
    """Turn an account off (no login, no posting) and record who did it, when and why."""
    _staff_only(staff)
    reason = _clean_note(
        reason, field="note", required=True, message=_("Indiquez le motif de la suspension : il est conservé.")
    )
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise NotFound(_("Compte introuvable."))
    if user.pk == staff.pk or user.is_staff or user.is_superuser:
        raise ModerationError(_("Un compte de l'équipe ne peut pas être suspendu depuis la modération."))
    if not user.is_active:
        raise ModerationError(_("Ce compte est déjà suspendu ou désactivé."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    suspension = UserSuspension.objects.create(user=user, reason=reason, report=report, suspended_by=staff)
    audit_record(
        actor=staff,
        action="user.suspended",
        target=user,
        data={"suspension_id": suspension.pk, "report_id": report.pk if report else None},
    )
    transaction.on_commit(lambda: _announce_suspended(user.pk), robust=True)
    return suspension


@transaction.atomic
def report_suspend_author(
    *, staff, report_id: int, reason: str, message_id: int | None = None, hide_message: bool = False
) -> Report:
    """Suspend the author of the reported message (or of the chosen one), optionally hiding it too."""
    _staff_only(staff)
    report = _locked_open_report(report_id)
    message = _target_message(report, message_id)
    if message.sender_user_id is None:
        raise ModerationError(_("Ce message n'a plus d'auteur à suspendre."), field="message")
    suspension = user_suspend(staff=staff, user_id=message.sender_user_id, reason=reason, report=report)
    if hide_message and message.hidden_at is None:
        message_hide(user=staff, message_id=message.pk, report_id=report.pk)
    _close(report, staff=staff, outcome=ReportOutcome.AUTHOR_SUSPENDED, note=suspension.reason)
    if hide_message:
        _close_others_about(message, staff=staff, outcome=ReportOutcome.AUTHOR_SUSPENDED, note=suspension.reason)
    return report


@transaction.atomic
def user_suspension_lift(*, staff, suspension_id: int, note: str = "") -> UserSuspension:
    """Give a suspended person their account back; the suspension stays on record as lifted."""
    _staff_only(staff)
    suspension = UserSuspension.objects.select_for_update().filter(pk=suspension_id).first()
    if suspension is None:
        raise NotFound(_("Suspension introuvable."))
    if suspension.lifted_at is not None:
        raise ModerationError(_("Cette suspension a déjà été levée."))
    note = _clean_note(note)
    User.objects.filter(pk=suspension.user_id).update(is_active=True)
    suspension.lifted_at = timezone.now()
    suspension.lifted_by = staff
    suspension.lift_note = note
    suspension.save(update_fields=["lifted_at", "lifted_by", "lift_note"])
    audit_record(
        actor=staff,
        action="user.suspension_lifted",
        target=suspension.user,
        data={"suspension_id": suspension.pk},
    )
    return suspension
