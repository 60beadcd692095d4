"""Error pages in the site's layout and language. JSON for API paths."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


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
    return _error(
        request,
        500,
        _("Erreur du serveur"),
        _("Un problème est survenu de notre côté. L'équipe est prévenue ; réessayez dans quelques minutes."),
    )


def cookies(request):
    """The cookie page: the strictly necessary cookies the site sets, and the promise that there are no others."""
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    }
    return render(request, "legal/cookies.html", context)
