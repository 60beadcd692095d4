"""OpenSearch through opensearch-py."""

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import ConnectionTimeout, NotFoundError, TransportError

from .cluster import ClusterEngine


class OpenSearchEngine(ClusterEngine):
    name = "opensearch"

    def _make_client(self, timeout: int):
        return OpenSearch(hosts=self.urls, timeout=timeout, max_retries=1, retry_on_timeout=False)

    def _transport_errors(self):
        return (OpenSearchConnectionError, TransportError)

    def _timeout_errors(self):
        return (ConnectionTimeout,)

    def _not_found_error(self):
        return NotFoundError
