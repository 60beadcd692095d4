"""The Content-Security-Policy of every response: django-csp's middleware plus what only a request knows.

The base policy is `CONTENT_SECURITY_POLICY` in `settings/security.py`: scripts and styles from our own
origin only (inline scripts need the request's nonce; no `unsafe-inline` for either), no plugins, no
framing. Three things cannot be written there once for all:

- WebSockets: `connect-src` names `ws://` or `wss://` of the host this request came to (Django has
  already checked it against ALLOWED_HOSTS), not every WebSocket server (`ws:` alone would let an
  injected script talk to any host);
- a page may ask for more with `content_security_allow(response, sources)`: the payment page adds the
  payment provider's script, frames and API for that page only;
- the Wagtail admin gets a looser policy of its own (`ADMIN_POLICY_REPLACE`, why is said there).
"""

import json

from csp.middleware import CSPMiddleware, PolicyParts
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase

from . import conf

# Reporting API (report-to): browsers post to the endpoint named here; report-uri stays for the others.
REPORT_GROUP = "csp"


def content_security_allow(response: HttpResponseBase, sources: dict[str, list[str]]) -> HttpResponseBase:
    """Add origins to some directives of this response's policy only (e.g. a payment provider's frames)."""
    update = dict(getattr(response, "_csp_update", None) or {})
    for directive, origins in sources.items():
        update[directive] = [*update.get(directive, []), *origins]
    response._csp_update = update
    return response


def _host(request: HttpRequest) -> str | None:
    try:
        return request.get_host()
    except DisallowedHost:  # the 400 answering a forged Host header gets the policy without it
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with this site's WebSockets, the admin's own policy and a Reporting-Endpoints header."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        host = _host(request)
        if host:
            update = dict(parts.update or {})
            update["connect-src"] = [
                *update.get("connect-src", []),
                f"{'wss' if request.is_secure() else 'ws'}://{host}",
            ]
            parts.update = update
        path = request.path_info
        if path.startswith(conf.csp_admin_prefix()) and not path.startswith(tuple(conf.csp_admin_strict_paths())):
            parts.replace = {**conf.csp_admin_policy_replace(), **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        host = _host(request)
        if host and "Content-Security-Policy" in response and "Reporting-Endpoints" not in response:
            scheme = "https" if request.is_secure() else "http"
            response["Reporting-Endpoints"] = f'{REPORT_GROUP}="{scheme}://{host}{conf.csp_report_url()}"'
        return response


# --- Violation reports -------------------------------------------------------------------------------

REPORT_MAX_BYTES = 16 * 1024
REPORTS_PER_REQUEST = 10
_FIELD_MAX_CHARS = 300
# The same facts under the names of the two report formats: report-uri's `csp-report` and report-to's body.
_REPORT_FIELDS = {
    "document": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked": ("blocked-uri", "blockedURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition",),
}


class ReportRefused(ValueError):
    """The body is not a violation report we can read (not JSON, too big, wrong shape)."""


def _report_fields(raw: dict) -> dict[str, str]:
    fields = {}
    for name, keys in _REPORT_FIELDS.items():
        value = next((raw[key] for key in keys if raw.get(key) not in (None, "")), "")
        text = str(value)[:_FIELD_MAX_CHARS] if isinstance(value, (str, int)) else ""
        # Anyone may post here: no line breaks or control characters reach the log.
        fields[name] = "".join(char if char.isprintable() else "?" for char in text)
    return fields


def csp_reports_parse(body: bytes) -> list[dict[str, str]]:
    """The violations in a report-uri (`{"csp-report": {...}}`) or report-to (`[{"type": ..., "body": {...}}]`) body."""
    if len(body) > REPORT_MAX_BYTES:
        raise ReportRefused("too large")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise ReportRefused("not JSON") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        raws = [data["csp-report"]]
    elif isinstance(data, list):
        raws = [
            item["body"]
            for item in data[:REPORTS_PER_REQUEST]
            if isinstance(item, dict) and item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
    else:
        raise ReportRefused("not a CSP report")
    if not raws:
        raise ReportRefused("no CSP violation in the report")
    return [_report_fields(raw) for raw in raws]


def csp_report_quota_take(*, ip: str) -> bool:
    """Count one report from this address; False once it sent CSP_REPORT_RATE_LIMIT of them this minute.

    A page with a broken policy may report on every view, and anyone may post here: the log must not
    grow without bound. The count lives in the cache, shared by every process when REDIS_URL is set.
    """
    key = f"csp-report:{ip}"
    if cache.add(key, 1, timeout=60):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        count = 1
    return count <= conf.csp_report_rate_limit()
