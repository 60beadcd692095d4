""" "Mes prestataires": an association keeps providers with a private note, sees them on its dashboard and invites
one to a project in one click; nobody else reads its list."""

import pytest

from marketplace.models import ProjectInvitation, SavedProvider
from marketplace.models.organisations import Role
from marketplace.services.saved_providers import saved_provider_add

from ..project_factories import (
    ProjectFactory,
    ProviderFactory,
    VerifiedAssociationFactory,
    member_of,
    quoting_provider,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return member_of(VerifiedAssociationFactory(name="Les Amis du Quartier"), Role.MEMBER)


@pytest.fixture
def provider():
    return quoting_provider(name="Octet Solidaire")


def test_an_association_saves_a_provider_from_its_page_and_finds_it_on_its_dashboard(client, association, provider):
    client.force_login(association.user)
    page_url = f"/prestataires/{provider.organisation.slug}/"
    assert "Enregistrer dans mes prestataires" in client.get(page_url).content.decode()

    response = client.post(
        "/mes-prestataires/enregistrer/", {"provider": provider.organisation.pk, "next": page_url}, follow=True
    )

    assert response.redirect_chain[-1][0] == page_url
    assert "Retirer de mes prestataires" in response.content.decode()
    assert SavedProvider.objects.filter(association=association.organisation).count() == 1
    dashboard = client.get("/tableau-de-bord/").content.decode()
    assert "Mes prestataires" in dashboard and "Octet Solidaire" in dashboard
    # Saving twice keeps one entry.
    client.post("/mes-prestataires/enregistrer/", {"provider": provider.organisation.pk})
    assert SavedProvider.objects.count() == 1


def test_the_private_note_is_kept_and_read_by_the_association_only(client, association, provider):
    saved_provider_add(membership=association, provider_id=provider.organisation.pk)
    client.force_login(association.user)

    client.post("/mes-prestataires/note/", {"provider": provider.organisation.pk, "note": "Devis rapide, à relancer"})
    too_long = client.post(
        "/mes-prestataires/note/", {"provider": provider.organisation.pk, "note": "x" * 1001}, follow=True
    )

    assert "La note dépasse 1 000 caractères." in too_long.content.decode()
    assert SavedProvider.objects.get().note == "Devis rapide, à relancer"
    assert "Devis rapide, à relancer" in client.get("/mes-prestataires/").content.decode()
    client.force_login(provider.user)
    assert "Devis rapide" not in client.get(f"/prestataires/{provider.organisation.slug}/").content.decode()
    other = member_of(VerifiedAssociationFactory())
    client.force_login(other.user)
    assert "Octet Solidaire" not in client.get("/mes-prestataires/").content.decode()


def test_a_saved_provider_is_invited_in_one_click_once(client, association, provider, mailoutbox):
    saved_provider_add(membership=association, provider_id=provider.organisation.pk)
    project = ProjectFactory(organisation=association.organisation, published=True, title="Refonte du site")
    closed = ProjectFactory(organisation=association.organisation, title="Ancien projet", state="closed")
    client.force_login(association.user)

    listing = client.get("/mes-prestataires/").content.decode()
    assert "Refonte du site" in listing and "Ancien projet" not in listing
    response = client.post(
        "/mes-prestataires/inviter/", {"provider": provider.organisation.pk, "project": project.pk}, follow=True
    )

    assert ProjectInvitation.objects.filter(project=project, provider=provider.organisation).count() == 1
    assert "Prestataire invité" in response.content.decode()
    assert "déjà invité" in response.content.decode()
    again = client.post(
        "/mes-prestataires/inviter/", {"provider": provider.organisation.pk, "project": project.pk}, follow=True
    )
    assert "Ce prestataire est déjà invité." in again.content.decode()
    refused = client.post(
        "/mes-prestataires/inviter/", {"provider": provider.organisation.pk, "project": closed.pk}, follow=True
    )
    assert "On ne peut plus inviter" in refused.content.decode()
    missing = client.post("/mes-prestataires/inviter/", {"provider": provider.organisation.pk}, follow=True)
    assert "Choisissez le projet" in missing.content.decode()


def test_another_association_s_project_and_unverified_providers_are_refused(client, association, provider):
    saved_provider_add(membership=association, provider_id=provider.organisation.pk)
    someone_else = ProjectFactory(organisation=VerifiedAssociationFactory(), published=True)
    unverified = ProviderFactory()
    client.force_login(association.user)

    invite = client.post(
        "/mes-prestataires/inviter/", {"provider": provider.organisation.pk, "project": someone_else.pk}
    )
    save = client.post("/mes-prestataires/enregistrer/", {"provider": unverified.pk})
    garbage = client.post("/mes-prestataires/enregistrer/", {"provider": "abc"})

    assert (invite.status_code, save.status_code, garbage.status_code) == (404, 404, 404)
    assert not ProjectInvitation.objects.exists()
    assert list(SavedProvider.objects.values_list("provider_id", flat=True)) == [provider.organisation.pk]


def test_providers_have_no_list_and_unverified_saved_providers_drop_out(client, association, provider):
    client.force_login(provider.user)
    assert client.get("/mes-prestataires/").status_code == 404
    assert client.post("/mes-prestataires/enregistrer/", {"provider": provider.organisation.pk}).status_code == 404
    assert (
        "Enregistrer dans mes prestataires"
        not in client.get(f"/prestataires/{provider.organisation.slug}/").content.decode()
    )

    saved_provider_add(membership=association, provider_id=provider.organisation.pk)
    provider.organisation.verification_status = "rejected"
    provider.organisation.save(update_fields=["verification_status"])
    client.force_login(association.user)
    assert "Octet Solidaire" not in client.get("/mes-prestataires/").content.decode()


def test_removing_takes_the_provider_off_the_list(client, association, provider):
    saved_provider_add(membership=association, provider_id=provider.organisation.pk)
    client.force_login(association.user)

    client.post("/mes-prestataires/retirer/", {"provider": provider.organisation.pk})
    client.post("/mes-prestataires/retirer/", {"provider": provider.organisation.pk})  # twice is fine

    assert not SavedProvider.objects.exists()
    assert "encore enregistré aucun prestataire" in client.get("/mes-prestataires/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, provider):
    response = client.post("/mes-prestataires/enregistrer/", {"provider": provider.organisation.pk})
    assert response.status_code == 302 and "connexion" in response["Location"]
    assert (
        "Enregistrer dans mes prestataires"
        not in client.get(f"/prestataires/{provider.organisation.slug}/").content.decode()
    )
