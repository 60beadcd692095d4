"""Background tasks of messaging. They take ids and plain values, never objects."""

from django_tasks import task


@task()
def send_unread_digests() -> int:
    """Email each person the messages that waited unread too long (see `digests`); idempotent."""
    from .digests import unread_digests_send

    return unread_digests_send()
