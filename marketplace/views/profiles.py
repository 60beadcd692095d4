"""The organisation's own profile (association or provider) and a provider's portfolio.

Everyone in the organisation sees the profile; owners and admins edit it.
The services enforce that; these pages show members a read-only view instead
of a form, and answer 403 with the reason if a member posts anyway.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..errors import DomainError, NotFound, PermissionDenied
from ..forms import add_domain_error
from ..forms.profiles import AssociationProfileForm, PortfolioItemForm, ProviderProfileForm
from ..models.profiles import Language
from ..selectors.profiles import (
    association_profile_get,
    portfolio_item_get,
    profile_completeness,
    profile_identity_locked,
    provider_profile_get,
    skill_domain_list,
)
from ..services.organisations import require_manager
from ..services.profiles import (
    association_profile_save,
    portfolio_item_delete,
    portfolio_item_save,
    provider_profile_save,
)
from .decorators import organisation_required

LANGUAGE_LABELS = dict(Language.choices)


def _forbidden(request, error: PermissionDenied):
    return render(
        request,
        "errors/error.html",
        {"status": 403, "title": _("Accès refusé"), "message": error.message},
        status=403,
    )


def _check_manager(membership) -> PermissionDenied | None:
    try:
        require_manager(membership)
    except PermissionDenied as error:
        return error
    return None


@organisation_required
@require_http_methods(["GET", "POST"])
def profile(request):
    membership = request.membership
    organisation = membership.organisation
    if organisation.is_association:
        saved = association_profile_get(organisation=organisation)
        form_class, save, extra = AssociationProfileForm, association_profile_save, {}
    else:
        saved = provider_profile_get(organisation=organisation)
        form_class, save, extra = ProviderProfileForm, provider_profile_save, {"skill_domains": skill_domain_list()}
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=form_class.initial_from(saved),
        identity_locked=profile_identity_locked(organisation=organisation),
        **extra,
    )
    refused = _check_manager(membership) if posted else None
    if posted and refused is None and form.is_valid():
        try:
            save(membership=membership, data=form.data_for_service(), logo=form.cleaned_data.get("logo"))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Le profil est enregistré."))
            return redirect("profiles:profile")
    context = {
        "membership": membership,
        "organisation": organisation,
        "profile": saved,
        "form": form,
        "refused": refused,
        "completeness": profile_completeness(organisation=organisation),
        "language_labels": [LANGUAGE_LABELS.get(code, code) for code in getattr(saved, "languages", [])],
    }
    status = 403 if refused else 400 if form.errors else 200
    return render(request, "profiles/profile.html", context, status=status)


def _provider_membership(request):
    """Portfolios belong to providers: for an association these pages do not exist."""
    if not request.membership.organisation.is_provider:
        raise Http404(_("Page introuvable."))
    return request.membership


def _portfolio_item(membership, item_id: int):
    try:
        return portfolio_item_get(organisation=membership.organisation, item_id=item_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _portfolio_form(request, membership, item=None):
    refused = _check_manager(membership)
    if refused:
        return _forbidden(request, refused)
    posted = request.method == "POST"
    form = PortfolioItemForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=PortfolioItemForm.initial_from(item),
    )
    if posted and form.is_valid():
        try:
            portfolio_item_save(
                membership=membership,
                data=form.data_for_service(),
                image=form.cleaned_data.get("image"),
                item_id=item.pk if item else None,
            )
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("La réalisation est enregistrée."))
            return redirect("profiles:profile")
    context = {"form": form, "item": item}
    return render(request, "profiles/portfolio_form.html", context, status=400 if form.errors else 200)


@organisation_required
@require_http_methods(["GET", "POST"])
def portfolio_new(request):
    return _portfolio_form(request, _provider_membership(request))


@organisation_required
@require_http_methods(["GET", "POST"])
def portfolio_edit(request, item_id: int):
    membership = _provider_membership(request)
    return _portfolio_form(request, membership, _portfolio_item(membership, item_id))


@organisation_required
@require_POST
def portfolio_delete(request, item_id: int):
    membership = _provider_membership(request)
    item = _portfolio_item(membership, item_id)
    try:
        portfolio_item_delete(membership=membership, item_id=item.pk)
    except PermissionDenied as error:
        return _forbidden(request, error)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("« %(title)s » est supprimée.") % {"title": item.title})
    return redirect("profiles:profile")
