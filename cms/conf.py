"""The pages' settings, one function per setting, read at each call (so tests and operators' overrides apply)."""

from datetime import timedelta

from django.conf import settings


def site_url() -> str:
    return settings.SITE_URL


def language_code() -> str:
    return settings.LANGUAGE_CODE


def languages() -> list:
    return settings.LANGUAGES


def wagtail_content_languages() -> list:
    return settings.WAGTAIL_CONTENT_LANGUAGES


def search_logs_retention() -> timedelta:
    """How long the counted searches of the resource centre (by day) are kept."""
    return timedelta(days=int(settings.RETENTION_SEARCH_LOGS_DAYS))
