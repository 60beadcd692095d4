"""Marketplace search engine: `database` (in process) by default, or an OpenSearch / Elasticsearch cluster."""

from django.core.exceptions import ImproperlyConfigured

from .env import env_list, env_str

SEARCH_ENGINE = env_str("SEARCH_ENGINE", "database")
if SEARCH_ENGINE not in {"database", "opensearch", "elasticsearch"}:
    raise ImproperlyConfigured(f"SEARCH_ENGINE must be database, opensearch or elasticsearch, got {SEARCH_ENGINE!r}.")
SEARCH_URLS = env_list("SEARCH_URLS", ["http://127.0.0.1:9200"])
# Each engine run uses its own index names, so tests and several sites can share a cluster.
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "passerelle")
SEARCH_TIMEOUT_SECONDS = 5
