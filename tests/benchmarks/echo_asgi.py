"""Bare Channels baseline for `ws_delivery.py`: every frame received is group-sent to every socket.

No database, no authentication, no Django app: only daphne, the channel layer and one group per room, so the
benchmark can tell what the conversation consumer adds on top of Channels itself. The layer is the app's own
(`config.settings.channels`, from the same REDIS_URL and REDIS_PREFIX): same backend, same capacity, so
a ratio app/echo never measures a difference of layer configuration.

    python -m daphne -b 127.0.0.1 -p 8001 tests.benchmarks.echo_asgi:application
"""

import django
from django.conf import settings

GROUP = "bench.echo"

if not settings.configured:
    from config.settings.channels import CHANNEL_LAYERS

    settings.configure(INSTALLED_APPS=[], CHANNEL_LAYERS=CHANNEL_LAYERS, USE_TZ=True)
    django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402  (needs settings)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import re_path  # noqa: E402


class EchoGroupConsumer(AsyncWebsocketConsumer):
    """One group per room (`/ws/echo/<room>/`), as the app has one per conversation."""

    async def connect(self):
        self.group = f"{GROUP}.{self.scope['url_route']['kwargs'].get('room', '0')}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is not None:
            await self.channel_layer.group_send(self.group, {"type": "echo.frame", "text": text_data})

    async def echo_frame(self, event):
        await self.send(text_data=event["text"])


application = ProtocolTypeRouter(
    {
        "websocket": URLRouter(
            [
                re_path(r"^ws/echo/(?P<room>\d+)/$", EchoGroupConsumer.as_asgi()),
                re_path(r"^ws/", EchoGroupConsumer.as_asgi()),
            ]
        )
    }
)
