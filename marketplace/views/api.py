from django.http import JsonResponse
from django.utils.translation import gettext as _


def api_not_found(request, *args, **kwargs):
    """Unknown API paths answer like the API does, so clients can rely on one error shape."""
    return JsonResponse({"message": _("Ressource introuvable."), "errors": {}}, status=404)
