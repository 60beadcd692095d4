"""Read queries about a user's in-app notifications."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ..errors import NotFound
from ..models import Notification, NotificationPreference
from ..notification_kinds import GROUPS


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    notifications = Notification.objects.filter(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get(*, user, notification_id: int) -> Notification:
    """One of the user's notifications; someone else's is "not found", like one that does not exist."""
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is None:
        raise NotFound(_("Notification introuvable."))
    return notification


def notification_email_groups(*, user) -> list[dict]:
    """Each notification group with whether the user gets it by email (on unless turned off)."""
    off = set(NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    return [{"key": group.key, "label": group.label, "email": group.key not in off} for group in GROUPS]
