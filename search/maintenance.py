"""Operators' index work: rebuild behind an alias, and compare the index with the database."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from .documents import all_ids, iter_sources
from .engines.base import SearchEngine
from .indexing import index_enqueue
from .models import IndexKind


def index_rebuild(*, engine: SearchEngine, kind: str, on_batch: Callable[[int, int], None]) -> int:
    """Write a fresh index and swap the alias to it; changes made meanwhile are queued again afterwards.

    `on_batch(done, total)` reports progress. Returns the number of documents written.
    """
    started = timezone.now()
    total = len(all_ids(kind))
    done = 0

    def progress(count: int) -> None:
        nonlocal done
        done += count
        on_batch(done, total)

    engine.rebuild(kind, iter_sources(kind), progress)
    _requeue_changed_since(kind, started)
    return done


def _requeue_changed_since(kind: str, since) -> None:
    from marketplace.models import Project, ProviderProfile

    model = ProviderProfile if kind == IndexKind.PROVIDER else Project
    changed = model.objects.filter(updated_at__gte=since).values_list("pk", flat=True)
    index_enqueue(kind=kind, ids=list(changed))


@dataclass
class Drift:
    kind: str
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def index_check(*, engine: SearchEngine, kind: str) -> Drift:
    """Ids the index lacks, holds in an older version, or holds but should not."""
    from marketplace.models import Project, ProviderProfile

    model = ProviderProfile if kind == IndexKind.PROVIDER else Project
    expected_ids = set(all_ids(kind))
    expected = {
        pk: updated.isoformat()
        for pk, updated in model.objects.filter(pk__in=expected_ids).values_list("pk", "updated_at").iterator()
    }
    stored = engine.stored_versions(kind)
    return Drift(
        kind=kind,
        missing=sorted(set(expected) - set(stored)),
        stale=sorted(pk for pk in set(expected) & set(stored) if stored[pk] != expected[pk]),
        extra=sorted(set(stored) - set(expected)),
    )
