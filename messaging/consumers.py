"""WebSocket consumers."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .realtime import user_group

# Close codes in the application range (4000-4999), so the browser can tell why.
CLOSE_UNAUTHENTICATED = 4401


class UserEventsConsumer(AsyncJsonWebsocketConsumer):
    """`/ws/me/`: one socket per tab for the logged-in user's own events (notifications, inbox counts).

    Only the user's own group is joined, so a user can never receive another's events.
    """

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        group = getattr(self, "group", None)
        if group:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Clients only listen here; a ping keeps idle connections alive through proxies.
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def user_event(self, message):
        await self.send_json({"type": message["event"], "data": message["data"]})
