"""WebSockets follow the session's second factor, as pages do (`middleware.SecondFactorMiddleware`).

Channels' AuthMiddlewareStack reads the user from the session cookie; this middleware, inside it, treats
as a visitor a session whose user turned the second factor on but never gave a code in it (one opened
before, in another browser): the consumers then refuse it as they refuse anyone not logged in.
"""

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib.auth.models import AnonymousUser
from django_otp.models import Device

from .selectors.second_factor import second_factor_enabled, session_verified_device_id


@database_sync_to_async
def session_follows_second_factor(*, session, user) -> bool:
    if not second_factor_enabled(user=user):
        return True
    device_id = session_verified_device_id(session=session)
    device = Device.from_persistent_id(device_id) if device_id else None
    return device is not None and device.user_id == user.pk and device.confirmed


class SecondFactorWebsocketMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        if user is not None and user.is_authenticated:
            if not await session_follows_second_factor(session=scope["session"], user=user):
                scope = {**scope, "user": AnonymousUser()}
        return await super().__call__(scope, receive, send)
