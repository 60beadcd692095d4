"""The marketplace search engine, chosen by `SEARCH_ENGINE`; callers never see which one runs."""

from functools import cache

from .. import conf
from .base import SearchEngine


@cache
def _engine_for(name: str, urls: tuple[str, ...], timeouts: tuple[int, int, int]) -> SearchEngine:
    request, bulk, refresh = timeouts
    if name == "opensearch":
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(urls=list(urls), timeout=request, bulk_timeout=bulk, refresh_timeout=refresh)
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(urls=list(urls), timeout=request, bulk_timeout=bulk, refresh_timeout=refresh)
    from .database import DatabaseEngine

    return DatabaseEngine()


ENGINE_NAMES = ("database", "opensearch", "elasticsearch")


def get_engine(name: str | None = None) -> SearchEngine:
    """The configured engine (or the one named, for operators' commands); one client per configuration."""
    if name is not None and name not in ENGINE_NAMES:
        raise ValueError(f"unknown search engine {name!r}")
    timeouts = (conf.request_timeout(), conf.bulk_timeout(), conf.refresh_timeout())
    return _engine_for(name or conf.engine_name(), tuple(conf.urls()), timeouts)


def engine_health() -> dict:
    return get_engine().health()
