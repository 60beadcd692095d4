"""Who may see which project and which proposals: the one place those rules live."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from ..errors import NotFound
from ..models import Organisation, Project, ProjectInvitation, Proposal
from ..models.projects import ProjectState, Visibility


def projects_visible_to(*, organisation: Organisation | None) -> QuerySet[Project]:
    """Who may see a project: the one rule, for the project pages, the JSON API, the board, the matches,
    attachments, proposals and the conversations about a project.

    - Nobody logged in, and an organisation of any other kind, sees nothing.
    - An association sees its own projects, in every state, and no other.
    - A provider that quoted on a project keeps seeing it, whatever the project's state and whatever
      its own verification now: it has a quote there to follow.
    - A verified provider also sees every published project open to verified providers, and the
      projects it was invited to, except drafts; once an open project is awarded or over, only those
      who quoted or were invited still see it (so ids say nothing about closed projects).
    - A provider that is not verified (never asked, pending, information requested, rejected) sees
      only the projects it quoted on, if any: an invitation does not open a project to it.
    """
    if organisation is None:
        return Project.objects.none()
    if organisation.is_association:
        return Project.objects.filter(organisation=organisation)
    if not organisation.is_provider:
        return Project.objects.none()
    quoted = Exists(Proposal.objects.filter(project=OuterRef("pk"), provider=organisation))
    if not organisation.is_verified:
        return Project.objects.filter(quoted)
    invited = Exists(ProjectInvitation.objects.filter(project=OuterRef("pk"), provider=organisation)) & ~Q(
        state=ProjectState.DRAFT
    )
    open_to_all = Q(visibility=Visibility.VERIFIED_PROVIDERS, state=ProjectState.PUBLISHED)
    return Project.objects.filter(quoted | invited | open_to_all)


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
