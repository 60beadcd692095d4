"""Matches on the pages: "Prestataires pour ce projet" for the association, "Projets pour vous" for providers."""

import html
import re

import pytest
from django.utils.html import strip_tags

from marketplace.models import ProjectInvitation
from marketplace.models.organisations import Role
from marketplace.models.projects import ProjectState

from ..match_factories import index_everything, match_world
from ..profile_factories import ProviderOrganisationFactory
from ..project_factories import VerifiedAssociationFactory, member_of, submit_proposal

pytestmark = pytest.mark.django_db

SECTION = "Prestataires pour ce projet"


def text(page) -> str:
    raw = page if isinstance(page, str) else page.content.decode()
    return " ".join(html.unescape(strip_tags(raw)).replace("\u00a0", " ").split())


def section(response, heading_id: str) -> str:
    """The HTML of the section labelled by `heading_id`, up to its closing tag."""
    page = response.content.decode()
    start = page.rindex("<section", 0, page.index(f'id="{heading_id}"'))
    return page[start : page.index("</section>", start)]


def login(client, membership):
    client.force_login(membership.user)
    return client


@pytest.fixture
def world(search_engine):
    return match_world()


def project_page(client, world):
    return client.get(f"/projets/{world.project.pk}/")


def invite(client, project, provider):
    return client.post(f"/projets/{project.pk}/prestataires-proposes/inviter/", {"provider": provider.pk})


# The association's project page


def test_the_owner_sees_ranked_providers_with_their_reasons(client, world):
    response = project_page(login(client, world.association_member), world)

    assert response.status_code == 200
    matches = section(response, "matches-heading")
    names = re.findall(r'<h3 class="match__name"><a href="([^"]+)">([^<]+)</a>', matches)
    assert names == [("/prestataires/anjou-web/", "Anjou Web"), ("/prestataires/cyber-nord/", "Cyber Nord")]
    assert "Web Loire" not in response.content.decode()  # not verified: never proposed
    anjou = text(matches[: matches.index("Cyber Nord")])
    assert "Compétences demandées : Site vitrine, WordPress" in anjou
    assert "À 0 km (Angers)" in anjou
    assert re.search(r"Correspondance : \d+ sur 100", anjou)
    assert '<ul class="match__reasons"' in matches
    assert "Inviter Anjou Web" in text(matches) and "Inviter Cyber Nord" in text(matches)


def test_inviting_from_the_list_goes_through_the_service_and_comes_back(client, world):
    login(client, world.association_member)

    response = invite(client, world.project, world.anjou.organisation)

    assert response.status_code == 302
    assert response.url == f"/projets/{world.project.pk}/#prestataires-proposes"
    invitation = ProjectInvitation.objects.get(project=world.project)
    assert invitation.provider == world.anjou.organisation
    assert invitation.invited_by == world.association_member.user
    page = client.get(response.url)
    assert "Anjou Web est invité à proposer un devis." in text(page)
    matches = text(section(page, "matches-heading"))
    assert "Déjà invité" in matches
    assert "Inviter Anjou Web" not in matches
    assert "Inviter Cyber Nord" in matches


def test_inviting_twice_is_refused_with_a_message(client, world):
    login(client, world.association_member)
    invite(client, world.project, world.anjou.organisation)

    response = invite(client, world.project, world.anjou.organisation)

    assert "Ce prestataire est déjà invité." in text(client.get(response.url))
    assert ProjectInvitation.objects.filter(project=world.project).count() == 1


def test_a_quoting_provider_has_no_invite_button(client, world):
    submit_proposal(world.provider_member, world.project)

    matches = text(section(project_page(login(client, world.association_member), world), "matches-heading"))

    assert "A envoyé un devis" in matches
    assert "Inviter Anjou Web" not in matches


def test_the_invite_form_carries_the_csrf_token(client, world):
    client = type(client)(enforce_csrf_checks=True)
    login(client, world.association_member)

    matches = section(project_page(client, world), "matches-heading")
    assert 'name="csrfmiddlewaretoken"' in matches

    assert invite(client, world.project, world.anjou.organisation).status_code == 403
    assert not ProjectInvitation.objects.exists()


def test_an_unverified_provider_cannot_be_invited_by_a_forged_post(client, world):
    login(client, world.association_member)

    response = invite(client, world.project, world.unverified.organisation)

    assert "Prestataire introuvable ou pas encore vérifié." in text(client.get(response.url))
    assert not ProjectInvitation.objects.exists()


def test_another_association_neither_sees_nor_posts(client, world):
    stranger = member_of(VerifiedAssociationFactory(name="Club Sportif Voisin"), Role.OWNER)
    login(client, stranger)

    assert project_page(client, world).status_code == 404
    assert invite(client, world.project, world.anjou.organisation).status_code == 404
    assert not ProjectInvitation.objects.exists()


def test_a_provider_reading_the_project_sees_no_matches_and_cannot_invite(client, world):
    login(client, world.provider_member)

    response = project_page(client, world)

    assert response.status_code == 200
    assert SECTION not in text(response)
    assert invite(client, world.project, world.cyber.organisation).status_code == 404
    assert not ProjectInvitation.objects.exists()


def test_invite_takes_only_posts(client, world):
    login(client, world.association_member)

    response = client.get(f"/projets/{world.project.pk}/prestataires-proposes/inviter/")

    assert response.status_code == 405


def test_no_section_once_the_project_takes_no_more_invitations(client, world):
    world.project.state = ProjectState.CANCELLED
    world.project.save(update_fields=["state"])

    assert SECTION not in text(project_page(login(client, world.association_member), world))


def test_the_owner_sees_matches_on_a_draft(client, search_engine):
    world = match_world(project_state_published=False)

    response = project_page(login(client, world.association_member), world)

    assert "Inviter Anjou Web" in text(section(response, "matches-heading"))


def test_empty_state_gives_advice(client, world):
    world.project.title = "Chorale"
    world.project.description = "Nous chantons le jeudi soir."
    world.project.project_type = "other"
    world.project.save()
    world.project.skills.clear()
    index_everything()

    matches = text(section(project_page(login(client, world.association_member), world), "matches-heading"))

    assert "Aucun prestataire ne correspond encore à ce projet." in matches
    assert "Précisez les compétences attendues" in matches
    assert "Inviter" not in matches.replace("Inviter des prestataires", "")


# The provider's dashboard


def test_the_provider_dashboard_lists_projects_for_it(client, world):
    response = login(client, world.provider_member).get("/tableau-de-bord/")

    assert response.status_code == 200
    matches = section(response, "dash-project-matches")
    assert "Projets pour vous" in text(matches)
    assert f'href="/projets/{world.project.pk}/"' in matches
    assert "Refonte du site WordPress de l'association" in text(matches)
    assert "Les Amis du Quartier · Angers · budget de 2 000 à 6 000 €" in text(matches)
    assert "Compétences demandées" in text(matches)


def test_the_provider_dashboard_says_when_it_was_invited(client, world):
    ProjectInvitation.objects.create(project=world.project, provider=world.anjou.organisation)

    matches = text(section(login(client, world.provider_member).get("/tableau-de-bord/"), "dash-project-matches"))

    assert "Vous êtes invité" in matches


def test_the_provider_dashboard_empty_state(client, world):
    world.project.state = ProjectState.CANCELLED
    world.project.save(update_fields=["state"])
    index_everything()

    matches = text(section(login(client, world.provider_member).get("/tableau-de-bord/"), "dash-project-matches"))

    assert "Aucun projet ouvert ne correspond encore à votre profil." in matches
    assert "Ajoutez vos compétences" in matches


def test_an_unverified_provider_is_told_why_there_is_nothing(client, world):
    pending = member_of(world.unverified.organisation, Role.OWNER)

    matches = text(section(login(client, pending).get("/tableau-de-bord/"), "dash-project-matches"))

    assert "proposés aux prestataires vérifiés" in matches
    assert "Refonte du site" not in matches


def test_a_provider_without_profile_is_asked_to_complete_it(client, world):
    bare = member_of(ProviderOrganisationFactory(name="Sans Profil"), Role.OWNER)

    matches = text(section(login(client, bare).get("/tableau-de-bord/"), "dash-project-matches"))

    assert "Complétez votre profil de prestataire" in matches


def test_an_association_dashboard_has_no_projects_for_you(client, world):
    response = login(client, world.association_member).get("/tableau-de-bord/")

    assert response.status_code == 200
    assert "Projets pour vous" not in text(response)
