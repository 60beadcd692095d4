"""Search's settings, read from Django settings at each call (so tests and operators' overrides apply).

The defaults and the environment variables behind them are in `config/settings/search.py`.
"""

from django.conf import settings


def engine_name() -> str:
    return settings.SEARCH_ENGINE


def urls() -> list[str]:
    return list(settings.SEARCH_URLS)


def index_prefix() -> str:
    return settings.SEARCH_INDEX_PREFIX


def index_replicas() -> int:
    """Replicas of each index: none on one node; a cluster of several nodes sets SEARCH_INDEX_REPLICAS."""
    return int(settings.SEARCH_INDEX_REPLICAS)


def refresh_interval() -> str:
    """How soon a written document becomes searchable (the cluster's `index.refresh_interval`)."""
    return settings.SEARCH_REFRESH_INTERVAL


def request_timeout() -> int:
    """Seconds a search, a health check or a small read may take before the cluster counts as down."""
    return int(settings.SEARCH_TIMEOUT_SECONDS)


def bulk_timeout() -> int:
    """Seconds one bulk write may take: a rebuild's batch of documents, or the indexing queue's."""
    return int(settings.SEARCH_BULK_TIMEOUT_SECONDS)


def refresh_timeout() -> int:
    """Seconds index administration may take: creating or deleting an index, the refresh after a bulk load,
    the alias swap; also how long a rebuild waits for its documents to become searchable."""
    return int(settings.SEARCH_REFRESH_TIMEOUT_SECONDS)
