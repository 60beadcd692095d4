"""Inviting providers to a project: one click from the proposed providers, or a search by name or skill.

The proposed providers' section comes from `selectors.matches` (shown by the `project_matches` template tag on
the project page); inviting goes through the core's projects service.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.errors import DomainError, NotFound
from marketplace.forms.projects import InviteForm, InviteSearchForm
from marketplace.models import Project
from marketplace.selectors.projects import project_get_for
from marketplace.services.projects import project_invite
from marketplace.views.decorators import organisation_required

from ..filters.directory import DirectoryQueryError
from ..selectors.directory import provider_directory

INVITE_RESULTS = 10
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


@organisation_required
@require_http_methods(["GET", "POST"])
def invite(request, project_id: int):
    """Search verified providers by name or skill, and invite them one at a time."""
    project = _own_project(request, project_id)
    if request.method == "POST":
        return _invite_post(request, project)
    search = InviteSearchForm(request.GET)
    results = []
    if search.is_valid() and search.cleaned_data["q"]:
        params = QueryDict(mutable=True)
        params["q"] = search.cleaned_data["q"]
        try:
            results = provider_directory(params=params, per_page=INVITE_RESULTS).providers
        except DirectoryQueryError as error:
            for message in error.errors.get("q") or [error.message]:
                search.add_error("q", message)
    invited = project.invitations.select_related("provider").order_by("created_at")
    context = {
        "project": project,
        "search": search,
        "results": results,
        "invited": invited,
        "invited_ids": {invitation.provider_id for invitation in invited},
        "can_invite": project.is_invitable,
    }
    return render(request, "projects/invite.html", context, status=400 if search.errors else 200)


def invite_submitted(request, project) -> None:
    """Invite the provider posted in the form and say how it went; shared by the invite page and the matches."""
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un prestataire dans la liste."))
        return
    try:
        invitation = project_invite(
            membership=request.membership, project_id=project.pk, provider_id=form.cleaned_data["provider"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s est invité à proposer un devis.") % {"name": invitation.provider})


def _invite_post(request, project):
    query = request.POST.get("q", "")
    invite_submitted(request, project)
    url = reverse("matching:invite", kwargs={"project_id": project.pk})
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
