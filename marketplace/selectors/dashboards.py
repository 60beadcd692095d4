"""What the dashboard shows about projects: an association's projects, a provider's invitations and quotes.

One function, `dashboard_projects_for`, so the dashboard view adds a single
line whatever the kind of organisation; each list is short (the dashboard is
a summary, the project pages hold the rest). A new association's first steps
(profile, eligibility documents, first project) come with its projects, as
`onboarding`, until all three are done.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ..models import AssociationProfile, Organisation, Project, ProjectInvitation, Proposal
from ..models.organisations import VerificationStatus
from ..models.projects import ProjectState, ProposalState

DASHBOARD_LIMIT = 10


class StepState(StrEnum):
    """Where an onboarding step stands; the template words each one."""

    DONE = "done"
    TO_DO = "todo"
    WAITING = "waiting"  # sent, the platform's staff have to answer


@dataclass
class OnboardingStep:
    key: str  # "profile", "documents" or "project"
    state: str  # a StepState
    current: bool = False  # the step to do now: the first one still to do


@dataclass
class Onboarding:
    """A new association's path: 1 its profile, 2 its eligibility documents, 3 its first published project.

    The documents are done once staff verified the organisation and wait while they examine them; a project
    counts once published (a draft is still to do, and `draft` is the one to carry on with).
    """

    steps: list[OnboardingStep]
    verification_status: str
    draft: Project | None = None

    @property
    def done_count(self) -> int:
        return sum(step.state == StepState.DONE for step in self.steps)


def _documents_state(status: str) -> str:
    if status == VerificationStatus.VERIFIED:
        return StepState.DONE
    if status == VerificationStatus.PENDING:
        return StepState.WAITING
    return StepState.TO_DO  # never sent, more information asked, or refused: the association has to act


def association_onboarding(
    *, organisation: Organisation, has_published: bool, draft: Project | None = None
) -> Onboarding | None:
    """The path of a new association on its dashboard, or None once every step is done."""
    steps = [
        OnboardingStep(
            "profile",
            StepState.DONE
            if AssociationProfile.objects.filter(organisation=organisation).exists()
            else StepState.TO_DO,
        ),
        OnboardingStep("documents", _documents_state(organisation.verification_status)),
        OnboardingStep("project", StepState.DONE if has_published else StepState.TO_DO),
    ]
    if all(step.state == StepState.DONE for step in steps):
        return None
    current = next((step for step in steps if step.state == StepState.TO_DO), None)
    if current is not None:
        current.current = True
    return Onboarding(steps=steps, verification_status=organisation.verification_status, draft=draft)


@dataclass
class AssociationProjects:
    """Its projects, newest first, each with `new_proposals` (submitted, not yet looked at), and its first steps
    while they are not all done (`onboarding`)."""

    projects: list[Project]
    other_count: int
    onboarding: Onboarding | None = None

    @property
    def new_proposals(self) -> int:
        return sum(project.new_proposals for project in self.projects)


@dataclass
class ProviderProjects:
    """Invitations still open to a quote (not declined), its quotes and their states, and the projects awarded to it."""

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
    active = with_proposal_counts(projects.filter(state__in=ProjectState.ACTIVE)).order_by("-updated_at", "-pk")
    shown = list(active[:limit])
    counts = projects.aggregate(total=Count("pk"), published=Count("pk", filter=~Q(state=ProjectState.DRAFT)))
    onboarding = association_onboarding(
        organisation=organisation,
        has_published=counts["published"] > 0,
        draft=next((project for project in shown if project.state == ProjectState.DRAFT), None),
    )
    return AssociationProjects(projects=shown, other_count=counts["total"] - len(shown), onboarding=onboarding)


def provider_projects(*, organisation: Organisation, limit: int = DASHBOARD_LIMIT) -> ProviderProjects:
    quoted = Proposal.objects.filter(project=OuterRef("project"), provider=organisation)
    invitations = (
        ProjectInvitation.objects.filter(
            provider=organisation, project__state=ProjectState.PUBLISHED, declined_at__isnull=True
        )
        .exclude(Exists(quoted))
        .select_related("project", "project__organisation")
        .order_by("-created_at")
    )
    proposals = (
        Proposal.objects.filter(provider=organisation)
        .exclude(project__state__in=ProjectState.AWARDED_ONWARDS, state=ProposalState.ACCEPTED)
        .select_related("project", "project__organisation", "current_version")
        .order_by("-updated_at", "-pk")
    )
    awarded = (
        Project.objects.filter(awarded_proposal__provider=organisation, state__in=ProjectState.AWARDED_ONWARDS)
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
