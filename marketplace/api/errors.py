"""One error shape for the whole API: `{"message": "...", "errors": {"field": ["..."]}}`.

Clients can show `message` as it is and put each of `errors` next to its field.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..errors import DomainError


def _error(api, request, status: int, message: str, errors: dict | None = None):
    return api.create_response(request, {"message": message, "errors": errors or {}}, status=status)


def _field_of(location: tuple) -> str:
    """('body', 'payload', 'email') -> 'email'; ('query', 'page') -> 'page'."""
    parts = [str(part) for part in location if part not in ("body", "query", "path", "form", "payload")]
    return ".".join(parts) or "__all__"


def _message_for(item: dict) -> str:
    """French (or the active language's) wording for the validation errors integrators meet most."""
    ctx = item.get("ctx") or {}
    messages = {
        "missing": _("Ce champ est obligatoire."),
        "string_too_short": _("Au moins %(n)s caractère(s).") % {"n": ctx.get("min_length")},
        "string_too_long": _("Au plus %(n)s caractères.") % {"n": ctx.get("max_length")},
        "string_type": _("Une chaîne de caractères est attendue."),
        "int_parsing": _("Un nombre entier est attendu."),
        "int_type": _("Un nombre entier est attendu."),
        "greater_than_equal": _("La valeur doit être au moins %(n)s.") % {"n": ctx.get("ge")},
        "less_than_equal": _("La valeur doit être au plus %(n)s.") % {"n": ctx.get("le")},
        "enum": _("Valeur inconnue ; valeurs possibles : %(values)s.") % {"values": ctx.get("expected")},
        "json_invalid": _("Le corps de la requête n'est pas du JSON valide."),
        "model_attributes_type": _("Un objet JSON est attendu."),
        "model_type": _("Un objet JSON est attendu."),
        "finite_number": _("Un nombre fini est attendu."),
        "decimal_parsing": _("Un nombre est attendu."),
        "decimal_max_digits": _("Ce nombre compte trop de chiffres."),
        "decimal_max_places": _("Trop de décimales."),
        "too_long": _("Trop d'éléments."),
        "bool_parsing": _("Oui ou non (true/false) est attendu."),
        "date_from_datetime_parsing": _("Date invalide (AAAA-MM-JJ)."),
        "date_parsing": _("Date invalide (AAAA-MM-JJ)."),
        "list_type": _("Une liste est attendue."),
        "dict_type": _("Un objet JSON est attendu."),
    }
    return messages.get(item.get("type"), item.get("msg", ""))


def register_error_handlers(api) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        errors = {exc.field: [exc.message]} if exc.field else {}
        return _error(api, request, exc.status_code, exc.message, errors)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors: dict[str, list[str]] = {}
        for item in exc.errors:
            errors.setdefault(_field_of(tuple(item.get("loc", ()))), []).append(_message_for(item))
        return _error(api, request, 422, _("Certaines valeurs envoyées ne sont pas valides."), errors)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return _error(api, request, 401, _("Authentification requise : session ou jeton d'API valide."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        # django-ninja raises this one itself for a body that is not JSON.
        if str(exc) == "Cannot parse request body":
            return _error(api, request, 400, _("Le corps de la requête n'est pas du JSON valide."))
        if exc.status_code == 403 and "CSRF" in str(exc):
            return _error(
                api,
                request,
                403,
                _("Jeton CSRF manquant ou invalide : envoyez l'en-tête X-CSRFToken, ou utilisez un jeton d'API."),
            )
        return _error(api, request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(api, request, 404, _("Ressource introuvable."))
