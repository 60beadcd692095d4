"""Round trip through the channel layer: what real-time chat needs to work."""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from marketplace.health import ComponentDown

ROUND_TRIP_TIMEOUT_SECONDS = 2


async def _round_trip(layer) -> None:
    channel = await layer.new_channel("health.")
    await layer.send(channel, {"type": "health.ping"})
    message = await asyncio.wait_for(layer.receive(channel), ROUND_TRIP_TIMEOUT_SECONDS)
    if message.get("type") != "health.ping":
        raise ComponentDown("channel layer returned an unexpected message")


def channel_layer_check() -> dict:
    layer = get_channel_layer()
    if layer is None:
        raise ComponentDown("no channel layer configured")
    try:
        async_to_sync(_round_trip)(layer)
    except (OSError, TimeoutError) as exc:
        raise ComponentDown(f"channel layer unreachable: {exc.__class__.__name__}") from exc
    return {"backend": layer.__class__.__name__}
