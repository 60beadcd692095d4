import io
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.core.validators import validate_email
from django.utils.text import slugify

from marketplace import taxonomy_data
from marketplace.demo import data, profiles, seeders
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
    User,
    VerificationDocument,
    VerificationRequest,
)
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.profiles import BudgetBracket, Certification, FieldOfAction, Language, LegalForm, PublicField
from marketplace.models.verification import RequestState, private_storage
from marketplace.services.verification import required_documents
from marketplace.validators import check_upload, clean_rna, clean_siren, clean_siret

ALSACE_MOSELLE_DEPARTMENTS = {"57", "67", "68"}


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def stored_files() -> list[str]:
    root = Path(private_storage.location)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
        "association_profiles": AssociationProfile.objects.count(),
        "provider_profiles": ProviderProfile.objects.count(),
        "provider_skills": ProviderProfile.skills.through.objects.count(),
        "served_regions": ServedRegion.objects.count(),
        "certifications": ProviderCertification.objects.count(),
        "portfolio_items": PortfolioItem.objects.count(),
        "verification_requests": VerificationRequest.objects.count(),
        "verification_documents": VerificationDocument.objects.count(),
        "files": len(stored_files()),
    }


@pytest.fixture(autouse=True)
def private_files(monkeypatch, tmp_path):
    """Documents the seed writes land in the test's own directory, not in the shared test storage."""
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    return tmp_path / "private"


@pytest.fixture
def isolated_registry(monkeypatch):
    """Seeders registered by a test disappear with it."""
    monkeypatch.setattr(seeders, "_registry", dict(seeders._registry))


# --- The data ----------------------------------------------------------------


def test_data_spans_every_region_and_size():
    regions = {seed.region for seed in data.ASSOCIATIONS}
    assert len(regions) >= 13
    assert set(data.METROPOLITAN_REGIONS) <= regions
    assert len(regions & set(data.OVERSEAS_REGIONS)) >= 2
    assert len(data.METROPOLITAN_REGIONS) == 13
    assert {seed.budget_bracket for seed in data.ASSOCIATIONS} == set(data.BudgetBracket)
    assert {seed.category for seed in data.PROVIDERS} == set(data.ProviderCategory)


def test_data_is_well_formed():
    seeds = [*data.ASSOCIATIONS, *data.PROVIDERS]
    assert len(data.ASSOCIATIONS) >= 30
    assert len(data.PROVIDERS) >= 60
    for seed in seeds:
        assert seed.name == " ".join(seed.name.split()), seed.name
        assert len(seed.postcode) == 5 and seed.postcode.isdigit(), seed
        assert seed.city
        overseas = seed.region in data.OVERSEAS_REGIONS
        assert seed.postcode.startswith("97") == overseas, seed
    # Names are the lookup key and slugs make the owners' emails: both must be unique.
    assert len({seed.name for seed in seeds}) == len(seeds)
    assert len({slugify(seed.name) for seed in seeds}) == len(seeds)
    for seed in seeds:
        validate_email(seeders.contact_email(seed))


def test_documented_logins_are_consistent():
    emails = [login.email for login in data.DEMO_LOGINS]
    assert {"asso@demo.test", "presta@demo.test", "staff@demo.test", "benevole@demo.test", "equipe@demo.test"} <= set(
        emails
    )
    assert len(set(emails)) == len(emails)
    owners = Counter(login.organisation for login in data.DEMO_LOGINS if login.role == Role.OWNER)
    assert owners == {data.DEMO_ASSOCIATION: 1, data.DEMO_PROVIDER: 1}
    for login in data.DEMO_LOGINS:
        assert login.email.endswith("@" + data.DEMO_EMAIL_DOMAIN)
        assert (login.organisation is None) == (login.role == "")


# --- The command -------------------------------------------------------------


@pytest.mark.django_db
def test_seed_creates_every_organisation_with_an_owner():
    seed()

    associations = Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)
    providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
    assert associations.count() == len(data.ASSOCIATIONS) >= 30
    assert providers.count() == len(data.PROVIDERS) >= 60
    assert not Organisation.objects.exclude(memberships__role=Role.OWNER).exists()
    lyon = associations.get(name=data.DEMO_ASSOCIATION.name)
    assert (lyon.postcode, lyon.city) == (data.DEMO_ASSOCIATION.postcode, data.DEMO_ASSOCIATION.city)


@pytest.mark.django_db
def test_seed_goes_through_the_service_so_creations_are_audited():
    seed()

    assert AuditEntry.objects.filter(action="organisation.created").count() == Organisation.objects.count()
    assert AuditEntry.objects.filter(action="membership.created").count() == 2


@pytest.mark.django_db
def test_other_organisations_are_owned_by_their_contact_address():
    seed()

    seed_entry = data.ASSOCIATIONS[1]
    owner = Membership.objects.get(organisation__name=seed_entry.name, role=Role.OWNER).user
    assert owner.email == seeders.contact_email(seed_entry)
    assert owner.first_name and owner.last_name
    assert authenticate(username=owner.email, password=data.DEMO_PASSWORD) == owner


@pytest.mark.django_db
def test_demo_logins_authenticate_with_their_roles():
    output = seed()

    for login in data.DEMO_LOGINS:
        user = authenticate(username=login.email, password=data.DEMO_PASSWORD)
        assert user is not None, login.email
        assert user.email_confirmed
        assert login.email in output
        if login.organisation is not None:
            membership = Membership.objects.get(user=user, organisation__name=login.organisation.name)
            assert membership.role == login.role
    assert data.DEMO_PASSWORD in output

    staff = User.objects.get(email="staff@demo.test")
    assert staff.is_staff and staff.is_superuser
    assert not User.objects.filter(is_staff=True).exclude(email="staff@demo.test").exists()
    assert Membership.objects.get(user__email="asso@demo.test").role == Role.OWNER
    assert Membership.objects.get(user__email="benevole@demo.test").role == Role.MEMBER
    assert Membership.objects.get(user__email="presta@demo.test").role == Role.OWNER
    assert Membership.objects.get(user__email="equipe@demo.test").role == Role.ADMIN


@pytest.mark.django_db
def test_second_run_creates_nothing():
    seed()
    first = counts()

    output = seed()

    assert counts() == first
    assert "rien de nouveau" in output


@pytest.mark.django_db
def test_seed_completes_a_partial_demo_without_duplicating():
    seed()
    Organisation.objects.filter(name=data.PROVIDERS[-1].name).delete()
    User.objects.filter(email="benevole@demo.test").delete()

    seed()

    recreated = Organisation.objects.get(name=data.PROVIDERS[-1].name)
    assert Organisation.objects.count() == len(data.ASSOCIATIONS) + len(data.PROVIDERS)
    assert Membership.objects.filter(user__email="benevole@demo.test", role=Role.MEMBER).count() == 1
    assert ProviderProfile.objects.filter(organisation=recreated).exists()
    assert recreated.verification_requests.count() == 1
    assert recreated.verification_status == VerificationStatus.VERIFIED


@pytest.mark.django_db
def test_seed_refuses_production_settings_unless_told(settings):
    settings.SETTINGS_MODULE = "marketplace.settings.production"

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()

    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    assert User.objects.filter(email="staff@demo.test").exists()


# --- The registry ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("isolated_registry")
def test_package_seeders_run_after_the_core_in_order():
    calls = []

    def seed_late(stdout):
        calls.append("late")
        return {"lignes": 0}

    def seed_billing(stdout):
        # Runs after the core: its objects are already there.
        calls.append("billing")
        stdout.write("offres de démonstration")
        assert Organisation.objects.filter(name=data.DEMO_ASSOCIATION.name).exists()
        return {"offres": 3}

    seeders.register_seeder("late", seed_late, order=900)
    seeders.register_seeder("billing", seed_billing, order=200)
    output = seed()

    assert calls == ["billing", "late"]
    assert [seeder.name for seeder in seeders.registered_seeders()] == ["core", "profiles", "billing", "late"]
    assert "offres de démonstration\n" in output
    assert "billing : offres +3" in output
    assert "late : rien de nouveau" in output


@pytest.mark.usefixtures("isolated_registry")
def test_a_name_cannot_be_taken_twice():
    def seed_billing(stdout):
        return {}

    def seed_other(stdout):
        return {}

    seeders.register_seeder("billing", seed_billing, order=200)
    seeders.register_seeder("billing", seed_billing, order=200)  # ready() running again is fine
    with pytest.raises(ImproperlyConfigured):
        seeders.register_seeder("billing", seed_other)


@pytest.mark.django_db
@pytest.mark.usefixtures("isolated_registry")
def test_a_failing_seeder_leaves_nothing_behind():
    def seed_broken(stdout):
        raise RuntimeError("boom")

    seeders.register_seeder("broken", seed_broken, order=200)

    with pytest.raises(RuntimeError):
        seed()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


# --- Profiles: the data ------------------------------------------------------


def test_data_regions_and_brackets_match_the_models():
    for seed in [*data.ASSOCIATIONS, *data.PROVIDERS]:
        region = region_for_postcode(seed.postcode)
        assert region is not None, seed
        assert str(Region(region).label) == seed.region.value, seed
    assert set(data.BudgetBracket) == set(BudgetBracket.values)
    assert set(data.LegalForm) <= set(LegalForm.values)
    assert set(data.FieldOfAction) <= set(FieldOfAction.values)


def test_every_association_has_its_details():
    assert set(data.ASSOCIATION_DETAILS) == {seed.name for seed in data.ASSOCIATIONS}
    forms = Counter(details.legal_form for details in data.ASSOCIATION_DETAILS.values())
    assert forms[data.LegalForm.LOI_1901] > len(data.ASSOCIATIONS) / 2
    assert forms[data.LegalForm.FOUNDATION_RUP] == forms[data.LegalForm.PUBLIC_LIBRARY] == 1
    for seed in data.ASSOCIATIONS:
        details = data.ASSOCIATION_DETAILS[seed.name]
        assert details.description.endswith((".", "!")) and len(details.description) <= 300, seed.name
        # Associations with their seat in Alsace-Moselle are under the local law, and only they are.
        local_law = department_for_postcode(seed.postcode).code in ALSACE_MOSELLE_DEPARTMENTS
        assert (details.legal_form == data.LegalForm.ALSACE_MOSELLE) == local_law, seed.name
        assert bool(details.tribunal_registration) == local_law, seed.name
        if local_law:
            assert details.tribunal_registration.startswith(f"Tribunal judiciaire de {seed.city}, volume ")


def test_provider_category_profiles_use_known_skills_and_certifications():
    slugs = {skill.slug for skill in taxonomy_data.SKILLS}
    assert set(data.PROVIDER_CATEGORY_PROFILES) == set(data.ProviderCategory)
    for category, profile in data.PROVIDER_CATEGORY_PROFILES.items():
        assert set(profile.core_skills) | set(profile.more_skills) <= slugs, category
        assert len(profile.core_skills) + len(profile.more_skills) >= 3, category
        assert len(profile.core_skills) <= 8, category
        assert set(profile.certifications) | set(profile.optional_certifications) <= set(Certification.values)
        assert profile.presentation or profile.person_presentation, category
        assert 1 <= len(profile.portfolio), category
        low, high = profile.day_rate_euros
        # Rates are in steps of 50 €, the maximum at least 100 € above the minimum drawn from the lower half.
        assert low % 50 == 0 and high % 50 == 0 and (low + high) // 2 + 100 <= high, category
        assert 0 <= profile.discount_percent[0] <= profile.discount_percent[1] <= 30, category
    assert data.PROVIDER_CATEGORY_PROFILES[data.ProviderCategory.TRAINING].certifications == ("qualiopi",)
    provider_names = {seed.name for seed in data.PROVIDERS}
    for name, focus in data.PROVIDER_FOCUS.items():
        assert name in provider_names
        assert set(focus.skills) <= slugs and 3 <= len(focus.skills) <= 8, name


def test_verification_scenarios_name_demo_organisations():
    associations = {seed.name for seed in data.ASSOCIATIONS}
    providers = {seed.name for seed in data.PROVIDERS}
    pending = set(data.VERIFICATION_PENDING)
    assert len(pending & associations) == 5 and len(pending & providers) == 5
    assert len(data.VERIFICATION_INFO_REQUESTED) == 2 and len(data.VERIFICATION_REJECTED) == 1
    assert set(data.VERIFICATION_RESUBMITTED) <= pending
    others = [*data.VERIFICATION_INFO_REQUESTED, *data.VERIFICATION_REJECTED]
    assert not pending & set(others) and len(set(others)) == len(others)
    assert set(others) <= associations | providers
    # The demo tells its story from verified organisations.
    logins = {login.organisation.name for login in data.DEMO_LOGINS if login.organisation}
    assert not logins & (pending | set(others))


def test_generated_identifiers_pass_the_validators():
    rng = random.Random(1)
    sirets = [profiles.demo_siret(rng) for _ in range(500)]
    for siret in sirets:
        assert clean_siret(siret) == siret
        assert clean_siren(siret[:9]) == siret[:9]
    assert len(set(sirets)) == len(sirets)
    assert profiles.luhn_complete("73282932") == "732829320"  # a real SIREN's key
    for postcode, prefix in [("69007", "W69"), ("20250", "W2B"), ("20000", "W2A"), ("97400", "W974")]:
        rna = profiles.demo_rna(rng, postcode)
        assert clean_rna(rna) == rna and rna.startswith(prefix) and len(rna) == 10


def test_demo_pdf_is_a_well_formed_pdf():
    pdf = profiles.demo_pdf(["Statuts — Les Restos du Quartier (Lyon)", "Récépissé \\ déclaration"])

    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    startxref = int(re.search(rb"startxref\n(\d+)\n", pdf).group(1))
    assert pdf[startxref:].startswith(b"xref\n0 6\n")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n ", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+)", pdf).group(1))
    stream = pdf.split(b"stream\n", 1)[1].split(b"\nendstream", 1)[0]
    assert len(stream) == length
    assert "Récépissé \\\\ déclaration".encode("cp1252") in stream and b"\\(Lyon\\)" in stream
    assert check_upload(SimpleUploadedFile("statuts.pdf", pdf), field="documents") == "application/pdf"


# --- Profiles: the seed ------------------------------------------------------


@pytest.mark.django_db
def test_every_association_gets_a_valid_profile():
    seed()

    profiles_by_name = {
        profile.organisation.name: profile for profile in AssociationProfile.objects.select_related("organisation")
    }
    assert set(profiles_by_name) == {seed.name for seed in data.ASSOCIATIONS}
    forms = Counter()
    for entry in data.ASSOCIATIONS:
        profile = profiles_by_name[entry.name]
        profile.full_clean(exclude=["logo"])
        forms[profile.legal_form] += 1
        assert (profile.postcode, profile.commune) == (entry.postcode, entry.city)
        assert profile.address and profile.description and profile.legal_name
        assert profile.region == region_for_postcode(entry.postcode)
        assert (profile.latitude, profile.longitude) == approximate_coordinates(entry.postcode)
        assert profile.budget_bracket == entry.budget_bracket
        if profile.legal_form in (LegalForm.LOI_1901, LegalForm.PUBLIC_LIBRARY):
            assert clean_rna(profile.rna_number) == profile.rna_number
            department = department_for_postcode(entry.postcode).code
            assert profile.rna_number.startswith("W" + department)
        else:
            assert profile.rna_number == ""
        if profile.legal_form == LegalForm.ALSACE_MOSELLE:
            assert profile.tribunal_registration
        if profile.siret:
            assert clean_siret(profile.siret) == profile.siret and profile.siret.startswith(profile.siren)
        # An employer has a SIRET.
        assert bool(profile.siret) == (profile.employees > 0 or profile.legal_form == LegalForm.FOUNDATION_RUP)
        if entry.budget_bracket == BudgetBracket.LT_10K:
            assert profile.employees == 0
        assert profile.volunteers > 0
        if profile.website:
            assert profile.website == f"https://{slugify(entry.name)}.example.org"
        assert set(profile.public_fields) <= set(PublicField.values)
        assert profile.is_public or not profile.public_fields
    assert forms[LegalForm.ALSACE_MOSELLE] >= 1
    assert forms[LegalForm.FOUNDATION_RUP] == forms[LegalForm.PUBLIC_LIBRARY] == 1
    sirets = [p.siret for p in profiles_by_name.values() if p.siret]
    rnas = [p.rna_number for p in profiles_by_name.values() if p.rna_number]
    assert len(set(sirets)) == len(sirets) >= 10 and len(set(rnas)) == len(rnas)
    # Some, not all, show a website and a public page.
    assert 0 < sum(bool(p.website) for p in profiles_by_name.values()) < len(profiles_by_name)
    assert 0 < sum(p.is_public for p in profiles_by_name.values()) < len(profiles_by_name)
    assert profiles_by_name[data.DEMO_ASSOCIATION.name].is_public


@pytest.mark.django_db
def test_every_provider_gets_a_complete_profile():
    seed()

    profiles_by_name = {
        profile.organisation.name: profile
        for profile in ProviderProfile.objects.select_related("organisation").prefetch_related(
            "skills", "served_regions", "certifications", "portfolio"
        )
    }
    assert set(profiles_by_name) == {seed.name for seed in data.PROVIDERS}
    association_names = {seed.name for seed in data.ASSOCIATIONS}
    all_regions = set(Region.values)
    for entry in data.PROVIDERS:
        profile = profiles_by_name[entry.name]
        profile.full_clean(exclude=["logo"])
        category = data.PROVIDER_CATEGORY_PROFILES[entry.category]
        assert clean_siret(profile.siret) == profile.siret
        assert profile.legal_name and profile.presentation and profile.services
        assert "{" not in profile.presentation
        assert (profile.postcode, profile.commune) == (entry.postcode, entry.city)
        assert profile.region == region_for_postcode(entry.postcode)
        assert (profile.latitude, profile.longitude) == approximate_coordinates(entry.postcode)
        skills = {skill.slug for skill in profile.skills.all()}
        assert 3 <= len(skills) <= 8, entry.name
        focus = data.PROVIDER_FOCUS.get(entry.name)
        assert set(focus.skills if focus else category.core_skills) <= skills
        served = {row.region for row in profile.served_regions.all()}
        assert profile.region in served
        if category.remote_first:
            assert served == all_regions and profile.remote_ok
        else:
            assert served < all_regions
        assert 300_00 <= profile.day_rate_min_cents and profile.day_rate_min_cents % 50_00 == 0
        assert profile.day_rate_min_cents + 100_00 <= profile.day_rate_max_cents <= 1400_00
        assert 0 <= profile.solidarity_discount_percent <= 30
        assert profile.pro_bono == bool(profile.pro_bono_details)
        assert profile.languages[0] == Language.FRENCH and set(profile.languages) <= set(Language.values)
        assert profile.team_size >= 1 and profile.response_time_hours >= 1
        assert profile.tools
        certifications = {row.certification for row in profile.certifications.all()}
        assert set(category.certifications) <= certifications
        if entry.category == data.ProviderCategory.TRAINING:
            assert Certification.QUALIOPI in certifications
        items = list(profile.portfolio.all())
        assert 1 <= len(items) <= 3
        for item in items:
            item.full_clean(exclude=["image", "profile"])
            assert item.association_served in association_names
            assert not item.image
    assert any(p.pro_bono for p in profiles_by_name.values())
    assert not all(p.pro_bono for p in profiles_by_name.values())
    assert len({p.siret for p in profiles_by_name.values()}) == len(profiles_by_name)
    assert profiles_by_name["Camille Roux, développeuse web"].legal_name == "Camille Roux EI"


# --- Verification ------------------------------------------------------------


@pytest.mark.django_db
def test_organisations_are_verified_pending_or_waiting_as_listed():
    seed()

    statuses = dict(Organisation.objects.values_list("name", "verification_status"))
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    by_status = Counter((kinds[name], status) for name, status in statuses.items())
    assert by_status[(OrganisationKind.ASSOCIATION, VerificationStatus.PENDING)] == 5
    assert by_status[(OrganisationKind.PROVIDER, VerificationStatus.PENDING)] == 5
    assert sum(n for (_, status), n in by_status.items() if status == VerificationStatus.INFO_REQUESTED) == 2
    assert sum(n for (_, status), n in by_status.items() if status == VerificationStatus.REJECTED) == 1
    assert sum(n for (_, status), n in by_status.items() if status == VerificationStatus.VERIFIED) == (
        len(statuses) - 13
    )
    assert VerificationStatus.UNVERIFIED not in statuses.values()
    for name in data.VERIFICATION_PENDING:
        assert statuses[name] == VerificationStatus.PENDING
    for login in data.DEMO_LOGINS:
        if login.organisation is not None:
            organisation = Organisation.objects.get(name=login.organisation.name)
            assert organisation.is_verified and organisation.verified_at is not None


@pytest.mark.django_db
def test_each_status_follows_the_latest_request():
    seed()

    staff = User.objects.get(email="staff@demo.test")
    for organisation in Organisation.objects.prefetch_related("verification_requests", "memberships"):
        requests = list(organisation.verification_requests.all())  # latest first
        assert requests, organisation
        latest = requests[0]
        assert organisation.verification_status == latest.state
        owner_ids = {m.user_id for m in organisation.memberships.all() if m.role == Role.OWNER}
        for request in requests:
            assert request.submitted_by_id in owner_ids
            if request.state == RequestState.PENDING:
                assert request.reviewed_by is None and request.reviewed_at is None
            else:
                assert request.reviewed_by_id == staff.pk
                assert request.submitted_at < request.reviewed_at
            if request.state in (RequestState.INFO_REQUESTED, RequestState.REJECTED):
                assert request.decision_message
        if organisation.is_verified:
            assert organisation.verified_at == latest.reviewed_at
        else:
            assert organisation.verified_at is None

    resubmitted = Organisation.objects.get(name=next(iter(data.VERIFICATION_RESUBMITTED)))
    assert [r.state for r in resubmitted.verification_requests.all()] == [
        RequestState.PENDING,
        RequestState.INFO_REQUESTED,
    ]
    assert AuditEntry.objects.filter(action="verification.verified", actor=staff).count() == (
        VerificationRequest.objects.filter(state=RequestState.VERIFIED).count()
    )
    assert AuditEntry.objects.filter(action="verification.submitted").count() == VerificationRequest.objects.count()


@pytest.mark.django_db
def test_requests_to_examine_come_with_pdf_documents(private_files):
    seed()

    waiting = VerificationRequest.objects.exclude(state=RequestState.VERIFIED).select_related("organisation")
    assert waiting.filter(state=RequestState.PENDING).count() == 10
    for request in waiting:
        documents = list(request.documents.all())
        kinds = {document.kind for document in documents}
        for group in required_documents(request.organisation):
            assert kinds & set(group), (request.organisation, group)
        for document in documents:
            path = Path(document.file.path)
            assert path.is_relative_to(private_files) and path.is_file()
            content = path.read_bytes()
            assert content.startswith(b"%PDF-1.4") and len(content) == document.size
            assert document.content_type == "application/pdf" and document.original_name.endswith(".pdf")
            assert document.uploaded_at == request.submitted_at
    # The re-submission replaced its statutes and carried the other document over.
    pending, earlier = Organisation.objects.get(
        name=next(iter(data.VERIFICATION_RESUBMITTED))
    ).verification_requests.all()
    assert {d.file.name for d in pending.documents.all()} & {d.file.name for d in earlier.documents.all()}
    assert not VerificationDocument.objects.filter(request__state=RequestState.VERIFIED).exists()


# --- Idempotence -------------------------------------------------------------


@pytest.mark.django_db
def test_second_run_changes_no_profile_or_verification():
    output = seed()
    assert f"profiles : profils d'associations +{len(data.ASSOCIATIONS)}" in output
    first = counts()
    snapshot = {
        "associations": list(AssociationProfile.objects.order_by("pk").values()),
        "providers": list(ProviderProfile.objects.order_by("pk").values()),
        "requests": list(VerificationRequest.objects.order_by("pk").values()),
        "organisations": list(Organisation.objects.order_by("pk").values()),
    }

    output = seed()

    assert counts() == first
    assert snapshot == {
        "associations": list(AssociationProfile.objects.order_by("pk").values()),
        "providers": list(ProviderProfile.objects.order_by("pk").values()),
        "requests": list(VerificationRequest.objects.order_by("pk").values()),
        "organisations": list(Organisation.objects.order_by("pk").values()),
    }
    assert "profiles : rien de nouveau" in output


@pytest.mark.django_db
def test_profiles_and_statuses_edited_since_are_left_alone():
    seed()
    lyon = Organisation.objects.get(name=data.DEMO_ASSOCIATION.name)
    AssociationProfile.objects.filter(organisation=lyon).update(description="Texte écrit par l'association.")
    # An organisation whose history was wiped, but whose status says it was checked, gets no new request.
    metz = Organisation.objects.get(name="Maison des solidarités de Metz")
    metz.verification_requests.all().delete()

    seed()

    assert AssociationProfile.objects.get(organisation=lyon).description == "Texte écrit par l'association."
    assert not metz.verification_requests.exists()


@pytest.mark.django_db
def test_profiles_are_deterministic():
    seed()
    first = {
        name: (rna, siret)
        for name, rna, siret in AssociationProfile.objects.values_list("organisation__name", "rna_number", "siret")
    }
    Organisation.objects.all().delete()
    User.objects.all().delete()

    seed()

    assert first == {
        name: (rna, siret)
        for name, rna, siret in AssociationProfile.objects.values_list("organisation__name", "rna_number", "siret")
    }
