"""Configuration comes from the environment, with safe defaults, and bad values stop the start-up."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_bool, env_int, env_list, parse_database_url

ROOT = Path(__file__).resolve().parents[2]
_OWN_ENV = (
    "DATABASE_URL",
    "REDIS_URL",
    "SEARCH_ENGINE",
    "SEARCH_URLS",
    "SEARCH_TIMEOUT_SECONDS",
    "SEARCH_BULK_TIMEOUT_SECONDS",
    "SEARCH_REFRESH_TIMEOUT_SECONDS",
    "TASKS_BACKEND",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "STRIPE_SECRET_KEY",
)


def run_django(code: str, settings_module: str = "config.settings.base", **env):
    """Import the settings in a fresh interpreter, as a process started with this environment would."""
    clean = {k: v for k, v in os.environ.items() if k not in _OWN_ENV}
    clean.update({"DJANGO_SETTINGS_MODULE": settings_module, **env})
    return subprocess.run(  # noqa: S603 - our interpreter, fixed code
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_postgres_url_becomes_a_database_entry():
    config = parse_database_url("postgres://asso:p%40ss@db.internal:6543/passerelle?sslmode=require")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "asso",
        "p@ss",
        "db.internal",
        "6543",
    )
    assert config["NAME"] == "passerelle"
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_sqlite_urls_relative_and_absolute():
    assert parse_database_url("sqlite:///var/db.sqlite3")["NAME"] == "var/db.sqlite3"
    assert parse_database_url("sqlite:////srv/data/db.sqlite3")["NAME"] == "/srv/data/db.sqlite3"


@pytest.mark.parametrize("url", ["mysql://u:p@h/db", "postgres://u:p@h:5432/", "sqlite://"])
def test_unsupported_or_incomplete_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url)


def test_typed_reads(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("COUNT", "12")
    monkeypatch.setenv("HOSTS", " a.fr, b.fr ,,")
    assert env_bool("FLAG") is True
    assert env_int("COUNT", 1) == 12
    assert env_list("HOSTS") == ["a.fr", "b.fr"]
    assert env_bool("UNSET_FLAG", default=True) is True
    monkeypatch.setenv("FLAG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be a boolean"):
        env_bool("FLAG")
    monkeypatch.setenv("COUNT", "douze")
    with pytest.raises(ImproperlyConfigured, match="COUNT must be an integer"):
        env_int("COUNT", 1)


def test_embedded_default_without_any_environment():
    result = run_django(
        "print(settings.DATABASES['default']['ENGINE'], settings.CHANNEL_LAYERS['default']['BACKEND'], "
        "settings.SEARCH_ENGINE, settings.TASKS['default']['BACKEND'], settings.DEBUG, settings.EMAIL_BACKEND)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "channels.layers.InMemoryChannelLayer",
        "database",
        "django_tasks.backends.immediate.ImmediateBackend",
        "False",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_sqlite_writers_wait_for_the_lock_in_the_embedded_default_and_in_the_tests():
    """WAL, immediate transactions and a busy timeout, for the site and the tests alike; the tests use a file,
    never Django's shared-cache in-memory database, whose table locks fail concurrent writers at once."""
    code = (
        "import json; db = settings.DATABASES['default']; "
        "print(json.dumps({'options': db['OPTIONS'], 'test': db.get('TEST', {}).get('NAME')}))"
    )
    site, tests = run_django(code), run_django(code, "config.settings.test")
    assert site.returncode == tests.returncode == 0, site.stderr + tests.stderr

    site_db, test_db = json.loads(site.stdout), json.loads(tests.stdout)
    assert site_db["options"] == test_db["options"]
    assert site_db["options"]["transaction_mode"] == "IMMEDIATE"
    assert site_db["options"]["timeout"] >= 5
    assert "journal_mode=WAL" in site_db["options"]["init_command"]
    assert test_db["test"].endswith(".sqlite3")


def test_environment_switches_every_engine():
    result = run_django(
        "print(settings.DATABASES['default']['ENGINE'], settings.CHANNEL_LAYERS['default']['BACKEND'], "
        "settings.CACHES['default']['BACKEND'], settings.SEARCH_ENGINE, settings.SEARCH_URLS[1], "
        "settings.TASKS['default']['BACKEND'], settings.ALLOWED_HOSTS[0], settings.EMAIL_BACKEND)",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/db",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SEARCH_ENGINE="elasticsearch",
        SEARCH_URLS="http://es1:9200,http://es2:9200",
        TASKS_BACKEND="database",
        ALLOWED_HOSTS="passerelle.example.org",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "channels_redis.core.RedisChannelLayer",
        "config.redis_cache.ResilientRedisCache",
        "elasticsearch",
        "http://es2:9200",
        "django_tasks_db.DatabaseBackend",
        "passerelle.example.org",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SEARCH_ENGINE": "solr"}, "SEARCH_ENGINE must be database, opensearch or elasticsearch"),
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND must be immediate or database"),
        ({"DEBUG": "maybe"}, "DEBUG must be a boolean"),
        ({"DATABASE_URL": "mysql://u:p@h/db"}, "DATABASE_URL scheme 'mysql' is not supported"),
        ({"SEARCH_REFRESH_TIMEOUT_SECONDS": "0"}, "SEARCH_REFRESH_TIMEOUT_SECONDS must be at least 1 second"),
        ({"SEARCH_TIMEOUT_SECONDS": "soon"}, "SEARCH_TIMEOUT_SECONDS must be an integer"),
    ],
)
def test_bad_configuration_stops_with_a_sentence(env, message):
    result = run_django("pass", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_search_timeouts_come_from_the_environment():
    """Each kind of cluster request has its own timeout; the long ones keep a rebuild alive on a large index."""
    code = (
        "print(settings.SEARCH_TIMEOUT_SECONDS, settings.SEARCH_BULK_TIMEOUT_SECONDS, "
        "settings.SEARCH_REFRESH_TIMEOUT_SECONDS)"
    )
    assert run_django(code).stdout.split() == ["5", "120", "600"]
    result = run_django(
        code, SEARCH_TIMEOUT_SECONDS="2", SEARCH_BULK_TIMEOUT_SECONDS="30", SEARCH_REFRESH_TIMEOUT_SECONDS="900"
    )
    assert result.stdout.split() == ["2", "30", "900"], result.stderr


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in _OWN_ENV}
    clean.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_profile_passes_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="passerelle.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "WARNINGS" not in output
    assert "ERRORS" not in output


def test_production_profile_refuses_the_development_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "Set SECRET_KEY to a random string of at least 50 characters." in result.stderr
