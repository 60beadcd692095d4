"""Pushing events to a user's open browser tabs through the channel layer."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def user_event_send(*, user_id: int, event: str, data: dict) -> None:
    """Deliver `event` to every socket the user has open; a user with none simply misses nothing stored."""
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(user_group(user_id), {"type": "user.event", "event": event, "data": data})
