"""Background tasks of the core. They take ids and plain values, never objects."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str, html_body: str = "") -> int:
    """Send one email through Django's backend, outside the request that asked for it."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@task()
def expire_overdue_projects() -> int:
    """Run daily (cron: `manage.py expire_projects`, or enqueued by a scheduler on the database backend)."""
    from .services.projects import projects_expire_overdue

    return projects_expire_overdue()


@task()
def send_response_reminders() -> dict[str, int]:
    """Expire overdue invitations and remind near deadlines (invitations, and the questions messaging registers).

    Run every 15 minutes (cron: `manage.py send_response_reminders`, or enqueued by a scheduler on the
    database backend): a run only does what is due, so extra or overlapping runs are harmless.
    """
    from .services.responsiveness import response_reminders_send

    return response_reminders_send()


@task()
def build_personal_data_export(*, export_id: int) -> int | None:
    """Write a person's data archive (`Mon compte → Mes données`); the page polls its progress meanwhile."""
    from .services.personal_data import personal_data_export_build

    export = personal_data_export_build(export_id=export_id)
    return export.size if export is not None else None


@task()
def purge_expired_data() -> dict[str, int]:
    """Apply the retention periods (cron: `manage.py retention_purge` daily, or enqueued by a scheduler)."""
    from .services.personal_data import retention_purge

    return retention_purge()
