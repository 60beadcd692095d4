"""A rebuild survives a slow cluster, and a failed one leaves searches on the index they used before.

The cluster tests go through `SlowCluster`, a proxy in front of the real OpenSearch that answers chosen
requests after the client's timeout or refuses them; timeouts are cut to seconds so the tests stay short.
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from opensearchpy import NotFoundError, OpenSearch

from search.engines import get_engine
from search.engines.base import EngineUnavailable, alias_name
from search.maintenance import index_rebuild
from search.models import IndexAlias, IndexKind, StoredDocument
from tests.profile_factories import ProviderProfileFactory

from .slow_cluster import SlowCluster

PROVIDER = IndexKind.PROVIDER


def rebuild() -> int:
    return index_rebuild(engine=get_engine(), kind=PROVIDER, on_batch=lambda done, total: None)


class Cluster:
    """The real cluster, reached directly (not through the proxy), to see what a rebuild left behind."""

    def __init__(self, url: str):
        self.client = OpenSearch(hosts=[url], timeout=30)

    def alias_target(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias_name(PROVIDER)))
        except NotFoundError:
            return []

    def indices(self) -> list[str]:
        """Every physical provider index of this test's prefix, aliased or not."""
        return sorted(self.client.indices.get(index=f"{alias_name(PROVIDER)}_*", allow_no_indices=True))

    def count(self, index: str) -> int:
        self.client.indices.refresh(index=index)
        return self.client.count(index=index)["count"]

    def delete_all(self) -> None:
        for name in self.indices():
            self.client.indices.delete(index=name)


@pytest.fixture
def slow_cluster(settings, db):
    """The engine pointed at a proxy of the real cluster, with timeouts of 1 s (requests), 2 s (bulk writes)
    and 20 s (refresh and alias swap), and indices of its own, deleted before and after."""
    upstream = settings.SEARCH_URLS[0]
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}_slow"
    settings.SEARCH_TIMEOUT_SECONDS = 1
    settings.SEARCH_BULK_TIMEOUT_SECONDS = 2
    settings.SEARCH_REFRESH_TIMEOUT_SECONDS = 20
    cluster = Cluster(upstream)
    cluster.delete_all()
    with SlowCluster(upstream) as proxy:
        settings.SEARCH_URLS = [proxy.url]
        yield proxy, cluster
    cluster.delete_all()


@pytest.mark.opensearch
def test_a_refresh_slower_than_the_request_timeout_does_not_fail_the_rebuild(slow_cluster):
    proxy, cluster = slow_cluster
    providers = [ProviderProfileFactory() for _ in range(3)]
    rebuild()
    [old] = cluster.alias_target()
    providers.append(ProviderProfileFactory())
    slow = proxy.delay(r"/_refresh\b", seconds=3)

    assert rebuild() == 4

    assert slow.applied >= 1, "the refresh was answered late"
    [new] = cluster.alias_target()
    assert new != old
    assert cluster.indices() == [new], "the old index is deleted"
    assert set(get_engine().stored_versions(PROVIDER)) == {profile.pk for profile in providers}


@pytest.mark.opensearch
def test_an_alias_swap_whose_answer_is_lost_still_completes_the_rebuild(slow_cluster, settings):
    proxy, cluster = slow_cluster
    ProviderProfileFactory()
    rebuild()
    [old] = cluster.alias_target()
    settings.SEARCH_REFRESH_TIMEOUT_SECONDS = 2
    late = proxy.delay(r"^POST /_aliases\b", seconds=3)

    assert rebuild() == 1

    assert late.applied == 1
    [new] = cluster.alias_target()
    assert new != old and cluster.indices() == [new]


FAILURES = {
    "bulk refused": lambda proxy: proxy.fail(r"/_bulk\b"),
    "bulk slower than its timeout": lambda proxy: proxy.delay(r"/_bulk\b", seconds=4),
    "refresh refused": lambda proxy: proxy.fail(r"/_refresh\b"),
    "alias swap refused": lambda proxy: proxy.fail(r"^POST /_aliases\b"),
}


@pytest.mark.opensearch
@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_rebuild_deletes_its_index_and_leaves_the_live_one(slow_cluster, failure):
    proxy, cluster = slow_cluster
    live = {ProviderProfileFactory().pk for _ in range(2)}
    rebuild()
    [old] = cluster.alias_target()
    ProviderProfileFactory()
    rule = FAILURES[failure](proxy)

    with pytest.raises(EngineUnavailable):
        rebuild()

    assert rule.applied >= 1
    assert cluster.alias_target() == [old], "the alias still points at the live index"
    assert cluster.indices() == [old], "the new index is deleted"
    assert cluster.count(old) == len(live)
    assert set(get_engine().stored_versions(PROVIDER)) == live


@pytest.mark.opensearch
def test_the_command_says_a_failed_rebuild_was_undone(slow_cluster):
    proxy, cluster = slow_cluster
    ProviderProfileFactory()
    rebuild()
    [old] = cluster.alias_target()
    proxy.delay(r"/_bulk\b", seconds=4)

    with pytest.raises(CommandError, match="failed and was undone"):
        call_command("search_index", "--rebuild", "--kind", "provider", stdout=io.StringIO())

    assert cluster.indices() == [old]


def test_a_failed_database_rebuild_removes_what_it_wrote(db, settings):
    """The embedded engine writes a rebuild batch by batch: a failure midway removes the batches written."""
    settings.SEARCH_ENGINE = "database"
    live = {ProviderProfileFactory().pk for _ in range(2)}
    rebuild()
    engine = get_engine()
    [alias] = IndexAlias.objects.filter(alias=alias_name(PROVIDER))
    kept = StoredDocument.objects.count()

    def batches():
        yield [{"id": pk, "name": "Nouveau nom", "updated_at": ""} for pk in live]
        raise RuntimeError("the database went away while reading the next batch")

    with pytest.raises(RuntimeError):
        engine.rebuild(PROVIDER, batches(), lambda count: None)

    assert IndexAlias.objects.get(alias=alias_name(PROVIDER)).index == alias.index
    assert StoredDocument.objects.count() == kept
    assert set(engine.stored_versions(PROVIDER)) == live
