"""Public API of the provider directory and the skills taxonomy.

No authentication: these endpoints show what the public pages show, no more. A logged-in staff member's
session still counts, so staff may ask `verified=false` here as on the page.
"""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from ..filters import MAX_PER_PAGE, DirectoryQueryError
from ..geography import Region
from ..models import ProviderProfile
from ..models.profiles import Certification, Language
from ..selectors.directory import (
    association_public_get,
    directory_suggestions,
    provider_directory,
    provider_public_get,
    skill_taxonomy_list,
)
from .schemas import ErrorOut

directory_router = Router(tags=["annuaire"])

ERRORS = {400: ErrorOut, 404: ErrorOut}


class ProviderQuery(Schema):
    """The directory's parameters, the same as the directory page's.

    Every one is declared as text on purpose: the filter set validates them (as for the page), so that a bad
    value answers 400 with a message for each field at fault.
    """

    q: str | None = Field(None, description="Words that must all appear (name, presentation, services, skills).")
    skills: list[str] = Field([], description="Skill slugs; a provider having ANY of them matches.")
    domain: str | None = Field(None, description="Skill domain slug.")
    region: str | None = Field(None, description="A region served, e.g. `bretagne`.")
    remote: str | None = Field(None, description="`true` or `false`.")
    certification: list[str] = Field([], description="Certification codes; ANY of them matches.")
    min_discount: str | None = Field(None, description="Minimum solidarity discount, 0 to 100 (%).")
    rate_min: str | None = Field(None, description="Euros: the provider's day-rate range reaches at least this.")
    rate_max: str | None = Field(None, description="Euros: the provider's day-rate range starts at most at this.")
    verified: str | None = Field(None, description="`true` (default); `false` is for staff only.")
    sort: str | None = Field(None, description="`relevance` (default with `q`), `name`, `discount`, `rate`, `recent`.")
    page: str | None = Field(None, description="Page number, from 1; past the end, the last page.")
    per_page: str | None = Field(None, description=f"Results per page, 1 to {MAX_PER_PAGE} (default 20).")


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


class ProviderHitOut(ProviderSummaryOut):
    highlight: str | None = Field(
        None, description="With `q`: HTML around the matching words, in `<mark>`; everything else is escaped."
    )


class SuggestSkillOut(Schema):
    slug: str
    label: str
    domain: str


class SuggestProviderOut(Schema):
    name: str
    slug: str
    url: str


class SuggestOut(Schema):
    skills: list[SuggestSkillOut]
    providers: list[SuggestProviderOut]


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


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool
    group: str = Field("", description="For skills: the slug of their domain.")


class FacetsOut(Schema):
    domain: list[FacetValueOut]
    skills: list[FacetValueOut]
    region: list[FacetValueOut]
    certification: list[FacetValueOut]
    remote: list[FacetValueOut]


class ProviderListOut(Schema):
    count: int
    page: int
    per_page: int
    num_pages: int
    sort: str
    results: list[ProviderHitOut]
    facets: FacetsOut = Field(..., description="Per value, the providers it gives with the OTHER filters applied.")


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


def _choice(choices, value: str) -> dict:
    return {"value": value, "label": str(choices(value).label) if value in choices.values else value}


def _absolute(request, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


def _summary(request, provider: ProviderProfile) -> dict:
    organisation = provider.organisation
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "url": request.build_absolute_uri(reverse("directory:provider_detail", args=[organisation.slug])),
        "verified": organisation.is_verified,
        "verified_at": organisation.verified_at,
        "commune": provider.commune,
        "region": _choice(Region, provider.region),
        "remote_ok": provider.remote_ok,
        "served_regions": [_choice(Region, row.region) for row in provider.served_regions.all()],
        "skills": [{"slug": s.slug, "label": s.label, "domain": s.domain.slug} for s in provider.skills.all()],
        "certifications": [_choice(Certification, row.certification) for row in provider.certifications.all()],
        "solidarity_discount_percent": provider.solidarity_discount_percent,
        "day_rate_min_cents": provider.day_rate_min_cents,
        "day_rate_max_cents": provider.day_rate_max_cents,
        "logo_url": _absolute(request, provider.logo.url if provider.logo else None),
    }


@directory_router.get(
    "/providers",
    auth=None,
    response={200: ProviderListOut, **ERRORS},
    summary="Search the provider directory, with facet counts",
)
def provider_list(request, filters: Query[ProviderQuery]):
    # `filters` documents the parameters; the filter set reads the query string itself, exactly as the page does.
    try:
        directory = provider_directory(params=request.GET, staff=request.user.is_staff)
    except DirectoryQueryError as error:
        return Status(400, {"message": error.message, "errors": error.errors})
    page = directory.page
    return {
        "count": page.paginator.count,
        "page": page.number,
        "per_page": page.paginator.per_page,
        "num_pages": page.paginator.num_pages,
        "sort": directory.sort,
        "results": [
            {**_summary(request, provider), "highlight": directory.highlights.get(provider.pk)}
            for provider in page.object_list
        ],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected, "group": v.group}
                for v in values
            ]
            for name, values in directory.facets.items()
        },
    }


@directory_router.get(
    "/suggest",
    auth=None,
    response=SuggestOut,
    summary="Suggestions for the directory's search box: skills and verified providers' names",
)
def suggest(request, q: str = ""):
    found = directory_suggestions(text=q[:100])
    return {
        "skills": found["skills"],
        "providers": [
            {**item, "url": reverse("directory:provider_detail", args=[item["slug"]])} for item in found["providers"]
        ],
    }


@directory_router.get(
    "/providers/{slug}", auth=None, response={200: ProviderDetailOut, **ERRORS}, summary="A provider's public profile"
)
def provider_detail(request, slug: str):
    provider = provider_public_get(slug=slug, staff=request.user.is_staff)
    return {
        **_summary(request, provider),
        "presentation": provider.presentation,
        "services": provider.services,
        "tools": [str(tool) for tool in provider.tools or []],
        "min_project_cents": provider.min_project_cents,
        "pro_bono": provider.pro_bono,
        "pro_bono_details": provider.pro_bono_details,
        "languages": [_choice(Language, code) for code in provider.languages or []],
        "team_size": provider.team_size,
        "response_time_hours": provider.response_time_hours,
        "website": provider.website,
        "portfolio": [
            {
                "title": item.title,
                "association_served": item.association_served,
                "description": item.description,
                "link": item.link,
                "image_url": _absolute(request, item.image.url if item.image else None),
            }
            for item in provider.portfolio.all()
        ],
    }


@directory_router.get(
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


@directory_router.get(
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
        "url": request.build_absolute_uri(reverse("directory:association_detail", args=[association.slug])),
        "public_fields": list(association.public_fields),
        "description": association.description,
        "commune": association.commune,
        "region": choice(association.region, association.region_label),
        "field_of_action": choice(association.field_of_action, association.field_of_action_label),
        "website": association.website,
        "logo_url": _absolute(request, association.logo_url),
        "employees": association.employees,
        "volunteers": association.volunteers,
        "budget_bracket": choice(association.budget_bracket, association.budget_bracket_label),
    }
