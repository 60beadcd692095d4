"""What the dashboard shows about projects: an association's projects, a provider's invitations and quotes.

One function, `dashboard_projects_for`, so the dashboard view adds a single
line whatever the kind of organisation; each list is short (the dashboard is
a summary, the project pages hold the rest).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ..models import Organisation, Project, ProjectInvitation, Proposal
from ..models.projects import ProjectState, ProposalState

DASHBOARD_LIMIT = 10
# Projects the association still has to follow; closed, cancelled and expired ones are history.
ACTIVE_PROJECT_STATES = (
    ProjectState.DRAFT,
    ProjectState.PUBLISHED,
    ProjectState.AWARDED,
    ProjectState.IN_PROGRESS,
    ProjectState.DELIVERED,
)
AWARDED_STATES = (ProjectState.AWARDED, ProjectState.IN_PROGRESS, ProjectState.DELIVERED, ProjectState.CLOSED)


@dataclass
class AssociationProjects:
    """Its projects, newest first, each with `new_proposals` (submitted, not yet looked at)."""

    projects: list[Project]
    other_count: int

    @property
    def new_proposals(self) -> int:
        return sum(project.new_proposals for project in self.projects)


@dataclass
class ProviderProjects:
    """Invitations still open to a quote, its quotes and their states, and the projects awarded to it."""

    invitations: list[ProjectInvitation] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    awarded: list[Project] = field(default_factory=list)


def with_proposal_counts(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Each project with `new_proposals` (submitted, not yet shortlisted or declined) and `proposal_count`."""
    return projects.annotate(
        new_proposals=Count("proposals", filter=Q(proposals__state=ProposalState.SUBMITTED)),
        proposal_count=Count("proposals", filter=~Q(proposals__state=ProposalState.WITHDRAWN)),
    )


def association_projects(*, organisation: Organisation, limit: int = DASHBOARD_LIMIT) -> AssociationProjects:
    projects = Project.objects.filter(organisation=organisation)
    active = with_proposal_counts(projects.filter(state__in=ACTIVE_PROJECT_STATES)).order_by("-updated_at", "-pk")
    shown = list(active[:limit])
    return AssociationProjects(projects=shown, other_count=projects.count() - len(shown))


def provider_projects(*, organisation: Organisation, limit: int = DASHBOARD_LIMIT) -> ProviderProjects:
    quoted = Proposal.objects.filter(project=OuterRef("project"), provider=organisation)
    invitations = (
        ProjectInvitation.objects.filter(provider=organisation, project__state=ProjectState.PUBLISHED)
        .exclude(Exists(quoted))
        .select_related("project", "project__organisation")
        .order_by("-created_at")
    )
    proposals = (
        Proposal.objects.filter(provider=organisation)
        .exclude(project__state__in=AWARDED_STATES, state=ProposalState.ACCEPTED)
        .select_related("project", "project__organisation", "current_version")
        .order_by("-updated_at", "-pk")
    )
    awarded = (
        Project.objects.filter(awarded_proposal__provider=organisation, state__in=AWARDED_STATES)
        .select_related("organisation")
        .order_by("-updated_at", "-pk")
    )
    return ProviderProjects(
        invitations=list(invitations[:limit]), proposals=list(proposals[:limit]), awarded=list(awarded[:limit])
    )


def dashboard_projects_for(*, organisation: Organisation) -> AssociationProjects | ProviderProjects:
    if organisation.is_association:
        return association_projects(organisation=organisation)
    return provider_projects(organisation=organisation)
