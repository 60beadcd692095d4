"""Organisation creation, switching, settings, members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..errors import DomainError, NotFound, PermissionDenied
from ..forms import add_domain_error
from ..forms.organisations import InvitationForm, OrganisationCreateForm, OrganisationUpdateForm, RoleForm
from ..middleware import ACTIVE_ORGANISATION_SESSION_KEY
from ..selectors.organisations import invitation_list_pending, membership_get, organisation_member_list
from ..services.organisations import (
    invitation_accept,
    invitation_create,
    invitation_get_pending,
    invitation_revoke,
    membership_change_role,
    membership_remove,
    organisation_create,
    organisation_update,
)
from .decorators import organisation_required


def _refuse(request, error: DomainError):
    """Turn a refused POST into a message on the settings page, or a 404 for unknown ids."""
    if isinstance(error, NotFound):
        raise Http404(error.message)
    messages.error(request, error.message)
    return redirect("organisations:settings")


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = OrganisationCreateForm(request.POST or None, initial={"kind": request.GET.get("kind", "association")})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(created_by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            request.session[ACTIVE_ORGANISATION_SESSION_KEY] = organisation.pk
            messages.success(request, _("« %(name)s » est créée.") % {"name": organisation.name})
            return redirect("dashboard")
    return render(request, "organisations/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def switch(request, organisation_id: int):
    try:
        membership = membership_get(user=request.user, organisation_id=organisation_id)
    except NotFound as error:
        raise Http404(error.message) from error
    request.session[ACTIVE_ORGANISATION_SESSION_KEY] = membership.organisation_id
    messages.success(request, _("Vous travaillez maintenant pour « %(name)s ».") % {"name": membership.organisation})
    return redirect("dashboard")


@organisation_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    membership = request.membership
    organisation = membership.organisation
    form = OrganisationUpdateForm(
        request.POST or None,
        initial={"name": organisation.name, "postcode": organisation.postcode, "city": organisation.city},
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(membership=membership, **form.cleaned_data)
        except PermissionDenied as error:
            # Members do not see the form: say it where they look.
            return _refuse(request, error)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Les informations de l'organisation sont enregistrées."))
            return redirect("organisations:settings")
    context = {
        "form": form,
        "invitation_form": InvitationForm(),
        "members": organisation_member_list(organisation=organisation),
        "invitations": invitation_list_pending(organisation=organisation) if membership.can_manage else [],
        "role_choices": RoleForm.base_fields["role"].choices,
    }
    return render(request, "organisations/settings.html", context, status=400 if form.errors else 200)


@organisation_required
@require_POST
def invite(request):
    form = InvitationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("organisations:settings")
    try:
        invitation = invitation_create(membership=request.membership, **form.cleaned_data)
    except DomainError as error:
        return _refuse(request, error)
    messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
    return redirect("organisations:settings")


@organisation_required
@require_POST
def revoke_invitation(request, invitation_id: int):
    try:
        invitation_revoke(membership=request.membership, invitation_id=invitation_id)
    except DomainError as error:
        return _refuse(request, error)
    messages.success(request, _("L'invitation est annulée."))
    return redirect("organisations:settings")


@organisation_required
@require_POST
def change_role(request, membership_id: int):
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
        return redirect("organisations:settings")
    try:
        membership_change_role(actor=request.membership, membership_id=membership_id, role=form.cleaned_data["role"])
    except DomainError as error:
        return _refuse(request, error)
    messages.success(request, _("Le rôle est modifié."))
    return redirect("organisations:settings")


@organisation_required
@require_POST
def remove_member(request, membership_id: int):
    leaving = membership_id == request.membership.pk
    try:
        membership_remove(actor=request.membership, membership_id=membership_id)
    except DomainError as error:
        return _refuse(request, error)
    if leaving:
        request.session.pop(ACTIVE_ORGANISATION_SESSION_KEY, None)
        messages.success(request, _("Vous avez quitté l'organisation."))
        return redirect("dashboard")
    messages.success(request, _("Le membre est retiré de l'organisation."))
    return redirect("organisations:settings")


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The page an invitation email links to: see who invites you, then join."""
    try:
        pending = invitation_get_pending(token=token)
    except DomainError as error:
        status = 404 if isinstance(error, NotFound) else 410
        return render(request, "organisations/invitation_invalid.html", {"error": error.message}, status=status)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        try:
            membership = invitation_accept(token=token, user=request.user)
        except DomainError as error:
            return render(
                request, "organisations/invitation.html", {"invitation": pending, "error": error.message}, status=403
            )
        request.session[ACTIVE_ORGANISATION_SESSION_KEY] = membership.organisation_id
        messages.success(request, _("Bienvenue dans « %(name)s » !") % {"name": membership.organisation})
        return redirect("dashboard")
    return render(request, "organisations/invitation.html", {"invitation": pending})
