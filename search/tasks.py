"""Background work of search. Tasks take plain values, never objects."""

from django_tasks import default_task_backend, task

from .indexing import index_process_queue


@task()
def index_queue_process() -> dict:
    """Send the indexing queue to the engine; on a backend that can defer, come back when retries are due."""
    report = index_process_queue()
    if report.failed and default_task_backend.supports_defer:
        from datetime import timedelta

        from django.utils import timezone

        index_queue_process.using(run_after=timezone.now() + timedelta(seconds=30)).enqueue()
    return {
        "written": report.written,
        "removed": report.removed,
        "failed": report.failed,
        "remaining": report.remaining,
    }
