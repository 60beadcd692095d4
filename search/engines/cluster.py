"""What OpenSearch and Elasticsearch engines share: index management, bulk writes and queries, as plain JSON.

Both speak the same REST API for everything used here; the subclasses only bring their client and its
exception types.
"""

from abc import abstractmethod
from collections.abc import Callable, Iterable

from marketplace.health import ComponentDown

from ..documents import DOCUMENT_CLASSES, french_search_analyzer, index_settings
from ..probes import Candidate, MatchProbe
from ..queries import match_search
from .base import EngineUnavailable, SearchEngine, alias_name, new_index_name


class ClusterEngine(SearchEngine):
    """An engine backed by an OpenSearch or Elasticsearch cluster reached over HTTP."""

    def __init__(self, *, urls: list[str], timeout: int):
        self.urls = urls
        self.timeout = timeout
        self.client = self._make_client()

    @abstractmethod
    def _make_client(self):
        """The engine's own Python client."""

    @abstractmethod
    def _transport_errors(self) -> tuple[type[Exception], ...]:
        """The client's exceptions that mean "the cluster did not answer"."""

    @abstractmethod
    def _not_found_error(self) -> type[Exception]:
        """The client's exception for a missing index or alias."""

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except self._not_found_error():
            raise
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
        self._call(self.client.indices.create, index=name, body=self._index_body(kind))
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
        self._call(self.client.indices.put_alias, index=index, name=alias_name(kind))
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
        answer = self._call(self.client.bulk, body=lines, refresh="wait_for")
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
        self._call(self.client.indices.put_settings, index=index, body={"index": {"refresh_interval": "-1"}})
        for documents in batches:
            lines = []
            for document in documents:
                lines.append({"index": {"_index": index, "_id": str(document["id"])}})
                lines.append(document)
            if lines:
                answer = self._call(self.client.bulk, body=lines)
                if answer.get("errors"):
                    raise EngineUnavailable(f"{self.name}: bulk errors while rebuilding {index}")
            on_batch(len(documents))
        self._call(self.client.indices.put_settings, index=index, body={"index": {"refresh_interval": "1s"}})
        self._call(self.client.indices.refresh, index=index)
        alias = alias_name(kind)
        actions = [{"add": {"index": index, "alias": alias}}] + [
            {"remove": {"index": name, "alias": alias}} for name in old
        ]
        # One atomic alias update: readers see the old index, then the new one, never nothing.
        self._call(self.client.indices.update_aliases, body={"actions": actions})
        for name in old:
            self._call(self.client.indices.delete, index=name)
        return index

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
            self._call(self.client.indices.delete, index=name)

    # Queries ------------------------------------------------------------------------------------------------

    def raw_search(self, body: dict, *, index: str) -> dict:
        """One search request as JSON; what benchmarks compare our end-to-end calls with."""
        return self._call(self.client.search, index=index, body=body, params={"include_named_queries_score": "true"})

    def match(self, probe: MatchProbe) -> list[Candidate]:
        if not self._alias_target(probe.kind):
            return []
        body = match_search(probe, alias_name(probe.kind)).to_dict()
        answer = self.raw_search(body, index=alias_name(probe.kind))
        candidates = []
        for hit in answer["hits"]["hits"]:
            named = hit.get("matched_queries") or {}
            text_score = named.get("text", 0.0) if isinstance(named, dict) else 0.0
            candidates.append(Candidate(id=int(hit["_id"]), source=hit["_source"], text_score=text_score))
        return candidates
