"""Who may see which project and which proposals: the one place those rules live."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ..errors import NotFound
from ..models import Organisation, Project, Proposal
from ..models.projects import ProjectState, Visibility


def projects_visible_to(*, organisation: Organisation | None) -> QuerySet[Project]:
    """Associations see their own projects; verified providers see projects open for quotes (to all, or
    invited-only ones they were invited to) and any project they quoted on; everyone else sees nothing.
    Once a project is awarded or over, only the providers who quoted keep seeing it."""
    if organisation is None:
        return Project.objects.none()
    if organisation.is_association:
        return Project.objects.filter(organisation=organisation)
    if not organisation.is_verified:
        return Project.objects.filter(proposals__provider=organisation).distinct()
    open_to_all = Q(visibility=Visibility.VERIFIED_PROVIDERS, state=ProjectState.PUBLISHED)
    invited = Q(invitations__provider=organisation, state=ProjectState.PUBLISHED)
    quoted = Q(proposals__provider=organisation)
    return Project.objects.filter(open_to_all | invited | quoted).distinct()


def project_known_to_provider(*, organisation: Organisation, project_id: int) -> Project:
    """A non-draft project this provider could have been shown, whatever its state now.

    Lets a provider who opened a project before it was awarded be told "no more quotes"
    rather than "not found".
    """
    project = (
        Project.objects.exclude(state=ProjectState.DRAFT)
        .filter(pk=project_id)
        .filter(
            Q(visibility=Visibility.VERIFIED_PROVIDERS)
            | Q(invitations__provider=organisation)
            | Q(proposals__provider=organisation)
        )
        .distinct()
        .first()
    )
    if project is None:
        raise NotFound(_("Projet introuvable."))
    return project


def project_get_for(*, organisation: Organisation | None, project_id: int) -> Project:
    """The project if the organisation may see it; NotFound otherwise (no hint that it exists)."""
    project = projects_visible_to(organisation=organisation).filter(pk=project_id).first()
    if project is None:
        raise NotFound(_("Projet introuvable."))
    return project


def proposals_visible_to(*, organisation: Organisation, project: Project) -> QuerySet[Proposal]:
    """The association sees every proposal on its project; a provider only its own."""
    proposals = Proposal.objects.filter(project=project).select_related("provider", "current_version")
    if organisation.pk == project.organisation_id:
        return proposals
    return proposals.filter(provider=organisation)


def proposal_get_for(*, organisation: Organisation, proposal_id: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related("project", "provider", "current_version")
        .filter(pk=proposal_id)
        .filter(Q(provider=organisation) | Q(project__organisation=organisation))
        .first()
    )
    if proposal is None:
        raise NotFound(_("Devis introuvable."))
    return proposal


def project_timeline(*, project: Project):
    from ..models import AuditEntry

    return AuditEntry.objects.filter(target=f"marketplace.project:{project.pk}").select_related("actor")


def project_page_for(*, organisation: Organisation, project_id: int) -> dict:
    """Everything the project page shows to this organisation, and nothing it may not see."""
    project = project_get_for(organisation=organisation, project_id=project_id)
    is_owner = project.organisation_id == organisation.pk
    proposals = proposals_visible_to(organisation=organisation, project=project).prefetch_related(
        "current_version__lines"
    )
    own_proposal = None if is_owner else proposals.first()
    return {
        "project": project,
        "is_owner": is_owner,
        "proposals": proposals if is_owner else [],
        "own_proposal": own_proposal,
        "changes": project.changes.all() if (is_owner or own_proposal) else [],
        "timeline": project_timeline(project=project) if is_owner else [],
        "skills": project.skills.select_related("domain"),
    }
