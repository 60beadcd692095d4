"""Test profile: the embedded default, made fast and deterministic.

Under pytest-xdist each worker process (`PYTEST_XDIST_WORKER`: gw0, gw1...) gets its own copy of every
shared resource, so parallel tests never see each other's data: pytest-django already suffixes the test
database's name; here the worker also gets its own search indices, Redis database (the tests empty the
cache with FLUSHDB) and key prefix, and media folders.
"""

import os
from urllib.parse import urlparse

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, SEARCH_INDEX_PREFIX, WAGTAILSEARCH_BACKENDS

XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / (XDIST_WORKER or "main")
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / (XDIST_WORKER or "main")
WHITENOISE_AUTOREFRESH = True
# Every test that indexes waits for the cluster's refresh after its write: a tenth of the default second.
SEARCH_REFRESH_INTERVAL = "100ms"

# Threads (live server, WebSocket handlers, race tests) must not keep connections
# open past their request, or PostgreSQL refuses to drop the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Health checks would close the test's connection, and its transaction, when a streamed response ends.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A test database in a file, opened with the same options as the embedded default (WAL, immediate
    # transactions, busy timeout). Django's default, an in-memory database in shared-cache mode, locks whole
    # tables between connections and fails at once with "database table is locked" when two threads write
    # (live server, WebSocket handlers, race tests): busy_timeout does not apply to shared-cache locks.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}  # noqa: F405


def _worker_redis_url(url: str, worker: str) -> str:
    """The worker's own Redis database: gwN uses database N + 1 (Redis has 16 by default), whatever database
    the URL names, so that the processes a test starts with this URL and worker compute the same one."""
    number = (int(worker.removeprefix("gw")) + 1) % 16
    return urlparse(url)._replace(path=f"/{number}").geturl()


if XDIST_WORKER:
    SEARCH_INDEX_PREFIX = f"{SEARCH_INDEX_PREFIX}_{XDIST_WORKER}"
    if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:
        WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{SEARCH_INDEX_PREFIX}_wagtail_"
    if REDIS_URL:
        REDIS_URL = _worker_redis_url(REDIS_URL, XDIST_WORKER)
        CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [REDIS_URL]  # noqa: F405
        CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] += f"-{XDIST_WORKER}"  # noqa: F405
        CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
        CACHES["default"]["KEY_PREFIX"] += f"-{XDIST_WORKER}"  # noqa: F405
