"""Read queries of the public directory: the provider list with its facets, served by the search engine.

What the public may see is decided here, once, for the page and the API alike: verified providers only (staff
may look at the others). A provider's own public page is the core's (`marketplace.selectors.public`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from marketplace.folding import fold, search_words
from marketplace.geography import Region
from marketplace.models import ProviderCertification, ProviderProfile, ServedRegion, Skill, SkillDomain
from marketplace.models.profiles import Certification
from marketplace.selectors.public import with_card_relations

from ..faceted import (
    SUGGESTIONS_MAX,
    FacetedQuery,
    FacetedResult,
    Overlap,
    faceted_search,
    highlight_fragment,
    provider_name_suggestions,
)
from ..filters.directory import (
    DEFAULT_PER_PAGE,
    SKILL_THROUGH,
    YES_NO,
    DirectoryQueryError,
    ProviderFilterSet,
)
from ..models import IndexKind

# The facets, in the order the page shows them; each is named after the parameter it counts for.
FACETS = ("domain", "skills", "region", "certification", "remote")

REMOTE_LABELS = {"true": gettext_lazy("À distance"), "false": gettext_lazy("Sur place uniquement")}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what to send back as a parameter, what to show, and how many providers it gives.

    `count` is None when it could not be counted (the other parameters were invalid). Skills carry their
    domain in `group`/`group_label` so that lists can be grouped.
    """

    value: str
    label: str
    count: int | None
    selected: bool
    group: str = ""
    group_label: str = ""


@dataclass(frozen=True)
class ProviderDirectory:
    """A page of the directory: the providers, the total, and the facets counted for the current query."""

    page: Page
    facets: dict[str, list[FacetValue]]
    sort: str
    filterset: ProviderFilterSet = field(repr=False)
    # Provider id -> HTML fragment around the searched words, `<mark>`ed, everything else escaped.
    highlights: dict[int, str] = field(default_factory=dict)
    # The cluster did not answer: the database did, without typo tolerance; the page says so.
    degraded: bool = False

    @property
    def providers(self) -> list[ProviderProfile]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count


def provider_directory(
    *, params: Mapping, page: int | None = None, per_page: int | None = None, staff: bool = False
) -> ProviderDirectory:
    """The directory for the query-string parameters `params` (see `search.filters.directory`).

    `page` and `per_page` default to the `page`/`per_page` parameters; a page past the end gives the last one.
    Raises DirectoryQueryError, listing every invalid parameter, rather than ignoring any of them.

    The configured search engine answers (`search.faceted`); the filter set only validates, and serves as the
    SQL half of the database engine. Highlighted fragments are set on each provider as `search_highlight`.
    """
    filterset = ProviderFilterSet(params, staff=staff)
    if not filterset.is_valid():
        raise DirectoryQueryError(filterset.form)
    cleaned = filterset.form.cleaned_data
    sql = _DirectorySql(filterset)
    result = faceted_search(
        _directory_query(
            filterset,
            sql=sql,
            page=page or cleaned.get("page") or 1,
            per_page=per_page or cleaned.get("per_page") or DEFAULT_PER_PAGE,
        )
    )
    page_obj = sql.page if sql.page is not None else _engine_page(result, per_page or cleaned.get("per_page"))
    facets = sql.facets if sql.page is not None else _engine_facets(result.facets)
    highlights = _highlights(page_obj.object_list, result, bool(cleaned.get("q")))
    return ProviderDirectory(
        page=page_obj,
        facets=_facets(_selected(cleaned), facets, taxonomy=filterset.taxonomy),
        sort=filterset.effective_sort,
        filterset=filterset,
        highlights=highlights,
        degraded=result.degraded,
    )


# Facet parameters and the document fields they count.
FACET_FIELDS = {
    "skills": "skills",
    "domain": "skill_domains",
    "region": "regions_served",
    "certification": "certifications",
    "remote": "remote_ok",
}


def _directory_query(filterset: ProviderFilterSet, *, sql, page: int, per_page: int) -> FacetedQuery:
    cleaned = filterset.form.cleaned_data
    filters = {
        "skills": [skill.slug for skill in cleaned.get("skills") or []],
        "skill_domains": [cleaned["domain"].slug] if cleaned.get("domain") else [],
        "regions_served": [cleaned["region"]] if cleaned.get("region") else [],
        "certifications": list(cleaned.get("certification") or []),
        "remote_ok": [cleaned["remote"]] if cleaned.get("remote") else [],
    }
    minimums = {"discount_pct": cleaned["min_discount"]} if cleaned.get("min_discount") is not None else {}
    if cleaned.get("min_rating"):
        minimums["rating"] = float(cleaned["min_rating"])
    overlaps = ()
    if cleaned.get("rate_min") is not None or cleaned.get("rate_max") is not None:
        overlaps = (Overlap("day_rate", cleaned.get("rate_min"), cleaned.get("rate_max")),)
    # Staff may list the unverified providers instead; everyone else only ever sees verified ones.
    verified = not (cleaned.get("verified") == "false" and filterset.staff)
    return FacetedQuery(
        kind=IndexKind.PROVIDER,
        text=cleaned.get("q") or "",
        filters={name: values for name, values in filters.items() if values},
        overlaps=overlaps,
        minimums=minimums,
        only={"verified": verified},
        sort=filterset.effective_sort,
        page=page,
        per_page=per_page,
        facets=tuple(FACET_FIELDS.values()),
        highlight_fields=("presentation", "services", "portfolio"),
        sql=sql,
    )


class _DirectorySql:
    """The database engine's SQL half: the filter set filters, counts facets, sorts and pages.

    The page's providers are loaded here with everything a card shows, and kept for the selector, so the
    database engine costs the same queries as before.
    """

    def __init__(self, filterset: ProviderFilterSet):
        self.filterset = filterset
        self.page: Page | None = None
        self.facets: dict[str, dict[str, int]] | None = None

    def search(self, *, text_matches, page: int, per_page: int, facets):
        self.filterset.text_matches = text_matches
        queryset = with_card_relations(self.filterset.order(self.filterset.qs))
        self.page = Paginator(queryset, per_page).get_page(page)
        self.facets = _facet_counts(self.filterset)
        return [provider.pk for provider in self.page.object_list], self.page.paginator.count, self.page.number, {}


class _Window:
    """The engine's answer as Paginator wants it: `total` long, holding only the page's objects."""

    def __init__(self, total: int, start: int, objects: list):
        self.total, self.start, self.objects = total, start, objects

    def __len__(self):
        return self.total

    def __getitem__(self, bounds: slice):
        return self.objects[bounds.start - self.start : bounds.stop - self.start]


def _engine_page(result: FacetedResult, per_page: int | None) -> Page:
    size = per_page or DEFAULT_PER_PAGE
    by_id = {
        provider.pk: provider for provider in with_card_relations(ProviderProfile.objects.filter(pk__in=result.ids))
    }
    # A document whose row is gone (not yet unindexed) is skipped rather than shown broken.
    objects = [by_id[pk] for pk in result.ids if pk in by_id]
    window = _Window(result.total, (result.page - 1) * size, objects)
    return Paginator(window, size).get_page(result.page)


def _engine_facets(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {name: dict(counts.get(field_name, {})) for name, field_name in FACET_FIELDS.items()}


def _highlights(providers, result: FacetedResult, searched: bool) -> dict[int, str]:
    """Fragments per provider, set on each one as `search_highlight` (escaped HTML with <mark>)."""
    highlights = {}
    for provider in providers:
        fragment = ""
        if searched:
            fragment = result.highlights.get(provider.pk) or next(
                (
                    text
                    for text in (
                        highlight_fragment(provider.presentation, result.highlight_terms),
                        highlight_fragment(provider.services, result.highlight_terms),
                    )
                    if text
                ),
                "",
            )
        provider.search_highlight = mark_safe(fragment)  # noqa: S308 (escaped by search.faceted or the engine)
        if fragment:
            highlights[provider.pk] = fragment
    return highlights


def provider_directory_options(*, params: Mapping) -> dict[str, list[FacetValue]]:
    """Every facet's values with no counts, for redisplaying a form whose parameters were refused."""
    getlist = getattr(params, "getlist", None)
    selected = {}
    for name in FACETS:
        raw = getlist(name) if getlist else params.get(name)
        values = raw if isinstance(raw, list | tuple) else [raw]
        selected[name] = {str(value) for value in values if value}
    return _facets(selected, None)


def _selected(cleaned: dict) -> dict[str, set[str]]:
    return {
        "skills": {skill.slug for skill in cleaned.get("skills") or []},
        "domain": {cleaned["domain"].slug} if cleaned.get("domain") else set(),
        "region": {cleaned["region"]} if cleaned.get("region") else set(),
        "certification": set(cleaned.get("certification") or []),
        "remote": {cleaned["remote"]} if cleaned.get("remote") else set(),
    }


def _facet_counts(filterset: ProviderFilterSet) -> dict[str, dict[str, int]]:
    """Providers per facet value, each facet counted with every filter but its own (standard faceted search)."""

    def others(name: str):
        return filterset.filter_queryset(filterset.queryset.all(), exclude=(name,)).values("pk")

    def count_by(queryset, key: str, provider: str) -> dict[str, int]:
        rows = queryset.values(key).annotate(n=Count(provider, distinct=True)).order_by()
        return {str(row[key]): row["n"] for row in rows}

    remote = ProviderProfile.objects.filter(pk__in=others("remote")).aggregate(
        true=Count("pk", filter=Q(remote_ok=True)), false=Count("pk", filter=Q(remote_ok=False))
    )
    return {
        "skills": count_by(
            SKILL_THROUGH.objects.filter(providerprofile__in=others("skills")), "skill__slug", "providerprofile_id"
        ),
        "domain": count_by(
            SKILL_THROUGH.objects.filter(providerprofile__in=others("domain")),
            "skill__domain__slug",
            "providerprofile_id",
        ),
        "region": count_by(ServedRegion.objects.filter(profile__in=others("region")), "region", "profile_id"),
        "certification": count_by(
            ProviderCertification.objects.filter(profile__in=others("certification")), "certification", "profile_id"
        ),
        "remote": remote,
    }


def _facets(
    selected: dict[str, set[str]], counts: dict[str, dict] | None, *, taxonomy: list[Skill] | None = None
) -> dict[str, list[FacetValue]]:
    def count(facet: str, key) -> int | None:
        return None if counts is None else counts[facet].get(str(key), 0)

    def choice_values(facet: str, choices) -> list[FacetValue]:
        return [
            FacetValue(str(value), str(label), count(facet, value), str(value) in selected[facet])
            for value, label in choices
        ]

    if taxonomy is None:
        skills = Skill.objects.filter(Q(is_active=True) | Q(slug__in=selected["skills"])).select_related("domain")
    else:
        skills = [skill for skill in taxonomy if skill.is_active or skill.slug in selected["skills"]]
    return {
        "domain": [
            FacetValue(domain.slug, domain.label, count("domain", domain.slug), domain.slug in selected["domain"])
            for domain in SkillDomain.objects.all()
        ],
        "skills": [
            FacetValue(
                skill.slug,
                skill.label,
                count("skills", skill.slug),
                skill.slug in selected["skills"],
                group=skill.domain.slug,
                group_label=skill.domain.label,
            )
            for skill in skills
        ],
        "region": choice_values("region", Region.choices),
        "certification": choice_values("certification", Certification.choices),
        "remote": [
            FacetValue(value, str(REMOTE_LABELS[value]), count("remote", value), value in selected["remote"])
            for value, _label in YES_NO
        ],
    }


def directory_suggestions(*, text: str) -> dict[str, list[dict]]:
    """What the directory's search box offers as one types: skills (labels and synonyms, accents, case and
    word starts ignored) and verified providers' names from the search engine; at most 8 of each."""
    typed = search_words(text)
    if not typed or len(" ".join(typed)) < 2:
        return {"skills": [], "providers": []}
    wanted = " ".join(typed)
    skills = []
    for skill in Skill.objects.filter(is_active=True).select_related("domain"):
        phrases = [fold(phrase) for phrase in (skill.label_fr, skill.label_en, *(skill.synonyms or []))]
        starts = [phrase for phrase in phrases if phrase.startswith(wanted)]
        in_words = [
            phrase for phrase in phrases if all(any(word.startswith(t) for word in search_words(phrase)) for t in typed)
        ]
        if starts or in_words:
            skills.append((not starts, skill))
    skills.sort(key=lambda item: (item[0], fold(item[1].label)))
    providers = provider_name_suggestions(text, limit=SUGGESTIONS_MAX)
    return {
        "skills": [
            {"slug": skill.slug, "label": skill.label, "domain": skill.domain.slug}
            for _later, skill in skills[:SUGGESTIONS_MAX]
        ],
        "providers": [{"name": item["name"], "slug": item["slug"]} for item in providers],
    }
