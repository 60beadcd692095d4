"""Unread-message emails: after a while without reading, one email per person listing what waits, once.

A message waits for the members of every side of its conversation other than
the sender's, while that side's read mark is below it. Once it has waited
`MESSAGING_DIGEST_DELAY_MINUTES`, the next run announces it to each of those
members who still want message emails, then records (user, message) so that
no later run, nor one overlapping this one, announces it again. Hidden and
deleted messages are never announced, nor messages of a conversation the member
may no longer read (`selectors.conversations_for`).

Runs come from `send_unread_digests` enqueued with `run_after` where the task
backend can wait (the database backend), and from the `send_message_digests`
command (cron) everywhere: a run only sends what is due, so extra runs are harmless.
"""

import datetime
import logging
from collections import defaultdict

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from marketplace.models import Membership, NotificationPreference, User
from marketplace.notification_kinds import group_of
from marketplace.plain_text import render_plain, render_subject
from marketplace.tasks import send_email

from . import conf
from .models import DigestEntry, Message, MessageKind, ReadState
from .selectors import conversations_for

logger = logging.getLogger(__name__)

DIGEST_KIND = "message.unread_digest"
# Older messages are not announced any more: after a week an email would be noise, and the scan stays small.
LOOKBACK = datetime.timedelta(days=7)
EXCERPT_CHARS = 300
SIDES = ("association", "provider")


def digest_delay() -> datetime.timedelta:
    return datetime.timedelta(minutes=max(conf.digest_delay_minutes(), 0))


def digest_schedule() -> None:
    """After a message is posted: ask for a run once the delay has passed, if the task backend can wait.

    The immediate backend cannot (it would run now, before anything is due):
    there the cron command does the work. Runs are rounded to the minute and
    asked for once per minute, so a busy conversation does not queue one task per message.
    """
    from .tasks import send_unread_digests

    if not send_unread_digests.get_backend().supports_defer:
        return
    delay = digest_delay()
    run_after = (timezone.now() + delay).replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    if not cache.add(f"messaging:digest-run:{run_after.isoformat()}", 1, timeout=int(delay.total_seconds()) + 300):
        return
    send_unread_digests.using(run_after=run_after).enqueue()


def _read_seq(side: str):
    marks = ReadState.objects.filter(
        conversation_id=OuterRef("conversation_id"), organisation_id=OuterRef(f"conversation__{side}_id")
    ).values("last_read_seq")[:1]
    return Coalesce(Subquery(marks), Value(0))


def _due_messages(now: datetime.datetime) -> list[dict]:
    """Visible text messages old enough to announce and still unread by at least one side."""
    return list(
        Message.objects.filter(
            kind=MessageKind.TEXT,
            created_at__lte=now - digest_delay(),
            created_at__gt=now - LOOKBACK,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        )
        .annotate(association_read=_read_seq("association"), provider_read=_read_seq("provider"))
        .filter(Q(seq__gt=F("association_read")) | Q(seq__gt=F("provider_read")))
        .values(
            "pk",
            "seq",
            "sender_org_id",
            "sender_user_id",
            "conversation__association_id",
            "conversation__provider_id",
            "association_read",
            "provider_read",
        )
    )


def _muted_users(user_ids) -> set[int]:
    kinds = [kind for kind in (DIGEST_KIND, group_of(DIGEST_KIND)) if kind]
    return set(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind__in=kinds, email=False).values_list(
            "user_id", flat=True
        )
    )


def _pending(now: datetime.datetime) -> dict[int, list[int]]:
    """user id -> ids of the messages due to them and not announced yet (one pass, a few queries)."""
    waiting_by_org: dict[int, list[dict]] = defaultdict(list)
    for row in _due_messages(now):
        for side in SIDES:
            organisation_id = row[f"conversation__{side}_id"]
            if organisation_id != row["sender_org_id"] and row["seq"] > row[f"{side}_read"]:
                waiting_by_org[organisation_id].append(row)
    if not waiting_by_org:
        return {}
    members = Membership.objects.filter(organisation_id__in=waiting_by_org, user__is_active=True).values_list(
        "organisation_id", "user_id"
    )
    members = list(members)
    muted = _muted_users({user_id for _org, user_id in members})
    message_ids = {row["pk"] for rows in waiting_by_org.values() for row in rows}
    sent = set(DigestEntry.objects.filter(message_id__in=message_ids).values_list("user_id", "message_id"))
    pending: dict[int, set[int]] = defaultdict(set)
    for organisation_id, user_id in members:
        if user_id in muted:
            continue
        for row in waiting_by_org[organisation_id]:
            if row["sender_user_id"] != user_id and (user_id, row["pk"]) not in sent:
                pending[user_id].add(row["pk"])
    return {user_id: sorted(ids) for user_id, ids in pending.items()}


def _still_unread_for(user_id: int, messages: list[Message]) -> list[Message]:
    """Checked again under the user's lock: a side may have read, or a message been hidden, since the scan."""
    organisation_ids = set(Membership.objects.filter(user_id=user_id).values_list("organisation_id", flat=True))
    marks = {
        (conversation_id, organisation_id): seq
        for conversation_id, organisation_id, seq in ReadState.objects.filter(
            conversation_id__in={message.conversation_id for message in messages}
        ).values_list("conversation_id", "organisation_id", "last_read_seq")
    }
    kept = []
    for message in messages:
        conversation = message.conversation
        sides = ({conversation.association_id, conversation.provider_id} & organisation_ids) - {message.sender_org_id}
        if message.sender_user_id != user_id and any(
            message.seq > marks.get((conversation.pk, side), 0) for side in sides
        ):
            kept.append(message)
    return kept


def _conversation_groups(user_id: int, messages: list[Message]) -> list[dict]:
    organisation_ids = set(Membership.objects.filter(user_id=user_id).values_list("organisation_id", flat=True))
    groups: dict[int, dict] = {}
    for message in messages:
        conversation = message.conversation
        group = groups.get(conversation.pk)
        if group is None:
            counterpart = (
                conversation.provider if conversation.association_id in organisation_ids else conversation.association
            )
            path = reverse("messaging:conversation", kwargs={"conversation_id": conversation.pk})
            group = groups[conversation.pk] = {
                "counterpart": counterpart.name,
                "project": conversation.project.title if conversation.project_id else "",
                "url": f"{conf.site_url()}{path}#message-{message.seq}",
                "messages": [],
            }
        group["messages"].append(
            {
                "sender": message.sender_org.name if message.sender_org_id else _("Équipe Passerelle"),
                "created_at": message.created_at,
                "excerpt": Truncator(message.body).chars(EXCERPT_CHARS),
                "attachments": message.attachments.count(),
            }
        )
    return list(groups.values())


def _render(user: User, messages: list[Message]) -> tuple[str, str, str]:
    with translation.override(user.preferred_language or conf.language_code()):
        context = {
            "user": user,
            "count": len(messages),
            "conversations": _conversation_groups(user.pk, messages),
            "inbox_url": f"{conf.site_url()}{reverse('messaging:inbox')}",
            "preferences_url": f"{conf.site_url()}{reverse('accounts:notification_emails')}",
        }
        subject = render_subject("messaging/emails/unread_digest_subject.txt", context)
        text = render_plain("messaging/emails/unread_digest.txt", context)
        html = render_to_string("messaging/emails/unread_digest.html", context)
    return subject, text, html


def _digest_send_to(*, user_id: int, message_ids: list[int], now: datetime.datetime) -> bool:
    """Record and queue one user's email; False when nothing is left to say (or another run said it)."""
    try:
        with transaction.atomic():
            # Two runs at once queue here, per user; the second then finds the first one's entries.
            user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
            if user is None:
                return False
            already = DigestEntry.objects.filter(user_id=user_id, message_id__in=message_ids).values("message_id")
            messages = list(
                Message.objects.filter(pk__in=message_ids, deleted_at__isnull=True, hidden_at__isnull=True)
                .filter(conversation__in=conversations_for(user=user))
                .exclude(pk__in=already)
                .select_related("conversation__association", "conversation__provider", "conversation__project")
                .select_related("sender_org")
                .order_by("conversation__last_message_at", "conversation_id", "seq")
            )
            messages = _still_unread_for(user_id, messages)
            if not messages:
                return False
            # A unique pair already taken (an overlapping run) rolls this user's batch back: nothing is sent twice.
            DigestEntry.objects.bulk_create(
                [DigestEntry(user=user, message=message, sent_at=now) for message in messages]
            )
            subject, text, html = _render(user, messages)
            transaction.on_commit(
                lambda: send_email.enqueue(to=[user.email], subject=subject, body=text, html_body=html), robust=True
            )
    except IntegrityError:
        logger.info("unread digest for user %s already sent by another run", user_id)
        return False
    return True


def unread_digests_send(*, now: datetime.datetime | None = None) -> int:
    """Send every email due now; returns how many were sent. Safe to run often and to run twice at once."""
    now = now or timezone.now()
    sent = 0
    for user_id, message_ids in _pending(now).items():
        sent += _digest_send_to(user_id=user_id, message_ids=message_ids, now=now)
    return sent
