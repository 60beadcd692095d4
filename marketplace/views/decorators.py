from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def organisation_required(view):
    """Logged in and working for an organisation; otherwise off to the onboarding page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.membership is None:
            messages.info(request, _("Créez votre organisation ou rejoignez celle d'un collègue pour continuer."))
            return redirect("dashboard")
        return view(request, *args, **kwargs)

    return wrapper
