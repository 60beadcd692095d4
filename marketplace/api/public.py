"""Public API of organisations' pages and the skills taxonomy, under /api/v1/directory.

No authentication: these endpoints show what the public pages show, no more. A logged-in staff member's
session still counts, so staff may read an unverified provider's page here as on the site. The directory's
search itself is served by the search engine (`search.api.directory`), under the same path.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from ..geography import Region
from ..models import ProviderProfile
from ..models.organisations import OrganisationKind
from ..models.profiles import Certification, Language
from ..selectors.public import association_public_get, provider_public_get, skill_taxonomy_list
from ..selectors.reviews import reputation_summary, reviews_public_page
from .pagination import Page
from .schemas import ErrorOut

public_router = Router(tags=["annuaire"])

ERRORS = {400: ErrorOut, 404: ErrorOut}


class ChoiceOut(Schema):
    value: str
    label: str


class SkillOut(Schema):
    slug: str
    label: str
    domain: str


class ProviderSummaryOut(Schema):
    slug: str
    name: str
    url: str
    verified: bool
    verified_at: datetime | None
    commune: str
    region: ChoiceOut
    remote_ok: bool
    served_regions: list[ChoiceOut]
    skills: list[SkillOut]
    certifications: list[ChoiceOut]
    solidarity_discount_percent: int
    day_rate_min_cents: int | None = Field(..., description="Euro cents, like every amount of the API.")
    day_rate_max_cents: int | None
    logo_url: str | None
    rating: float | None = Field(..., description="Mean of the provider's public reviews, 1 to 5; null without any.")
    review_count: int


class CriterionOut(Schema):
    key: str
    label: str
    score: float | None


class StarCountOut(Schema):
    stars: int
    count: int
    percent: int


class ReputationOut(Schema):
    count: int
    average: float | None
    criteria: list[CriterionOut]
    distribution: list[StarCountOut] = Field(..., description="Public reviews per whole star, 5 stars first.")


class ReviewOut(Schema):
    id: int
    rating: float
    criteria: list[CriterionOut]
    comment: str
    project_type: str
    month: str = Field(..., description="Year and month of publication, YYYY-MM.")
    author: str = Field(..., description="The author's name, or its sector when an association stayed anonymous.")
    author_url: str | None
    response: str
    responded_at: datetime | None


class ReviewPageOut(Schema):
    count: int
    page: int
    pages: int
    reputation: ReputationOut
    results: list[ReviewOut]


class PortfolioItemOut(Schema):
    title: str
    association_served: str
    description: str
    link: str
    image_url: str | None


class ProviderDetailOut(ProviderSummaryOut):
    presentation: str
    services: str
    tools: list[str]
    min_project_cents: int
    pro_bono: bool
    pro_bono_details: str
    languages: list[ChoiceOut]
    team_size: int
    response_time_hours: int
    website: str
    portfolio: list[PortfolioItemOut]


class TaxonomySkillOut(Schema):
    slug: str
    label: str


class SkillDomainOut(Schema):
    slug: str
    label: str
    skills: list[TaxonomySkillOut]


class AssociationPublicOut(Schema):
    """Fields the association did not make public are left out."""

    name: str
    slug: str
    url: str
    public_fields: list[str]
    description: str | None = None
    commune: str | None = None
    region: ChoiceOut | None = None
    field_of_action: ChoiceOut | None = None
    website: str | None = None
    logo_url: str | None = None
    employees: int | None = None
    volunteers: int | None = None
    budget_bracket: ChoiceOut | None = None


def choice_out(choices, value: str) -> dict:
    return {"value": value, "label": str(choices(value).label) if value in choices.values else value}


def absolute_url(request, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


def provider_summary(request, provider: ProviderProfile) -> dict:
    organisation = provider.organisation
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "url": request.build_absolute_uri(reverse("public:provider_detail", args=[organisation.slug])),
        "verified": organisation.is_verified,
        "verified_at": organisation.verified_at,
        "commune": provider.commune,
        "region": choice_out(Region, provider.region),
        "remote_ok": provider.remote_ok,
        "served_regions": [choice_out(Region, row.region) for row in provider.served_regions.all()],
        "skills": [{"slug": s.slug, "label": s.label, "domain": s.domain.slug} for s in provider.skills.all()],
        "certifications": [choice_out(Certification, row.certification) for row in provider.certifications.all()],
        "solidarity_discount_percent": provider.solidarity_discount_percent,
        "day_rate_min_cents": provider.day_rate_min_cents,
        "day_rate_max_cents": provider.day_rate_max_cents,
        "logo_url": absolute_url(request, provider.logo.url if provider.logo else None),
        "rating": float(provider.rating_average) if provider.rating_average is not None else None,
        "review_count": provider.rating_count,
    }


def _criteria(criteria) -> list[dict]:
    return [
        {"key": row.key, "label": row.label, "score": float(row.score) if row.score is not None else None}
        for row in criteria
    ]


def _review_page(request, *, organisation_id: int, subject_kind: str, sort: str, page: int) -> dict:
    summary = reputation_summary(organisation_id=organisation_id, subject_kind=subject_kind)
    reviews = reviews_public_page(organisation_id=organisation_id, subject_kind=subject_kind, sort=sort, page=page)
    return {
        "count": reviews.paginator.count,
        "page": reviews.number,
        "pages": reviews.paginator.num_pages,
        "reputation": {
            "count": summary.count,
            "average": float(summary.average) if summary.average is not None else None,
            "criteria": _criteria(summary.criteria),
            "distribution": [vars(row) for row in summary.distribution],
        },
        "results": [
            {
                "id": card.pk,
                "rating": float(card.rating),
                "criteria": _criteria(card.criteria),
                "comment": card.comment,
                "project_type": card.project_type,
                "month": card.month.strftime("%Y-%m"),
                "author": card.author_name,
                "author_url": absolute_url(request, card.author_url),
                "response": card.response,
                "responded_at": card.responded_at,
            }
            for card in reviews.object_list
        ],
    }


ReviewSortParam = Annotated[
    Literal["recent", "best", "worst"],
    Query(description="`recent` (newest first, the default), `best` or `worst` rating first."),
]


@public_router.get(
    "/providers/{slug}", auth=None, response={200: ProviderDetailOut, **ERRORS}, summary="A provider's public profile"
)
def provider_detail(request, slug: str):
    provider = provider_public_get(slug=slug, staff=request.user.is_staff)
    return {
        **provider_summary(request, provider),
        "presentation": provider.presentation,
        "services": provider.services,
        "tools": [str(tool) for tool in provider.tools or []],
        "min_project_cents": provider.min_project_cents,
        "pro_bono": provider.pro_bono,
        "pro_bono_details": provider.pro_bono_details,
        "languages": [choice_out(Language, code) for code in provider.languages or []],
        "team_size": provider.team_size,
        "response_time_hours": provider.response_time_hours,
        "website": provider.website,
        "portfolio": [
            {
                "title": item.title,
                "association_served": item.association_served,
                "description": item.description,
                "link": item.link,
                "image_url": absolute_url(request, item.image.url if item.image else None),
            }
            for item in provider.portfolio.all()
        ],
    }


@public_router.get(
    "/providers/{slug}/reviews",
    auth=None,
    response={200: ReviewPageOut, **ERRORS},
    summary="A provider's public reviews, 10 a page, with its figures",
)
def provider_reviews(request, slug: str, page: Page = 1, sort: ReviewSortParam = "recent"):
    provider = provider_public_get(slug=slug, staff=request.user.is_staff)
    return _review_page(
        request, organisation_id=provider.organisation_id, subject_kind=OrganisationKind.PROVIDER, sort=sort, page=page
    )


@public_router.get(
    "/associations/{slug}/reviews",
    auth=None,
    response={200: ReviewPageOut, **ERRORS},
    summary="The public reviews providers wrote about an association, 10 a page, with its figures",
)
def association_reviews(request, slug: str, page: Page = 1, sort: ReviewSortParam = "recent"):
    association = association_public_get(slug=slug)
    return _review_page(
        request,
        organisation_id=association.organisation_id,
        subject_kind=OrganisationKind.ASSOCIATION,
        sort=sort,
        page=page,
    )


@public_router.get(
    "/skills", auth=None, response=list[SkillDomainOut], summary="The skills taxonomy, in the request's language"
)
def skill_list(request):
    return [
        {
            "slug": domain.slug,
            "label": domain.label,
            "skills": [{"slug": skill.slug, "label": skill.label} for skill in domain.skills.all()],
        }
        for domain in skill_taxonomy_list()
    ]


@public_router.get(
    "/associations/{slug}",
    auth=None,
    response={200: AssociationPublicOut, **ERRORS},
    exclude_none=True,
    summary="An association's public page: only the fields it chose to show",
)
def association_detail(request, slug: str):
    association = association_public_get(slug=slug)

    def choice(value, label):
        return {"value": value, "label": label or value} if value else None

    return {
        "name": association.name,
        "slug": association.slug,
        "url": request.build_absolute_uri(reverse("public:association_detail", args=[association.slug])),
        "public_fields": list(association.public_fields),
        "description": association.description,
        "commune": association.commune,
        "region": choice(association.region, association.region_label),
        "field_of_action": choice(association.field_of_action, association.field_of_action_label),
        "website": association.website,
        "logo_url": absolute_url(request, association.logo_url),
        "employees": association.employees,
        "volunteers": association.volunteers,
        "budget_bracket": choice(association.budget_bracket, association.budget_bracket_label),
    }
