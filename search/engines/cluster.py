"""What OpenSearch and Elasticsearch engines share: a client and a cluster-health probe."""

from abc import abstractmethod

from marketplace.health import ComponentDown

from .base import SearchEngine


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

    def health(self) -> dict:
        try:
            health = self.client.cluster.health()
        except self._transport_errors() as exc:
            raise ComponentDown(f"{self.name} unreachable: {exc.__class__.__name__}") from exc
        status = health["status"]
        if status == "red":
            raise ComponentDown(f"{self.name} cluster status is red")
        return {"engine": self.name, "cluster_status": status, "nodes": health["number_of_nodes"]}
