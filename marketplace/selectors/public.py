"""What anyone may read of an organisation: a provider's public page, an association's public fields, the skills.

Verified providers only (staff may look at the others); of an association, only what it chose to make public.
Pages and the API read these, so nothing private can be shown by mistake.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from ..errors import NotFound
from ..geography import Region
from ..models import AssociationProfile, ProviderCertification, ProviderProfile, ServedRegion, Skill, SkillDomain
from ..models.organisations import OrganisationKind, VerificationStatus
from ..models.profiles import BudgetBracket, FieldOfAction, PublicField


def _active_skills() -> Prefetch:
    return Prefetch("skills", queryset=Skill.objects.filter(is_active=True).select_related("domain"))


def with_card_relations(queryset: QuerySet[ProviderProfile]) -> QuerySet[ProviderProfile]:
    return queryset.select_related("organisation").prefetch_related(
        _active_skills(),
        Prefetch("served_regions", queryset=ServedRegion.objects.order_by("region")),
        Prefetch("certifications", queryset=ProviderCertification.objects.order_by("certification")),
    )


def skill_taxonomy_list() -> QuerySet[SkillDomain]:
    """The domains in their order, each with its active skills: what forms and API clients offer to pick from."""
    return SkillDomain.objects.prefetch_related(Prefetch("skills", queryset=Skill.objects.filter(is_active=True)))


def provider_public_get(*, slug: str, staff: bool = False) -> ProviderProfile:
    """A provider's public page; unknown and (except for staff) unverified providers are not found alike."""
    queryset = ProviderProfile.objects.filter(organisation__slug=slug, organisation__kind=OrganisationKind.PROVIDER)
    if not staff:
        queryset = queryset.filter(organisation__verification_status=VerificationStatus.VERIFIED)
    provider = with_card_relations(queryset).prefetch_related("portfolio").first()
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
    organisation_id: int | None = None
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
        name=profile.organisation.name,
        slug=profile.organisation.slug,
        public_fields=shown,
        organisation_id=profile.organisation_id,
        **values,
    )


def _label(choices, value: str) -> str | None:
    return str(choices(value).label) if value in choices.values else None
