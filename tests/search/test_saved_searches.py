"""Providers save searches of the project board, open, rename, change and delete them; nobody else reaches them."""

import pytest

from marketplace.models.organisations import Role, VerificationStatus
from search.models import AlertEmail, DefaultAlert, SavedSearch
from tests.profile_factories import ProviderOrganisationFactory
from tests.project_factories import VerifiedAssociationFactory, member_of

pytestmark = pytest.mark.django_db

BOARD = "/projets/tableau/"
LIST = "/projets/recherches/"


@pytest.fixture
def provider():
    return member_of(ProviderOrganisationFactory(name="Anjou Web"), Role.OWNER)


def save(client, query: str, name: str = "WordPress en Pays de la Loire", email: str = "instant"):
    return client.post(LIST + "enregistrer/", {"name": name, "query": query, "in_app": "on", "email": email})


def test_the_board_offers_to_save_its_current_filters(client, provider):
    client.force_login(provider.user)

    page = client.get(BOARD, {"q": "wordpress", "region": "pays-de-la-loire", "page": "1"}).content.decode()

    assert "Enregistrer cette recherche" in page
    assert 'value="q=wordpress&amp;region=pays-de-la-loire"' in page


def test_a_provider_saves_a_search_and_opens_it_on_the_board(client, provider):
    client.force_login(provider.user)

    response = save(client, "q=wordpress&region=pays-de-la-loire&page=3&utm_source=x")

    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert saved.organisation == provider.organisation
    assert saved.created_by == provider.user
    assert saved.query == "q=wordpress&region=pays-de-la-loire"  # only the board's own parameters
    assert saved.email == AlertEmail.INSTANT and saved.in_app
    page = client.get(LIST).content.decode()
    assert "WordPress en Pays de la Loire" in page
    assert f'href="{BOARD}?q=wordpress&amp;region=pays-de-la-loire"' in page
    assert client.get(f"{BOARD}?q=wordpress&region=pays-de-la-loire").status_code == 200


def test_an_invalid_filter_is_a_form_error_not_a_saved_search(client, provider):
    client.force_login(provider.user)

    response = save(client, "budget_min=abc&region=nowhere")

    assert response.status_code == 400
    page = response.content.decode()
    assert "La recherche n'a pas été enregistrée" in page
    assert "filtres non valides" in page
    assert "Budget à partir de (€)" in page
    assert not SavedSearch.objects.exists()


def test_a_search_needs_a_name(client, provider):
    client.force_login(provider.user)

    response = save(client, "q=site", name="   ")

    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


def test_a_member_renames_a_search_and_changes_its_alerts(client, provider):
    saved = SavedSearch.objects.create(organisation=provider.organisation, created_by=provider.user, name="Sites")
    colleague = member_of(provider.organisation, Role.MEMBER)
    client.force_login(colleague.user)

    response = client.post(f"{LIST}{saved.pk}/", {f"s{saved.pk}-name": "Sites vitrines", f"s{saved.pk}-email": "daily"})

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.name, saved.in_app, saved.email) == ("Sites vitrines", False, AlertEmail.DAILY)


def test_a_member_deletes_a_search(client, provider):
    saved = SavedSearch.objects.create(organisation=provider.organisation, created_by=provider.user, name="Sites")
    client.force_login(provider.user)

    response = client.post(f"{LIST}{saved.pk}/supprimer/", follow=True)

    assert "Recherche supprimée." in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_another_organisation_neither_sees_nor_changes_a_search(client, provider):
    saved = SavedSearch.objects.create(organisation=provider.organisation, created_by=provider.user, name="Secret")
    other = member_of(ProviderOrganisationFactory(name="Cyber Nord"), Role.OWNER)
    client.force_login(other.user)

    assert "Secret" not in client.get(LIST).content.decode()
    assert (
        client.post(f"{LIST}{saved.pk}/", {f"s{saved.pk}-name": "Pris", f"s{saved.pk}-email": "none"}).status_code
        == 404
    )
    assert client.post(f"{LIST}{saved.pk}/supprimer/").status_code == 404
    saved.refresh_from_db()
    assert saved.name == "Secret" and saved.email == AlertEmail.INSTANT


@pytest.mark.parametrize("kind", ["unverified provider", "association"])
def test_saved_searches_are_for_verified_providers_only(client, kind):
    if kind == "association":
        organisation = VerifiedAssociationFactory()
    else:
        organisation = ProviderOrganisationFactory(verification_status=VerificationStatus.PENDING)
    member = member_of(organisation, Role.OWNER)
    client.force_login(member.user)

    assert client.get(LIST).status_code == 404
    assert save(client, "q=site").status_code == 404
    assert client.post(LIST + "alerte-par-defaut/", {"threshold": "10", "email": "none"}).status_code == 404
    assert not SavedSearch.objects.exists()
    if kind != "association":
        assert "Enregistrer cette recherche" not in client.get(BOARD).content.decode()


def test_the_default_alert_threshold_and_channels_can_be_changed(client, provider):
    client.force_login(provider.user)
    page = client.get(LIST).content.decode()
    assert "Projets qui me correspondent" in page
    assert 'name="threshold" value="60"' in page

    response = client.post(LIST + "alerte-par-defaut/", {"enabled": "on", "threshold": "75", "email": "instant"})

    assert response.status_code == 302
    alert = DefaultAlert.objects.get(organisation=provider.organisation)
    assert (alert.enabled, alert.threshold, alert.in_app, alert.email) == (True, 75, False, AlertEmail.INSTANT)
    response = client.post(LIST + "alerte-par-defaut/", {"threshold": "140", "email": "instant"}, follow=True)
    assert "100" in response.content.decode()
    alert.refresh_from_db()
    assert alert.threshold == 75
