from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..health import health_report


@never_cache
@require_GET
def healthz(request):
    """200 when every configured component answers, 503 (with which one failed) otherwise."""
    all_up, components = health_report()
    return JsonResponse(
        {"status": "ok" if all_up else "degraded", "components": components}, status=200 if all_up else 503
    )
