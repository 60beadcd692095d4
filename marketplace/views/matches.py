"""Where people see matches: providers proposed on an association's project page, projects on a provider's dashboard.

The ranking and its reasons come from `search.matching`; inviting goes through the projects service like the
invitation page does. These helpers build the context the project page and the dashboard add to theirs.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from search.engines.base import EngineUnavailable
from search.matching import projects_for, providers_for

from ..errors import DomainError, NotFound
from ..forms_projects import InviteForm
from ..models import Organisation, Project, ProviderProfile
from ..models.projects import ProjectState
from ..selectors.projects import project_get_for, projects_visible_to
from ..services.projects import project_invite
from .decorators import organisation_required

# The states in which the projects service still takes invitations.
INVITABLE_STATES = (ProjectState.DRAFT, ProjectState.PUBLISHED)
MATCHES_ON_PROJECT_PAGE = 6
MATCHES_ON_DASHBOARD = 5
MATCHES_ANCHOR = "prestataires-proposes"


def project_matches_context(*, project: Project) -> dict:
    """For the owning association's project page: the best providers, while the project takes invitations."""
    if project.state not in INVITABLE_STATES:
        return {"show_matches": False}
    try:
        matches = providers_for(project, limit=MATCHES_ON_PROJECT_PAGE)
    except EngineUnavailable:
        return {"show_matches": True, "matches": [], "matches_unavailable": True}
    return {"show_matches": True, "matches": matches, "matches_unavailable": False}


def provider_matches_context(*, organisation: Organisation) -> dict:
    """For a provider's dashboard: open projects matched to its profile, or why there are none yet."""
    if not organisation.is_provider:
        return {}
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        return {"project_matches": {"status": "no_profile", "items": []}}
    if not organisation.is_verified:
        return {"project_matches": {"status": "unverified", "items": []}}
    try:
        matches = projects_for(profile, limit=MATCHES_ON_DASHBOARD)
    except EngineUnavailable:
        return {"project_matches": {"status": "unavailable", "items": []}}
    # The index may lag behind a project closed a moment ago: list only the projects this provider may open.
    visible = set(
        projects_visible_to(organisation=organisation)
        .filter(pk__in=[match.id for match in matches])
        .values_list("pk", flat=True)
    )
    return {"project_matches": {"status": "ok", "items": [match for match in matches if match.id in visible]}}


@organisation_required
@require_POST
def invite_match(request, project_id: int):
    """One click from the proposed providers: invite this one and come back to the project page."""
    project = _own_project(request, project_id)
    back = reverse("projects:detail", kwargs={"project_id": project.pk}) + f"#{MATCHES_ANCHOR}"
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un prestataire dans la liste."))
        return redirect(back)
    try:
        invitation = project_invite(
            membership=request.membership, project_id=project.pk, provider_id=form.cleaned_data["provider"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s est invité à proposer un devis.") % {"name": invitation.provider})
    return redirect(back)


def _own_project(request, project_id: int) -> Project:
    """A project of the user's association; for anyone else, even a provider who may see it, a 404."""
    try:
        project = project_get_for(organisation=request.organisation, project_id=project_id)
    except NotFound as error:
        raise Http404(error.message) from error
    if project.organisation_id != request.organisation.pk:
        raise Http404(_("Projet introuvable."))
    return project
