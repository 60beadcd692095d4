"""The verification page: where the organisation stands, what staff need, the upload form and the history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import conf
from ..errors import DomainError, PermissionDenied
from ..forms import add_domain_error
from ..forms.profiles import VerificationSubmitForm
from ..selectors.profiles import verification_overview
from ..services.organisations import require_manager
from ..services.verification import MAX_DOCUMENTS, verification_submit
from .decorators import organisation_required

EXTRA_SLOTS = 2


@organisation_required
@require_http_methods(["GET", "POST"])
def verification(request):
    membership = request.membership
    overview = verification_overview(membership=membership)
    # One row per document still needed, its kind chosen already, and a couple of spare rows.
    suggested = [group.kinds[0][0] for group in overview.missing]
    posted = request.method == "POST"
    form = VerificationSubmitForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        slots=min(MAX_DOCUMENTS, max(len(suggested) + EXTRA_SLOTS, 3)),
        suggested_kinds=suggested,
    )
    refused = None
    if posted:
        try:
            require_manager(membership)
        except PermissionDenied as error:
            refused = error
    if posted and refused is None and form.is_valid():
        try:
            verification_submit(
                membership=membership, documents=form.cleaned_data["uploads"], note=form.cleaned_data["note"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Votre demande est envoyée : l'équipe vous répondra par e-mail."))
            return redirect("profiles:verification")
    context = {
        "membership": membership,
        "organisation": membership.organisation,
        "overview": overview,
        "form": form,
        "refused": refused,
        "max_document_mb": conf.max_document_bytes() // (1024 * 1024),
    }
    status = 403 if refused else 400 if form.errors else 200
    return render(request, "verification/verification.html", context, status=status)
