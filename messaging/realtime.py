"""Pushing events to a user's open browser tabs through the channel layer."""

import asyncio
import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def user_event_send(*, user_id: int, event: str, data: dict) -> None:
    """Deliver `event` to every socket the user has open; a user with none simply misses nothing stored."""
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(user_group(user_id), {"type": "user.event", "event": event, "data": data})


def users_event_send(*, user_ids: list[int], event: str, data: dict) -> None:
    """`user_event_send` for many users in one hop to the event loop: a post tells the whole other side's
    tabs at once, and one hop per member made every post wait for the loop as many times."""
    if not user_ids:
        return
    layer = get_channel_layer()
    payload = {"type": "user.event", "event": event, "data": data}

    async def send_all():
        await asyncio.gather(*(layer.group_send(user_group(user_id), payload) for user_id in user_ids))

    async_to_sync(send_all)()


def conversation_group(conversation_id: int) -> str:
    """Every socket open on one conversation, whoever's it is: membership is checked before joining."""
    return f"conversation.{conversation_id}"


def conversation_send(*, conversation_id: int, message: dict) -> None:
    """Broadcast a conversation event with its browser frame already encoded.

    Every socket of the conversation sends the same bytes: encoding them once here instead of once per socket
    is most of what a delivery costs beyond Channels itself. The consumer still reads the event's fields
    (sequence numbers, access checks) and sends `frame` as it is.
    """
    kind = message["type"].split(".", 1)[1]
    browser = {**{key: value for key, value in message.items() if key != "type"}, "type": kind}
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(conversation_group(conversation_id), {**message, "frame": json.dumps(browser)})
