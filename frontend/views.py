"""Error pages in the site's layout and language. JSON for API paths."""

import sys

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from marketplace import conf

# The database could not be reached or dropped the connection (restart, failover, network): the request may
# succeed again in a moment, so it is a 503 with Retry-After, not a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _error(request, status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "errors": {}}, status=status)
    return render(request, "errors/error.html", {"status": status, "title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Requête invalide"), _("Votre demande n'a pas pu être comprise."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("Accès refusé"), _("Vous n'avez pas accès à cette page avec ce compte."))


def page_not_found(request, exception=None):
    return _error(request, 404, _("Page introuvable"), _("Cette page n'existe pas ou a été déplacée."))


def server_error(request):
    # Django calls this view while it handles the exception: sys.exception() is the one that ended the request.
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return _error(
        request,
        500,
        _("Erreur du serveur"),
        _("Un problème est survenu de notre côté. L'équipe est prévenue ; réessayez dans quelques minutes."),
    )


def service_unavailable(request):
    """The error page when the database is unreachable, drawn without a query.

    The usual context processors would read the session, the user and the menus from the database and fail
    again; the page shows the anonymous layout instead, which needs nothing but the request.
    """
    title = _("Service momentanément indisponible")
    message = _("Le service est momentanément indisponible. Réessayez dans quelques instants.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": message, "errors": {}}, status=503)
    else:
        context = {"status": 503, "title": title, "message": message, "request": request, "user": AnonymousUser()}
        response = HttpResponse(render_to_string("errors/error.html", {**context, **csrf(request)}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def cookies(request):
    """The cookie page: the strictly necessary cookies the site sets, and the promise that there are no others."""
    context = {
        "session_cookie": conf.session_cookie_name(),
        "csrf_cookie": conf.csrf_cookie_name(),
        "language_cookie": conf.language_cookie_name(),
        "session_days": conf.session_cookie_age() // 86400,
    }
    return render(request, "legal/cookies.html", context)
