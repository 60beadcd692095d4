"""`manage.py match`: the ranking support staff and tuners read, in text and in JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marketplace.geography import Region
from marketplace.models.projects import ProjectState
from search.management.commands.match import Command

from ..match_factories import index_everything, match_world
from ..profile_factories import ProviderOrganisationFactory, ProviderProfileFactory
from ..project_factories import ProjectFactory, ProjectInvitationFactory, VerifiedAssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_engine):
    return match_world()


def run(*args) -> str:
    out = StringIO()
    call_command("match", *args, stdout=out)
    return out.getvalue()


def test_text_lists_providers_best_first_with_their_reasons(world):
    output = run("--project", "PRJ-ANGERS-1")

    lines = output.splitlines()
    assert "Refonte du site WordPress de l'association" in lines[0]
    ranked = [line for line in lines if line[:4].strip().rstrip(".").isdigit()]
    assert "Anjou Web (PRV-ANJOU)" in ranked[0]
    assert "Cyber Nord" in ranked[-1]
    assert "Web Loire" not in output  # not verified: never proposed
    # Reasons follow their provider, one per indented line.
    anjou_at = lines.index(ranked[0])
    assert lines[anjou_at + 1].strip() == "- Prestataire vérifié"
    assert "       - Compétences demandées : Site vitrine, WordPress" in lines
    assert "       - À 0 km (Angers)" in lines


def test_json_gives_the_ranked_list_with_its_fields(world):
    results = json.loads(run("--project", "PRJ-ANGERS-1", "--json"))

    assert [item["name"] for item in results] == ["Anjou Web", "Cyber Nord"]
    first, second = results
    assert first["ref"] == "PRV-ANJOU"
    assert second["ref"] == str(world.cyber.organisation_id)  # no external ref: the id
    assert first["score"] > second["score"]
    assert "Compétences demandées : Site vitrine, WordPress" in first["reasons"]
    assert set(first["components"]) >= {"skills", "text", "place", "budget", "rating", "discount", "certifications"}
    assert first["flags"] == []


def test_the_project_may_be_given_by_its_id_and_flags_say_who_is_invited(world):
    ProjectInvitationFactory(project=world.project, provider=world.anjou.organisation)

    results = json.loads(run("--project", str(world.project.pk), "--json", "--limit", "1"))

    assert len(results) == 1
    assert results[0]["ref"] == "PRV-ANJOU"
    assert results[0]["flags"] == ["Déjà invité"]
    assert results[0]["invited"] is True


def test_provider_direction_lists_open_projects_for_it(world):
    closed = ProjectFactory(
        organisation=VerifiedAssociationFactory(),
        title="Site WordPress du club de foot",
        state=ProjectState.CANCELLED,
        commune="Angers",
        postcode="49000",
    )
    index_everything()

    text = run("--provider", "PRV-ANJOU")
    results = json.loads(run("--provider", str(world.anjou.organisation_id), "--json"))

    assert "Refonte du site WordPress de l'association" in text
    assert [item["ref"] for item in results] == ["PRJ-ANGERS-1"]
    assert results[0]["name"] == "Refonte du site WordPress de l'association"
    assert results[0]["reasons"]
    assert closed.title not in text


def test_a_provider_nothing_fits_is_told_so(world):
    wifi = ProviderProfileFactory(
        organisation=ProviderOrganisationFactory(name="Réseaux Corses", external_ref="PRV-CORSE"),
        presentation="Câblage et bornes wifi pour les hôtels.",
        services="Câblage.",
        skills=["reseau-wifi"],
        postcode="20000",
        commune="Ajaccio",
        region=Region.CORSE,
        latitude=41.9192,
        longitude=8.7386,
        remote_ok=False,
    )
    index_everything()

    output = run("--provider", wifi.organisation.external_ref)

    assert output.splitlines() == ["Projects for provider PRV-CORSE « Réseaux Corses »", "No match."]
    assert json.loads(run("--provider", "PRV-CORSE", "--json")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--project", "PRJ-NOWHERE"), "No project has the external reference or id 'PRJ-NOWHERE'."),
        (("--project", "999999"), "No project has the external reference or id '999999'."),
        (("--provider", "PRV-NOWHERE"), "No provider organisation has the external reference or id 'PRV-NOWHERE'."),
    ],
)
def test_unknown_refs_are_command_errors(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_association_is_not_a_provider(world):
    with pytest.raises(CommandError, match="No provider organisation"):
        run("--provider", str(world.association.pk))


@pytest.mark.parametrize("args", [(), ("--project", "1", "--provider", "2"), ("--project", "1", "--limit", "0")])
def test_arguments_are_checked(world, args):
    with pytest.raises(CommandError):
        run(*args)


def test_unknown_ref_exits_non_zero_from_the_command_line(world, capsys, monkeypatch):
    # What an operator's shell sees: `manage.py match` goes through run_from_argv, which turns the error into an exit.
    # run_from_argv closes every connection at the end, as a process about to exit does; the test's database (a file)
    # must stay open for the rest of the test's transaction.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "match", "--project", "PRJ-NOWHERE"])

    assert exit_info.value.code != 0
    assert "No project has the external reference or id 'PRJ-NOWHERE'." in capsys.readouterr().err
