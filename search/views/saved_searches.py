"""Saved searches of the project board and their alerts; the one-click unsubscribe of the alert e-mails.

Thin views over `services.saved_searches` and `selectors.saved_searches`. Only members of a verified provider
organisation reach its saved searches; for everyone else they do not exist (404).
"""

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.errors import DomainError
from marketplace.views.actions import action_run
from marketplace.views.decorators import organisation_required

from ..forms import DefaultAlertForm, SavedSearchCreateForm, SavedSearchForm
from ..models import SavedSearch
from ..selectors.saved_searches import default_alert_for, saved_searches_for, saved_searches_may_use
from ..services.alerts import unsubscribe_scope_read
from ..services.saved_searches import (
    alert_emails_stop,
    default_alert_set,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)


def _provider_only(request):
    if not saved_searches_may_use(organisation=request.organisation):
        raise Http404(_("Les recherches enregistrées sont réservées aux prestataires vérifiés."))


def _list_context(request, *, create_form=None) -> dict:
    organisation = request.organisation
    default = default_alert_for(organisation=organisation)
    rows = [
        {
            "saved": saved,
            "board_url": reverse("board:list") + (f"?{saved.query}" if saved.query else ""),
            "form": SavedSearchForm(
                initial={"name": saved.name, "in_app": saved.in_app, "email": saved.email}, prefix=f"s{saved.pk}"
            ),
        }
        for saved in saved_searches_for(organisation=organisation)
    ]
    return {
        "rows": rows,
        "default_form": DefaultAlertForm(
            initial={
                "enabled": default.enabled,
                "threshold": default.threshold,
                "in_app": default.in_app,
                "email": default.email,
            }
        ),
        "create_form": create_form,
    }


@organisation_required
@require_GET
def saved_search_list(request):
    _provider_only(request)
    return render(request, "saved_searches/list.html", _list_context(request))


@organisation_required
@require_POST
def saved_search_save(request):
    """ "Enregistrer cette recherche" on the board: its filters under a name; a bad filter is a form error."""
    _provider_only(request)
    form = SavedSearchCreateForm(request.POST)
    if form.is_valid():
        try:
            saved_search_create(membership=request.membership, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Recherche enregistrée. Vous serez alerté des nouveaux projets qui y correspondent.")
            )
            return redirect("saved_searches:list")
    return render(request, "saved_searches/list.html", _list_context(request, create_form=form), status=400)


def _act(request, action, *, success: str):
    return action_run(request, action, success=success, then=redirect("saved_searches:list"))


@organisation_required
@require_POST
def saved_search_edit(request, saved_search_id: int):
    _provider_only(request)
    form = SavedSearchForm(request.POST, prefix=f"s{saved_search_id}")
    if not form.is_valid():
        if not SavedSearch.objects.filter(organisation=request.organisation, pk=saved_search_id).exists():
            raise Http404(_("Recherche enregistrée introuvable."))
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("saved_searches:list")
    return _act(
        request,
        lambda: saved_search_update(
            membership=request.membership, saved_search_id=saved_search_id, **form.cleaned_data
        ),
        success=_("Recherche modifiée."),
    )


@organisation_required
@require_POST
def saved_search_remove(request, saved_search_id: int):
    _provider_only(request)
    return _act(
        request,
        lambda: saved_search_delete(membership=request.membership, saved_search_id=saved_search_id),
        success=_("Recherche supprimée."),
    )


@organisation_required
@require_POST
def default_alert_edit(request):
    _provider_only(request)
    form = DefaultAlertForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("saved_searches:list")
    return _act(
        request,
        lambda: default_alert_set(membership=request.membership, **form.cleaned_data),
        success=_("Alerte « Projets qui me correspondent » modifiée."),
    )


# RFC 8058: mail clients POST `List-Unsubscribe=One-Click` without a session; the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET asks for confirmation (a link preview must not unsubscribe); POST turns those alerts' e-mails off."""
    try:
        scope = unsubscribe_scope_read(token)
    except signing.BadSignature:
        return render(request, "saved_searches/unsubscribe_invalid.html", status=400)
    names = list(
        SavedSearch.objects.filter(organisation_id=scope.organisation_id, pk__in=scope.saved_search_ids).values_list(
            "name", flat=True
        )
    )
    if scope.default_alert:
        names.append(_("Projets qui me correspondent"))
    done = False
    if request.method == "POST":
        alert_emails_stop(
            organisation_id=scope.organisation_id,
            saved_search_ids=list(scope.saved_search_ids),
            default_alert=scope.default_alert,
        )
        done = True
    return render(request, "saved_searches/unsubscribe.html", {"names": names, "done": done})
