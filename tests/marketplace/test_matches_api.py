"""Matches through the API: providers for an association's project, projects for a provider."""

import pytest

from marketplace.models.organisations import Role, VerificationStatus
from marketplace.services.tokens import api_token_create

from ..match_factories import match_world
from ..profile_factories import ProviderOrganisationFactory
from ..project_factories import ProjectFactory, ProjectInvitationFactory, VerifiedAssociationFactory, member_of

pytestmark = pytest.mark.django_db

API = "/api/v1"
INVALID = "Certaines valeurs envoyées ne sont pas valides."


@pytest.fixture
def world(search_engine):
    return match_world()


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="Intégration")
    return {"Authorization": f"Bearer {raw}"}


def get(client, path, user, **params):
    return client.get(f"{API}{path}", params, headers=bearer(user))


def assert_error(response, status, message=None, fields=()):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "errors"}
    if message is not None:
        assert body["message"] == message
    assert set(body["errors"]) >= set(fields)
    return body


def test_openapi_documents_the_match_endpoints(client):
    schema = client.get(f"{API}/openapi.json").json()

    assert {f"{API}/projects/{{project_id}}/matches", f"{API}/providers/me/matches"} <= set(schema["paths"])
    provider_match = schema["components"]["schemas"]["ProviderMatchOut"]["properties"]
    assert {"ref", "id", "name", "slug", "score", "reasons", "flags", "invited", "quoting", "components"} <= set(
        provider_match
    )
    project_match = schema["components"]["schemas"]["ProjectMatchOut"]["properties"]
    assert {"id", "ref", "title", "score", "reasons", "budget_min", "budget_max", "commune"} <= set(project_match)


def test_the_owner_gets_verified_providers_best_first(client, world):
    response = get(client, f"/projects/{world.project.pk}/matches", world.association_member.user)

    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [item["name"] for item in results] == ["Anjou Web", "Cyber Nord"]  # Web Loire is not verified
    anjou = results[0]
    assert anjou["ref"] == "PRV-ANJOU"
    assert anjou["id"] == world.anjou.organisation_id
    assert anjou["slug"] == "anjou-web"
    assert anjou["score"] > results[1]["score"]
    assert "Prestataire vérifié" in anjou["reasons"]
    assert "À 0 km (Angers)" in anjou["reasons"]
    assert anjou["flags"] == [] and anjou["invited"] is False and anjou["quoting"] is False
    assert 0 <= anjou["components"]["skills"] <= 1


def test_invited_providers_are_flagged_not_hidden(client, world):
    ProjectInvitationFactory(project=world.project, provider=world.anjou.organisation)

    results = get(client, f"/projects/{world.project.pk}/matches", world.association_member.user).json()["results"]

    assert results[0]["name"] == "Anjou Web"
    assert results[0]["invited"] is True
    assert results[0]["flags"] == ["Déjà invité"]


def test_the_owner_sees_matches_for_a_draft(client, search_engine):
    world = match_world(project_state_published=False)

    response = get(client, f"/projects/{world.project.pk}/matches", world.association_member.user, limit=1)

    assert response.status_code == 200, response.content
    assert [item["name"] for item in response.json()["results"]] == ["Anjou Web"]


def test_another_association_gets_404(client, world):
    stranger = member_of(VerifiedAssociationFactory(name="Club Sportif Voisin"), Role.OWNER).user

    response = get(client, f"/projects/{world.project.pk}/matches", stranger)

    assert_error(response, 404)


def test_a_provider_who_sees_the_project_does_not_see_its_matches(client, world):
    # The project is published: Anjou Web may read it, not who else is proposed.
    assert get(client, f"/projects/{world.project.pk}", world.provider_member.user).status_code == 200

    assert_error(get(client, f"/projects/{world.project.pk}/matches", world.provider_member.user), 404)


def test_unauthenticated_calls_get_401(client, world):
    response = client.get(f"{API}/projects/{world.project.pk}/matches")

    assert_error(response, 401)


@pytest.mark.parametrize("limit", ["0", "51", "many"])
def test_limit_is_validated(client, world, limit):
    response = get(client, f"/projects/{world.project.pk}/matches", world.association_member.user, limit=limit)

    assert_error(response, 422, INVALID, fields=["limit"])


def test_limit_cuts_the_list(client, world):
    response = get(client, f"/projects/{world.project.pk}/matches", world.association_member.user, limit=1)

    assert [item["ref"] for item in response.json()["results"]] == ["PRV-ANJOU"]


def test_a_provider_gets_open_projects_for_its_profile(client, world):
    other = ProjectFactory(
        organisation=VerifiedAssociationFactory(), title="Brouillon WordPress à Angers", commune="Angers"
    )

    response = get(client, "/providers/me/matches", world.provider_member.user)

    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [item["id"] for item in results] == [world.project.pk]
    project = results[0]
    assert project["ref"] == "PRJ-ANGERS-1"
    assert project["title"] == "Refonte du site WordPress de l'association"
    assert project["commune"] == "Angers"
    assert (project["budget_min"], project["budget_max"]) == (2000, 6000)
    assert project["reasons"] and project["score"] > 0
    assert project["flags"] == [] and not project["invited"] and not project["quoting"]
    assert other.pk not in [item["id"] for item in results]  # a draft is nobody's match


def test_a_provider_is_told_it_was_invited(client, world):
    ProjectInvitationFactory(project=world.project, provider=world.anjou.organisation)

    project = get(client, "/providers/me/matches", world.provider_member.user).json()["results"][0]

    assert project["invited"] is True
    assert project["flags"] == ["Vous êtes invité"]


def test_an_association_is_refused_the_provider_endpoint(client, world):
    response = get(client, "/providers/me/matches", world.association_member.user)

    assert_error(response, 403, "Seuls les prestataires reçoivent des projets correspondant à leur profil.")


def test_a_provider_without_profile_is_told_to_complete_it(client, world):
    bare = member_of(ProviderOrganisationFactory(name="Sans Profil"), Role.OWNER)

    response = get(client, "/providers/me/matches", bare.user)

    assert_error(response, 400, "Complétez d'abord votre profil de prestataire : les projets sont choisis d'après lui.")


def test_an_unverified_provider_is_told_to_get_verified(client, world):
    pending = member_of(world.unverified.organisation, Role.OWNER)
    assert world.unverified.organisation.verification_status == VerificationStatus.PENDING

    response = get(client, "/providers/me/matches", pending.user)

    assert_error(response, 403)
    assert "vérifiés" in response.json()["message"]


def test_provider_limit_is_validated(client, world):
    assert_error(get(client, "/providers/me/matches", world.provider_member.user, limit=0), 422, INVALID, ["limit"])


def test_the_acting_organisation_is_chosen_with_organisation_id(client, world):
    # The provider's owner also sits on an association's board: organisation_id says which one acts.
    user = world.provider_member.user
    member_of(world.association, Role.MEMBER, user=user)

    as_provider = get(client, "/providers/me/matches", user, organisation_id=world.anjou.organisation_id)
    as_association = get(client, "/providers/me/matches", user, organisation_id=world.association.pk)

    assert as_provider.status_code == 200
    assert_error(as_association, 403)
