"""What anyone may read of reviews, and what each side of a project reads of its own.

One rule, used by public pages, the project page and the API alike: a review is public once published and not
hidden by moderation; before that only its author's organisation reads it (double-blind), and once hidden only
staff read it, in the admin. Figures come from the `Reputation` row kept by `services.reviews.reputation_refresh`,
never from a query per card.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Reputation, Review
from ..models.organisations import OrganisationKind
from ..models.profiles import FieldOfAction
from ..models.reviews import CRITERIA, criteria_labels
from ..project_types import ProjectType

REVIEWS_PER_PAGE = 10


class ReviewSort:
    RECENT = "recent"
    BEST = "best"
    WORST = "worst"

    choices = [
        (RECENT, gettext_lazy("Les plus récents")),
        (BEST, gettext_lazy("Les mieux notés")),
        (WORST, gettext_lazy("Les moins bien notés")),
    ]
    ordering = {
        RECENT: ("-published_at", "-pk"),
        BEST: ("-rating", "-published_at", "-pk"),
        WORST: ("rating", "-published_at", "-pk"),
    }


def reviews_public() -> QuerySet[Review]:
    """Every review anyone may read."""
    return Review.objects.filter(is_published=True, hidden_at__isnull=True)


def reviews_visible_to(*, organisation_id: int | None) -> QuerySet[Review]:
    """Public reviews, plus the ones this organisation wrote (still blind, or hidden by moderation)."""
    if organisation_id is None:
        return reviews_public()
    return Review.objects.filter(Q(is_published=True, hidden_at__isnull=True) | Q(author_id=organisation_id))


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    score: Decimal | int | None


@dataclass(frozen=True)
class StarCount:
    stars: int
    count: int
    percent: int


@dataclass(frozen=True)
class ReputationSummary:
    """An organisation's figures as pages and the API show them."""

    count: int
    average: Decimal | None
    criteria: list[Criterion]
    distribution: list[StarCount]  # 5 stars first


def reputation_summary(*, organisation_id: int, subject_kind: str) -> ReputationSummary:
    """The figures of an organisation's public reviews (none yet gives a count of 0)."""
    reputation = Reputation.objects.filter(organisation_id=organisation_id).first()
    labels = criteria_labels(subject_kind)
    if reputation is None or not reputation.count:
        return ReputationSummary(count=0, average=None, criteria=[], distribution=[])
    counts = list(reputation.distribution or [0] * 5)
    return ReputationSummary(
        count=reputation.count,
        average=reputation.average,
        criteria=[Criterion(key, str(labels[key]), getattr(reputation, key)) for key in CRITERIA],
        distribution=[
            StarCount(stars, counts[stars - 1], round(100 * counts[stars - 1] / reputation.count))
            for stars in range(5, 0, -1)
        ],
    )


@dataclass(frozen=True)
class ReviewCard:
    """One public review as a reader sees it: who (or which kind of association), on what, when, and the answer."""

    pk: int
    rating: Decimal
    stars: int
    criteria: list[Criterion]
    comment: str
    project_type: str
    month: datetime
    author_name: str
    author_url: str | None
    response: str
    responded_at: datetime | None


def author_display(review: Review) -> tuple[str, str | None]:
    """The name the public reads for a review's author, and its public page when it has one.

    An association that chose anonymity is shown by its sector only ("Une association du secteur culture").
    """
    author = review.author
    if author.kind == OrganisationKind.ASSOCIATION:
        profile = getattr(author, "association_profile", None)
        if review.is_anonymous:
            field = profile.field_of_action if profile is not None else ""
            if field in FieldOfAction.values and field != FieldOfAction.OTHER:
                return _("Une association du secteur %(sector)s") % {
                    "sector": str(FieldOfAction(field).label).lower()
                }, None
            return _("Une association"), None
        url = reverse("public:association_detail", args=[author.slug]) if profile and profile.is_public else None
        return author.name, url
    if author.is_verified:
        return author.name, reverse("public:provider_detail", args=[author.slug])
    return author.name, None


def review_card(review: Review, *, subject_kind: str) -> ReviewCard:
    labels = criteria_labels(subject_kind)
    name, url = author_display(review)
    return ReviewCard(
        pk=review.pk,
        rating=review.rating,
        stars=review.stars,
        criteria=[Criterion(key, str(labels[key]), getattr(review, key)) for key in CRITERIA],
        comment=review.comment,
        project_type=str(ProjectType(review.project.project_type).label)
        if review.project.project_type in ProjectType.values
        else "",
        month=review.published_at or review.created_at,
        author_name=name,
        author_url=url,
        response=review.response,
        responded_at=review.responded_at,
    )


def reviews_public_page(
    *, organisation_id: int, subject_kind: str, sort: str = ReviewSort.RECENT, page: int = 1, per_page: int = 0
) -> Page:
    """A page of an organisation's public reviews as cards, newest first unless asked otherwise.

    Two queries whatever the page's size (the count and the page); a page past the end gives the last one.
    """
    ordering = ReviewSort.ordering.get(sort, ReviewSort.ordering[ReviewSort.RECENT])
    queryset = (
        reviews_public()
        .filter(subject_id=organisation_id)
        .select_related("project", "author", "author__association_profile")
        .order_by(*ordering)
    )
    paginator = Paginator(queryset, per_page or REVIEWS_PER_PAGE)
    result = paginator.get_page(page)
    result.object_list = [review_card(review, subject_kind=subject_kind) for review in result.object_list]
    return result


@dataclass(frozen=True)
class ProjectReviews:
    """What one party of a project reads of its reviews, and what it may still do."""

    reviews: list[Review]  # public ones, and its own whatever its state
    own: Review | None
    other_waiting: bool  # the other side wrote a review that stays blind until this side writes its own


def project_reviews_for(*, project, organisation_id: int) -> ProjectReviews:
    """The reviews of a project as one of its parties reads them: both once public, its own one always."""
    reviews = list(
        reviews_visible_to(organisation_id=organisation_id)
        .filter(project=project)
        .select_related("author", "subject")
        .order_by("created_at")
    )
    own = next((review for review in reviews if review.author_id == organisation_id), None)
    other_waiting = (
        own is None and Review.objects.filter(project=project, subject_id=organisation_id, is_published=False).exists()
    )
    return ProjectReviews(reviews=reviews, own=own, other_waiting=other_waiting)
