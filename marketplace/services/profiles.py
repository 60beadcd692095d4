"""Association and provider profiles: one service each to save them, checking every rule on the server."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from ..errors import NotFound, OrganisationError, PermissionDenied
from ..geography import Region, approximate_coordinates, region_for_postcode
from ..models import AssociationProfile, Membership, PortfolioItem, ProviderProfile
from ..models.organisations import OrganisationKind, VerificationStatus
from ..models.profiles import (
    BudgetBracket,
    Certification,
    FieldOfAction,
    Language,
    LegalForm,
    PublicField,
)
from ..models.taxonomy import Skill
from ..signals import provider_profile_changed, send_after_commit
from ..validators import check_image, clean_rna, clean_siren, clean_siret
from .audit import audit_record
from .organisations import require_manager

# Identity fields are what staff check; once submitted or verified they change only through staff.
ASSOCIATION_IDENTITY_FIELDS = ("legal_name", "legal_form", "rna_number", "tribunal_registration", "siren", "siret")
PROVIDER_IDENTITY_FIELDS = ("legal_name", "siret")
MAX_PEOPLE = 1_000_000
MAX_RATE_CENTS = 10_000_00  # 10 000 € a day is beyond any plausible day rate
MAX_PROJECT_CENTS = 10_000_000_00


def _text(data: dict, field: str, *, required: bool = False, max_length: int = 200) -> str:
    value = " ".join(str(data.get(field) or "").split())
    if required and not value:
        raise OrganisationError(_("Ce champ est obligatoire."), field=field)
    if len(value) > max_length:
        raise OrganisationError(_("Au plus %(n)s caractères.") % {"n": max_length}, field=field)
    return value


def _long_text(data: dict, field: str, *, required: bool = False, max_length: int = 5000) -> str:
    value = str(data.get(field) or "").strip().replace("\r\n", "\n")
    if required and not value:
        raise OrganisationError(_("Ce champ est obligatoire."), field=field)
    if len(value) > max_length:
        raise OrganisationError(_("Au plus %(n)s caractères.") % {"n": max_length}, field=field)
    return value


def _choice(data: dict, field: str, choices) -> str:
    value = data.get(field) or ""
    if value not in choices.values:
        raise OrganisationError(_("Choisissez une valeur dans la liste."), field=field)
    return value


def _choices(data: dict, field: str, choices) -> list[str]:
    values = list(dict.fromkeys(data.get(field) or []))
    unknown = [v for v in values if v not in choices.values]
    if unknown:
        raise OrganisationError(_("Valeur inconnue : %(values)s.") % {"values": ", ".join(unknown)}, field=field)
    return values


def _integer(data: dict, field: str, *, minimum: int = 0, maximum: int, default: int | None = 0) -> int | None:
    value = data.get(field)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise OrganisationError(_("Un nombre entier est attendu."), field=field) from exc
    if not minimum <= number <= maximum:
        raise OrganisationError(
            _("La valeur doit être comprise entre %(min)s et %(max)s.") % {"min": minimum, "max": maximum},
            field=field,
        )
    return number


def _euros_to_cents(data: dict, field: str, *, maximum_cents: int) -> int | None:
    euros = _integer(data, field, minimum=0, maximum=maximum_cents // 100, default=None)
    return None if euros is None else euros * 100


def _website(data: dict, field: str = "website") -> str:
    value = (data.get(field) or "").strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise OrganisationError(_("Saisissez une adresse web complète (https://…)."), field=field) from exc
    return value


def _place(data: dict) -> dict:
    postcode = (data.get("postcode") or "").strip()
    region = region_for_postcode(postcode)
    if region is None:
        raise OrganisationError(_("Saisissez un code postal français valide (5 chiffres)."), field="postcode")
    latitude, longitude = approximate_coordinates(postcode)
    return {
        "postcode": postcode,
        "commune": _text(data, "commune", required=True, max_length=120),
        "region": region,
        "latitude": latitude,
        "longitude": longitude,
    }


def _refuse_identity_change(organisation, profile, values: dict, fields: tuple[str, ...]) -> None:
    if profile is None or organisation.verification_status not in VerificationStatus.IDENTITY_LOCKED:
        return
    changed = [f for f in fields if getattr(profile, f) != values[f]]
    if changed:
        raise OrganisationError(
            _(
                "Ces informations ont été transmises pour vérification et ne peuvent plus être modifiées ici. "
                "Écrivez à l'équipe pour les corriger."
            ),
            field=changed[0],
        )


def _association_identity(data: dict) -> dict:
    legal_form = _choice(data, "legal_form", LegalForm)
    rna = (data.get("rna_number") or "").strip()
    tribunal = _text(data, "tribunal_registration", max_length=120)
    if legal_form == LegalForm.ALSACE_MOSELLE:
        if not tribunal:
            raise OrganisationError(
                _("Les associations d'Alsace-Moselle indiquent leur inscription au registre du tribunal."),
                field="tribunal_registration",
            )
        rna = clean_rna(rna) if rna else ""
    elif legal_form == LegalForm.LOI_1901:
        if not rna:
            raise OrganisationError(_("Indiquez le numéro RNA de votre association."), field="rna_number")
        rna = clean_rna(rna)
    else:
        rna = clean_rna(rna) if rna else ""
    siret = clean_siret(data["siret"]) if (data.get("siret") or "").strip() else ""
    siren = clean_siren(data["siren"]) if (data.get("siren") or "").strip() else siret[:9]
    if siret and siren and not siret.startswith(siren):
        raise OrganisationError(_("Le SIRET doit commencer par le SIREN."), field="siret")
    return {
        "legal_name": _text(data, "legal_name", required=True),
        "legal_form": legal_form,
        "rna_number": rna,
        "tribunal_registration": tribunal,
        "siren": siren,
        "siret": siret,
    }


def _require_kind(membership: Membership, kind: str) -> None:
    require_manager(membership)
    if membership.organisation.kind != kind:
        raise PermissionDenied(_("Ce profil ne correspond pas au type de votre organisation."))


@transaction.atomic
def association_profile_save(*, membership: Membership, data: dict, logo=None) -> AssociationProfile:
    """Create or update the association's profile; region and coordinates come from the postcode."""
    _require_kind(membership, OrganisationKind.ASSOCIATION)
    organisation = membership.organisation
    profile = AssociationProfile.objects.select_for_update().filter(organisation=organisation).first()
    values = {
        **_association_identity(data),
        "address": _text(data, "address", required=True, max_length=255),
        **_place(data),
        "field_of_action": _choice(data, "field_of_action", FieldOfAction),
        "budget_bracket": _choice(data, "budget_bracket", BudgetBracket),
        "employees": _integer(data, "employees", maximum=MAX_PEOPLE),
        "volunteers": _integer(data, "volunteers", maximum=MAX_PEOPLE),
        "website": _website(data),
        "description": _long_text(data, "description"),
        "is_public": bool(data.get("is_public")),
        "public_fields": _choices(data, "public_fields", PublicField),
    }
    _refuse_identity_change(organisation, profile, values, ASSOCIATION_IDENTITY_FIELDS)
    if logo is not None:
        check_image(logo, field="logo")
    profile = _save_profile(AssociationProfile, organisation, profile, values, logo)
    audit_record(actor=membership.user, action="profile.updated", organisation=organisation, target=profile)
    return profile


def _save_profile(model, organisation, profile, values: dict, logo):
    if profile is None:
        profile = model(organisation=organisation)
    for field, value in values.items():
        setattr(profile, field, value)
    if logo is not None:
        profile.logo = logo
    profile.full_clean(exclude=["logo"])
    profile.save()
    return profile


def _skills(data: dict) -> list[Skill]:
    slugs = list(dict.fromkeys(data.get("skills") or []))
    skills = list(Skill.objects.filter(slug__in=slugs, is_active=True))
    unknown = sorted(set(slugs) - {skill.slug for skill in skills})
    if unknown:
        raise OrganisationError(_("Compétence inconnue : %(values)s.") % {"values": ", ".join(unknown)}, field="skills")
    if len(skills) > 30:
        raise OrganisationError(_("Choisissez au plus 30 compétences : les plus représentatives."), field="skills")
    return skills


def _tools(data: dict) -> list[str]:
    tools = [" ".join(str(tool).split())[:60] for tool in data.get("tools") or [] if str(tool).strip()]
    if len(tools) > 40:
        raise OrganisationError(_("Indiquez au plus 40 outils."), field="tools")
    return list(dict.fromkeys(tools))


def _rates(data: dict) -> dict:
    low = _euros_to_cents(data, "day_rate_min", maximum_cents=MAX_RATE_CENTS)
    high = _euros_to_cents(data, "day_rate_max", maximum_cents=MAX_RATE_CENTS)
    if low is not None and high is not None and low > high:
        raise OrganisationError(_("Le tarif maximum doit être supérieur au tarif minimum."), field="day_rate_max")
    return {
        "day_rate_min_cents": low,
        "day_rate_max_cents": high,
        "min_project_cents": _euros_to_cents(data, "min_project", maximum_cents=MAX_PROJECT_CENTS) or 0,
    }


@transaction.atomic
def provider_profile_save(*, membership: Membership, data: dict, logo=None) -> ProviderProfile:
    """Create or update the provider's profile, its skills, regions served and certifications."""
    _require_kind(membership, OrganisationKind.PROVIDER)
    organisation = membership.organisation
    profile = ProviderProfile.objects.select_for_update().filter(organisation=organisation).first()
    values = {
        "legal_name": _text(data, "legal_name", required=True),
        "siret": clean_siret(data.get("siret") or ""),
        "presentation": _long_text(data, "presentation", required=True),
        "services": _long_text(data, "services"),
        "tools": _tools(data),
        **_place(data),
        "remote_ok": bool(data.get("remote_ok")),
        **_rates(data),
        "solidarity_discount_percent": _integer(data, "solidarity_discount_percent", maximum=100),
        "pro_bono": bool(data.get("pro_bono")),
        "pro_bono_details": _text(data, "pro_bono_details"),
        "languages": _choices(data, "languages", Language) or [Language.FRENCH],
        "team_size": _integer(data, "team_size", minimum=1, maximum=100_000, default=1),
        "response_time_hours": _integer(data, "response_time_hours", minimum=1, maximum=24 * 30, default=48),
        "website": _website(data),
    }
    _refuse_identity_change(organisation, profile, values, PROVIDER_IDENTITY_FIELDS)
    skills = _skills(data)
    regions = _choices(data, "regions", Region)
    certifications = _choices(data, "certifications", Certification)
    if logo is not None:
        check_image(logo, field="logo")
    profile = _save_profile(ProviderProfile, organisation, profile, values, logo)
    profile.skills.set(skills)
    _sync_rows(profile.served_regions, "region", regions or [values["region"]])
    _sync_rows(profile.certifications, "certification", certifications)
    audit_record(actor=membership.user, action="profile.updated", organisation=organisation, target=profile)
    send_after_commit(provider_profile_changed, organisation_id=organisation.pk)
    return profile


def _sync_rows(manager, field: str, wanted: list[str]) -> None:
    """Make a profile's child rows (regions, certifications) exactly `wanted`."""
    manager.exclude(**{f"{field}__in": wanted}).delete()
    existing = set(manager.values_list(field, flat=True))
    manager.model.objects.bulk_create(
        [manager.model(profile=manager.instance, **{field: value}) for value in wanted if value not in existing]
    )


@transaction.atomic
def portfolio_item_save(*, membership: Membership, data: dict, image=None, item_id: int | None = None) -> PortfolioItem:
    _require_kind(membership, OrganisationKind.PROVIDER)
    profile = ProviderProfile.objects.filter(organisation=membership.organisation).first()
    if profile is None:
        raise OrganisationError(_("Complétez d'abord le profil de votre structure."))
    item = PortfolioItem(profile=profile) if item_id is None else _portfolio_item(profile, item_id)
    if item_id is None and profile.portfolio.count() >= 30:
        raise OrganisationError(_("Un portfolio compte au plus 30 réalisations."))
    item.title = _text(data, "title", required=True, max_length=160)
    item.association_served = _text(data, "association_served")
    item.description = _long_text(data, "description", max_length=3000)
    item.link = _website(data, "link")
    if image is not None:
        check_image(image, field="image")
        item.image = image
    item.full_clean(exclude=["image"])
    item.save()
    send_after_commit(provider_profile_changed, organisation_id=profile.organisation_id)
    return item


def _portfolio_item(profile, item_id: int) -> PortfolioItem:
    item = PortfolioItem.objects.filter(profile=profile, pk=item_id).first()
    if item is None:
        raise NotFound(_("Réalisation introuvable."))
    return item


@transaction.atomic
def portfolio_item_delete(*, membership: Membership, item_id: int) -> None:
    _require_kind(membership, OrganisationKind.PROVIDER)
    profile = ProviderProfile.objects.filter(organisation=membership.organisation).first()
    if profile is None:
        raise OrganisationError(_("Complétez d'abord le profil de votre structure."))
    _portfolio_item(profile, item_id).delete()
    send_after_commit(provider_profile_changed, organisation_id=profile.organisation_id)
