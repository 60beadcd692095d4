"""The conversation socket's only way to the database (and the cache): one small sync helper per action.

Each goes through the services and selectors, which start from the user and
check their membership; they return plain values, never model instances, so
nothing lazy is evaluated later on the event loop.
"""

from channels.db import database_sync_to_async
from django.core.cache import cache

from . import selectors, services

TYPING_THROTTLE_SECONDS = 3
RESUME_PAGE_SIZE = 200


def _access(*, user, conversation_id: int) -> dict:
    _conversation, organisation = selectors.conversation_get_for(user=user, conversation_id=conversation_id)
    if organisation is None:  # staff reading for moderation speak for no organisation
        return {"organisation_id": None, "organisation_name": ""}
    return {"organisation_id": organisation.pk, "organisation_name": organisation.name}


@database_sync_to_async
def conversation_access(*, user, conversation_id: int) -> dict:
    """Who the user speaks for in this conversation (no one for moderating staff); `NotFound` if they may not see it."""
    return _access(user=user, conversation_id=conversation_id)


@database_sync_to_async
def messages_missed(*, user, conversation_id: int, after_seq: int) -> list[dict]:
    """Every message after `after_seq`, in seq order, page by page so a long absence is not cut short."""
    conversation, _organisation = selectors.conversation_get_for(user=user, conversation_id=conversation_id)
    payloads: list[dict] = []
    while True:
        page = list(selectors.messages_after(conversation=conversation, after_seq=after_seq, limit=RESUME_PAGE_SIZE))
        payloads.extend(services.message_payload(message) for message in page)
        if len(page) < RESUME_PAGE_SIZE:
            return payloads
        after_seq = page[-1].seq


@database_sync_to_async
def message_post(*, user, conversation_id: int, client_id: str, body: str) -> dict:
    """Store the message (once per client id) and say which seq it got; the broadcast delivers it."""
    message, _created = services.message_post(
        user=user, conversation_id=conversation_id, body=body, client_id=client_id
    )
    return {"id": message.pk, "seq": message.seq}


@database_sync_to_async
def conversation_mark_read(*, user, conversation_id: int, seq: int) -> None:
    services.conversation_mark_read(user=user, conversation_id=conversation_id, seq=seq)


@database_sync_to_async
def typing_throttle_pass(*, user_id: int, conversation_id: int) -> bool:
    """Whether a typing event may go out now: one per user and conversation every few seconds.

    The window lives in the cache (Redis with several processes), so it holds
    per user across tabs and processes, not per socket.
    """
    return cache.add(f"messaging:typing:{conversation_id}:{user_id}", 1, timeout=TYPING_THROTTLE_SECONDS)
