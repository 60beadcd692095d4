"""Marketplace search engine: `database` (in process) by default, or an OpenSearch / Elasticsearch cluster."""

import re

from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_list, env_str

SEARCH_ENGINE = env_str("SEARCH_ENGINE", "database")
if SEARCH_ENGINE not in {"database", "opensearch", "elasticsearch"}:
    raise ImproperlyConfigured(f"SEARCH_ENGINE must be database, opensearch or elasticsearch, got {SEARCH_ENGINE!r}.")
SEARCH_URLS = env_list("SEARCH_URLS", ["http://127.0.0.1:9200"])
# Each engine run uses its own index names, so tests and several sites can share a cluster.
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "passerelle")


def _seconds(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1 second, got {value}.")
    return value


# Seconds a cluster may take to answer, per request. Searches, health checks and small reads keep the short
# one: a page must not hang on a slow cluster. A rebuild's bulk loads (1,000 documents a request) and the
# indexing queue's writes get longer; the refresh after a bulk load, the alias swap and the deletion of an
# index get the longest: on a large index they take minutes, and a rebuild must not fail because of it.
SEARCH_TIMEOUT_SECONDS = _seconds("SEARCH_TIMEOUT_SECONDS", 5)
SEARCH_BULK_TIMEOUT_SECONDS = _seconds("SEARCH_BULK_TIMEOUT_SECONDS", 120)
SEARCH_REFRESH_TIMEOUT_SECONDS = _seconds("SEARCH_REFRESH_TIMEOUT_SECONDS", 600)

# Replicas of each index: none on one node; a cluster of several nodes keeps one copy more, so losing a node
# loses no acknowledged write (the fault script tests/benchmarks/search_faults.py runs three nodes, one replica).
SEARCH_INDEX_REPLICAS = env_int("SEARCH_INDEX_REPLICAS", 0)

# How soon a written document becomes searchable; the indexing queue's writes wait for this refresh, so a
# change is visible when the queue reports it sent. One second is the cluster's own default; the test
# profile shortens it, since every test that indexes would otherwise wait for it.
SEARCH_REFRESH_INTERVAL = env_str("SEARCH_REFRESH_INTERVAL", "1s")
if not re.fullmatch(r"[1-9][0-9]*(ms|s|m)", SEARCH_REFRESH_INTERVAL):
    raise ImproperlyConfigured(
        f"SEARCH_REFRESH_INTERVAL must be a duration such as 500ms, 1s or 1m, got {SEARCH_REFRESH_INTERVAL!r}."
    )
