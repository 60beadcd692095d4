"""What OpenSearch and Elasticsearch engines share: index management, bulk writes and queries, as plain JSON.

Both speak the same REST API for everything used here; the subclasses only bring their client and its
exception types.
"""

import logging
import math
import time
from abc import abstractmethod
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from elasticsearch_dsl import A, Q, Search
from elasticsearch_dsl.query import Query

from marketplace.health import ComponentDown

from .. import conf
from ..documents import DOCUMENT_CLASSES, french_search_analyzer, index_settings
from ..faceted import FacetedQuery, FacetedResult
from ..probes import Candidate, MatchProbe
from ..queries import match_search, text_with_typos
from .base import EngineTimedOut, EngineUnavailable, SearchEngine, alias_name, new_index_name

logger = logging.getLogger(__name__)

# While a rebuild waits for its new index to show every document, how often it asks again.
SEARCHABLE_POLL_SECONDS = 1.0


class ClusterEngine(SearchEngine):
    """An engine backed by an OpenSearch or Elasticsearch cluster reached over HTTP.

    Each kind of request has its own timeout (`search.conf`): `timeout` for searches and small reads,
    `bulk_timeout` for bulk writes, `refresh_timeout` for index administration (create, refresh, alias swap,
    delete), which takes minutes on a large index.
    """

    def __init__(self, *, urls: list[str], timeout: int, bulk_timeout: int, refresh_timeout: int):
        self.urls = urls
        self.timeout = timeout
        self.bulk_timeout = bulk_timeout
        self.refresh_timeout = refresh_timeout
        self._clients = {}
        self.client = self._client(timeout)

    @abstractmethod
    def _make_client(self, timeout: int):
        """The engine's own Python client, with this timeout per request."""

    @abstractmethod
    def _transport_errors(self) -> tuple[type[Exception], ...]:
        """The client's exceptions that mean "the cluster did not answer"."""

    @abstractmethod
    def _timeout_errors(self) -> tuple[type[Exception], ...]:
        """The client's exceptions that mean "the cluster did not answer in time"."""

    @abstractmethod
    def _not_found_error(self) -> type[Exception]:
        """The client's exception for a missing index or alias."""

    def _client(self, timeout: int):
        """The client whose requests wait up to `timeout` seconds (one per timeout, sharing nothing else)."""
        if timeout not in self._clients:
            self._clients[timeout] = self._make_client(timeout)
        return self._clients[timeout]

    @property
    def _bulk_client(self):
        return self._client(self.bulk_timeout)

    @property
    def _admin_client(self):
        return self._client(self.refresh_timeout)

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except self._not_found_error():
            raise
        except self._timeout_errors() as exc:
            raise EngineTimedOut(f"{self.name}: {exc.__class__.__name__}: {str(exc)[:200]}") from exc
        except self._transport_errors() as exc:
            raise EngineUnavailable(f"{self.name}: {exc.__class__.__name__}: {str(exc)[:200]}") from exc

    def health(self) -> dict:
        try:
            health = self.client.cluster.health()
        except self._transport_errors() as exc:
            raise ComponentDown(f"{self.name} unreachable: {exc.__class__.__name__}") from exc
        status = health["status"]
        if status == "red":
            raise ComponentDown(f"{self.name} cluster status is red")
        return {"engine": self.name, "cluster_status": status, "nodes": health["number_of_nodes"]}

    # Index management ---------------------------------------------------------------------------------------

    def _index_body(self, kind: str) -> dict:
        document = DOCUMENT_CLASSES[kind](french_search_analyzer())
        mapping = document._doc_type.mapping
        analysis = mapping._collect_analysis()
        return {"settings": {**index_settings(), "analysis": analysis}, "mappings": mapping.to_dict()}

    def _create_index(self, kind: str) -> str:
        name = new_index_name(kind)
        self._call(self._admin_client.indices.create, index=name, body=self._index_body(kind))
        return name

    def _alias_target(self, kind: str) -> list[str]:
        alias = alias_name(kind)
        try:
            answer = self._call(self.client.indices.get_alias, name=alias)
        except self._not_found_error():
            return []
        return sorted(answer)

    def _ensure_alias(self, kind: str) -> str:
        """The physical index behind the alias, created on first use."""
        targets = self._alias_target(kind)
        if targets:
            return targets[-1]
        index = self._create_index(kind)
        self._call(self._admin_client.indices.put_alias, index=index, name=alias_name(kind))
        return index

    def write(self, kind: str, documents: list[dict], delete_ids: Iterable[int]) -> None:
        index = self._ensure_alias(kind)
        lines = []
        for document in documents:
            lines.append({"index": {"_index": index, "_id": str(document["id"])}})
            lines.append(document)
        for pk in delete_ids:
            lines.append({"delete": {"_index": index, "_id": str(pk)}})
        if not lines:
            return
        answer = self._call(self._bulk_client.bulk, body=lines, refresh="wait_for")
        if answer.get("errors"):
            failures = [
                item
                for item in answer["items"]
                for op, result in item.items()
                if result.get("status", 200) >= 300 and not (op == "delete" and result.get("status") == 404)
            ]
            if failures:
                raise EngineUnavailable(f"{self.name}: {len(failures)} bulk failures, first: {str(failures[0])[:300]}")

    def rebuild(self, kind: str, batches: Iterable[list[dict]], on_batch: Callable[[int], None]) -> str:
        old = self._alias_target(kind)
        index = self._create_index(kind)
        try:
            self._call(self._admin_client.indices.put_settings, index=index, body={"index": {"refresh_interval": "-1"}})
            written = self._bulk_load(index, batches, on_batch)
            searchable = {"index": {"refresh_interval": conf.refresh_interval()}}
            self._call(self._admin_client.indices.put_settings, index=index, body=searchable)
            self._wait_searchable(index, written)
            self._swap_alias(kind, index, old)
        except BaseException:
            self._discard(kind, index)
            raise
        for name in old:
            self._delete_index(name, reason="replaced by a rebuild")
        return index

    def _bulk_load(self, index: str, batches: Iterable[list[dict]], on_batch: Callable[[int], None]) -> int:
        """Send every batch to the new index; returns how many documents were written."""
        written = 0
        # The next batch is built from the database while the cluster digests the previous one.
        with ThreadPoolExecutor(max_workers=1) as sender:
            pending = None
            for documents in batches:
                if pending is not None:
                    pending.result()
                pending = sender.submit(self._bulk_new_index, index, documents, on_batch)
                written += len(documents)
            if pending is not None:
                pending.result()
        return written

    def _bulk_new_index(self, index: str, documents: list[dict], on_batch: Callable[[int], None]) -> None:
        lines = []
        for document in documents:
            lines.append({"index": {"_index": index, "_id": str(document["id"])}})
            lines.append(document)
        if lines:
            answer = self._call(self._bulk_client.bulk, body=lines)
            if answer.get("errors"):
                raise EngineUnavailable(f"{self.name}: bulk errors while rebuilding {index}")
        on_batch(len(documents))

    def _wait_searchable(self, index: str, expected: int) -> None:
        """Refresh the new index and wait until it shows every document written, for up to `refresh_timeout`.

        On a large index the refresh after a bulk load takes minutes: it gets the long timeout, and a refresh
        that outlasts its request (the cluster carries on) is asked for again until the deadline. The alias is
        only swapped once searches would find everything.
        """
        deadline = time.monotonic() + self.refresh_timeout
        shown = None
        while True:
            try:
                self._call(self._admin_client.indices.refresh, index=index)
                shown = self._call(self._admin_client.count, index=index)["count"]
            except EngineTimedOut:
                if time.monotonic() >= deadline:
                    raise
            if shown is not None and shown >= expected:
                return
            if time.monotonic() >= deadline:
                raise EngineUnavailable(
                    f"{self.name}: {index} shows {shown} of {expected} documents after {self.refresh_timeout} s"
                )
            time.sleep(SEARCHABLE_POLL_SECONDS)

    def _swap_alias(self, kind: str, index: str, old: list[str]) -> None:
        alias = alias_name(kind)
        actions = [{"add": {"index": index, "alias": alias}}]
        actions += [{"remove": {"index": name, "alias": alias}} for name in old]
        # One atomic alias update: readers see the old index, then the new one, never nothing.
        try:
            self._call(self._admin_client.indices.update_aliases, body={"actions": actions})
        except EngineTimedOut:
            # The answer was lost, not necessarily the swap: the alias says which it was.
            if self._alias_target(kind) != [index]:
                raise

    def _discard(self, kind: str, index: str) -> None:
        """Delete the index of a failed rebuild, unless the alias already points at it (the swap went through
        and only its answer was lost): the live alias and its index stay as they were."""
        try:
            if index in self._alias_target(kind):
                return
        except EngineUnavailable:
            logger.warning("%s: could not read alias %s after a failed rebuild", self.name, alias_name(kind))
        self._delete_index(index, reason="left by a failed rebuild")

    def _delete_index(self, name: str, *, reason: str) -> None:
        """Delete an index that no alias needs; a failure is logged, never raised over the rebuild's outcome."""
        try:
            self._call(self._admin_client.indices.delete, index=name)
        except self._not_found_error():
            pass
        except EngineUnavailable as exc:
            logger.warning("%s: could not delete index %s (%s), delete it by hand: %s", self.name, name, reason, exc)

    def stored_versions(self, kind: str) -> dict[int, str]:
        if not self._alias_target(kind):
            return {}
        versions = {}
        body = {"query": {"match_all": {}}, "_source": ["updated_at"], "size": 2000, "sort": ["_doc"]}
        answer = self._call(self.client.search, index=alias_name(kind), body=body, scroll="1m")
        scroll_id = answer.get("_scroll_id")
        try:
            while answer["hits"]["hits"]:
                for hit in answer["hits"]["hits"]:
                    versions[int(hit["_id"])] = hit["_source"].get("updated_at", "")
                answer = self._call(self.client.scroll, body={"scroll_id": scroll_id, "scroll": "1m"})
                scroll_id = answer.get("_scroll_id", scroll_id)
        finally:
            if scroll_id:
                self._call(self.client.clear_scroll, body={"scroll_id": scroll_id})
        return versions

    def drop(self, kind: str) -> None:
        for name in self._alias_target(kind):
            self._call(self._admin_client.indices.delete, index=name)

    # Queries ------------------------------------------------------------------------------------------------

    def raw_search(self, body: dict, *, index: str) -> dict:
        """One search request as JSON; what benchmarks compare our end-to-end calls with."""
        return self._call(self.client.search, index=index, body=body, params={"include_named_queries_score": "true"})

    def match(self, probe: MatchProbe) -> list[Candidate]:
        body = match_search(probe, alias_name(probe.kind)).to_dict()
        try:
            answer = self.raw_search(body, index=alias_name(probe.kind))
        except self._not_found_error():
            return []  # nothing indexed yet

        candidates = []
        for hit in answer["hits"]["hits"]:
            named = hit.get("matched_queries") or {}
            text_score = named.get("text", 0.0) if isinstance(named, dict) else 0.0
            candidates.append(Candidate(id=int(hit["_id"]), source=hit["_source"], text_score=text_score))
        return candidates

    # Faceted search -----------------------------------------------------------------------------------------

    def faceted_search(self, request: FacetedQuery) -> FacetedResult:
        if not self._alias_target(request.kind):
            return FacetedResult(ids=[], total=0, page=1, indexed=False)
        index = alias_name(request.kind)
        answer = self.raw_search(faceted_search_body(request, index).to_dict(), index=index)
        total = answer["hits"]["total"]["value"]
        if not total and not self._call(self.client.count, index=index)["count"]:
            return FacetedResult(ids=[], total=0, page=1, indexed=False)
        last_page = max(1, math.ceil(total / request.per_page))
        page = request.page
        if page > last_page:
            # Past the end gives the last page, as Django's Paginator.get_page does.
            page = last_page
            retry = replace(request, page=page)
            answer = self.raw_search(faceted_search_body(retry, index).to_dict(), index=index)
        return faceted_result(answer, request, page=page)

    def suggest_names(self, kind: str, prefix: str, *, limit: int) -> list[dict]:
        if not self._alias_target(kind):
            return []
        body = name_suggest_body(prefix, alias_name(kind), limit=limit).to_dict()
        answer = self.raw_search(body, index=alias_name(kind))
        return [
            {"id": int(hit["_id"]), "name": hit["_source"].get("name", ""), "slug": hit["_source"].get("slug", "")}
            for hit in answer["hits"]["hits"]
        ]


# Faceted search bodies, built with elasticsearch-dsl ----------------------------------------------------------

# Sorts of the list pages; the documents have no keyword copy of the name, so `slug` (the name, folded and
# hyphenated) stands in for alphabetical order, and `id` (increasing with creation) for "newest first".
_TIEBREAK = [
    {"slug": {"order": "asc", "missing": "_last", "unmapped_type": "keyword"}},
    {"id": {"order": "asc", "unmapped_type": "long"}},
]
FACETED_SORTS = {
    "relevance": [{"_score": {"order": "desc"}}, *_TIEBREAK],
    "name": _TIEBREAK,
    "discount": [{"discount_pct": {"order": "desc", "missing": "_last"}}, *_TIEBREAK],
    "rate": [{"day_rate_min": {"order": "asc", "missing": "_last"}}, *_TIEBREAK],
    "recent": [{"id": {"order": "desc", "unmapped_type": "long"}}],
    "rating": [
        {"rating": {"order": "desc", "missing": "_last"}},
        {"reviews": {"order": "desc", "missing": "_last", "unmapped_type": "long"}},
        *_TIEBREAK,
    ],
    # Projects.
    "project_recent": [
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"id": {"order": "desc", "unmapped_type": "long"}},
    ],
    "deadline": [
        {"answer_deadline": {"order": "asc", "missing": "_last"}},
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"id": {"order": "desc", "unmapped_type": "long"}},
    ],
    "budget": [
        {"budget_max": {"order": "desc", "missing": "_last"}},
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"id": {"order": "desc", "unmapped_type": "long"}},
    ],
}


def _text_query(request: FacetedQuery) -> Query | None:
    """Every word must match one of the text fields, with typos forgiven (`fuzziness: AUTO`)."""
    text_words = request.text.split()[:20]
    if not text_words:
        return None
    # Each word must match: exactly on the stemmed fields, or with a typo on the unstemmed ones.
    return Q(
        "bool",
        must=[Q("dis_max", queries=text_with_typos(word, request.kind, fuzziness="AUTO")) for word in text_words],
    )


def _filter_clauses(request: FacetedQuery) -> dict[str, Query]:
    """One clause per filtered field; a facet is counted with every clause but its own field's."""
    clauses: dict[str, Query] = {}
    for name, values in request.filters.items():
        if values:
            clauses[name] = Q("terms", **{name: list(values)})
    for name, minimum in request.minimums.items():
        clauses[name] = Q("range", **{name: {"gte": minimum}})
    for overlap in request.overlaps:
        low_field, high_field = f"{overlap.prefix}_min", f"{overlap.prefix}_max"
        conditions = []
        if overlap.low is not None:
            conditions.append(
                Q("range", **{high_field: {"gte": overlap.low}})
                | (~Q("exists", field=high_field) & Q("exists", field=low_field))
            )
        if overlap.high is not None:
            conditions.append(
                Q("range", **{low_field: {"lte": overlap.high}})
                | (~Q("exists", field=low_field) & Q("exists", field=high_field))
            )
        if conditions:
            clauses[overlap.prefix] = Q("bool", filter=conditions)
    return clauses


def faceted_search_body(request: FacetedQuery, index: str) -> Search:
    text = _text_query(request)
    query = Q(
        "bool",
        must=[text] if text is not None else [],
        filter=[Q("term", **{name: value}) for name, value in request.only.items()],
    )
    clauses = _filter_clauses(request)
    search = Search(index=index).query(query).source(["id", "name", "slug"])
    if clauses:
        search = search.post_filter(Q("bool", filter=list(clauses.values())))
    for facet in request.facets:
        others = [clause for name, clause in clauses.items() if name != facet]
        aggregation = A("filter", filter=Q("bool", filter=others))
        aggregation.bucket("values", "terms", field=facet, size=500)
        search.aggs.bucket(facet, aggregation)
    if text is not None and request.highlight_fields:
        search = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", fragment_size=180, number_of_fragments=1
        ).highlight(*_highlighted_fields(request))
    sort = request.sort if request.sort in FACETED_SORTS else "relevance"
    if sort == "relevance" and text is None:
        sort = "name"
    start = (request.page - 1) * request.per_page
    return search.sort(*FACETED_SORTS[sort]).extra(from_=start, size=request.per_page, track_total_hits=True)


def _highlighted_fields(request: FacetedQuery) -> list[str]:
    """Each field and its unstemmed copy: a word found through a typo is only marked in the copy."""
    return [name for field in request.highlight_fields for name in (field, f"{field}.folded")]


def faceted_result(answer: dict, request: FacetedQuery, *, page: int) -> FacetedResult:
    facets = {}
    for facet in request.facets:
        buckets = answer.get("aggregations", {}).get(facet, {}).get("values", {}).get("buckets", [])
        facets[facet] = {str(bucket.get("key_as_string", bucket["key"])): bucket["doc_count"] for bucket in buckets}
    highlights = {}
    for hit in answer["hits"]["hits"]:
        fragments = hit.get("highlight") or {}
        for name in _highlighted_fields(request):
            if fragments.get(name):
                highlights[int(hit["_id"])] = fragments[name][0]
                break
    return FacetedResult(
        ids=[int(hit["_id"]) for hit in answer["hits"]["hits"]],
        total=answer["hits"]["total"]["value"],
        page=page,
        facets=facets,
        highlights=highlights,
    )


def name_suggest_body(prefix: str, index: str, *, limit: int) -> Search:
    """Verified names as one types: `bool_prefix` over the search_as_you_type subfields."""
    query = Q(
        "bool",
        must=[
            Q("multi_match", query=prefix, type="bool_prefix", fields=["name", "name._2gram", "name._3gram"]),
        ],
        filter=[Q("term", verified=True)],
    )
    return Search(index=index).query(query).source(["id", "name", "slug"]).extra(size=limit)
