"""The demo: its data, the command, and what one seeded demo holds.

The tests that read the demo share one seeded database (`seeded_demo`, see
conftest); those that need an empty database are in `test_seed_from_empty`.
"""

import datetime
import io
import random
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.validators import validate_email
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.text import slugify

from demo import data, profiles, seeders
from marketplace import taxonomy_data
from marketplace.eligibility import required_documents
from marketplace.geography import Region, approximate_coordinates, department_for_postcode, region_for_postcode
from marketplace.models import (
    AssociationProfile,
    AuditEntry,
    Membership,
    Notification,
    Organisation,
    PortfolioItem,
    Project,
    ProjectChange,
    ProjectInvitation,
    Proposal,
    ProposalLine,
    ProposalVersion,
    ProviderCertification,
    ProviderProfile,
    Review,
    ServedRegion,
    User,
    VerificationDocument,
    VerificationRequest,
)
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.profiles import BudgetBracket, Certification, FieldOfAction, Language, LegalForm, PublicField
from marketplace.models.projects import ProjectState, ProposalState, Visibility
from marketplace.models.verification import RequestState, private_storage
from marketplace.project_types import ProjectType, clean_answers, spec_for
from marketplace.selectors.dashboards import association_projects, provider_projects
from marketplace.services.proposals import _version_values
from marketplace.services.reviews import CRITERIA
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
        "projects": Project.objects.count(),
        "project_skills": Project.skills.through.objects.count(),
        "project_invitations": ProjectInvitation.objects.count(),
        "project_changes": ProjectChange.objects.count(),
        "proposals": Proposal.objects.count(),
        "proposal_versions": ProposalVersion.objects.count(),
        "proposal_lines": ProposalLine.objects.count(),
        "reviews": Review.objects.count(),
        "notifications": Notification.objects.count(),
    }


@pytest.fixture(autouse=True)
def private_files(demo_private_files):
    """Documents the seed writes land in the module's own directory (see `conftest.seeded_demo`)."""
    return demo_private_files


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
def test_seed_creates_every_organisation_with_an_owner(seeded_demo):
    associations = Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)
    providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
    assert associations.count() == len(data.ASSOCIATIONS) >= 30
    assert providers.count() == len(data.PROVIDERS) >= 60
    assert not Organisation.objects.exclude(memberships__role=Role.OWNER).exists()
    lyon = associations.get(name=data.DEMO_ASSOCIATION.name)
    assert (lyon.postcode, lyon.city) == (data.DEMO_ASSOCIATION.postcode, data.DEMO_ASSOCIATION.city)


@pytest.mark.django_db
def test_seed_goes_through_the_service_so_creations_are_audited(seeded_demo):
    assert AuditEntry.objects.filter(action="organisation.created").count() == Organisation.objects.count()
    assert AuditEntry.objects.filter(action="membership.created").count() == 2


@pytest.mark.django_db
def test_other_organisations_are_owned_by_their_contact_address(seeded_demo):
    seed_entry = data.ASSOCIATIONS[1]
    owner = Membership.objects.get(organisation__name=seed_entry.name, role=Role.OWNER).user
    assert owner.email == seeders.contact_email(seed_entry)
    assert owner.first_name and owner.last_name
    assert authenticate(username=owner.email, password=data.DEMO_PASSWORD) == owner


@pytest.mark.django_db
def test_demo_logins_authenticate_with_their_roles(seeded_demo):
    output = seeded_demo.output

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
def test_second_run_creates_nothing(seeded_demo):
    first = counts()

    output = seed()

    assert counts() == first
    assert "rien de nouveau" in output


@pytest.mark.django_db
def test_seed_completes_a_partial_demo_without_duplicating(seeded_demo):
    Organisation.objects.filter(name=data.PROVIDERS[-1].name).delete()
    User.objects.filter(email="benevole@demo.test").delete()

    seed()

    recreated = Organisation.objects.get(name=data.PROVIDERS[-1].name)
    assert Organisation.objects.count() == len(data.ASSOCIATIONS) + len(data.PROVIDERS)
    assert Membership.objects.filter(user__email="benevole@demo.test", role=Role.MEMBER).count() == 1
    assert ProviderProfile.objects.filter(organisation=recreated).exists()
    assert recreated.verification_requests.count() == 1
    assert recreated.verification_status == VerificationStatus.VERIFIED


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
    names = [seeder.name for seeder in seeders.registered_seeders()]
    # Other packages may register their own seeders: only the relative order is checked.
    assert names[:2] == ["core", "profiles"]
    assert names.index("billing") < names.index("projects") < names.index("late")
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
def test_every_association_gets_a_valid_profile(seeded_demo):
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
def test_every_provider_gets_a_complete_profile(seeded_demo):
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
def test_organisations_are_verified_pending_or_waiting_as_listed(seeded_demo):
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
def test_each_status_follows_the_latest_request(seeded_demo):
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
def test_requests_to_examine_come_with_pdf_documents(seeded_demo, private_files):
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
def test_second_run_changes_no_profile_or_verification(seeded_demo):
    output = seeded_demo.output
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
def test_profiles_and_statuses_edited_since_are_left_alone(seeded_demo):
    lyon = Organisation.objects.get(name=data.DEMO_ASSOCIATION.name)
    AssociationProfile.objects.filter(organisation=lyon).update(description="Texte écrit par l'association.")
    # An organisation whose history was wiped, but whose status says it was checked, gets no new request.
    metz = Organisation.objects.get(name="Maison des solidarités de Metz")
    metz.verification_requests.all().delete()

    seed()

    assert AssociationProfile.objects.get(organisation=lyon).description == "Texte écrit par l'association."
    assert not metz.verification_requests.exists()


@pytest.mark.django_db
def test_profiles_are_deterministic(seeded_demo):
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


# --- Projects: the data ------------------------------------------------------

AWARDED_STATES = (ProjectState.AWARDED, ProjectState.IN_PROGRESS, ProjectState.DELIVERED, ProjectState.CLOSED)


def test_project_data_is_well_formed():
    associations = {seed.name for seed in data.ASSOCIATIONS}
    providers = {seed.name for seed in data.PROVIDERS}
    skills = {skill.slug for skill in taxonomy_data.SKILLS}
    assert 35 <= len(data.PROJECTS) <= 50
    assert len({(seed.association, seed.title) for seed in data.PROJECTS}) == len(data.PROJECTS)
    assert {seed.state for seed in data.PROJECTS} == set(ProjectState.values)
    assert len({seed.project_type for seed in data.PROJECTS}) == len(ProjectType.values)
    for seed in data.PROJECTS:
        assert seed.association in associations, seed.title
        assert seed.project_type in ProjectType.values and seed.state in ProjectState.values, seed.title
        assert 5 <= len(seed.title) <= 160 and 20 <= len(seed.description) <= 10_000, seed.title
        assert clean_answers(seed.project_type, seed.answers) is not None  # valid for the guided form
        assert set(seed.skills) <= skills and (seed.skills or spec_for(seed.project_type).skills), seed.title
        if seed.budget_euros is not None:
            low, high = seed.budget_euros
            assert low is not None or high is not None
            assert low is None or high is None or low <= high
        assert set(seed.invited) <= providers and len(set(seed.invited)) == len(seed.invited), seed.title
        assert not seed.invited_only or seed.invited, seed.title
        quote_states = Counter(quote.state for quote in seed.quotes)
        assert set(quote_states) <= set(ProposalState.values), seed.title
        for quote in seed.quotes:
            assert not quote.provider or quote.provider in providers, seed.title
            assert 0 <= quote.versions <= 3
            if seed.invited_only:
                assert quote.provider in seed.invited, seed.title
        named = [quote.provider for quote in seed.quotes if quote.provider]
        assert len(set(named)) == len(named), seed.title
        if seed.state in AWARDED_STATES:
            assert quote_states[ProposalState.ACCEPTED] == 1, seed.title
            assert set(quote_states) == {ProposalState.ACCEPTED, ProposalState.DECLINED}, seed.title
        else:
            assert not quote_states[ProposalState.ACCEPTED], seed.title
        if seed.state in (ProjectState.CANCELLED, ProjectState.EXPIRED):
            assert not set(quote_states) & set(ProposalState.OPEN), seed.title
        if seed.state == ProjectState.PUBLISHED:
            assert all(q.reason for q in seed.quotes if q.state == ProposalState.DECLINED), seed.title
        if seed.state == ProjectState.DRAFT or seed.cancelled_as_draft:
            assert not seed.quotes, seed.title
        assert bool(seed.reason) == (seed.state == ProjectState.CANCELLED), seed.title
        sides = Counter(review.by for review in seed.reviews)
        assert set(sides) <= {"association", "provider"} and max(sides.values(), default=1) == 1, seed.title
        if seed.reviews:
            assert seed.state in (ProjectState.DELIVERED, ProjectState.CLOSED), seed.title
        if seed.state == ProjectState.CLOSED:
            assert set(sides) == {"association", "provider"}, seed.title
        for review in seed.reviews:
            assert len(review.scores) == len(CRITERIA) and all(1 <= score <= 5 for score in review.scores)
    assert sum(seed.invited_only for seed in data.PROJECTS if seed.state == ProjectState.PUBLISHED) >= 2


def test_quote_lines_cover_every_type():
    assert set(data.QUOTE_LINES) == set(ProjectType.values) == set(data.QUOTE_APPROACHES)
    for project_type, templates in data.QUOTE_LINES.items():
        assert len(templates) >= 5, project_type
        questions = {question.key for question in spec_for(project_type).questions}
        for template in templates:
            assert 1 <= len(template.label) <= 200
            assert template.kind in ("days", "fixed", "units")
            if template.kind == "units":
                assert 0 < template.unit_euros[0] <= template.unit_euros[1]
                assert template.count in questions if isinstance(template.count, str) else template.count[0] >= 1
            else:
                assert template.share > 0


# --- Projects: the seed ------------------------------------------------------


def demo_seeds() -> dict[tuple[str, str], data.ProjectSeed]:
    return {(seed.association, seed.title): seed for seed in data.PROJECTS}


@pytest.mark.django_db
def test_projects_are_seeded_in_every_state(seeded_demo):
    projects = list(Project.objects.select_related("organisation").prefetch_related("skills", "invitations"))
    seeds = demo_seeds()
    assert {(p.organisation.name, p.title) for p in projects} == set(seeds)
    states = Counter(project.state for project in projects)
    assert set(states) == set(ProjectState.values)
    assert states[ProjectState.PUBLISHED] >= 5
    today = timezone.localdate()
    now = timezone.now()
    for project in projects:
        entry = seeds[(project.organisation.name, project.title)]
        project.full_clean()
        assert project.answers == clean_answers(project.project_type, project.answers)
        assert project.skills.all(), project.title
        assert project.created_at < now and project.updated_at < now
        assert project.region and project.postcode and project.latitude is not None
        if entry.budget_euros is None:
            assert not project.budget_known
        if project.state == ProjectState.PUBLISHED:
            # Open for quotes for a few more weeks, whatever the day the demo was seeded.
            assert today < project.answer_deadline <= today + datetime.timedelta(weeks=8)
            assert project.created_at < project.published_at < now
            assert project.answer_deadline <= project.deadline
        if project.state == ProjectState.DRAFT or entry.cancelled_as_draft:
            assert project.published_at is None
        else:
            assert project.published_at is not None
        if project.state == ProjectState.EXPIRED:
            assert project.answer_deadline < today
        if entry.invited_only:
            assert project.visibility == Visibility.INVITED_ONLY
        assert {i.provider.name for i in project.invitations.all()} == set(entry.invited)
    invited_only = [p for p in projects if p.visibility == Visibility.INVITED_ONLY]
    assert sum(p.state == ProjectState.PUBLISHED for p in invited_only) >= 2
    assert all(p.invitations.all() for p in invited_only)
    verified = Organisation.objects.filter(verification_status=VerificationStatus.VERIFIED)
    assert (
        not Project.objects.exclude(state=ProjectState.DRAFT)
        .exclude(published_at=None)
        .exclude(organisation__in=verified)
    )


@pytest.mark.django_db
def test_quotes_are_consistent_with_their_projects(seeded_demo):
    seeds = demo_seeds()
    for project in Project.objects.select_related("organisation", "awarded_proposal").prefetch_related(
        "skills", "invitations", "proposals__provider__provider_profile__skills", "proposals__versions__lines"
    ):
        entry = seeds[(project.organisation.name, project.title)]
        proposals = list(project.proposals.all())
        assert len(proposals) == len(entry.quotes), project.title
        assert Counter(p.state for p in proposals) == Counter(q.state for q in entry.quotes), project.title
        project_skills = {skill.slug for skill in project.skills.all()}
        invited = {invitation.provider_id for invitation in project.invitations.all()}
        for proposal in proposals:
            provider = proposal.provider
            assert provider.is_provider and provider.is_verified, project.title
            assert {skill.slug for skill in provider.provider_profile.skills.all()} & project_skills, project.title
            if project.visibility == Visibility.INVITED_ONLY:
                assert provider.pk in invited
            versions = list(proposal.versions.all())
            assert 1 <= len(versions) <= 3
            assert [v.number for v in versions] == list(range(1, len(versions) + 1))
            assert proposal.current_version_id == versions[-1].pk
            assert proposal.created_at == versions[0].created_at <= proposal.updated_at
            assert all(a.created_at < b.created_at for a, b in zip(versions, versions[1:], strict=False))
            for version in versions:
                assert 2 <= len(version.lines.all()) <= 5
                assert version.message
            if proposal.state == ProposalState.DECLINED:
                assert proposal.decline_reason, project.title
        accepted = [p for p in proposals if p.state == ProposalState.ACCEPTED]
        if project.state in AWARDED_STATES:
            assert len(accepted) == 1 and project.awarded_proposal == accepted[0], project.title
            assert all(p.state == ProposalState.DECLINED for p in proposals if p not in accepted)
        else:
            assert not accepted and project.awarded_proposal is None, project.title
        if project.state in (ProjectState.CANCELLED, ProjectState.EXPIRED):
            assert not [p for p in proposals if p.state in ProposalState.OPEN]
    published = Proposal.objects.filter(project__state=ProjectState.PUBLISHED)
    assert published.filter(state=ProposalState.SHORTLISTED).exists()
    assert published.filter(state=ProposalState.WITHDRAWN).exists()
    assert ProposalVersion.objects.filter(number=3).exists()


@pytest.mark.django_db
def test_quote_totals_are_the_services_computation(seeded_demo):
    profiles_by_provider = {p.organisation_id: p for p in ProviderProfile.objects.all()}
    versions = ProposalVersion.objects.select_related("proposal").prefetch_related("lines")
    assert versions.count() >= 60
    for version in versions:
        lines = list(version.lines.all())
        raw = {
            "lines": [
                {
                    "label": line.label,
                    "quantity": str(Decimal(line.quantity_hundredths) / 100),
                    "unit_price": str(Decimal(line.unit_price_cents) / 100),
                }
                for line in lines
            ],
            "vat_rate_bp": version.vat_rate_bp,
        }
        values, computed = _version_values(raw, profiles_by_provider[version.proposal.provider_id])
        for name in ("vat_rate_bp", "subtotal_cents", "discount_percent", "discount_cents", "total_ht_cents"):
            assert getattr(version, name) == values[name], (version, name)
        assert (version.vat_cents, version.total_ttc_cents) == (values["vat_cents"], values["total_ttc_cents"])
        assert [
            (line.position, line.label, line.quantity_hundredths, line.unit_price_cents, line.total_cents)
            for line in lines
        ] == [
            (
                line["position"],
                line["label"],
                line["quantity_hundredths"],
                line["unit_price_cents"],
                line["total_cents"],
            )
            for line in computed
        ]
    # Some quotes carry a solidarity discount, some no VAT (trainers, micro-entrepreneurs).
    assert ProposalVersion.objects.filter(discount_cents__gt=0).exists()
    assert ProposalVersion.objects.filter(vat_rate_bp=0).exists()
    assert ProposalVersion.objects.filter(vat_rate_bp=2000).exists()


@pytest.mark.django_db
def test_timelines_tell_each_projects_story(seeded_demo):
    now = timezone.now()
    for project in Project.objects.prefetch_related("proposals__versions"):
        entries = list(AuditEntry.objects.filter(target=f"marketplace.project:{project.pk}").order_by("created_at"))
        actions = [entry.action for entry in entries]
        assert actions[0] == "project.created", project.title
        assert entries[0].created_at == project.created_at
        assert all(entry.created_at < now and entry.organisation_id == project.organisation_id for entry in entries)
        assert entries[-1].created_at <= project.updated_at or project.state == ProjectState.PUBLISHED
        if project.published_at:
            published = next(entry for entry in entries if entry.action == "project.published")
            assert published.created_at == project.published_at
        for proposal in project.proposals.all():
            mine = [entry for entry in entries if entry.data.get("proposal") == proposal.pk]
            assert [entry.action for entry in mine][0] == "proposal.submitted"
            assert mine[0].data["provider"] == proposal.provider.name
            assert mine[0].created_at == proposal.created_at
            assert sum(entry.action == "proposal.revised" for entry in mine) == len(proposal.versions.all()) - 1
            if proposal.state in (ProposalState.ACCEPTED, ProposalState.SHORTLISTED, ProposalState.WITHDRAWN):
                assert mine[-1].action == f"proposal.{proposal.state}"
        expected = {
            ProjectState.DRAFT: ["project.created"],
            ProjectState.AWARDED: ["proposal.accepted"],
            ProjectState.IN_PROGRESS: ["proposal.accepted", "project.started"],
            ProjectState.DELIVERED: ["proposal.accepted", "project.started", "project.delivered"],
            ProjectState.CLOSED: ["proposal.accepted", "project.started", "project.delivered", "project.closed"],
            ProjectState.CANCELLED: ["project.cancelled"],
            ProjectState.EXPIRED: ["project.expired"],
        }.get(project.state, [])
        steps = [a for a in actions if a in {*expected, "project.started", "project.delivered", "project.closed"}]
        assert [a for a in steps if a != "project.created"] == [a for a in expected if a != "project.created"]
        if project.state == ProjectState.DRAFT:
            assert actions == ["project.created"]
        if project.state == ProjectState.EXPIRED:
            assert next(e for e in entries if e.action == "project.expired").actor is None
    assert AuditEntry.objects.filter(action="project.provider_invited").count() == ProjectInvitation.objects.count()
    assert AuditEntry.objects.filter(action="project.updated").count() == ProjectChange.objects.count() >= 1


@pytest.mark.django_db
def test_reviews_and_ratings_are_consistent(seeded_demo):
    reviews = list(Review.objects.select_related("project__awarded_proposal", "author", "subject"))
    assert reviews
    for review in reviews:
        project = review.project
        assert project.state in (ProjectState.DELIVERED, ProjectState.CLOSED)
        sides = {project.organisation_id, project.awarded_proposal.provider_id}
        assert {review.author_id, review.subject_id} == sides
        scores = [getattr(review, criterion) for criterion in CRITERIA]
        assert review.rating == (Decimal(sum(scores)) / 4).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert review.created_at > project.published_at
        assert bool(review.response) == (review.responded_at is not None)
        if review.responded_at:
            assert review.is_published, "nobody answers a review still blind"
            assert review.created_at < review.responded_at < timezone.now()
        # Double-blind: published once both sides wrote, or 14 days after; never before it was written.
        both_wrote = project.reviews.count() == 2
        old_enough = review.created_at <= timezone.now() - datetime.timedelta(days=14)
        assert review.is_published == (both_wrote or old_enough), project.title
        if review.is_published:
            assert review.published_at >= review.created_at
    for project in Project.objects.filter(state=ProjectState.CLOSED):
        assert project.reviews.count() == 2
    assert AuditEntry.objects.filter(action="review.written").count() == len(reviews)
    published = [review for review in reviews if review.is_published]
    assert published and AuditEntry.objects.filter(action="review.published").count() == len(published)
    reviewed = 0
    public = Q(organisation__reviews_received__is_published=True)
    for profile in ProviderProfile.objects.annotate(
        published=Count("organisation__reviews_received", filter=public, distinct=True),
        mean=Avg("organisation__reviews_received__rating", filter=public),
    ):
        assert profile.rating_count == profile.published
        if profile.published:
            reviewed += 1
            assert profile.rating_average == Decimal(profile.mean).quantize(Decimal("0.01"), ROUND_HALF_UP)
        else:
            assert profile.rating_average is None
    assert reviewed >= 5


@pytest.mark.django_db
def test_the_demo_association_has_a_project_at_each_step(seeded_demo):
    restos = Organisation.objects.get(name=data.DEMO_ASSOCIATION.name)
    projects = {project.state: project for project in restos.projects.all()}
    assert {ProjectState.DRAFT, ProjectState.PUBLISHED, ProjectState.IN_PROGRESS, ProjectState.CLOSED} <= set(projects)
    # Three quotes to compare, one of them shortlisted.
    open_quotes = projects[ProjectState.PUBLISHED].proposals.filter(state__in=ProposalState.OPEN)
    assert open_quotes.count() == 3
    assert open_quotes.filter(state=ProposalState.SHORTLISTED).count() == 1
    assert projects[ProjectState.IN_PROGRESS].awarded_proposal.state == ProposalState.ACCEPTED
    closed = projects[ProjectState.CLOSED]
    assert {review.author_id for review in closed.reviews.all()} == {
        restos.pk,
        closed.awarded_proposal.provider_id,
    }
    # The volunteer drafted; the owner published and decided.
    assert projects[ProjectState.DRAFT].created_by.email == "benevole@demo.test"
    assert AuditEntry.objects.filter(
        organisation=restos, action="proposal.accepted", actor__email="asso@demo.test"
    ).exists()
    dashboard = association_projects(organisation=restos)
    assert {p.state for p in dashboard.projects} >= {ProjectState.DRAFT, ProjectState.PUBLISHED}
    assert dashboard.new_proposals >= 2
    asso = User.objects.get(email="asso@demo.test")
    assert Notification.objects.filter(user=asso, kind="proposal.submitted").exists()
    assert Notification.objects.filter(user=asso, read_at=None).exists()


@pytest.mark.django_db
def test_the_demo_provider_is_invited_quoting_working_and_reviewed(seeded_demo):
    atelier = Organisation.objects.get(name=data.DEMO_PROVIDER.name)
    dashboard = provider_projects(organisation=atelier)
    # Invited to quote on a published project it has not quoted on yet.
    assert [i.project.state for i in dashboard.invitations] == [ProjectState.PUBLISHED]
    invited = dashboard.invitations[0].project
    assert invited.visibility == Visibility.INVITED_ONLY
    assert not invited.proposals.filter(provider=atelier).exists()
    # A quote waiting for the association's answer.
    assert Proposal.objects.filter(
        provider=atelier, state=ProposalState.SUBMITTED, project__state=ProjectState.PUBLISHED
    ).exists()
    assert any(p.state == ProposalState.SUBMITTED for p in dashboard.proposals)
    # A project it won, in progress, and a closed one with a review it received.
    awarded = Project.objects.filter(awarded_proposal__provider=atelier)
    assert awarded.filter(state=ProjectState.IN_PROGRESS, organisation__name=data.DEMO_ASSOCIATION.name).exists()
    assert {p.state for p in dashboard.awarded} >= {ProjectState.IN_PROGRESS, ProjectState.CLOSED}
    assert Review.objects.filter(subject=atelier, project__state=ProjectState.CLOSED).exists()
    profile = ProviderProfile.objects.get(organisation=atelier)
    assert profile.rating_count >= 2 and profile.rating_average >= Decimal(4)
    # Both people of the provider wrote versions of its quotes.
    writers = set(
        ProposalVersion.objects.filter(proposal__provider=atelier).values_list("created_by__email", flat=True)
    )
    assert writers == {"presta@demo.test", "equipe@demo.test"}
    # The invitation reached both of them in the app, each in their own language.
    titles = dict(Notification.objects.filter(kind="project.project_invitation").values_list("user__email", "title"))
    assert set(titles) == {"presta@demo.test", "equipe@demo.test"}
    assert titles["presta@demo.test"] != titles["equipe@demo.test"]


@pytest.mark.django_db
def test_second_run_changes_no_project(seeded_demo):
    output = seeded_demo.output
    assert f"projects : projets +{len(data.PROJECTS)}" in output

    def snapshot():
        return {
            model.__name__: list(model.objects.order_by("pk").values())
            for model in (Project, Proposal, ProposalVersion, ProposalLine, Review, ProjectInvitation, AuditEntry)
        }

    first = snapshot()
    profiles_before = list(ProviderProfile.objects.order_by("pk").values("rating_average", "rating_count"))

    output = seed()

    assert "projects : rien de nouveau" in output
    assert snapshot() == first
    assert list(ProviderProfile.objects.order_by("pk").values("rating_average", "rating_count")) == profiles_before


@pytest.mark.django_db
def test_a_missing_project_is_seeded_again_alone(seeded_demo):
    closed = Project.objects.get(title="Diagnostic numérique de l'association")
    closed.delete()
    before = counts()

    output = seed()

    assert "projects : projets +1, invitations +0, devis +2" in output
    recreated = Project.objects.get(title="Diagnostic numérique de l'association")
    assert recreated.state == ProjectState.CLOSED and recreated.reviews.count() == 2
    assert Project.objects.count() == before["projects"] + 1


@pytest.mark.django_db
def test_projects_are_deterministic():
    def story():
        return {
            (title, provider): (state, total, versions)
            for title, provider, state, total, versions in Proposal.objects.values_list(
                "project__title",
                "provider__name",
                "state",
                "current_version__total_ttc_cents",
                "current_version__number",
            )
        }

    seed()
    first = story()
    Organisation.objects.all().delete()
    User.objects.all().delete()

    seed()

    assert story() == first
