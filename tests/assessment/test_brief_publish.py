"""From a weak axis to a published project with its matched providers, in one step."""

import pytest
from django.urls import reverse

from assessment.briefs import budget_range
from marketplace.models import Project
from marketplace.models.projects import ProjectState
from tests.match_factories import _provider, index_everything
from tests.profile_factories import AssociationProfileFactory
from tests.project_factories import AssociationFactory, member_of

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db


def _brief_url(assessment, key="equipment"):
    return reverse("assessment:brief", args=[assessment.pk, key])


def _form(page) -> dict:
    context = page.context["form"]
    return {
        name: context.initial[name] for name in ("project_type", "title", "description", "budget_min", "budget_max")
    }


def test_the_brief_is_prefilled_then_published_and_lands_on_matched_providers(
    client, search_engine, django_capture_on_commit_callbacks
):
    version = build_version()
    membership = association_member(budget_bracket="10k_50k")
    assessment = take(membership, version, {"equipment": "Non"}, default="Oui")
    _provider(
        "Parc Solidaire",
        "parc-solidaire",
        presentation="Maintenance informatique et renouvellement du parc des associations lyonnaises.",
        services="Inventaire, remplacement des postes, réseau.",
        skills=["parc-informatique"],
        postcode="69002",
        commune="Lyon",
        region="auvergne-rhone-alpes",
    )
    index_everything()
    client.force_login(membership.user)
    page = client.get(_brief_url(assessment))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Remettre à niveau notre matériel et notre réseau" in body
    assert "Question 1 sur équipement et réseaux ?" in body  # why it was proposed
    data = _form(page)
    assert (data["budget_min"], data["budget_max"]) == budget_range("hardware", "10k_50k")
    data["title"] = "Renouveler nos ordinateurs et notre wifi"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_brief_url(assessment), data)
    project = Project.objects.get(organisation=membership.organisation)
    assert response.url == reverse("projects:detail", args=[project.pk])
    assert project.state == ProjectState.PUBLISHED
    assert project.title == "Renouveler nos ordinateurs et notre wifi"
    assert project.project_type == "hardware"
    assert set(project.skills.values_list("slug", flat=True)) == {"parc-informatique", "migration-cloud"}
    assert (project.budget_min_cents, project.budget_max_cents) == (data["budget_min"] * 100, data["budget_max"] * 100)
    index_everything()
    page = client.get(response.url).content.decode()
    assert "Votre projet est publié" in page
    assert "Parc Solidaire" in page


def test_an_unverified_association_keeps_the_project_as_a_draft(client):
    version = build_version()
    organisation = AssociationFactory()
    AssociationProfileFactory(organisation=organisation)
    membership = member_of(organisation)
    assessment = take(membership, version, {"equipment": "Non"}, default="Oui")
    client.force_login(membership.user)
    page = client.get(_brief_url(assessment))
    assert "Enregistrer le brouillon" in page.content.decode()
    response = client.post(_brief_url(assessment), _form(page), follow=True)
    assert Project.objects.get(organisation=organisation).state == ProjectState.DRAFT
    assert "brouillon" in response.content.decode()


def test_bad_brief_input_gets_form_errors_and_creates_nothing(client):
    version = build_version()
    membership = association_member()
    assessment = take(membership, version, {"equipment": "Non"}, default="Oui")
    client.force_login(membership.user)
    data = _form(client.get(_brief_url(assessment)))
    for change, message in (
        ({"budget_min": 5000, "budget_max": 100}, "supérieur au minimum"),
        ({"title": "x"}, "au moins 5"),
        ({"project_type": "rocket"}, "Sélectionnez un choix valide"),
        ({"budget_min": "-3"}, "supérieure ou égale à 1"),
    ):
        response = client.post(_brief_url(assessment), {**data, **change})
        assert response.status_code == 400, change
        assert message in response.content.decode(), change
    assert not Project.objects.exists()


def test_no_brief_for_an_axis_without_project_type_or_unknown(client):
    version = build_version()
    membership = association_member()
    assessment = take(membership, version, default="Non")
    client.force_login(membership.user)
    assert client.get(_brief_url(assessment, "skills")).status_code == 404
    assert client.get(_brief_url(assessment, "nope")).status_code == 404
