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
