"""The indexing queue: changes are recorded in the database, then sent to the engine in bulk.

Why a queue rather than writing from the request: the engine may be down or slow, and a change must never be
lost or slow the page down. A row per object is written in the same transaction as the change (or right after
the core's signal); `index_process_queue` sends due rows in batches and deletes them only once the engine
acknowledged. When the engine does not answer, rows stay, with a growing delay before the next attempt.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .documents import sources_for
from .engines import get_engine
from .engines.base import EngineUnavailable
from .models import IndexKind, IndexQueueItem

BATCH_SIZE = 500
MAX_BACKOFF_SECONDS = 300

# Set inside `indexing_held()`: changes are queued as always, but sent once when the block ends.
_held: ContextVar[bool] = ContextVar("indexing_held", default=False)


@dataclass
class QueueReport:
    written: int = 0
    removed: int = 0
    failed: int = 0
    remaining: int = 0
    error: str = ""


def backoff(attempts: int) -> timedelta:
    """2, 4, 8... seconds, at most five minutes: quick catch-up after a blip, no hammering during an outage."""
    return timedelta(seconds=min(2**attempts, MAX_BACKOFF_SECONDS))


def index_enqueue(*, kind: str, ids) -> None:
    """Record that these objects' documents must be (re)written; processing starts after the commit."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return
    if kind not in IndexKind.values:
        raise ValueError(f"unknown index kind {kind!r}")
    now = timezone.now()
    with transaction.atomic():
        existing = set(IndexQueueItem.objects.filter(kind=kind, object_id__in=ids).values_list("object_id", flat=True))
        IndexQueueItem.objects.filter(kind=kind, object_id__in=existing).update(
            enqueued_at=now, next_attempt_at=now, attempts=0
        )
        IndexQueueItem.objects.bulk_create(
            [
                IndexQueueItem(kind=kind, object_id=pk, enqueued_at=now, next_attempt_at=now)
                for pk in ids
                if pk not in existing
            ],
            ignore_conflicts=True,
        )
    transaction.on_commit(_schedule_processing)


@contextmanager
def indexing_held() -> Iterator[None]:
    """Queue every change made inside the block, and send the queue once when it ends.

    Why: a script that drives the services through hundreds of changes (the demo's seeder) would otherwise
    start one round of sending per change, each waiting for the cluster's refresh, minutes in all. Nothing
    is lost: the rows are in the queue, and the round started at the end sends them all.
    """
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)
    transaction.on_commit(_schedule_processing)


def indexing_is_held() -> bool:
    """Inside `indexing_held()`: a script is replaying many changes (the demo's seeder)."""
    return _held.get()


def _schedule_processing() -> None:
    if _held.get():
        return
    from .tasks import index_queue_process

    index_queue_process.enqueue()


def _due_items(now) -> list[IndexQueueItem]:
    items = IndexQueueItem.objects.filter(next_attempt_at__lte=now).order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        # Two workers never send the same rows; a row being sent is skipped, not waited for.
        items = items.select_for_update(skip_locked=True)
    return list(items[:BATCH_SIZE])


def _send(items: list[IndexQueueItem]) -> tuple[int, int]:
    written = removed = 0
    engine = get_engine()
    for kind in IndexKind.values:
        ids = [item.object_id for item in items if item.kind == kind]
        if not ids:
            continue
        documents, gone = sources_for(kind, ids)
        engine.write(kind, documents, gone)
        written += len(documents)
        removed += len(gone)
    return written, removed


def _process_batch(report: QueueReport) -> bool:
    """Send one batch; False when there is nothing left to do now (queue empty or engine down)."""
    now = timezone.now()
    with transaction.atomic():
        items = _due_items(now)
        if not items:
            return False
        try:
            written, removed = _send(items)
        except EngineUnavailable as exc:
            report.failed += len(items)
            report.error = str(exc)[:500]
            for item in items:
                item.attempts += 1
                item.next_attempt_at = now + backoff(item.attempts)
                item.last_error = report.error
            IndexQueueItem.objects.bulk_update(items, ["attempts", "next_attempt_at", "last_error"])
            return False
        # A row enqueued again while we were sending stays for the next round.
        for item in items:
            IndexQueueItem.objects.filter(pk=item.pk, enqueued_at=item.enqueued_at).delete()
    report.written += written
    report.removed += removed
    return True


def index_process_queue(*, max_batches: int | None = None) -> QueueReport:
    """Send every due change to the engine, batch after batch, until the queue is empty or the engine fails."""
    report = QueueReport()
    batches = 0
    while _process_batch(report):
        batches += 1
        if max_batches is not None and batches >= max_batches:
            break
    report.remaining = IndexQueueItem.objects.count()
    return report


def index_retry_now() -> int:
    """Make every waiting row due at once (an operator saw the engine come back); returns how many."""
    return IndexQueueItem.objects.update(next_attempt_at=timezone.now())
