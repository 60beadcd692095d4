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


def register_error_handlers(api) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        errors = {exc.field: [exc.message]} if exc.field else {}
        return _error(api, request, exc.status_code, exc.message, errors)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors: dict[str, list[str]] = {}
        for item in exc.errors:
            errors.setdefault(_field_of(tuple(item.get("loc", ()))), []).append(item.get("msg", ""))
        return _error(api, request, 422, _("Certaines valeurs envoyées ne sont pas valides."), errors)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return _error(api, request, 401, _("Authentification requise : session ou jeton d'API valide."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return _error(api, request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(api, request, 404, _("Ressource introuvable."))
