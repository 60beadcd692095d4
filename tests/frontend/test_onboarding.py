"""A new association follows a three-step path on its dashboard: its profile, its eligibility documents, its
first project. Each step says whether it is done, to do or waiting for the team; the step to do now is marked
aria-current="step"; the path goes away once all three are done."""

import re

import pytest

from marketplace.models.organisations import Role, VerificationStatus
from marketplace.selectors.dashboards import StepState, association_projects
from tests.factories import MembershipFactory
from tests.profile_factories import AssociationProfileFactory
from tests.project_factories import AssociationFactory, ProjectFactory, ProviderFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/tableau-de-bord/"
STEP = re.compile(r'<li class="onboarding__step[^"]*"( aria-current="step")? data-step="(\w+)" data-state="(\w+)">')


@pytest.fixture
def association():
    return AssociationFactory()


def dashboard(client, organisation) -> str:
    membership = MembershipFactory(organisation=organisation, role=Role.OWNER)
    client.force_login(membership.user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def steps(page: str) -> list[tuple[str, str, bool]]:
    """(step, state, is current) in the order of the list."""
    return [(key, state, bool(current)) for current, key, state in STEP.findall(page)]


def step_html(page: str, key: str) -> str:
    start = page.index(f'data-step="{key}"')
    return page[start : page.index("</li>", start)]


def test_a_brand_new_association_starts_with_its_profile(client, association):
    page = dashboard(client, association)

    assert '<section class="card onboarding" aria-labelledby="dash-onboarding">' in page
    assert '<ol class="onboarding__steps">' in page
    assert "Étapes terminées : 0 sur 3." in page
    assert steps(page) == [("profile", "todo", True), ("documents", "todo", False), ("project", "todo", False)]
    profile = step_html(page, "profile")
    assert "À faire" in profile
    assert '<a class="button" href="/mon-organisation/profil/">Remplir le profil</a>' in profile
    assert '<a href="/mon-organisation/verification/">Envoyer mes justificatifs</a>' in step_html(page, "documents")
    assert '<a href="/projets/nouveau/">Décrire mon premier projet</a>' in step_html(page, "project")


def test_documents_sent_wait_for_the_team_and_the_first_project_comes_next(client, association):
    AssociationProfileFactory(organisation=association)
    association.verification_status = VerificationStatus.PENDING
    association.save()

    page = dashboard(client, association)

    assert steps(page) == [("profile", "done", False), ("documents", "waiting", False), ("project", "todo", True)]
    assert "Étapes terminées : 1 sur 3." in page
    assert "Fait" in step_html(page, "profile")
    documents = step_html(page, "documents")
    assert "En attente de vérification" in documents
    assert '<a href="/mon-organisation/verification/">Suivre ma demande</a>' in documents
    assert '<a class="button" href="/projets/nouveau/">Décrire mon premier projet</a>' in step_html(page, "project")


def test_a_draft_is_taken_up_where_it_was_left(client, association):
    AssociationProfileFactory(organisation=association)
    association.verification_status = VerificationStatus.INFO_REQUESTED
    association.save()
    draft = ProjectFactory(organisation=association, title="Nouveau site pour la fête du quartier")

    page = dashboard(client, association)

    assert steps(page) == [("profile", "done", False), ("documents", "todo", True), ("project", "todo", False)]
    assert "À compléter" in step_html(page, "documents")
    project = step_html(page, "project")
    assert "Votre brouillon « Nouveau site pour la fête du quartier » attend d&#x27;être publié." in project or (
        "Votre brouillon « Nouveau site pour la fête du quartier » attend d'être publié." in project
    )
    assert f'<a href="/projets/{draft.pk}/">Reprendre mon brouillon</a>' in project


def test_the_path_goes_away_once_every_step_is_done(client, association):
    AssociationProfileFactory(organisation=association)
    association.verification_status = VerificationStatus.VERIFIED
    association.save()
    ProjectFactory(organisation=association, published=True)

    page = dashboard(client, association)

    assert 'id="dash-onboarding"' not in page
    assert association_projects(organisation=association).onboarding is None


def test_a_verified_association_without_a_published_project_has_one_step_left(association):
    AssociationProfileFactory(organisation=association)
    association.verification_status = VerificationStatus.VERIFIED
    association.save()
    ProjectFactory(organisation=association)  # a draft does not count

    onboarding = association_projects(organisation=association).onboarding

    assert [(step.key, step.state, step.current) for step in onboarding.steps] == [
        ("profile", StepState.DONE, False),
        ("documents", StepState.DONE, False),
        ("project", StepState.TO_DO, True),
    ]
    assert onboarding.done_count == 2


def test_providers_have_no_association_path(client):
    assert 'id="dash-onboarding"' not in dashboard(client, ProviderFactory())
