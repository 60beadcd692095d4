"""The per-user socket /ws/me/: only the logged-in user's own events reach it."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from messaging.consumers import CLOSE_UNAUTHENTICATED
from messaging.realtime import user_event_send

from ..factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


def session_cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


async def connect(cookie: bytes | None = None, origin=ORIGIN):
    headers = [origin] if origin else []
    if cookie:
        headers.append((b"cookie", cookie))
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_anonymous_visitors_are_refused_with_a_close_code():
    communicator, connected, code = await connect()
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_a_foreign_origin_is_refused():
    user = await sync_to_async(UserFactory)()
    cookie = await sync_to_async(session_cookie_for)(user)
    communicator, connected, _ = await connect(cookie, origin=(b"origin", b"https://evil.example.com"))
    assert not connected


async def test_a_user_receives_their_own_events_and_not_others():
    alice, bob = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    alice_socket, connected, _ = await connect(await sync_to_async(session_cookie_for)(alice))
    assert connected
    bob_socket, connected, _ = await connect(await sync_to_async(session_cookie_for)(bob))
    assert connected

    await sync_to_async(user_event_send)(user_id=alice.pk, event="notification", data={"text": "Nouveau devis"})

    assert await alice_socket.receive_json_from(timeout=2) == {
        "type": "notification",
        "data": {"text": "Nouveau devis"},
    }
    assert await bob_socket.receive_nothing(timeout=0.2)
    await alice_socket.disconnect()
    await bob_socket.disconnect()


async def test_ping_keeps_the_connection_alive():
    user = await sync_to_async(UserFactory)()
    socket, connected, _ = await connect(await sync_to_async(session_cookie_for)(user))
    assert connected
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from(timeout=2) == {"type": "pong"}
    await socket.disconnect()


async def test_a_new_notification_reaches_the_users_open_tabs():
    from marketplace.services.notifications import notify_users

    user = await sync_to_async(UserFactory)()
    socket, connected, _ = await connect(await sync_to_async(session_cookie_for)(user))
    assert connected

    def notify():
        from django.db import transaction

        with transaction.atomic():
            notify_users(
                users=[user],
                kind="proposal.submitted",
                template="proposal_submitted",
                context={"project": {"title": "Site"}, "provider": {"name": "Atelier"}},
                email=False,
            )

    await sync_to_async(notify)()
    event = await socket.receive_json_from(timeout=2)
    assert event["type"] == "notification"
    assert event["data"]["title"] == "Nouveau devis de Atelier"
    await socket.disconnect()


async def test_reading_a_conversation_updates_the_readers_other_tabs(parties):
    """The other tabs of the side that read get an inbox event, so their unread badge drops at once."""
    from django.db import transaction

    from messaging.services import conversation_mark_read, message_post

    conversation, association, provider = parties

    def post():
        with transaction.atomic():
            message_post(user=provider.user, conversation_id=conversation.pk, body="Bonjour !")

    await sync_to_async(post)()
    socket, connected, _ = await connect(await sync_to_async(session_cookie_for)(association.user))
    assert connected

    def read():
        with transaction.atomic():
            conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=1)

    await sync_to_async(read)()
    event = await socket.receive_json_from(timeout=2)
    assert event["type"] == "inbox"
    assert event["data"] == {"conversation_id": conversation.pk, "seq": 1}
    await socket.disconnect()
