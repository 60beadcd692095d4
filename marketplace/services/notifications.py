"""In-app notifications, each also sent by email, in each recipient's language."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import conf
from ..errors import DomainError
from ..models import Membership, Notification, NotificationPreference, User
from ..notification_kinds import GROUP_KEYS, group_of
from ..plain_text import render_plain, render_subject
from ..signals import notification_created, send_after_commit
from ..tasks import send_email

# While set, the user ids that still get in-app notifications; every other notification is held back.
_held_for: ContextVar[frozenset[int] | None] = ContextVar("notifications_held_for", default=None)


@contextmanager
def notifications_held(*, in_app_for: Iterable[int] = ()) -> Iterator[None]:
    """Hold back what the services would tell people while a script drives them (the demo's seeder).

    The demo plays months of projects through the services, so that the state
    machine has one writer; it must not e-mail the demo's hundreds of fictional
    members, nor push live events. Inside the block no e-mail is queued and no
    real-time event is sent; in-app notifications are written only for the
    users in `in_app_for` (by id), so the demo logins find theirs.
    """
    token = _held_for.set(frozenset(in_app_for))
    try:
        yield
    finally:
        _held_for.reset(token)


def notifications_are_held() -> bool:
    return _held_for.get() is not None


def notify_users(*, users, kind: str, template: str, context: dict, url: str = "", email: bool = True) -> int:
    """Create one notification per user, rendered from `notifications/<template>_{title,body}.txt`.

    The email is queued after commit, so a rolled-back change tells nobody, and
    is skipped for users who turned that kind of email off. Inside
    `notifications_held()`, only the users it names are notified, in-app only.
    """
    created = 0
    users = list(users)
    held_for = _held_for.get()
    if held_for is not None:
        users = [user for user in users if user.pk in held_for]
        email = False
    muted = set(
        NotificationPreference.objects.filter(
            user__in=users, kind__in=[k for k in (kind, group_of(kind)) if k], email=False
        ).values_list("user_id", flat=True)
    )
    for user in users:
        with translation.override(user.preferred_language):
            title = render_subject(f"notifications/{template}_title.txt", context)
            body = render_plain(f"notifications/{template}_body.txt", context).strip()
        notification = Notification.objects.create(user=user, kind=kind, title=title, body=body, url=url)
        if held_for is None:
            send_after_commit(
                notification_created, user_id=user.pk, notification_id=notification.pk, title=title, url=url
            )
        created += 1
        if email and user.pk not in muted:
            text = f"{body}\n\n{conf.site_url()}{url}" if url else body
            transaction.on_commit(lambda to=user.email, s=title, b=text: send_email.enqueue(to=[to], subject=s, body=b))
    return created


def notify_organisation(*, organisation, kind: str, template: str, context: dict, url: str = "") -> int:
    """Tell every member of an organisation."""
    users = User.objects.filter(
        pk__in=Membership.objects.filter(organisation=organisation).values("user_id"), is_active=True
    )
    return notify_users(users=users, kind=kind, template=template, context=context, url=url)


@transaction.atomic
def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them when no id is given."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_preference_set(*, user, kind: str, email: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"email": bool(email)}
    )
    return preference


@transaction.atomic
def notification_email_groups_set(*, user, enabled: set[str]) -> None:
    """Save, for every group, whether the user also wants those notifications by email."""

    unknown = set(enabled) - set(GROUP_KEYS)
    if unknown:
        raise DomainError(_("Type de notification inconnu."), field="email_groups")
    for key in GROUP_KEYS:
        notification_preference_set(user=user, kind=key, email=key in enabled)
