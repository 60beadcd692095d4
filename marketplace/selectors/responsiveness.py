"""How an organisation keeps the response rules: its response rate and its median response time.

A case is something the organisation had to answer: an invitation to quote (providers) or a
question in a conversation (both sides; messaging registers those with `register_case_source`,
since the core does not import it). Over the last `WINDOW` (12 months, by deadline):

- a case is *due* once answered, or once its deadline has passed (an invitation once marked
  expired: those of projects closed before their deadline were never due);
- the *response rate* is the share of due cases answered by their deadline;
- the *median response time* is the median, over answered cases, of the working time between
  the request and the answer, in hours: weekends and French public holidays do not count, every
  working day counts for its 24 hours (`marketplace.working_days.working_time_between`).

Below `MIN_CASES` due cases (or answered ones, for the median) there is "not enough history":
three missed emails of a new member are not a reputation.
"""

import datetime
import statistics
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .. import conf
from ..models import ProjectInvitation
from ..working_days import working_time_between

WINDOW = datetime.timedelta(days=365)
MIN_CASES = 3


@dataclass(frozen=True)
class ResponseCase:
    """One request to answer: when it was made, by when the answer was due, and when it came (if it did)."""

    asked_at: datetime.datetime
    respond_by: datetime.datetime
    answered_at: datetime.datetime | None

    @property
    def in_time(self) -> bool:
        return self.answered_at is not None and self.answered_at <= self.respond_by


# A source returns the organisation's due cases whose deadline is at or after `since`.
CaseSource = Callable[..., Iterable[ResponseCase]]
_case_sources: dict[str, CaseSource] = {}


def register_case_source(name: str, source: CaseSource) -> None:
    """Add a package's cases to the figures: `source(organisation_id=..., since=..., now=...)`.

    Registering the same name again replaces it (`ready()` may run twice in tests).
    """
    _case_sources[name] = source


def invitation_cases(*, organisation_id: int, since: datetime.datetime, now: datetime.datetime) -> list[ResponseCase]:
    """The provider's invitations that were due: answered (in time or late), or marked expired."""
    rows = (
        ProjectInvitation.objects.filter(
            provider_id=organisation_id,
            notified_at__isnull=False,
            respond_by__gte=since,
        )
        .filter(Q(responded_at__isnull=False) | Q(expired_at__isnull=False))
        .values_list("notified_at", "respond_by", "responded_at")
    )
    return [ResponseCase(asked_at, respond_by, answered_at) for asked_at, respond_by, answered_at in rows]


@dataclass(frozen=True)
class Responsiveness:
    """An organisation's figures; `rate_percent` and `median_hours` are None without enough history."""

    due: int
    in_time: int
    answered: int
    median_hours: float | None
    # The deadline the figures were measured against, for the sentence that explains them.
    deadline_days: int = 2

    @property
    def enough_history(self) -> bool:
        return self.due >= MIN_CASES

    @property
    def rate_percent(self) -> int | None:
        if not self.enough_history:
            return None
        return round(100 * self.in_time / self.due)

    @property
    def late(self) -> int:
        return self.due - self.in_time


def responsiveness_from_cases(cases: Iterable[ResponseCase]) -> Responsiveness:
    cases = list(cases)
    answered = [case for case in cases if case.answered_at is not None]
    median = None
    if len(answered) >= MIN_CASES:
        hours = [working_time_between(case.asked_at, case.answered_at).total_seconds() / 3600 for case in answered]
        median = round(statistics.median(hours), 1)
    return Responsiveness(
        due=len(cases),
        in_time=sum(case.in_time for case in cases),
        answered=len(answered),
        median_hours=median,
        deadline_days=conf.response_deadline_working_days(),
    )


def organisation_responsiveness(*, organisation_id: int, now: datetime.datetime | None = None) -> Responsiveness:
    """The figures of one organisation (provider or association): one query per source."""
    now = now or timezone.now()
    since = now - WINDOW
    cases = invitation_cases(organisation_id=organisation_id, since=since, now=now)
    for _name, source in sorted(_case_sources.items()):
        cases.extend(source(organisation_id=organisation_id, since=since, now=now))
    return responsiveness_from_cases(cases)


def invitation_expiry_counts(
    *, provider_ids: Collection[int], now: datetime.datetime | None = None
) -> dict[int, tuple[int, int]]:
    """For matching: provider id -> (invitations due, invitations expired) over the last `WINDOW`, in one query.

    Providers with no due invitation are absent. An invitation answered late still counts as expired:
    the association waited past the deadline all the same.
    """
    if not provider_ids:
        return {}
    now = now or timezone.now()
    due = Q(responded_at__isnull=False) | Q(expired_at__isnull=False)
    rows = (
        ProjectInvitation.objects.filter(provider_id__in=provider_ids, respond_by__gte=now - WINDOW)
        .filter(due)
        .values("provider_id")
        .annotate(due=Count("pk"), expired=Count("pk", filter=Q(expired_at__isnull=False)))
        .values_list("provider_id", "due", "expired")
    )
    return {provider_id: (count, expired) for provider_id, count, expired in rows}


def invitation_for_provider(*, project_id: int, provider_id: int) -> ProjectInvitation | None:
    """The provider's invitation to a project, if it has one (for its project page and its conversation)."""
    return ProjectInvitation.objects.filter(project_id=project_id, provider_id=provider_id).first()
