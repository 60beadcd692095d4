"""Read queries of the public directory: the provider list with its facets, a provider's page, an association's.

What the public may see is decided here, once, for the page and the API alike: verified providers only (staff
may look at the others), and of an association only what it chose to make public.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..errors import NotFound
from ..filters import DEFAULT_PER_PAGE, SKILL_THROUGH, YES_NO, DirectoryQueryError, ProviderFilterSet
from ..geography import Region
from ..models import AssociationProfile, ProviderCertification, ProviderProfile, ServedRegion, Skill, SkillDomain
from ..models.organisations import OrganisationKind, VerificationStatus
from ..models.profiles import BudgetBracket, Certification, FieldOfAction, PublicField

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

    @property
    def providers(self) -> list[ProviderProfile]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count


def _active_skills() -> Prefetch:
    return Prefetch("skills", queryset=Skill.objects.filter(is_active=True).select_related("domain"))


def _with_card_relations(queryset: QuerySet[ProviderProfile]) -> QuerySet[ProviderProfile]:
    return queryset.select_related("organisation").prefetch_related(
        _active_skills(),
        Prefetch("served_regions", queryset=ServedRegion.objects.order_by("region")),
        Prefetch("certifications", queryset=ProviderCertification.objects.order_by("certification")),
    )


def provider_directory(
    *, params: Mapping, page: int | None = None, per_page: int | None = None, staff: bool = False
) -> ProviderDirectory:
    """The directory for the query-string parameters `params` (see `marketplace.filters`).

    `page` and `per_page` default to the `page`/`per_page` parameters; a page past the end gives the last one.
    Raises DirectoryQueryError, listing every invalid parameter, rather than ignoring any of them.
    """
    filterset = ProviderFilterSet(params, staff=staff)
    if not filterset.is_valid():
        raise DirectoryQueryError(filterset.form)
    cleaned = filterset.form.cleaned_data
    queryset = _with_card_relations(filterset.order(filterset.qs))
    paginator = Paginator(queryset, per_page or cleaned.get("per_page") or DEFAULT_PER_PAGE)
    return ProviderDirectory(
        page=paginator.get_page(page or cleaned.get("page") or 1),
        facets=_facets(_selected(cleaned), _facet_counts(filterset)),
        sort=filterset.effective_sort,
        filterset=filterset,
    )


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
            SKILL_THROUGH.objects.filter(providerprofile__in=others("skills")), "skill_id", "providerprofile_id"
        ),
        "domain": count_by(
            SKILL_THROUGH.objects.filter(providerprofile__in=others("domain")), "skill__domain_id", "providerprofile_id"
        ),
        "region": count_by(ServedRegion.objects.filter(profile__in=others("region")), "region", "profile_id"),
        "certification": count_by(
            ProviderCertification.objects.filter(profile__in=others("certification")), "certification", "profile_id"
        ),
        "remote": remote,
    }


def _facets(selected: dict[str, set[str]], counts: dict[str, dict] | None) -> dict[str, list[FacetValue]]:
    def count(facet: str, key) -> int | None:
        return None if counts is None else counts[facet].get(str(key), 0)

    def choice_values(facet: str, choices) -> list[FacetValue]:
        return [
            FacetValue(str(value), str(label), count(facet, value), str(value) in selected[facet])
            for value, label in choices
        ]

    skills = Skill.objects.filter(Q(is_active=True) | Q(slug__in=selected["skills"])).select_related("domain")
    return {
        "domain": [
            FacetValue(domain.slug, domain.label, count("domain", domain.pk), domain.slug in selected["domain"])
            for domain in SkillDomain.objects.all()
        ],
        "skills": [
            FacetValue(
                skill.slug,
                skill.label,
                count("skills", skill.pk),
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


def skill_taxonomy_list() -> QuerySet[SkillDomain]:
    """The domains in their order, each with its active skills: what forms and API clients offer to pick from."""
    return SkillDomain.objects.prefetch_related(Prefetch("skills", queryset=Skill.objects.filter(is_active=True)))


def provider_public_get(*, slug: str, staff: bool = False) -> ProviderProfile:
    """A provider's public page; unknown and (except for staff) unverified providers are not found alike."""
    queryset = ProviderProfile.objects.filter(organisation__slug=slug, organisation__kind=OrganisationKind.PROVIDER)
    if not staff:
        queryset = queryset.filter(organisation__verification_status=VerificationStatus.VERIFIED)
    provider = _with_card_relations(queryset).prefetch_related("portfolio").first()
    if provider is None:
        raise NotFound(_("Prestataire introuvable."))
    return provider


@dataclass(frozen=True)
class PublicAssociation:
    """An association as the public sees it: its name, and only the fields it chose to show (others are None).

    Pages and the API read this rather than the profile, so nothing private can be shown by mistake.
    """

    name: str
    slug: str
    public_fields: tuple[str, ...]
    description: str | None = None
    commune: str | None = None
    region: str | None = None
    region_label: str | None = None
    field_of_action: str | None = None
    field_of_action_label: str | None = None
    website: str | None = None
    logo_url: str | None = None
    employees: int | None = None
    volunteers: int | None = None
    budget_bracket: str | None = None
    budget_bracket_label: str | None = None


def association_public_get(*, slug: str) -> PublicAssociation:
    """An association's public page; not found unless it made its page public."""
    profile = (
        AssociationProfile.objects.filter(
            organisation__slug=slug, organisation__kind=OrganisationKind.ASSOCIATION, is_public=True
        )
        .select_related("organisation")
        .first()
    )
    if profile is None:
        raise NotFound(_("Association introuvable."))
    shown = tuple(value for value in PublicField.values if value in (profile.public_fields or []))
    values = {}
    if PublicField.DESCRIPTION in shown:
        values["description"] = profile.description or None
    if PublicField.PLACE in shown:
        values.update(
            commune=profile.commune,
            region=profile.region,
            region_label=str(Region(profile.region).label) if profile.region in Region.values else None,
        )
    if PublicField.FIELD_OF_ACTION in shown:
        values.update(
            field_of_action=profile.field_of_action,
            field_of_action_label=_label(FieldOfAction, profile.field_of_action),
        )
    if PublicField.WEBSITE in shown:
        values["website"] = profile.website or None
    if PublicField.LOGO in shown:
        values["logo_url"] = profile.logo.url if profile.logo else None
    if PublicField.TEAM in shown:
        values.update(employees=profile.employees, volunteers=profile.volunteers)
    if PublicField.BUDGET in shown:
        values.update(
            budget_bracket=profile.budget_bracket, budget_bracket_label=_label(BudgetBracket, profile.budget_bracket)
        )
    return PublicAssociation(
        name=profile.organisation.name, slug=profile.organisation.slug, public_fields=shown, **values
    )


def _label(choices, value: str) -> str | None:
    return str(choices(value).label) if value in choices.values else None
