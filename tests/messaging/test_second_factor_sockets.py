"""WebSockets follow the session's second factor: a session that never gave the code of its user's
authenticator (one opened before the second factor was turned on) connects as nobody."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from messaging.consumers import CLOSE_UNAUTHENTICATED
from tests.factories import PASSWORD
from tests.second_factor import authenticator_code, give_authenticator

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


def cookie(client: Client) -> bytes:
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def session_opened_before(user) -> bytes:
    client = Client()
    client.force_login(user)
    give_authenticator(user)
    return cookie(client)


def session_with_the_code(user) -> bytes:
    device = give_authenticator(user)
    client = Client()
    client.post("/compte/connexion/", {"username": user.email, "password": PASSWORD})
    assert client.post("/compte/connexion/code/", {"code": authenticator_code(device)}).status_code == 302
    return cookie(client)


async def connect(path: str, session_cookie: bytes):
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN, (b"cookie", session_cookie)])
    connected, code = await communicator.connect(timeout=3)
    if connected:
        await communicator.disconnect()
    return connected, code


@pytest.mark.parametrize("path", ["/ws/me/", "conversation"])
async def test_a_session_without_the_code_is_refused(parties, path):
    conversation, association, _provider = parties
    path = f"/ws/conversations/{conversation.pk}/" if path == "conversation" else path

    connected, code = await connect(path, await sync_to_async(session_opened_before)(association.user))

    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_a_session_that_gave_the_code_connects(parties):
    conversation, association, _provider = parties

    connected, _code = await connect(
        f"/ws/conversations/{conversation.pk}/", await sync_to_async(session_with_the_code)(association.user)
    )

    assert connected
