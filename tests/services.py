"""Which real services this test run can reach, and what to do when one is missing.

A test marked with a service skips with a one-line reason when the service is
not there, and fails instead when REQUIRE_SERVICES=1 (set by .ci/run), so that
CI cannot go green by skipping. Elasticsearch is the exception: CI has none (see the
README), so its tests skip unless ELASTICSEARCH_URLS names a node, and only then
does REQUIRE_SERVICES=1 turn a node that does not answer into a failure.
"""

import os
import shutil
import socket
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") == "1"


def missing(reason: str) -> None:
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def elasticsearch_urls() -> list[str]:
    """The Elasticsearch 8 node(s) the engine contract runs against, from ELASTICSEARCH_URLS (comma-separated)."""
    return [url.strip() for url in os.environ.get("ELASTICSEARCH_URLS", "").split(",") if url.strip()]


def service_missing(service: str, reason: str) -> None:
    """Skip, or fail under REQUIRE_SERVICES=1; an Elasticsearch nobody configured always skips."""
    if service == "elasticsearch" and not elasticsearch_urls():
        pytest.skip(reason)
    missing(reason)


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    return candidate if candidate and os.path.exists(candidate) else None


def stripe_mock_path() -> str | None:
    """STRIPE_MOCK_PATH, else the binary `make services` builds, else a stripe-mock on the PATH (GOBIN)."""
    root = Path(__file__).resolve().parent.parent
    candidates = (
        os.environ.get("STRIPE_MOCK_PATH"),
        str(root / "var/services/bin/stripe-mock"),
        shutil.which("stripe-mock"),
    )
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


@cache
def unavailable_reason(service: str) -> str | None:
    """None when the service can be used, else why not (one line)."""
    if service == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "needs PostgreSQL: set DATABASE_URL=postgres://..."
        return None
    if service == "redis":
        if not settings.REDIS_URL:
            return "needs Redis: set REDIS_URL=redis://..."
        url = urlparse(settings.REDIS_URL)
        if not port_open(url.hostname or "127.0.0.1", url.port or 6379):
            return f"Redis at {settings.REDIS_URL} does not answer"
        return None
    if service == "opensearch":
        if settings.SEARCH_ENGINE != "opensearch":
            return "needs OpenSearch: set SEARCH_ENGINE=opensearch and SEARCH_URLS"
        url = urlparse(settings.SEARCH_URLS[0])
        if not port_open(url.hostname or "127.0.0.1", url.port or 9200):
            return f"OpenSearch at {settings.SEARCH_URLS[0]} does not answer"
        return None
    if service == "elasticsearch":
        urls = elasticsearch_urls()
        if not urls:
            return "needs Elasticsearch 8: set ELASTICSEARCH_URLS (CI does not run one)"
        url = urlparse(urls[0])
        if not port_open(url.hostname or "127.0.0.1", url.port or 9200):
            return f"Elasticsearch at {urls[0]} does not answer"
        return None
    if service == "browser":
        if chromium_path() is None:
            return "needs Chromium: install it (make services) or set CHROMIUM_PATH"
        return None
    if service == "stripe":
        try:
            import localstripe  # noqa: F401
        except ImportError:
            return "needs localstripe (a dev dependency): run make test"
        return None
    if service == "stripe_mock":
        if stripe_mock_path() is None:
            return "needs stripe-mock: run make services (builds it with Go) or set STRIPE_MOCK_PATH"
        return None
    raise ValueError(service)


SERVICE_MARKERS = ("postgres", "redis", "opensearch", "elasticsearch", "browser", "stripe", "stripe_mock")
