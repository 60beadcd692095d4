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


@task()
def evaluate_search_alerts(*, project_id: int) -> int:
    """A project was published: alert the providers whose saved searches or default alert it matches."""
    from .services.alerts import search_alerts_evaluate

    return search_alerts_evaluate(project_id=project_id)


@task()
def send_search_alert(*, alert_id: int) -> int:
    """The instant e-mails of one alert, after the transaction that recorded it."""
    from .services.alerts import search_alert_send_instant

    return search_alert_send_instant(alert_id=alert_id)


@task()
def send_search_alert_digests() -> int:
    """Daily (cron: `manage.py send_search_alert_digests`): one e-mail per member with the day's projects."""
    from .services.alerts import search_alert_digests_send

    return search_alert_digests_send()
