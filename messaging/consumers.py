"""WebSocket consumers."""

import logging
import time
import uuid

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from marketplace.errors import DomainError, NotFound, PermissionDenied

from . import db
from .realtime import conversation_group, user_group

logger = logging.getLogger(__name__)

# Close codes in the application range (4000-4999), so the browser can tell why.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
# The channel layer (Redis) failed: the page polls for messages and tries the socket again later.
CLOSE_LIVE_UNAVAILABLE = 4503
# What the channel layer raises when Redis is down or cut off (redis-py's errors, or the socket's own).
LAYER_ERRORS = (RedisError, OSError)


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


ACCESS_RECHECK_SECONDS = 5


class ConversationConsumer(AsyncJsonWebsocketConsumer):
    """`/ws/conversations/<id>/`: live messages, receipts and typing for one conversation.

    Membership is checked on connect and again on every action; events
    relayed to the socket re-check it at most every ACCESS_RECHECK_SECONDS,
    so a member removed from their organisation is cut off within seconds
    without one database query per socket per message (which capped delivery
    at about 200 messages a second on one process). Messages are stored
    by the services; this socket only relays them, so a client that missed
    some asks for them with `resume` and nothing depends on the socket staying up.
    """

    group = None

    async def __call__(self, scope, receive, send):
        """Run the socket; if the channel layer fails (Redis down), close it with CLOSE_LIVE_UNAVAILABLE.

        Messages are stored before they are broadcast, so nothing is lost: the page polls for them meanwhile
        and comes back to the socket, resuming after its last seq, once the layer answers again.
        """
        try:
            await super().__call__(scope, receive, send)
        except LAYER_ERRORS as exc:
            logger.warning("conversation socket closed, the channel layer failed: %r", exc)
            if not self.accepted:
                # A handshake refused shows the browser no code: accept, so the close code says why.
                await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": CLOSE_LIVE_UNAVAILABLE})

    accepted = False

    async def accept(self, subprotocol=None, headers=None):
        await super().accept(subprotocol, headers)
        self.accepted = True

    async def connect(self):
        self.user = self.scope.get("user")
        self.conversation_id = self.scope["url_route"]["kwargs"]["conversation_id"]
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        try:
            self.access = await db.conversation_access(user=self.user, conversation_id=self.conversation_id)
        except (NotFound, PermissionDenied):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.access_checked_at = time.monotonic()
        # Seqs already sent by `resume` whose broadcast may still be queued: sent once only.
        self.resumed_seqs: set[int] = set()
        self.group = conversation_group(self.conversation_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = None

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            content = await self.decode_json(text_data) if text_data else None
        except ValueError:
            content = None
        if not isinstance(content, dict):
            await self.send_json({"type": "error", "client_id": "", "message": _("Requête illisible.")})
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        action = content.get("action")
        handler = self.ACTIONS.get(action) if isinstance(action, str) else None
        client_id = content.get("client_id") if isinstance(content.get("client_id"), str) else ""
        if handler is None:
            await self._error(client_id, _("Action inconnue."))
            return
        try:
            # Checked again before every action: a member removed meanwhile is cut off here.
            self.access = await db.conversation_access(user=self.user, conversation_id=self.conversation_id)
            self.access_checked_at = time.monotonic()
            await handler(self, content)
        except (NotFound, PermissionDenied):
            await self._refuse()
        except DomainError as exc:
            await self._error(client_id, str(exc.message))
        except ValidationError as exc:
            await self._error(client_id, " ".join(str(message) for message in exc.messages))
        except Exception:  # noqa: BLE001  the socket must survive a bug in one action, and say so
            logger.exception("conversation %s: action %r failed", self.conversation_id, action)
            await self._error(client_id, _("Une erreur est survenue, veuillez réessayer."))

    # Actions ---------------------------------------------------------------

    async def _resume(self, content):
        after_seq = _non_negative_int(content.get("after_seq"))
        if after_seq is None:
            await self._error("", _("Numéro de message invalide."))
            return
        payloads = await db.messages_missed(user=self.user, conversation_id=self.conversation_id, after_seq=after_seq)
        self.resumed_seqs = set()
        for payload in payloads:
            self.resumed_seqs.add(payload["seq"])
            await self.send_json({"type": "message", "message": payload})
        last_seq = payloads[-1]["seq"] if payloads else after_seq
        await self.send_json({"type": "resumed", "last_seq": last_seq})

    async def _post(self, content):
        client_id, body = content.get("client_id"), content.get("body")
        if not _is_uuid(client_id):
            await self._error(client_id if isinstance(client_id, str) else "", _("Identifiant de message invalide."))
            return
        if not isinstance(body, str):
            body = ""  # the service says what is wrong with an empty message, in the user's words
        stored = await db.message_post(
            user=self.user, conversation_id=self.conversation_id, client_id=client_id, body=body
        )
        await self.send_json({"type": "ack", "client_id": client_id, **stored})

    async def _read(self, content):
        seq = _non_negative_int(content.get("seq"))
        if seq is None:
            await self._error("", _("Numéro de message invalide."))
            return
        await db.conversation_mark_read(user=self.user, conversation_id=self.conversation_id, seq=seq)

    async def _typing(self, content):
        if await db.typing_throttle_pass(user_id=self.user.pk, conversation_id=self.conversation_id):
            name = self.user.get_full_name() or self.access["organisation_name"] or self.user.email
            event = {"type": "conversation.typing", "user_id": self.user.pk, "name": name}
            await self.channel_layer.group_send(self.group, {**event, **self.access})

    async def _ping(self, content):
        await self.send_json({"type": "pong"})

    ACTIONS = {"resume": _resume, "post": _post, "read": _read, "typing": _typing, "ping": _ping}

    # Group events ----------------------------------------------------------

    async def conversation_message(self, event):
        seq = event["message"].get("seq")
        if seq in self.resumed_seqs:
            self.resumed_seqs.discard(seq)
            return
        await self._forward("message", event)

    async def conversation_message_changed(self, event):
        await self._forward("message_changed", event)

    async def conversation_read(self, event):
        await self._forward("read", event)

    async def conversation_typing(self, event):
        if event.get("user_id") == self.user.pk:
            return  # one's own typing is not news, in this tab or another
        await self._forward("typing", {key: value for key, value in event.items() if key != "user_id"})

    async def _forward(self, kind: str, event: dict):
        """Relay a group event, provided the user still belongs to the conversation (checked recently)."""
        try:
            if time.monotonic() - self.access_checked_at > ACCESS_RECHECK_SECONDS:
                await db.conversation_access(user=self.user, conversation_id=self.conversation_id)
                self.access_checked_at = time.monotonic()
        except (NotFound, PermissionDenied):
            await self._refuse()
            return
        except Exception:  # noqa: BLE001  a failed check must not kill the socket silently
            logger.exception("conversation %s: access check failed", self.conversation_id)
            await self._error("", _("Une erreur est survenue, veuillez réessayer."))
            return
        if "frame" in event:
            await self.send(text_data=event["frame"])
            return
        await self.send_json({**{key: value for key, value in event.items() if key != "type"}, "type": kind})

    # Helpers ---------------------------------------------------------------

    async def _error(self, client_id: str, message: str):
        await self.send_json({"type": "error", "client_id": client_id, "message": message})

    async def _refuse(self):
        await self.disconnect(CLOSE_FORBIDDEN)
        await self.close(code=CLOSE_FORBIDDEN)


def _is_uuid(value) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _non_negative_int(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value
