"""Which notifications a user also wants by email (they always see them in the app)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..errors import DomainError
from ..selectors.notifications import notification_email_groups
from ..services.notifications import notification_email_groups_set


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    if request.method == "POST":
        try:
            notification_email_groups_set(user=request.user, enabled=set(request.POST.getlist("email_groups")))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("accounts:notification_emails")
        messages.success(request, _("Vos préférences d'e-mails sont enregistrées."))
        return redirect("accounts:notification_emails")
    return render(
        request, "accounts/notification_emails.html", {"groups": notification_email_groups(user=request.user)}
    )
