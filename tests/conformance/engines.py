"""One base class per search engine: a scenario mixin combined with each runs the same tests on every engine.

    class TestOpenSearchEngine(MatchingScenarios, OnOpenSearch): ...

Each engine works in its own indices (the run's `SEARCH_INDEX_PREFIX`, which carries the xdist worker's id,
plus `contract_<engine>`), emptied around every test. The database engine always runs; OpenSearch runs when
`SEARCH_ENGINE=opensearch` points at a node (CI's second run); Elasticsearch 8 runs when `ELASTICSEARCH_URLS`
points at one (CI has none, see the README), and skips otherwise, even with `REQUIRE_SERVICES=1`.
"""

import pytest

from search.engines import get_engine
from search.models import IndexKind
from tests.services import elasticsearch_urls


class EngineContract:
    engine_name: str

    def configure(self, settings) -> None:
        """Point the settings at this engine's cluster, when it is not the one the run is configured with."""

    @pytest.fixture(autouse=True)
    def _engine(self, settings, db):
        prefix = settings.SEARCH_INDEX_PREFIX
        self.configure(settings)
        settings.SEARCH_ENGINE = self.engine_name
        settings.SEARCH_INDEX_PREFIX = f"{prefix}_contract_{self.engine_name}"
        engine = get_engine()
        for kind in IndexKind.values:
            engine.drop(kind)
        yield engine
        for kind in IndexKind.values:
            engine.drop(kind)


class OnDatabase(EngineContract):
    engine_name = "database"


@pytest.mark.opensearch
class OnOpenSearch(EngineContract):
    engine_name = "opensearch"


@pytest.mark.elasticsearch
class OnElasticsearch(EngineContract):
    engine_name = "elasticsearch"

    def configure(self, settings) -> None:
        settings.SEARCH_URLS = elasticsearch_urls()
