"""Alerts for new projects: a provider's saved searches and its "Projets qui me correspondent" alert.

When a project is published (`marketplace.signals.project_published`), `search_alerts_evaluate` finds the
verified providers one of whose alerts it matches, records one `SearchAlert` per provider and project (so
nothing is sent twice), writes the in-app notifications and queues the instant e-mails. The daily digest
(`search_alert_digests_send`, from `manage.py send_search_alert_digests`) e-mails the rest once a day.

Never for a project the provider was invited to or already quoted on (it knows it), never to a provider that
is not verified or may not see the project (`projects_visible_to`), and, when sending, never for a project
that is no longer open. Each e-mail names the alerts it comes from in a signed link that turns off their
e-mails without logging in (RFC 8058).
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace import conf as marketplace_conf
from marketplace.errors import DomainError
from marketplace.models import Membership, Organisation, Project, User
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.projects import ProjectInvitation, ProjectState, Proposal
from marketplace.plain_text import render_plain, render_subject
from marketplace.selectors.projects import projects_visible_to
from marketplace.services.notifications import notifications_are_held, notify_users

from ..documents import provider_queryset
from ..engines.base import EngineUnavailable
from ..indexing import index_process_queue
from ..matching import projects_scored
from ..models import AlertEmail, DefaultAlert, IndexKind, IndexQueueItem, SavedSearch, SearchAlert
from ..selectors.board import project_board_for
from ..selectors.saved_searches import default_alert_for, saved_search_params

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "search.alerts.unsubscribe"
#: Pending alerts older than this are not put in a digest any more (a cron that stopped for a week).
DIGEST_MAX_AGE = timedelta(days=2)
NOTIFICATION_KIND = "search.alert"


# --- The unsubscribe link ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnsubscribeScope:
    """The alerts one e-mail came from: some saved searches and/or the default alert of one organisation."""

    organisation_id: int
    saved_search_ids: tuple[int, ...] = ()
    default_alert: bool = False


def unsubscribe_token(scope: UnsubscribeScope) -> str:
    """A signed, salted token naming the alerts; it does not expire (an old e-mail's link must still work)."""
    payload = {"o": scope.organisation_id, "s": sorted(scope.saved_search_ids), "d": int(scope.default_alert)}
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_scope_read(token: str) -> UnsubscribeScope:
    """The alerts a token names; `signing.BadSignature` when it was not made here or was changed."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    try:
        return UnsubscribeScope(
            organisation_id=int(payload["o"]),
            saved_search_ids=tuple(int(pk) for pk in payload["s"]),
            default_alert=bool(payload["d"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("malformed unsubscribe payload") from error


def unsubscribe_url(scope: UnsubscribeScope) -> str:
    return marketplace_conf.site_url() + reverse("saved_searches:unsubscribe", args=[unsubscribe_token(scope)])


# --- Which alerts a project matches --------------------------------------------------------------------------


@dataclass
class _Reach:
    """What one member gets for one project: which alerts want it on the site, at once by e-mail, daily."""

    in_app: bool = False
    instant: list = field(default_factory=list)
    daily: list = field(default_factory=list)


def _project_url(project_id: int) -> str:
    return reverse("projects:detail", args=[project_id])


def _members(organisation_id: int) -> dict[int, User]:
    users = User.objects.filter(
        is_active=True, pk__in=Membership.objects.filter(organisation_id=organisation_id).values("user_id")
    )
    return {user.pk: user for user in users}


def _reach(alert: SearchAlert, members: dict[int, User]) -> dict[int, _Reach]:
    """Per member: a saved search reaches the member who saved it, the default alert every member.

    Read from the alerts' settings now, so a search turned off (or unsubscribed from) since is respected.
    """
    reach: dict[int, _Reach] = {}
    sources = [(saved, [saved.created_by_id]) for saved in alert.saved_searches.all()]
    if alert.default_alert:
        default = default_alert_for(organisation=alert.organisation)
        if default.enabled:
            sources.append((default, list(members)))
    for source, user_ids in sources:
        for user_id in user_ids:
            if user_id not in members:
                continue
            entry = reach.setdefault(user_id, _Reach())
            entry.in_app = entry.in_app or source.in_app
            if source.email == AlertEmail.INSTANT:
                entry.instant.append(source)
            elif source.email == AlertEmail.DAILY:
                entry.daily.append(source)
    return reach


def _scope(organisation_id: int, sources) -> UnsubscribeScope:
    return UnsubscribeScope(
        organisation_id=organisation_id,
        saved_search_ids=tuple(sorted({s.pk for s in sources if isinstance(s, SavedSearch)})),
        default_alert=any(isinstance(s, DefaultAlert) for s in sources),
    )


def _still_due(organisation: Organisation, project_id: int) -> bool:
    """The provider may be alerted about this project now: verified, may see it, open, not invited, no quote."""
    if not (organisation.is_provider and organisation.is_verified):
        return False
    if ProjectInvitation.objects.filter(project_id=project_id, provider=organisation).exists():
        return False
    if Proposal.objects.filter(project_id=project_id, provider=organisation).exists():
        return False
    return projects_visible_to(organisation=organisation).filter(pk=project_id, state__in=ProjectState.OPEN).exists()


def _matching_saved_searches(organisation: Organisation, project_id: int) -> list[SavedSearch]:
    matched = []
    for saved in SavedSearch.objects.filter(organisation=organisation):
        if not (saved.in_app or saved.email != AlertEmail.NONE):
            continue
        try:
            board = project_board_for(organisation=organisation, params=saved_search_params(saved))
        except DomainError:
            continue  # a filter that no longer holds (a skill withdrawn from the taxonomy): the search stays quiet
        if board.filter(pk=project_id).exists():
            matched.append(saved)
    return matched


def _matches_default_alert(organisation: Organisation, project_id: int) -> bool:
    alert = default_alert_for(organisation=organisation)
    if not alert.enabled or not (alert.in_app or alert.email != AlertEmail.NONE):
        return False
    profile = provider_queryset().filter(organisation=organisation).first()
    if profile is None:
        return False
    try:
        match = projects_scored(profile, project_ids=[project_id], loaded=True).get(project_id)
    except EngineUnavailable as error:
        logger.warning("default alert of %s skipped for project %s: %s", organisation.pk, project_id, error)
        return False
    return match is not None and match.score >= alert.threshold


def _candidate_providers(project_id: int):
    """Verified providers not alerted about this project yet, with at least one alert that says something."""
    done = SearchAlert.objects.filter(project_id=project_id).values("organisation_id")
    speaking = Q(in_app=True) | ~Q(email=AlertEmail.NONE)
    saved = SavedSearch.objects.filter(speaking, organisation=OuterRef("pk"))
    default_quiet = DefaultAlert.objects.filter(organisation=OuterRef("pk")).exclude(speaking & Q(enabled=True))
    return (
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER, verification_status=VerificationStatus.VERIFIED)
        .filter(Exists(saved) | ~Exists(default_quiet))
        .exclude(pk__in=done)
    )


def search_alerts_evaluate(*, project_id: int) -> int:
    """Alert every verified provider whose saved search or default alert a newly published project matches.

    One small transaction per provider (the unique pair makes a second run, or a concurrent one, send nothing
    again). Returns the number of providers alerted.
    """
    if notifications_are_held():
        return 0  # the demo's seeder replays history: nobody is told about old projects
    if IndexQueueItem.objects.filter(kind=IndexKind.PROJECT, object_id=project_id).exists():
        # The score and the words are read from the engine: write the project's document first if the
        # indexing task has not run yet (queued tasks run in any order on the database backend).
        index_process_queue()
    project = Project.objects.filter(pk=project_id, state__in=ProjectState.OPEN).first()
    if project is None:
        return 0
    alerted = 0
    for organisation in _candidate_providers(project_id):
        if not _still_due(organisation, project_id):
            continue
        saved = _matching_saved_searches(organisation, project_id)
        default = _matches_default_alert(organisation, project_id)
        if saved or default:
            alerted += int(_alert_record(organisation=organisation, project=project, saved=saved, default=default))
    return alerted


def _alert_record(*, organisation: Organisation, project: Project, saved: list[SavedSearch], default: bool) -> bool:
    """Record the alert and tell the members: on the site now, by e-mail after commit."""
    try:
        with transaction.atomic():
            alert = SearchAlert.objects.create(organisation=organisation, project=project, default_alert=default)
            alert.saved_searches.set(saved)
            members = _members(organisation.pk)
            reach = _reach(alert, members)
            on_site = [members[user_id] for user_id, entry in reach.items() if entry.in_app]
            if on_site:
                notify_users(
                    users=on_site,
                    kind=NOTIFICATION_KIND,
                    template="search_alert",
                    context={"project": project, "organisation": project.organisation},
                    url=_project_url(project.pk),
                    email=False,
                )
            if any(entry.instant for entry in reach.values()):
                from ..tasks import send_search_alert

                transaction.on_commit(lambda: send_search_alert.enqueue(alert_id=alert.pk))
    except IntegrityError:
        return False  # another run alerted this provider about this project first
    return True


# --- E-mails -------------------------------------------------------------------------------------------------


def _send(*, user: User, subject_template: str, body_template: str, context: dict, scope: UnsubscribeScope) -> None:
    link = unsubscribe_url(scope)
    with translation.override(user.preferred_language):
        context = {**context, "unsubscribe_url": link, "site_url": marketplace_conf.site_url()}
        subject = render_subject(subject_template, context)
        body = render_plain(body_template, context).strip() + "\n"
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send()


def search_alert_send_instant(*, alert_id: int) -> int:
    """E-mail an alert at once to the members whose alert wants it so; nothing if the project closed since.

    Returns the number of e-mails sent.
    """
    alert = SearchAlert.objects.select_related("organisation", "project__organisation").filter(pk=alert_id).first()
    if alert is None or notifications_are_held() or not _still_due(alert.organisation, alert.project_id):
        return 0
    members = _members(alert.organisation_id)
    sent = 0
    for user_id, entry in _reach(alert, members).items():
        if not entry.instant:
            continue
        _send(
            user=members[user_id],
            subject_template="search/alerts/instant_subject.txt",
            body_template="search/alerts/instant_body.txt",
            context={
                "project": alert.project,
                "project_url": marketplace_conf.site_url() + _project_url(alert.project_id),
                "alert_names": _names(entry.instant),
            },
            scope=_scope(alert.organisation_id, entry.instant),
        )
        sent += 1
    return sent


def _names(sources) -> list[str]:
    return [source.name if isinstance(source, SavedSearch) else _("Projets qui me correspondent") for source in sources]


def search_alert_digests_send(*, now=None) -> int:
    """The daily e-mail: per member, the projects of the day its "daily" alerts found, in one message.

    Alerts are marked as digested whether or not they ended in an e-mail (instant only, closed since...), so
    a project is never listed twice; those older than `DIGEST_MAX_AGE` are dropped. Returns e-mails sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            SearchAlert.objects.select_for_update()
            .filter(digest_sent_at__isnull=True, created_at__lte=now)
            .values_list("pk", flat=True)
        )
        SearchAlert.objects.filter(pk__in=pending).update(digest_sent_at=now)
    alerts = (
        SearchAlert.objects.filter(pk__in=pending, created_at__gte=now - DIGEST_MAX_AGE)
        .select_related("organisation", "project__organisation")
        .prefetch_related("saved_searches")
        .order_by("organisation_id", "created_at", "pk")
    )
    per_user: dict[tuple[int, int], list] = {}
    members_of: dict[int, dict[int, User]] = {}
    for alert in alerts:
        if not _still_due(alert.organisation, alert.project_id):
            continue
        members = members_of.setdefault(alert.organisation_id, _members(alert.organisation_id))
        for user_id, entry in _reach(alert, members).items():
            if entry.daily and not entry.instant:
                per_user.setdefault((alert.organisation_id, user_id), []).append((alert, entry.daily))
    if notifications_are_held():
        return 0
    sent = 0
    for (organisation_id, user_id), rows in per_user.items():
        sources = [source for _alert, daily in rows for source in daily]
        site = marketplace_conf.site_url()
        projects = [
            {"project": alert.project, "url": site + _project_url(alert.project_id), "alert_names": _names(daily)}
            for alert, daily in rows
        ]
        _send(
            user=members_of[organisation_id][user_id],
            subject_template="search/alerts/digest_subject.txt",
            body_template="search/alerts/digest_body.txt",
            context={"projects": projects, "count": len(projects)},
            scope=_scope(organisation_id, sources),
        )
        sent += 1
    return sent
