"""Which actions an organisation may take on a project and on a quote: the one place pages and the API ask.

The rules are built from the states' sets (`ProjectState.EDITABLE`, `ProposalState.OPEN`...) and who the
organisation is to the project (its owner, the provider it was awarded to, a provider that quoted or was
invited). The services keep their own guards on the row they lock; these answers decide what is offered.
"""

from dataclasses import dataclass

from ..models import Organisation, Project, ProjectInvitation, Proposal
from ..models.projects import ProjectState
from .responsiveness import invitation_for_provider

# "The caller did not read it": a provider's quote or invitation may well be None once read.
NOT_READ = object()


@dataclass(frozen=True)
class ProjectActions:
    """What the organisation may do on the project, one boolean per button."""

    is_owner: bool = False
    is_party: bool = False  # the owner, or the provider the project was awarded to
    edit: bool = False
    invite: bool = False
    cancel: bool = False
    start: bool = False
    deliver: bool = False
    close: bool = False
    review: bool = False
    quote: bool = False  # send a first quote
    revise: bool = False  # send a new version of its quote
    decline_invitation: bool = False


@dataclass(frozen=True)
class ProposalActions:
    """What the organisation may do on a quote."""

    shortlist: bool = False  # or take off the shortlist
    accept: bool = False
    decline: bool = False
    revise: bool = False
    withdraw: bool = False

    @property
    def any(self) -> bool:
        return self.shortlist or self.accept or self.decline or self.revise or self.withdraw


def project_actions_for(
    *,
    organisation: Organisation,
    project: Project,
    own_proposal: Proposal | None = NOT_READ,
    invitation: ProjectInvitation | None = NOT_READ,
) -> ProjectActions:
    """For an organisation that may see the project (`projects_visible_to`). A provider's own quote and
    invitation are read when the caller has not read them already."""
    is_owner = project.organisation_id == organisation.pk
    if own_proposal is NOT_READ:
        own_proposal = None if is_owner else Proposal.objects.filter(project=project, provider=organisation).first()
    awarded_to_us = own_proposal is not None and own_proposal.pk == project.awarded_proposal_id
    is_party = is_owner or awarded_to_us
    review = (
        is_party
        and project.is_reviewable
        and not project.reviews.filter(is_published=True, author_id=organisation.pk).exists()
    )
    common = {
        "is_owner": is_owner,
        "is_party": is_party,
        "start": project.state == ProjectState.AWARDED and is_party,
        "deliver": project.state == ProjectState.IN_PROGRESS and awarded_to_us,
        "close": project.state == ProjectState.DELIVERED and is_owner,
        "review": review,
    }
    if is_owner:
        return ProjectActions(
            **common, edit=project.is_editable, invite=project.is_invitable, cancel=project.is_cancellable
        )
    if invitation is NOT_READ:
        invitation = invitation_for_provider(project_id=project.pk, provider_id=organisation.pk)
    open_for_quotes = project.is_open_for_quotes
    quoting = own_proposal is not None and own_proposal.is_open
    return ProjectActions(
        **common,
        quote=own_proposal is None and open_for_quotes and organisation.is_verified,
        revise=quoting and open_for_quotes,
        decline_invitation=invitation is not None and open_for_quotes and not invitation.is_declined and not quoting,
    )


def proposal_actions_for(*, organisation: Organisation, proposal: Proposal) -> ProposalActions:
    """The association that owns the project acts on a live quote; its provider revises it."""
    live = proposal.is_live
    if proposal.project.organisation_id == organisation.pk:
        return ProposalActions(shortlist=live, accept=live, decline=live)
    if proposal.provider_id == organisation.pk:
        return ProposalActions(revise=live, withdraw=live)
    return ProposalActions()
