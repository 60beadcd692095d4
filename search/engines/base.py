"""The interface every search engine answers."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from .. import conf
from ..probes import Candidate, MatchProbe

if TYPE_CHECKING:
    from ..faceted import FacetedQuery, FacetedResult


class EngineUnavailable(Exception):
    """The engine did not answer (down, unreachable, timed out): callers retry later, nothing is lost."""


class EngineTimedOut(EngineUnavailable):
    """The engine did not answer within the request's timeout: it may still be doing the work."""


def alias_name(kind: str) -> str:
    """The stable name queries use; it points at one physical index at a time."""
    return f"{conf.index_prefix()}_{kind}s"


def new_index_name(kind: str) -> str:
    return f"{alias_name(kind)}_{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


class SearchEngine(ABC):
    """One engine behind the marketplace's search and matching.

    `name` is what operators see in /healthz and `manage.py check`. Writes raise EngineUnavailable when the
    engine cannot take them, so the indexing queue keeps them for later.
    """

    name: str

    @abstractmethod
    def health(self) -> dict:
        """Details about the engine when it answers; raises ComponentDown when it does not."""

    @abstractmethod
    def write(self, kind: str, documents: list[dict], delete_ids: Iterable[int]) -> None:
        """Create or replace these documents and remove those ids, in the index the alias points at."""

    @abstractmethod
    def rebuild(self, kind: str, batches: Iterable[list[dict]], on_batch: Callable[[int], None]) -> str:
        """Fill a new index from `batches`, then point the alias at it and drop the old one; returns its name.

        If anything fails on the way, the new index is deleted and the alias and the index behind it are left
        as they were, then the error is raised.
        """

    @abstractmethod
    def stored_versions(self, kind: str) -> dict[int, str]:
        """Every indexed id with its `updated_at`, to compare the index with the database."""

    @abstractmethod
    def drop(self, kind: str) -> None:
        """Remove the alias and its indices (tests and `search_index --drop`)."""

    @abstractmethod
    def match(self, probe: MatchProbe) -> list[Candidate]:
        """The best candidates for a need, each with its text relevance in the engine's own scale."""

    # Faceted search (directory and board) --------------------------------------------------------------------

    def faceted_search(self, request: "FacetedQuery") -> "FacetedResult":
        """A page of a list with its total, facet counts (each with the other filters) and highlights."""
        raise NotImplementedError(f"{self.name} does not answer faceted searches")

    def suggest_names(self, kind: str, prefix: str, *, limit: int) -> list[dict]:
        """Verified documents whose name starts with `prefix`, word by word: [{"id", "name", "slug"}]."""
        raise NotImplementedError(f"{self.name} does not suggest names")
