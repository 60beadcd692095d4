"""The demo's profiles and verification states: the "profiles" seeder, run right after the core's.

Every demo association gets an AssociationProfile and every provider a
ProviderProfile (skills, regions served, certifications, portfolio), built
from `data` and from a `random.Random` seeded with the organisation's name, so
each organisation always gets the same profile whatever else the demo holds.
Identifiers are fictional but pass the validators: RNA numbers start with the
department of the postcode, SIREN and SIRET numbers carry a correct Luhn key.

Then every organisation that never asked for verification gets a history:
most are verified by staff@demo.test, a few are pending (with PDF documents in
the private storage), waiting for information or rejected, as listed in
`data`. These rows are written directly rather than through
`verification_decide`, which would email the organisations; the organisation's
status and the audit trail are kept as the services keep them.

Like the core's seeder, it only creates what is missing: an organisation that
already has a profile, or a verification request or status, is left alone.
"""

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.management.base import OutputWrapper
from django.utils import timezone, translation
from django.utils.text import slugify

from marketplace.eligibility import required_documents
from marketplace.geography import Region, approximate_coordinates, department_for_postcode, region_for_postcode
from marketplace.models import (
    AssociationProfile,
    AuditEntry,
    Membership,
    Organisation,
    PortfolioItem,
    ProviderCertification,
    ProviderProfile,
    ServedRegion,
    Skill,
    User,
    VerificationDocument,
    VerificationRequest,
)
from marketplace.models.organisations import Role, VerificationStatus
from marketplace.models.profiles import Language, PublicField
from marketplace.models.verification import DocumentKind, RequestState
from marketplace.validators import luhn_valid

from . import data

PROFILES_ORDER = 150

OrganisationSeed = data.AssociationSeed | data.ProviderSeed
_DIGITS = "0123456789"
_LA_POSTE_SIREN = "356000000"  # its SIRETs follow another rule: never generate it
_STAFF_EMAIL = next(login.email for login in data.DEMO_LOGINS if login.is_staff)

B = data.BudgetBracket
P = data.ProviderCategory

# (employees, volunteers) ranges plausible for each annual budget.
_TEAM_BY_BUDGET: dict[data.BudgetBracket, tuple[tuple[int, int], tuple[int, int]]] = {
    B.LT_10K: ((0, 0), (5, 40)),
    B.FROM_10K_TO_50K: ((0, 1), (10, 80)),
    B.FROM_50K_TO_200K: ((1, 4), (20, 150)),
    B.FROM_200K_TO_1M: ((4, 15), (30, 200)),
    B.FROM_1M_TO_5M: ((15, 60), (40, 300)),
    B.GT_5M: ((60, 250), (150, 3000)),
}
_SMALL_BUDGETS = (B.LT_10K, B.FROM_10K_TO_50K)

# Regions sharing a border (or a short sea crossing) with each region, for providers that are not remote-first.
_NEIGHBOURS: dict[Region, tuple[Region, ...]] = {
    Region.AUVERGNE_RHONE_ALPES: (
        Region.BOURGOGNE_FRANCHE_COMTE,
        Region.CENTRE_VAL_DE_LOIRE,
        Region.NOUVELLE_AQUITAINE,
        Region.OCCITANIE,
        Region.PROVENCE_ALPES_COTE_D_AZUR,
    ),
    Region.BOURGOGNE_FRANCHE_COMTE: (
        Region.AUVERGNE_RHONE_ALPES,
        Region.CENTRE_VAL_DE_LOIRE,
        Region.GRAND_EST,
        Region.ILE_DE_FRANCE,
    ),
    Region.BRETAGNE: (Region.NORMANDIE, Region.PAYS_DE_LA_LOIRE),
    Region.CENTRE_VAL_DE_LOIRE: (
        Region.ILE_DE_FRANCE,
        Region.NORMANDIE,
        Region.PAYS_DE_LA_LOIRE,
        Region.NOUVELLE_AQUITAINE,
        Region.AUVERGNE_RHONE_ALPES,
        Region.BOURGOGNE_FRANCHE_COMTE,
    ),
    Region.CORSE: (Region.PROVENCE_ALPES_COTE_D_AZUR,),
    Region.GRAND_EST: (Region.HAUTS_DE_FRANCE, Region.ILE_DE_FRANCE, Region.BOURGOGNE_FRANCHE_COMTE),
    Region.HAUTS_DE_FRANCE: (Region.NORMANDIE, Region.ILE_DE_FRANCE, Region.GRAND_EST),
    Region.ILE_DE_FRANCE: (
        Region.HAUTS_DE_FRANCE,
        Region.GRAND_EST,
        Region.BOURGOGNE_FRANCHE_COMTE,
        Region.CENTRE_VAL_DE_LOIRE,
        Region.NORMANDIE,
    ),
    Region.NORMANDIE: (
        Region.HAUTS_DE_FRANCE,
        Region.ILE_DE_FRANCE,
        Region.CENTRE_VAL_DE_LOIRE,
        Region.PAYS_DE_LA_LOIRE,
        Region.BRETAGNE,
    ),
    Region.NOUVELLE_AQUITAINE: (
        Region.PAYS_DE_LA_LOIRE,
        Region.CENTRE_VAL_DE_LOIRE,
        Region.AUVERGNE_RHONE_ALPES,
        Region.OCCITANIE,
    ),
    Region.OCCITANIE: (Region.NOUVELLE_AQUITAINE, Region.AUVERGNE_RHONE_ALPES, Region.PROVENCE_ALPES_COTE_D_AZUR),
    Region.PAYS_DE_LA_LOIRE: (
        Region.BRETAGNE,
        Region.NORMANDIE,
        Region.CENTRE_VAL_DE_LOIRE,
        Region.NOUVELLE_AQUITAINE,
    ),
    Region.PROVENCE_ALPES_COTE_D_AZUR: (Region.AUVERGNE_RHONE_ALPES, Region.OCCITANIE, Region.CORSE),
    Region.GUADELOUPE: (Region.MARTINIQUE,),
    Region.MARTINIQUE: (Region.GUADELOUPE,),
    Region.GUYANE: (),
    Region.LA_REUNION: (Region.MAYOTTE,),
    Region.MAYOTTE: (Region.LA_REUNION,),
}

# A language often spoken in the region besides French, offered by some providers there.
_REGIONAL_LANGUAGES: dict[Region, str] = {
    Region.GRAND_EST: Language.GERMAN,
    Region.CORSE: Language.ITALIAN,
    Region.PROVENCE_ALPES_COTE_D_AZUR: Language.ITALIAN,
    Region.OCCITANIE: Language.SPANISH,
    Region.NOUVELLE_AQUITAINE: Language.SPANISH,
    Region.GUADELOUPE: Language.CREOLE,
    Region.MARTINIQUE: Language.CREOLE,
    Region.GUYANE: Language.CREOLE,
    Region.LA_REUNION: Language.CREOLE,
}


# --- Identifiers -------------------------------------------------------------


def luhn_complete(prefix: str) -> str:
    """`prefix` followed by the one digit that makes the whole number pass the Luhn check (SIREN, SIRET)."""
    return next(prefix + digit for digit in _DIGITS if luhn_valid(prefix + digit))


def demo_siret(rng: random.Random, first_digits: str = "456789") -> str:
    """A fictional SIRET: a SIREN with its Luhn key, a head-office NIC, and the key of the 14 digits."""
    while True:
        siren = luhn_complete(rng.choice(first_digits) + "".join(rng.choices(_DIGITS, k=7)))
        if siren != _LA_POSTE_SIREN:
            return luhn_complete(siren + "000" + rng.choice("12345"))


def demo_rna(rng: random.Random, postcode: str) -> str:
    """A fictional RNA number: W, the department of the postcode ("69", "2A", "974"), then digits up to nine."""
    code = department_for_postcode(postcode).code
    return "W" + code + "".join(rng.choices(_DIGITS, k=9 - len(code)))


def _rng(seed: OrganisationSeed, purpose: str) -> random.Random:
    # A string seed is hashed with SHA-512: the same sequence on every run and every machine.
    return random.Random(f"{seed.kind}:{seed.name}:{purpose}")


def _domain_label(name: str) -> str:
    return slugify(name)[:63].strip("-")


# --- Association profiles ----------------------------------------------------


def build_association_profile(seed: data.AssociationSeed, organisation: Organisation) -> AssociationProfile:
    """The profile of one demo association (not saved)."""
    details = data.ASSOCIATION_DETAILS[seed.name]
    rng = _rng(seed, "profile")
    employees_range, volunteers_range = _TEAM_BY_BUDGET[seed.budget_bracket]
    employees, volunteers = rng.randint(*employees_range), rng.randint(*volunteers_range)
    # Alsace-Moselle associations are registered at the court, foundations by decree: neither has an RNA number.
    has_rna = details.legal_form in (data.LegalForm.LOI_1901, data.LegalForm.PUBLIC_LIBRARY)
    rna = demo_rna(rng, seed.postcode) if has_rna else ""
    # An employer needs a SIRET; so does a foundation.
    siret = demo_siret(rng, "78") if employees or details.legal_form == data.LegalForm.FOUNDATION_RUP else ""
    has_website = seed.budget_bracket not in _SMALL_BUDGETS or rng.random() < 0.4
    website = f"https://{_domain_label(seed.name)}.example.org" if has_website else ""
    is_public = seed == data.DEMO_ASSOCIATION or rng.random() < 0.6
    shown = {PublicField.DESCRIPTION, PublicField.PLACE, PublicField.FIELD_OF_ACTION}
    if website:
        shown.add(PublicField.WEBSITE)
    if rng.random() < 0.5:
        shown.add(PublicField.TEAM)
    if rng.random() < 0.3:
        shown.add(PublicField.BUDGET)
    latitude, longitude = approximate_coordinates(seed.postcode)
    return AssociationProfile(
        organisation=organisation,
        # "Théâtre de l'Étoile — Besançon" is known by its city; its statutes name only the theatre.
        legal_name=seed.name.split(" — ")[0],
        legal_form=details.legal_form,
        rna_number=rna,
        tribunal_registration=details.tribunal_registration,
        siren=siret[:9],
        siret=siret,
        address=f"{rng.randint(1, 120)} {rng.choice(data.STREETS)}",
        postcode=seed.postcode,
        commune=seed.city,
        region=region_for_postcode(seed.postcode),
        latitude=latitude,
        longitude=longitude,
        field_of_action=details.field_of_action,
        budget_bracket=seed.budget_bracket,
        employees=employees,
        volunteers=volunteers,
        website=website,
        description=details.description,
        is_public=is_public,
        public_fields=[field for field in PublicField.values if is_public and field in shown],
    )


def _ensure_association_profiles(organisations: Mapping[OrganisationSeed, Organisation]) -> int:
    seeds = {seed: organisation for seed, organisation in organisations.items() if seed.kind == "association"}
    existing = set(
        AssociationProfile.objects.filter(organisation__in=seeds.values()).values_list("organisation_id", flat=True)
    )
    profiles = [
        build_association_profile(seed, organisation)
        for seed, organisation in seeds.items()
        if organisation.pk not in existing
    ]
    AssociationProfile.objects.bulk_create(profiles)
    return len(profiles)


# --- Provider profiles -------------------------------------------------------


@dataclass
class ProviderProfileSeed:
    """A provider's profile and the rows hanging from it, before they are saved."""

    profile: ProviderProfile
    skills: list[str]
    regions: list[str]
    certifications: list[str]
    portfolio: list[PortfolioItem]


def _portfolio(seed: data.ProviderSeed, rng: random.Random, templates) -> list[PortfolioItem]:
    """1 to 3 past projects, for demo associations of the provider's region first."""
    count = rng.randint(1, min(3, len(templates)))
    near = [association for association in data.ASSOCIATIONS if association.region == seed.region]
    far = [association for association in data.ASSOCIATIONS if association.region != seed.region]
    rng.shuffle(near)
    rng.shuffle(far)
    items = []
    for position, (association, (title, description)) in enumerate(
        zip((near + far)[:count], rng.sample(templates, count), strict=True)
    ):
        values = {"association": association.name, "at_city": data.at_city(association.city)}
        items.append(
            PortfolioItem(
                title=title.format(**values)[:160],
                association_served=association.name,
                description=description.format(**values),
                position=position,
            )
        )
    return items


def build_provider_profile(seed: data.ProviderSeed, organisation: Organisation) -> ProviderProfileSeed:
    """The profile of one demo provider and its skills, regions, certifications and portfolio (not saved)."""
    category = data.PROVIDER_CATEGORY_PROFILES[seed.category]
    focus = data.PROVIDER_FOCUS.get(seed.name)
    rng = _rng(seed, "profile")
    # "Camille Roux, développeuse web" works alone, as an individual entrepreneur.
    person, _, title = seed.name.partition(", ")
    works_alone = bool(title)
    region = region_for_postcode(seed.postcode)

    texts = {
        "name": seed.name,
        "city": seed.city,
        "at_city": data.at_city(seed.city),
        "in_region": data.in_region(seed.region),
        "person": person,
        "title": title,
    }
    presentation = (category.person_presentation if works_alone else "") or category.presentation
    if works_alone:
        legal_name = f"{person} EI"
    elif category.legal_suffix.startswith("SCOP") and seed.name.startswith("SCOP "):
        legal_name = f"{seed.name} SARL"
    else:
        legal_name = f"{seed.name} {category.legal_suffix}".strip()

    if focus:
        skills, tools = list(focus.skills), list(focus.tools)
    else:
        core = list(category.core_skills)
        more = rng.randint(max(0, 3 - len(core)), min(len(category.more_skills), 8 - len(core)))
        skills = core + rng.sample(category.more_skills, more)
        tools = rng.sample(category.tools, rng.randint(3, min(6, len(category.tools))))

    low, high = category.day_rate_euros
    rate_min = rng.randrange(low, (low + high) // 2 + 1, 50)
    rate_max = rng.randrange(rate_min + 100, high + 1, 50)
    discount_low, discount_high = category.discount_percent
    generous = seed.category in (P.SOLIDARITY_IT_FIRM, P.IT_COOPERATIVE)
    pro_bono = rng.random() < (0.5 if generous else 0.2)

    languages = [Language.FRENCH]
    if seed.category in (P.CYBERSECURITY, P.CRM_INTEGRATOR) or rng.random() < 0.4:
        languages.append(Language.ENGLISH)
    regional = _REGIONAL_LANGUAGES.get(region)
    if regional and (regional == Language.CREOLE or rng.random() < 0.5):
        languages.append(regional)
    if seed.category in (P.SOLIDARITY_IT_FIRM, P.TRAINING) and rng.random() < 0.2:
        languages.append(Language.FRENCH_SIGN)

    latitude, longitude = approximate_coordinates(seed.postcode)
    profile = ProviderProfile(
        organisation=organisation,
        legal_name=legal_name,
        siret=demo_siret(rng),
        presentation=presentation.format(**texts),
        services=focus.services if focus else category.services,
        tools=tools,
        postcode=seed.postcode,
        commune=seed.city,
        region=region,
        latitude=latitude,
        longitude=longitude,
        remote_ok=category.remote_first or rng.random() < 0.85,
        day_rate_min_cents=rate_min * 100,
        day_rate_max_cents=rate_max * 100,
        min_project_cents=rng.choice(category.min_project_euros) * 100,
        solidarity_discount_percent=rng.randrange(discount_low, discount_high + 1, 5),
        pro_bono=pro_bono,
        pro_bono_details=rng.choice(data.PRO_BONO_DETAILS) if pro_bono else "",
        languages=[str(language) for language in languages],
        team_size=1 if works_alone else rng.randint(*category.team_size),
        response_time_hours=rng.choice((4, 8, 24, 24, 48, 48, 72)),
        website=f"https://{_domain_label(seed.name)}.example.org" if not works_alone or rng.random() < 0.5 else "",
    )
    regions = list(Region.values) if category.remote_first else [region, *_NEIGHBOURS[region]]
    certifications = [
        *category.certifications,
        *(certification for certification in category.optional_certifications if rng.random() < 0.5),
    ]
    return ProviderProfileSeed(
        profile=profile,
        skills=skills,
        regions=[str(served) for served in regions],
        certifications=certifications,
        portfolio=_portfolio(seed, rng, category.portfolio),
    )


def _ensure_provider_profiles(organisations: Mapping[OrganisationSeed, Organisation]) -> tuple[int, int]:
    """Create the missing provider profiles with their rows; returns (profiles, portfolio items) created."""
    seeds = {seed: organisation for seed, organisation in organisations.items() if seed.kind == "provider"}
    existing = set(
        ProviderProfile.objects.filter(organisation__in=seeds.values()).values_list("organisation_id", flat=True)
    )
    built = [
        build_provider_profile(seed, organisation)
        for seed, organisation in seeds.items()
        if organisation.pk not in existing
    ]
    if not built:
        return 0, 0
    ProviderProfile.objects.bulk_create([item.profile for item in built])
    # Staff may have retired a skill since the taxonomy was loaded: a profile simply goes without it.
    wanted = {slug for item in built for slug in item.skills}
    skill_ids = dict(Skill.objects.filter(slug__in=wanted, is_active=True).values_list("slug", "id"))
    through = ProviderProfile.skills.through
    through.objects.bulk_create(
        through(providerprofile_id=item.profile.pk, skill_id=skill_ids[slug])
        for item in built
        for slug in item.skills
        if slug in skill_ids
    )
    ServedRegion.objects.bulk_create(
        ServedRegion(profile=item.profile, region=region) for item in built for region in item.regions
    )
    ProviderCertification.objects.bulk_create(
        ProviderCertification(profile=item.profile, certification=certification)
        for item in built
        for certification in item.certifications
    )
    portfolio = []
    for item in built:
        for entry in item.portfolio:
            entry.profile = item.profile
            portfolio.append(entry)
    PortfolioItem.objects.bulk_create(portfolio)
    return len(built), len(portfolio)


# --- Verification ------------------------------------------------------------


def demo_pdf(lines: Iterable[str]) -> bytes:
    """A tiny one-page PDF showing `lines`: a valid file for viewers and for the upload checks."""

    def literal(text: str) -> str:
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    operators = ["BT", "/F1 12 Tf", "18 TL", "72 770 Td", *(f"{literal(line)} Tj T*" for line in lines), "ET"]
    # Helvetica with WinAnsiEncoding shows French accents and the em dash from cp1252 bytes.
    stream = "\n".join(operators).encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


@dataclass
class _Step:
    """One verification request of an organisation's history, oldest first."""

    state: str
    submitted_at: datetime
    reviewed_at: datetime | None = None
    message: str = ""
    note: str = ""


def verification_history(seed: OrganisationSeed, now: datetime) -> list[_Step]:
    """The requests an organisation has made, from `data`'s lists; everyone else is verified."""
    rng = _rng(seed, "verification")

    def ago(days: int, hours: int = 0) -> datetime:
        return now - timedelta(days=days, hours=hours)

    note = rng.choice(data.VERIFICATION_NOTES)
    if seed.name in data.VERIFICATION_PENDING:
        steps = []
        if seed.name in data.VERIFICATION_RESUBMITTED:
            submitted = ago(rng.randint(20, 30))
            steps.append(
                _Step(
                    RequestState.INFO_REQUESTED,
                    submitted,
                    submitted + timedelta(days=rng.randint(2, 4)),
                    data.VERIFICATION_RESUBMITTED[seed.name],
                )
            )
        return [*steps, _Step(RequestState.PENDING, ago(rng.randint(0, 9), rng.randint(1, 23)), note=note)]
    if seed.name in data.VERIFICATION_INFO_REQUESTED:
        submitted = ago(rng.randint(12, 20))
        reviewed = submitted + timedelta(days=rng.randint(2, 4), hours=rng.randint(0, 8))
        return [_Step(RequestState.INFO_REQUESTED, submitted, reviewed, data.VERIFICATION_INFO_REQUESTED[seed.name])]
    if seed.name in data.VERIFICATION_REJECTED:
        submitted = ago(rng.randint(40, 60))
        reviewed = submitted + timedelta(days=rng.randint(3, 6), hours=rng.randint(0, 8))
        return [_Step(RequestState.REJECTED, submitted, reviewed, data.VERIFICATION_REJECTED[seed.name], note)]
    submitted = ago(rng.randint(30, 400), rng.randint(0, 23))
    return [_Step(RequestState.VERIFIED, submitted, submitted + timedelta(hours=rng.randint(2, 72)), note=note)]


def _document(request: VerificationRequest, kind: str, seed: OrganisationSeed) -> VerificationDocument:
    with translation.override("fr"):
        label = str(DocumentKind(kind).label)
    content = demo_pdf(
        [
            "Passerelle — document de démonstration",
            label,
            seed.name,
            f"{seed.postcode} {seed.city}",
            "Document fictif créé par seed_demo : il n'a aucune valeur légale.",
        ]
    )
    name = f"{kind}-{_domain_label(seed.name)[:40]}.pdf"
    document = VerificationDocument(
        request=request, kind=kind, original_name=name, content_type="application/pdf", size=len(content)
    )
    # Written now, through the field, into the private storage (not rolled back if the seed fails later).
    document.file.save(name, ContentFile(content), save=False)
    return document


def _documents(
    seed: OrganisationSeed, organisation: Organisation, requests: list[VerificationRequest]
) -> list[VerificationDocument]:
    """Documents for the requests staff have to read or have asked about (verified ones keep none).

    Each request has the first acceptable kind of each required group; a
    re-submission replaces the first document and carries the others over,
    as `verification_submit` does.
    """
    kinds = [group[0] for group in required_documents(organisation)]
    documents, previous = [], {}
    for index, request in enumerate(requests):
        for position, kind in enumerate(kinds):
            if index and position and kind in previous:
                earlier = previous[kind]
                document = VerificationDocument(
                    request=request,
                    kind=kind,
                    file=earlier.file.name,
                    original_name=earlier.original_name,
                    content_type=earlier.content_type,
                    size=earlier.size,
                )
            else:
                document = _document(request, kind, seed)
            previous[kind] = document
            documents.append(document)
    return documents


def _ensure_verifications(organisations: Mapping[OrganisationSeed, Organisation]) -> tuple[int, int]:
    """Give every organisation that never asked for verification its history; returns (requests, documents)."""
    unverified = {
        seed: organisation
        for seed, organisation in organisations.items()
        if organisation.verification_status == VerificationStatus.UNVERIFIED
    }
    asked = set(
        VerificationRequest.objects.filter(organisation__in=unverified.values()).values_list(
            "organisation_id", flat=True
        )
    )
    todo = {seed: organisation for seed, organisation in unverified.items() if organisation.pk not in asked}
    if not todo:
        return 0, 0
    owners = dict(
        Membership.objects.filter(organisation__in=todo.values(), role=Role.OWNER)
        .order_by("-created_at", "-id")  # the first owner wins
        .values_list("organisation_id", "user_id")
    )
    staff = User.objects.filter(email=_STAFF_EMAIL).first()
    now = timezone.now()

    histories: list[tuple[OrganisationSeed, Organisation, list[tuple[_Step, VerificationRequest]]]] = []
    for seed, organisation in todo.items():
        history = [
            (
                step,
                VerificationRequest(
                    organisation=organisation,
                    state=step.state,
                    submitted_by_id=owners.get(organisation.pk),
                    note=step.note,
                    reviewed_by=staff if step.reviewed_at else None,
                    reviewed_at=step.reviewed_at,
                    decision_message=step.message,
                ),
            )
            for step in verification_history(seed, now)
        ]
        histories.append((seed, organisation, history))
    requests = [request for _, _, history in histories for _, request in history]
    VerificationRequest.objects.bulk_create(requests)

    documents, entries = [], []
    for seed, organisation, history in histories:
        for step, request in history:
            # `auto_now_add` stamped the insert with the current time: restore the history's dates.
            request.submitted_at = step.submitted_at
            entries.append(
                (
                    AuditEntry(
                        actor_id=request.submitted_by_id,
                        organisation=organisation,
                        action="verification.submitted",
                        target=f"{request._meta.label_lower}:{request.pk}",
                    ),
                    step.submitted_at,
                )
            )
            if step.reviewed_at:
                entries.append(
                    (
                        AuditEntry(
                            actor=staff,
                            organisation=organisation,
                            action=f"verification.{step.state}",
                            target=f"{request._meta.label_lower}:{request.pk}",
                            data={"message": step.message} if step.message else {},
                        ),
                        step.reviewed_at,
                    )
                )
        needing_documents = [request for step, request in history if step.state != RequestState.VERIFIED]
        if needing_documents:
            documents += _documents(seed, organisation, needing_documents)
        latest_step, _ = history[-1]
        # Kept as `verification_decide` keeps it: the status of the latest request.
        organisation.verification_status = VerificationStatus(latest_step.state)
        organisation.verified_at = latest_step.reviewed_at if latest_step.state == RequestState.VERIFIED else None

    VerificationRequest.objects.bulk_update(requests, ["submitted_at"])
    VerificationDocument.objects.bulk_create(documents)
    for document in documents:
        document.uploaded_at = document.request.submitted_at
    VerificationDocument.objects.bulk_update(documents, ["uploaded_at"])
    AuditEntry.objects.bulk_create(entry for entry, _ in entries)
    for entry, created_at in entries:
        entry.created_at = created_at
    AuditEntry.objects.bulk_update([entry for entry, _ in entries], ["created_at"])
    Organisation.objects.bulk_update(todo.values(), ["verification_status", "verified_at"])
    return len(requests), len(documents)


# --- The seeder --------------------------------------------------------------


def _demo_organisations() -> dict[OrganisationSeed, Organisation]:
    """The demo's organisations found by kind and name, as the core's seeder finds them."""
    seeds = [*data.ASSOCIATIONS, *data.PROVIDERS]
    found = {
        (organisation.kind, organisation.name): organisation
        for organisation in Organisation.objects.filter(name__in=[seed.name for seed in seeds])
    }
    return {seed: found[(seed.kind, seed.name)] for seed in seeds if (seed.kind, seed.name) in found}


def seed_profiles(stdout: OutputWrapper) -> dict[str, int]:
    """Profiles of every demo organisation, then their verification history."""
    organisations = _demo_organisations()
    associations = _ensure_association_profiles(organisations)
    providers, portfolio = _ensure_provider_profiles(organisations)
    requests, documents = _ensure_verifications(organisations)
    return {
        "profils d'associations": associations,
        "profils de prestataires": providers,
        "réalisations": portfolio,
        "demandes de vérification": requests,
        "justificatifs": documents,
    }
