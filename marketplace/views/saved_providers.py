""" "Mes prestataires": the association's saved providers, their private notes, and inviting one in one click.

Thin views over `services.saved_providers`, `selectors.saved_providers` and the projects service's invitation.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models.organisations import OrganisationKind
from ..selectors.saved_providers import invitable_projects_for, saved_providers_for
from ..services.projects import project_invite
from ..services.saved_providers import saved_provider_add, saved_provider_note, saved_provider_remove
from .actions import action_run
from .decorators import organisation_required


def _association_only(request):
    if request.organisation.kind != OrganisationKind.ASSOCIATION:
        raise Http404(_("Seules les associations enregistrent des prestataires."))


def _back(request, default: str) -> str:
    """Where the person came from (the provider's page, the directory), if it is on this site."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _provider_id(request) -> int:
    try:
        return int(request.POST.get("provider") or "")
    except ValueError as error:
        raise Http404(_("Prestataire introuvable.")) from error


@organisation_required
@require_GET
def saved_provider_list(request):
    _association_only(request)
    organisation = request.organisation
    context = {
        "title": _("Mes prestataires"),
        "rows": saved_providers_for(organisation=organisation),
        "projects": list(invitable_projects_for(organisation=organisation)),
    }
    return render(request, "saved_providers/list.html", context)


def _act(request, action, *, success: str):
    _association_only(request)
    return action_run(request, action, success=success, then=redirect(_back(request, reverse("saved_providers:list"))))


@organisation_required
@require_POST
def saved_provider_save(request):
    provider_id = _provider_id(request)
    return _act(
        request,
        lambda: saved_provider_add(
            membership=request.membership, provider_id=provider_id, note=request.POST.get("note", "")
        ),
        success=_("Prestataire enregistré dans « Mes prestataires »."),
    )


@organisation_required
@require_POST
def saved_provider_unsave(request):
    provider_id = _provider_id(request)
    return _act(
        request,
        lambda: saved_provider_remove(membership=request.membership, provider_id=provider_id),
        success=_("Prestataire retiré de « Mes prestataires »."),
    )


@organisation_required
@require_POST
def saved_provider_edit_note(request):
    provider_id = _provider_id(request)
    return _act(
        request,
        lambda: saved_provider_note(
            membership=request.membership, provider_id=provider_id, note=request.POST.get("note", "")
        ),
        success=_("Note enregistrée."),
    )


@organisation_required
@require_POST
def saved_provider_invite(request):
    """Invite a saved provider to one of the association's projects, in one click from the list."""
    provider_id = _provider_id(request)
    try:
        project_id = int(request.POST.get("project") or "")
    except ValueError:
        messages.error(request, _("Choisissez le projet auquel inviter ce prestataire."))
        return redirect("saved_providers:list")
    return _act(
        request,
        lambda: project_invite(membership=request.membership, project_id=project_id, provider_id=provider_id),
        success=_("Prestataire invité : il est prévenu tout de suite si le projet est publié, sinon à sa publication."),
    )
