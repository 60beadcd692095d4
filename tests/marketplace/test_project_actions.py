"""What an organisation may do on a project and on a quote, as the project page and the quote page offer it."""

import pytest

from marketplace.models.projects import ProjectState, ProposalState
from marketplace.selectors.actions import project_actions_for, proposal_actions_for

from ..project_factories import (
    ProjectFactory,
    ProjectInvitationFactory,
    ProposalFactory,
    ProviderFactory,
    VerifiedProviderFactory,
)

pytestmark = pytest.mark.django_db


def test_the_association_edits_invites_and_cancels_while_the_project_is_open():
    project = ProjectFactory(published=True)
    actions = project_actions_for(organisation=project.organisation, project=project)
    assert (actions.is_owner, actions.edit, actions.invite, actions.cancel) == (True, True, True, True)
    assert not (actions.quote or actions.start or actions.review)


def test_once_awarded_the_project_can_be_cancelled_and_started_but_no_longer_edited():
    proposal = ProposalFactory(state=ProposalState.ACCEPTED)
    project = proposal.project
    project.state, project.awarded_proposal = ProjectState.AWARDED, proposal
    project.save()
    owner = project_actions_for(organisation=project.organisation, project=project)
    assert (owner.edit, owner.invite, owner.cancel, owner.start) == (False, False, True, True)
    provider = project_actions_for(organisation=proposal.provider, project=project)
    assert provider.is_party and provider.start and not provider.revise


def test_a_delivered_project_is_closed_by_its_owner_and_reviewed_by_both_sides():
    proposal = ProposalFactory(state=ProposalState.ACCEPTED)
    project = proposal.project
    project.state, project.awarded_proposal = ProjectState.DELIVERED, proposal
    project.save()
    owner = project_actions_for(organisation=project.organisation, project=project)
    provider = project_actions_for(organisation=proposal.provider, project=project)
    assert owner.close and owner.review and not owner.cancel
    assert provider.review and not provider.close and not provider.deliver


def test_a_verified_provider_quotes_once_then_revises():
    project = ProjectFactory(published=True)
    provider = VerifiedProviderFactory()
    assert project_actions_for(organisation=provider, project=project).quote
    ProposalFactory(project=project, provider=provider)
    actions = project_actions_for(organisation=provider, project=project)
    assert actions.revise and not actions.quote


def test_a_provider_that_is_not_verified_cannot_quote():
    project = ProjectFactory(published=True)
    assert not project_actions_for(organisation=ProviderFactory(), project=project).quote


def test_an_invited_provider_may_decline_until_it_quotes():
    invitation = ProjectInvitationFactory()
    actions = project_actions_for(organisation=invitation.provider, project=invitation.project)
    assert actions.decline_invitation
    ProposalFactory(project=invitation.project, provider=invitation.provider)
    assert not project_actions_for(organisation=invitation.provider, project=invitation.project).decline_invitation


def test_a_live_quote_is_decided_by_the_association_and_revised_or_withdrawn_by_its_provider():
    proposal = ProposalFactory()
    owner = proposal_actions_for(organisation=proposal.project.organisation, proposal=proposal)
    assert (owner.shortlist, owner.accept, owner.decline, owner.revise) == (True, True, True, False)
    provider = proposal_actions_for(organisation=proposal.provider, proposal=proposal)
    assert (provider.revise, provider.withdraw, provider.accept) == (True, True, False)
    proposal.state = ProposalState.DECLINED
    assert not proposal_actions_for(organisation=proposal.provider, proposal=proposal).any
    assert not proposal_actions_for(organisation=VerifiedProviderFactory(), proposal=ProposalFactory()).any
