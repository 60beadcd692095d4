"""The resource centre's settings, read from Django settings (`config/settings/privacy.py` gives them)."""

from datetime import timedelta

from django.conf import settings


def search_logs_retention() -> timedelta:
    """How long the counted searches of the resource centre (by day) are kept."""
    return timedelta(days=int(settings.RETENTION_SEARCH_LOGS_DAYS))
