"""Read queries of the editorial pages: live figures of the platform, upcoming events, resource lists."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organisation, Project
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.projects import ProjectState

# A project counts as matched once an association has awarded it to a provider, whatever came next.
AWARDED_STATES = (ProjectState.AWARDED, ProjectState.IN_PROGRESS, ProjectState.DELIVERED, ProjectState.CLOSED)


@dataclass(frozen=True)
class KeyFigure:
    value: int
    label: str


def platform_key_figures() -> list[KeyFigure]:
    """The home page's figures, computed on each request from the marketplace itself.

    People trained are left out until billing records training seats: a figure
    we cannot compute is not shown, rather than shown as a made-up number.
    """
    verified = Organisation.objects.filter(verification_status=VerificationStatus.VERIFIED)
    by_kind = dict(verified.values_list("kind").annotate(n=Count("id")).order_by())
    return [
        KeyFigure(by_kind.get(OrganisationKind.ASSOCIATION, 0), _("associations vérifiées")),
        KeyFigure(by_kind.get(OrganisationKind.PROVIDER, 0), _("prestataires vérifiés")),
        KeyFigure(Project.objects.filter(state__in=AWARDED_STATES).count(), _("projets attribués")),
    ]


def event_list_upcoming(*, limit: int | None = None) -> QuerySet:
    from .models import EventPage

    events = EventPage.objects.live().filter(start__gte=timezone.now()).order_by("start")
    return events[:limit] if limit else events


def article_list_latest(*, limit: int) -> QuerySet:
    from .models import ArticlePage

    return ArticlePage.objects.live().order_by("-first_published_at")[:limit]
