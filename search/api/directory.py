"""Public API of the provider directory's search, served by the search engine, under /api/v1/directory.

No authentication: these endpoints show what the public pages show, no more. A logged-in staff member's
session still counts, so staff may ask `verified=false` here as on the page. A provider's own page and the
skills taxonomy are the core's (`marketplace.api.public`).
"""

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from marketplace.api.public import ERRORS, ProviderSummaryOut, provider_summary

from ..fallback import DEGRADED_NOTICE
from ..filters.directory import MAX_PER_PAGE, DirectoryQueryError
from ..selectors.directory import directory_suggestions, provider_directory

directory_router = Router(tags=["annuaire"])


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
    min_rating: str | None = Field(None, description="Minimum mean rating of public reviews: `3`, `4` or `4.5`.")
    verified: str | None = Field(None, description="`true` (default); `false` is for staff only.")
    sort: str | None = Field(
        None, description="`relevance` (default with `q`), `name`, `discount`, `rate`, `recent`, `rating`."
    )
    page: str | None = Field(None, description="Page number, from 1; past the end, the last page.")
    per_page: str | None = Field(None, description=f"Results per page, 1 to {MAX_PER_PAGE} (default 20).")


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
    notice: str = Field(
        "",
        description="Empty, or a sentence for the user when the search cluster did not answer and the database "
        "did (no typo tolerance).",
    )


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
            {**provider_summary(request, provider), "highlight": directory.highlights.get(provider.pk)}
            for provider in page.object_list
        ],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected, "group": v.group}
                for v in values
            ]
            for name, values in directory.facets.items()
        },
        "notice": str(DEGRADED_NOTICE) if directory.degraded else "",
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
            {**item, "url": reverse("public:provider_detail", args=[item["slug"]])} for item in found["providers"]
        ],
    }
