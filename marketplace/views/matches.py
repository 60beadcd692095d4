"""Where people see matches: providers proposed on an association's project page, projects on a provider's dashboard.

The sections' content comes from `selectors.matches`; inviting goes through the projects service like the
invitation page does.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..errors import NotFound
from ..models import Project
from ..selectors.projects import project_get_for
from .decorators import organisation_required
from .projects import invite_submitted

MATCHES_ANCHOR = "prestataires-proposes"


@organisation_required
@require_POST
def invite_match(request, project_id: int):
    """One click from the proposed providers: invite this one and come back to the project page."""
    project = _own_project(request, project_id)
    back = reverse("projects:detail", kwargs={"project_id": project.pk}) + f"#{MATCHES_ANCHOR}"
    invite_submitted(request, project)
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
