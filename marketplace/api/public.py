"""Public API of organisations' pages and the skills taxonomy, under /api/v1/directory.

No authentication: these endpoints show what the public pages show, no more. A logged-in staff member's
session still counts, so staff may read an unverified provider's page here as on the site. The directory's
search itself is served by the search engine (`search.api.directory`), under the same path.
"""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Router, Schema

from ..geography import Region
from ..models import ProviderProfile
from ..models.profiles import Certification, Language
from ..selectors.public import association_public_get, provider_public_get, skill_taxonomy_list
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
    }


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
