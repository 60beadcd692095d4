"""Test profile: the embedded default, made fast and deterministic."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
WHITENOISE_AUTOREFRESH = True

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
