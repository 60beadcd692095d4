import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.core.validators import validate_email
from django.utils.text import slugify

from marketplace.demo import data, seeders
from marketplace.models import AuditEntry, Membership, Organisation, User
from marketplace.models.organisations import OrganisationKind, Role


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }


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

    assert Organisation.objects.filter(name=data.PROVIDERS[-1].name).count() == 1
    assert Organisation.objects.count() == len(data.ASSOCIATIONS) + len(data.PROVIDERS)
    assert Membership.objects.filter(user__email="benevole@demo.test", role=Role.MEMBER).count() == 1


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
    assert [seeder.name for seeder in seeders.registered_seeders()] == ["core", "billing", "late"]
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
