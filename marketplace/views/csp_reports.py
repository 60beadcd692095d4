"""Where browsers report what the Content-Security-Policy blocked: logged, rate-limited, never an error page."""

import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..content_security import REPORT_MAX_BYTES, ReportRefused, csp_report_quota_take, csp_reports_parse
from ..ratelimit import client_ip

logger = logging.getLogger("passerelle.csp")


@csrf_exempt  # browsers send reports without cookies or tokens; nothing here changes state
@require_POST
def csp_report(request):
    if not csp_report_quota_take(ip=client_ip(request)):
        return HttpResponse(status=429)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        reports = csp_reports_parse(request.body)
    except ReportRefused:
        return HttpResponse(status=400)
    for report in reports:
        logger.warning(
            "CSP violation: %(directive)s blocked %(blocked)s on %(document)s (%(source)s:%(line)s) %(sample)s",
            report,
            extra={"csp_report": report},
        )
    return HttpResponse(status=204)
