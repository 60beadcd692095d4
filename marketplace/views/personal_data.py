"""A person's data: ask for the archive, follow its preparation, download it; delete the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..errors import DomainError
from ..forms import add_domain_error
from ..forms.accounts import AccountDeleteForm
from ..selectors.personal_data import personal_data_export_for_download, personal_data_export_latest
from ..services.personal_data import account_delete, last_owner_organisations, personal_data_export_request


def _status(export) -> dict:
    downloadable = export is not None and export.is_downloadable
    return {
        "state": export.state if export else None,
        "progress": export.progress if export else 0,
        "in_progress": bool(export and export.in_progress),
        "download_url": reverse("accounts:data_export_download", args=[export.pk]) if downloadable else None,
    }


@login_required
@require_GET
def my_data(request):
    export = personal_data_export_latest(user=request.user)
    context = {
        "export": export,
        "status": _status(export),
        "delete_form": AccountDeleteForm(),
        "blocking_organisations": last_owner_organisations(user=request.user),
    }
    return render(request, "accounts/my_data.html", context)


@login_required
@require_POST
def data_export_request(request):
    personal_data_export_request(user=request.user)
    messages.info(request, _("Votre archive est en préparation : elle sera prête dans moins d'une minute."))
    return redirect("accounts:my_data")


@login_required
@require_GET
def data_export_status(request, export_id: int):
    """What the page polls while the archive is prepared: the state, a percentage, the link once ready."""
    export = personal_data_export_latest(user=request.user)
    if export is None or export.pk != export_id:
        return JsonResponse({"message": _("Cette archive n'existe pas ou plus."), "errors": {}}, status=404)
    response = JsonResponse(_status(export))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def data_export_download(request, export_id: int):
    """Only the archive's owner, signed in, before it expires; anyone else gets the same 404."""
    export = personal_data_export_for_download(user=request.user, export_id=export_id)
    if export is None:
        raise Http404(_("Cette archive n'existe pas ou a expiré."))
    try:
        handle = export.file.open("rb")
    except OSError as error:
        raise Http404 from error
    filename = export.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/zip")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, password=form.cleaned_data["password"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            logout(request)
            messages.success(request, _("Votre compte est supprimé. Merci d'avoir utilisé Passerelle."))
            return redirect("/")
    context = {"form": form, "blocking_organisations": last_owner_organisations(user=request.user)}
    return render(request, "accounts/account_delete.html", context, status=400 if form.errors else 200)
