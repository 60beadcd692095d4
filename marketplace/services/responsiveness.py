"""Response rules of invitations: deadlines, answers, declines, reminders and expiry.

An invited provider has `RESPONSE_DEADLINE_WORKING_DAYS` working days (Europe/Paris, French public
holidays off, see `marketplace.working_days`) to answer: quote, decline, or write to the association
in the project's conversation. `RESPONSE_REMINDER_HOURS_BEFORE` working hours before the deadline
(24 by default: the working day before, at the same time) its members are reminded, once. When the
deadline passes with no answer while the project is open, the invitation is marked expired; the
providers who often let that happen rank lower in matching (`search/weights.py`).

The periodic run (`response_reminders_send`, from the `send_response_reminders` command or task)
also runs what other packages register with `register_reminder_run`: messaging reminds unanswered
questions that way, without the core importing it (the same registry idea as the demo seeders).
Every run only does what is due, and each reminder is claimed by a conditional update before it is
sent, so runs may overlap or repeat without anyone being reminded twice.
"""

import datetime
import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from ..errors import NotFound, PermissionDenied, ProjectError
from ..models import Membership, Project, ProjectInvitation, Proposal
from ..models.projects import InvitationResponse, ProjectState, ProposalState
from ..working_days import add_working_days, add_working_time
from .audit import audit_record
from .notifications import notify_organisation

logger = logging.getLogger(__name__)

ReminderRun = Callable[..., int]
_reminder_runs: dict[str, tuple[ReminderRun, str]] = {}


def response_deadline(start: datetime.datetime) -> datetime.datetime:
    """When an answer asked at `start` is due: the same time, `RESPONSE_DEADLINE_WORKING_DAYS` working days later."""
    return add_working_days(start, conf.response_deadline_working_days())


def reminder_horizon(now: datetime.datetime) -> datetime.datetime | None:
    """Deadlines up to this moment are close enough to remind; None when reminders are turned off."""
    hours = conf.response_reminder_hours_before()
    if hours <= 0:
        return None
    return add_working_time(now, datetime.timedelta(hours=hours))


def _project_url(project_id: int) -> str:
    return reverse("projects:detail", kwargs={"project_id": project_id})


# Deadlines and answers (called by the project, proposal and messaging services, inside their transaction)


def invitation_start_clock(*, invitation: ProjectInvitation, at: datetime.datetime) -> None:
    """The provider is told of the invitation now: its deadline starts; an invitation told already keeps its own."""
    if invitation.notified_at is not None:
        return
    invitation.notified_at = at
    invitation.respond_by = response_deadline(at)
    invitation.save(update_fields=["notified_at", "respond_by"])


def invitations_start_clock(*, project: Project, at: datetime.datetime) -> int:
    """A project is published: every provider invited on the draft is told now, and has the same deadline."""
    return ProjectInvitation.objects.filter(project=project, notified_at__isnull=True).update(
        notified_at=at, respond_by=response_deadline(at)
    )


def invitation_response_record(*, project_id: int, provider_id: int, response: str, at: datetime.datetime) -> bool:
    """The provider answered its invitation (if it had one): keep the first answer only; True if this was it.

    A conditional update, so two answers at the same moment (a quote and a message) record one.
    """
    return bool(
        ProjectInvitation.objects.filter(
            project_id=project_id, provider_id=provider_id, responded_at__isnull=True
        ).update(responded_at=at, response=response)
    )


def invitation_quoted(*, project_id: int, provider_id: int, at: datetime.datetime) -> None:
    """A quote answers the invitation, and takes back a decline made earlier."""
    invitation_response_record(
        project_id=project_id, provider_id=provider_id, response=InvitationResponse.PROPOSAL, at=at
    )
    ProjectInvitation.objects.filter(project_id=project_id, provider_id=provider_id, declined_at__isnull=False).update(
        declined_at=None, decline_reason=""
    )


@transaction.atomic
def invitation_decline(*, membership: Membership, project_id: int, reason: str = "") -> ProjectInvitation:
    """The provider says no to an invitation: an answer in its own right, and the association can look elsewhere.

    Only while the project is open and the provider has no quote in progress on it (withdrawing the
    quote is how one steps back from a quote). The association is told at once.
    """
    organisation = membership.organisation
    if not organisation.is_provider:
        raise PermissionDenied(_("Seuls les prestataires répondent aux invitations."))
    invitation = (
        ProjectInvitation.objects.select_for_update(of=("self",))
        .select_related("project__organisation", "provider")
        .filter(project_id=project_id, provider=organisation)
        .first()
    )
    if invitation is None or invitation.project.state == ProjectState.DRAFT:
        raise NotFound(_("Invitation introuvable."))
    project = invitation.project
    if project.state != ProjectState.PUBLISHED:
        raise ProjectError(_("Ce projet ne reçoit plus de devis : il n'y a plus d'invitation à décliner."))
    if invitation.declined_at is not None:
        raise ProjectError(_("Vous avez déjà décliné cette invitation."))
    if Proposal.objects.filter(project=project, provider=organisation, state__in=ProposalState.OPEN).exists():
        raise ProjectError(_("Vous avez envoyé un devis pour ce projet : retirez-le plutôt que de décliner."))
    now = timezone.now()
    invitation.declined_at = now
    invitation.decline_reason = " ".join((reason or "").split())[:500]
    fields = ["declined_at", "decline_reason"]
    if invitation.responded_at is None:
        invitation.responded_at, invitation.response = now, InvitationResponse.DECLINED
        fields += ["responded_at", "response"]
    invitation.full_clean()
    invitation.save(update_fields=fields)
    audit_record(
        actor=membership.user,
        action="project.invitation_declined",
        organisation=project.organisation,
        target=project,
        data={"provider": organisation.name, "reason": invitation.decline_reason},
    )
    notify_organisation(
        organisation=project.organisation,
        kind="project.invitation_declined",
        template="invitation_declined",
        context={"project": project, "provider": organisation, "reason": invitation.decline_reason},
        url=_project_url(project.pk),
    )
    return invitation


# Expiry


def _expire(invitation_id: int, now: datetime.datetime) -> bool:
    """Mark one invitation expired if it still waits past its deadline; the project's timeline says so."""
    claimed = ProjectInvitation.objects.filter(
        pk=invitation_id, responded_at__isnull=True, expired_at__isnull=True, respond_by__lt=now
    ).update(expired_at=F("respond_by"))
    if not claimed:
        return False
    invitation = ProjectInvitation.objects.select_related("project__organisation", "provider").get(pk=invitation_id)
    audit_record(
        actor=None,
        action="project.invitation_expired",
        organisation=invitation.project.organisation,
        target=invitation.project,
        data={"provider": invitation.provider.name},
    )
    return True


def invitations_settle(*, project: Project, now: datetime.datetime | None = None) -> int:
    """Before an open project closes (award, cancellation, expiry): invitations already past their deadline expire.

    Call it inside the service's transaction, before the state changes; invitations still within
    their deadline are left alone, since nobody has to answer a closed project.
    """
    now = now or timezone.now()
    waiting = ProjectInvitation.objects.filter(
        project=project, responded_at__isnull=True, expired_at__isnull=True, respond_by__lt=now
    ).values_list("pk", flat=True)
    return sum(_expire(pk, now) for pk in list(waiting))


def invitations_expire_overdue(*, now: datetime.datetime | None = None) -> int:
    """Mark expired the invitations of open projects whose deadline passed without an answer; returns how many."""
    now = now or timezone.now()
    overdue = list(
        ProjectInvitation.objects.filter(
            project__state=ProjectState.PUBLISHED,
            responded_at__isnull=True,
            expired_at__isnull=True,
            respond_by__lt=now,
        ).values_list("pk", flat=True)
    )
    expired = 0
    for pk in overdue:
        with transaction.atomic():
            expired += _expire(pk, now)
    return expired


# Reminders


def _invitations_to_remind(now: datetime.datetime) -> list[int]:
    """Invitations of open projects, unanswered and never reminded, whose deadline is within the reminder horizon."""
    horizon = reminder_horizon(now)
    if horizon is None:
        return []
    return list(
        ProjectInvitation.objects.filter(
            project__state=ProjectState.PUBLISHED,
            responded_at__isnull=True,
            expired_at__isnull=True,
            reminded_at__isnull=True,
            respond_by__gt=now,
            respond_by__lte=horizon,
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def _invitation_remind(invitation_id: int, now: datetime.datetime) -> bool:
    """Claim the reminder (`reminded_at` set only where empty) and write it, in one transaction; False if taken."""
    claimed = ProjectInvitation.objects.filter(
        pk=invitation_id, reminded_at__isnull=True, responded_at__isnull=True, expired_at__isnull=True
    ).update(reminded_at=now)
    if not claimed:
        return False
    invitation = ProjectInvitation.objects.select_related("project__organisation", "provider").get(pk=invitation_id)
    project = invitation.project
    notify_organisation(
        organisation=invitation.provider,
        kind="project.invitation_reminder",
        template="invitation_reminder",
        context={"project": project, "association": project.organisation, "respond_by": invitation.respond_by},
        url=_project_url(project.pk),
    )
    return True


def invitation_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind providers whose invitation's deadline is near; each invitation is reminded once, ever.

    Of two overlapping runs that both found an invitation, the second claims nothing and sends nothing.
    """
    now = now or timezone.now()
    return sum(_invitation_remind(pk, now) for pk in _invitations_to_remind(now))


def register_reminder_run(name: str, run: ReminderRun, *, label: str) -> None:
    """Add a package's own reminders to the periodic run: `run(now=...)` returns how many it sent.

    `label` says what was counted in the command's summary ("relance(s) de question"). Registering
    the same name again replaces it (`ready()` may run twice in tests).
    """
    _reminder_runs[name] = (run, label)


def reminder_run_labels() -> dict[str, str]:
    return {
        "invitations_expired": "invitation(s) expirée(s)",
        "invitation_reminders": "relance(s) d'invitation",
        **{name: label for name, (_run, label) in _reminder_runs.items()},
    }


def response_reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """One pass of the response clock: expire overdue invitations, remind near deadlines, then the registered runs.

    A registered run that fails is logged and does not stop the others: a question reminder that
    cannot go out must not keep invitations from being reminded.
    """
    now = now or timezone.now()
    done = {
        "invitations_expired": invitations_expire_overdue(now=now),
        "invitation_reminders": invitation_reminders_send(now=now),
    }
    for name, (run, _label) in sorted(_reminder_runs.items()):
        try:
            done[name] = run(now=now)
        except Exception:  # noqa: BLE001  one package's failure must not stop the others' reminders
            logger.exception("reminder run %s failed", name)
            done[name] = 0
    return done
