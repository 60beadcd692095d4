"""Billing's background tasks; they take ids and plain values, never objects."""

from django_tasks import task


@task()
def send_transfer_reminders() -> int:
    """Remind unpaid bank transfers (enqueued by a scheduler on the database backend, or run by cron)."""
    from .services.reminders import transfer_reminders_send

    return transfer_reminders_send()


@task()
def release_expired_training_holds() -> int:
    """Release training seats held past their time and serve the waiting list (every minute, or cron)."""
    from .services.trainings import registrations_release_expired

    return registrations_release_expired()
