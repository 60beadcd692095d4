"""Who sees which project and which quotes (marketplace/selectors/projects.py)."""

import pytest

from marketplace.errors import NotFound
from marketplace.models.organisations import Role, VerificationStatus
from marketplace.models.projects import ProjectState, ProposalState, Visibility
from marketplace.selectors.projects import (
    project_get_for,
    project_page_for,
    projects_visible_to,
    proposal_get_for,
    proposals_visible_to,
)
from marketplace.services.projects import project_update

from ..project_factories import (
    ProjectFactory,
    ProjectInvitationFactory,
    ProposalFactory,
    ProviderFactory,
    VerifiedAssociationFactory,
    VerifiedProviderFactory,
    member_of,
    project_data,
    quoting_provider,
    submit_proposal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def asso():
    return VerifiedAssociationFactory(name="Les Amis du Quartier")


@pytest.fixture
def provider():
    return VerifiedProviderFactory(name="Octet Solidaire")


def _visible(organisation):
    return set(projects_visible_to(organisation=organisation))


# Projects


def test_nobody_logged_in_sees_nothing(asso):
    ProjectFactory(organisation=asso, published=True)

    assert _visible(None) == set()


def test_an_association_sees_all_its_projects_and_no_other(asso):
    own = {ProjectFactory(organisation=asso, state=state) for state in ProjectState.values}
    ProjectFactory(published=True)

    assert _visible(asso) == own


def test_a_verified_provider_sees_published_projects_open_to_all_but_no_draft(asso, provider):
    open_project = ProjectFactory(organisation=asso, published=True)
    ProjectFactory(organisation=asso)
    ProjectFactory(organisation=asso, published=True, visibility=Visibility.INVITED_ONLY)

    assert _visible(provider) == {open_project}
    assert project_get_for(organisation=provider, project_id=open_project.pk) == open_project


def test_an_invited_only_project_is_seen_by_invited_providers_only(asso, provider):
    project = ProjectFactory(organisation=asso, published=True, visibility=Visibility.INVITED_ONLY)
    ProjectInvitationFactory(project=project, provider=provider)
    uninvited = VerifiedProviderFactory()

    assert _visible(provider) == {project}
    assert project_get_for(organisation=provider, project_id=project.pk) == project
    assert _visible(uninvited) == set()
    with pytest.raises(NotFound) as refused:
        project_get_for(organisation=uninvited, project_id=project.pk)
    assert refused.value.message == "Projet introuvable."


def test_an_invitation_to_a_draft_shows_nothing_yet(asso, provider):
    draft = ProjectFactory(organisation=asso, visibility=Visibility.INVITED_ONLY)
    ProjectInvitationFactory(project=draft, provider=provider)

    assert _visible(provider) == set()


def test_a_provider_always_sees_the_projects_it_quoted_on(asso):
    quoting = quoting_provider()
    project = ProjectFactory(organisation=asso, published=True, visibility=Visibility.INVITED_ONLY)
    ProposalFactory(project=project, provider=quoting.organisation)
    project.state = ProjectState.CANCELLED
    project.save()

    assert _visible(quoting.organisation) == {project}


def test_an_unverified_provider_sees_no_project_it_did_not_quote_on(asso):
    unverified = ProviderFactory()
    ProjectFactory(organisation=asso, published=True)
    invited_to = ProjectFactory(organisation=asso, published=True, visibility=Visibility.INVITED_ONLY)
    ProjectInvitationFactory(project=invited_to, provider=unverified)

    assert _visible(unverified) == set()


@pytest.mark.parametrize("status", [VerificationStatus.PENDING, VerificationStatus.REJECTED])
def test_a_provider_that_is_not_verified_keeps_seeing_what_it_quoted_on_and_nothing_else(asso, status):
    provider = ProviderFactory(verification_status=status)
    quoted = ProjectFactory(organisation=asso, state=ProjectState.AWARDED)
    ProposalFactory(project=quoted, provider=provider)
    invited = ProjectFactory(organisation=asso, published=True)
    ProjectInvitationFactory(project=invited, provider=provider)

    assert _visible(provider) == {quoted}
    with pytest.raises(NotFound):
        project_get_for(organisation=provider, project_id=invited.pk)


@pytest.mark.parametrize("state", [ProjectState.AWARDED, ProjectState.CLOSED, ProjectState.EXPIRED])
def test_an_invited_provider_keeps_seeing_the_project_once_it_is_no_longer_open(asso, provider, state):
    project = ProjectFactory(organisation=asso, state=state, visibility=Visibility.INVITED_ONLY)
    ProjectInvitationFactory(project=project, provider=provider)

    assert _visible(provider) == {project}


def test_another_association_does_not_see_the_project(asso):
    project = ProjectFactory(organisation=asso, published=True)
    other = VerifiedAssociationFactory()

    assert _visible(other) == set()
    with pytest.raises(NotFound):
        project_get_for(organisation=other, project_id=project.pk)


def test_a_project_seen_through_several_routes_is_listed_once(asso, provider):
    project = ProjectFactory(organisation=asso, published=True)
    ProjectInvitationFactory(project=project, provider=provider)
    ProposalFactory(project=project, provider=provider)

    assert list(projects_visible_to(organisation=provider)) == [project]


@pytest.mark.parametrize(
    "state",
    [ProjectState.AWARDED, ProjectState.IN_PROGRESS, ProjectState.CLOSED, ProjectState.CANCELLED, ProjectState.EXPIRED],
)
def test_a_provider_who_neither_quoted_nor_was_invited_does_not_see_projects_no_longer_open(asso, provider, state):
    ProjectFactory(organisation=asso, state=state)

    assert _visible(provider) == set()


# Proposals


def test_the_association_sees_every_quote_and_a_provider_only_its_own(asso):
    project = ProjectFactory(organisation=asso, published=True)
    first, second = quoting_provider(), quoting_provider()
    first_proposal = submit_proposal(first, project)
    second_proposal = submit_proposal(second, project)

    assert set(proposals_visible_to(organisation=asso, project=project)) == {first_proposal, second_proposal}
    assert list(proposals_visible_to(organisation=first.organisation, project=project)) == [first_proposal]
    assert list(proposals_visible_to(organisation=second.organisation, project=project)) == [second_proposal]
    assert proposal_get_for(organisation=first.organisation, proposal_id=first_proposal.pk) == first_proposal
    assert proposal_get_for(organisation=asso, proposal_id=second_proposal.pk) == second_proposal


@pytest.mark.parametrize("outsider_kind", ["rival-provider", "other-association"])
def test_nobody_else_gets_a_quote(asso, outsider_kind):
    project = ProjectFactory(organisation=asso, published=True)
    proposal = submit_proposal(quoting_provider(), project)
    if outsider_kind == "rival-provider":
        outsider = quoting_provider().organisation
        submit_proposal(member_of(outsider), project)
    else:
        outsider = VerifiedAssociationFactory()

    with pytest.raises(NotFound) as refused:
        proposal_get_for(organisation=outsider, proposal_id=proposal.pk)

    assert refused.value.message == "Devis introuvable."
    assert proposal not in set(proposals_visible_to(organisation=outsider, project=project))


# The project page


def test_the_project_page_shows_the_owner_every_quote_and_the_timeline(asso):
    project = ProjectFactory(organisation=asso, published=True)
    proposals = [submit_proposal(quoting_provider(), project) for _ in range(2)]

    page = project_page_for(organisation=asso, project_id=project.pk)

    assert page["is_owner"] is True
    assert set(page["proposals"]) == set(proposals)
    assert page["own_proposal"] is None
    assert [entry.action for entry in page["timeline"]] == ["proposal.submitted", "proposal.submitted"]


def test_the_project_page_shows_a_provider_its_quote_and_the_changes_made_since(asso):
    manager = member_of(asso, Role.OWNER)
    project = ProjectFactory(organisation=asso, published=True, created_by=manager.user)
    project_update(membership=manager, project_id=project.pk, data=project_data())  # a first change, before quotes
    quoting, onlooker = quoting_provider(), VerifiedProviderFactory()
    own = submit_proposal(quoting, project)
    rival = submit_proposal(quoting_provider(), project)

    page = project_page_for(organisation=quoting.organisation, project_id=project.pk)

    assert page["is_owner"] is False
    assert page["proposals"] == []
    assert page["own_proposal"] == own
    assert page["own_proposal"] != rival
    assert len(page["changes"]) == 1
    assert page["timeline"] == []

    onlooker_page = project_page_for(organisation=onlooker, project_id=project.pk)
    assert (onlooker_page["own_proposal"], onlooker_page["changes"], onlooker_page["proposals"]) == (None, [], [])


def test_a_declined_provider_still_sees_its_own_quote(asso):
    project = ProjectFactory(organisation=asso, published=True)
    quoting = quoting_provider()
    proposal = ProposalFactory(project=project, provider=quoting.organisation, state=ProposalState.DECLINED)

    page = project_page_for(organisation=quoting.organisation, project_id=project.pk)

    assert page["own_proposal"] == proposal
