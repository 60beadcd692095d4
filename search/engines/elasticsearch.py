"""Elasticsearch 8 through elasticsearch-py."""

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError

from .cluster import ClusterEngine


class ElasticsearchEngine(ClusterEngine):
    name = "elasticsearch"

    def _make_client(self, timeout: int):
        return Elasticsearch(hosts=self.urls, request_timeout=timeout, max_retries=1)

    def _transport_errors(self):
        return (TransportConnectionError, TransportError, ApiError)

    def _timeout_errors(self):
        return (ConnectionTimeout,)

    def _not_found_error(self):
        return NotFoundError

    def raw_search(self, body: dict, *, index: str) -> dict:
        return self._call(self.client.search, index=index, body=body, include_named_queries_score=True).body
