"""Every page answers with a Content-Security-Policy that runs no inline script, and violations are reported.

The main pages are the demo's, fetched as each audience (tests/main_pages.py); the browser side, that the
pages really run under the policy, is tests/e2e/test_content_security.py.
"""

import json
import logging
import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from marketplace.content_security import ContentSecurityPolicyMiddleware
from marketplace.models import User
from tests.cms.conftest import RENDITION_WARNING
from tests.factories import UserFactory
from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls
from tests.second_factor import verified_login

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_TEMPLATES = [ROOT / app / "templates" for app in ("frontend", "marketplace", "messaging", "billing", "cms")]
PRODUCT_TEMPLATES += [ROOT / "assessment" / "templates", ROOT / "search" / "templates"]


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict(url: str, directives: dict[str, list[str]]) -> None:
    assert "'unsafe-inline'" not in directives["script-src"], url
    assert "'unsafe-eval'" not in directives["script-src"], url
    assert directives["script-src"][0] == "'self'", url
    assert directives["style-src"] == ["'self'"], url
    assert directives["frame-ancestors"] == ["'none'"], url
    assert directives["object-src"] == ["'none'"], url
    assert directives["report-uri"] == [reverse("csp_report")], url


@pytest.mark.django_db
@pytest.mark.filterwarnings(RENDITION_WARNING)
def test_every_main_page_answers_with_a_policy_without_inline_scripts():
    prepare_demo()
    audiences = [(None, public_urls()), ("asso@demo.test", association_urls()), ("presta@demo.test", provider_urls())]
    checked = 0
    for email, urls in audiences:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404), f"{url} answered {response.status_code}"
            assert_strict(url, policy(response))
            checked += 1
    assert checked > 50


@pytest.mark.django_db
def test_websockets_are_allowed_to_this_host_only(client):
    directives = policy(client.get("/compte/connexion/"))

    assert directives["connect-src"] == ["'self'", "ws://testserver"]
    secure = policy(client.get("/compte/connexion/", secure=True))
    assert secure["connect-src"] == ["'self'", "wss://testserver"]


@pytest.mark.django_db
def test_the_reporting_endpoint_is_announced(client):
    response = client.get("/compte/connexion/")

    assert response.headers["Reporting-Endpoints"] == 'csp="http://testserver/csp/rapport/"'
    assert policy(response)["report-to"] == ["csp"]


@pytest.mark.django_db
def test_the_api_docs_load_swagger_from_our_own_origin(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert_strict("/api/v1/docs", policy(response))


@pytest.mark.django_db
def test_the_admin_has_its_own_looser_policy_but_its_login_page_does_not(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    verified_login(client, staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    admin = policy(response)

    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]
    client.logout()
    assert_strict("/admin/login/", policy(client.get("/admin/login/")))


def test_a_nonce_is_made_per_request_and_named_in_the_policy():
    template = Template('<script nonce="{{ CSP_NONCE }}">document.title = "x";</script>')
    factory = RequestFactory()

    def render(request):
        return HttpResponse(template.render(RequestContext(request, {})))

    nonces = []
    for _ in range(2):
        request = factory.get("/")
        response = ContentSecurityPolicyMiddleware(render)(request)
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in policy(response)["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style(?![^>]*\bnonce=)", re.I)


def test_product_templates_have_no_inline_script_handler_or_style():
    """A regression guard for what the policy would block: inline scripts without the nonce, event handler
    attributes, javascript: URLs, style attributes and elements. E-mail templates are not pages."""
    problems = []
    for directory in PRODUCT_TEMPLATES:
        for path in directory.rglob("*.html"):
            if "emails" in path.parts:
                continue
            text = path.read_text()
            for name, pattern in (
                ("inline script", INLINE_SCRIPT),
                ("event handler", EVENT_HANDLER),
                ("javascript: URL", JAVASCRIPT_URL),
                ("style attribute", STYLE_ATTRIBUTE),
                ("style element", STYLE_ELEMENT),
            ):
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert not problems, "\n".join(problems)


# --- Violation reports -----------------------------------------------------------------------------

REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "http://testserver/projets/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "http://testserver/projets/",
        "line-number": 12,
        "script-sample": "alert(1)\nforged log line",
    }
}
REPORT_TO_BODY = [
    {
        "type": "csp-violation",
        "age": 3,
        "url": "http://testserver/messages/",
        "body": {
            "documentURL": "http://testserver/messages/",
            "effectiveDirective": "connect-src",
            "blockedURL": "wss://elsewhere.example/ws/",
            "disposition": "enforce",
        },
    },
    {"type": "deprecation", "body": {"id": "something"}},
]


def csp_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "passerelle.csp"]


@pytest.fixture
def post_report(client):
    def post(body, content_type="application/csp-report", **extra):
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return client.post(reverse("csp_report"), data=data, content_type=content_type, **extra)

    return post


def test_the_report_url_is_the_one_the_policy_names(settings):
    assert reverse("csp_report") == settings.CSP_REPORT_URL


@pytest.mark.django_db
def test_a_report_uri_violation_is_logged_on_one_line(post_report, caplog):
    with caplog.at_level(logging.WARNING, logger="passerelle.csp"):
        response = post_report(REPORT_URI_BODY)

    assert response.status_code == 204
    (record,) = csp_records(caplog)
    message = record.getMessage()
    assert "script-src-elem blocked inline on http://testserver/projets/" in message
    assert "\n" not in message
    assert record.csp_report["line"] == "12"


@pytest.mark.django_db
def test_report_to_violations_are_logged_and_other_reports_ignored(post_report, caplog):
    with caplog.at_level(logging.WARNING, logger="passerelle.csp"):
        response = post_report(REPORT_TO_BODY, content_type="application/reports+json")

    assert response.status_code == 204
    (record,) = csp_records(caplog)
    assert "connect-src blocked wss://elsewhere.example/ws/ on http://testserver/messages/" in record.getMessage()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b"{}",
        b"null",
        b'{"csp-report": "text"}',
        b"[1, 2]",
        b'[{"type": "csp-violation"}]',
    ],
)
def test_bad_reports_are_refused_without_a_server_error(post_report, caplog, body):
    with caplog.at_level(logging.WARNING, logger="passerelle.csp"):
        response = post_report(body)

    assert response.status_code == 400
    assert not csp_records(caplog)


@pytest.mark.django_db
def test_a_huge_report_is_refused_unread(post_report):
    response = post_report({"csp-report": {"blocked-uri": "x" * 20_000}})

    assert response.status_code == 413


@pytest.mark.django_db
def test_reports_are_only_posted(client):
    assert client.get(reverse("csp_report")).status_code == 405


@pytest.mark.django_db
def test_reports_are_rate_limited_per_address(post_report, settings, caplog):
    settings.CSP_REPORT_RATE_LIMIT = 3
    with caplog.at_level(logging.WARNING, logger="passerelle.csp"):
        codes = [post_report(REPORT_URI_BODY).status_code for _ in range(5)]
        other_address = post_report(REPORT_URI_BODY, REMOTE_ADDR="192.0.2.7").status_code

    assert codes == [204, 204, 204, 429, 429]
    assert other_address == 204
    assert len(csp_records(caplog)) == 4
