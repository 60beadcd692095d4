"""The interface every search engine answers."""

from abc import ABC, abstractmethod


class SearchEngine(ABC):
    """One engine behind the marketplace's search and matching.

    `name` is what operators see in /healthz and `manage.py check`.
    """

    name: str

    @abstractmethod
    def health(self) -> dict:
        """Details about the engine when it answers; raises ComponentDown when it does not."""
