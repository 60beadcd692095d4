"""Background tasks of messaging. They take ids and plain values, never objects."""

from django_tasks import task


@task()
def send_unread_digests() -> int:
    """Email each person the messages that waited unread too long (see `digests`); idempotent."""
    from .digests import unread_digests_send

    return unread_digests_send()


@task()
def send_question_reminders() -> int:
    """Remind, once, the side that owes an answer in a conversation; also part of `send_response_reminders`."""
    from .services import question_reminders_send

    return question_reminders_send()
