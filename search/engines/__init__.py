"""The marketplace search engine, chosen by `SEARCH_ENGINE`; callers never see which one runs."""

from functools import cache

from django.conf import settings

from .base import SearchEngine


@cache
def _engine_for(name: str, urls: tuple[str, ...], timeout: int) -> SearchEngine:
    if name == "opensearch":
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(urls=list(urls), timeout=timeout)
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(urls=list(urls), timeout=timeout)
    from .database import DatabaseEngine

    return DatabaseEngine()


def get_engine() -> SearchEngine:
    """The configured engine; one client per configuration, reused across requests."""
    return _engine_for(settings.SEARCH_ENGINE, tuple(settings.SEARCH_URLS), settings.SEARCH_TIMEOUT_SECONDS)


def engine_health() -> dict:
    return get_engine().health()
