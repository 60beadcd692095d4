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


ENGINE_NAMES = ("database", "opensearch", "elasticsearch")


def get_engine(name: str | None = None) -> SearchEngine:
    """The configured engine (or the one named, for operators' commands); one client per configuration."""
    if name is not None and name not in ENGINE_NAMES:
        raise ValueError(f"unknown search engine {name!r}")
    return _engine_for(name or settings.SEARCH_ENGINE, tuple(settings.SEARCH_URLS), settings.SEARCH_TIMEOUT_SECONDS)


def engine_health() -> dict:
    return get_engine().health()
