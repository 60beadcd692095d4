"""Redis down: the chat loses nothing. Posting still works, the page polls, and sockets resume once Redis is back.

The channel layer and the cache point at a Redis of the test's own (started and stopped here) or at a port
where nothing listens, as REDIS_URL would point both; the shared Redis of the other tests is never touched.
"""

import shutil
import socket
import subprocess
import time
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from messaging.consumers import CLOSE_LIVE_UNAVAILABLE
from messaging.models import Message

from ..project_factories import AssociationFactory, member_of
from ..services import missing, port_open
from .test_conversation_consumer import ORIGIN, TIMEOUT, session_cookie_for

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def point_at_redis(settings, port: int) -> None:
    """The channel layer and the cache on the Redis at `port`, configured as config/settings/channels.py does."""
    url = f"redis://127.0.0.1:{port}/0"
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [url], "prefix": f"redis-down-{port}"},
        }
    }
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"redis-down-{port}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


class PrivateRedis:
    """A redis-server of this test only, on a free port, that the test stops and starts again."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603  a fixed command line
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port, timeout=0.2):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_redis(settings):
    server = PrivateRedis()
    if server.binary is None:
        missing("needs redis-server (make services installs it)")
    server.start()
    point_at_redis(settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def redis_nowhere(settings):
    """The channel layer and the cache pointed at a port where nothing listens: Redis is down from the start."""
    point_at_redis(settings, free_port())


async def open_socket(conversation_id: int, user):
    cookie = await sync_to_async(session_cookie_for)(user)
    communicator = WebsocketCommunicator(
        application, f"/ws/conversations/{conversation_id}/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected, code


def post_form(user, conversation_id: int, body: str):
    client = Client()
    client.force_login(user)
    return client.post(
        f"/messages/{conversation_id}/",
        {"body": body, "client_id": str(uuid.uuid4())},
        headers={"accept": "application/json"},
    )


def poll(user, conversation_id: int, after: int = 0):
    client = Client()
    client.force_login(user)
    return client.get(f"/messages/{conversation_id}/nouveaux/", {"after": after})


async def test_with_redis_down_the_socket_says_live_is_unavailable(parties, redis_nowhere):
    conversation, association, _provider = parties

    socket_, _connected, _code = await open_socket(conversation.pk, association.user)

    # Accepted then closed at once, so that the browser reads the code and starts polling without waiting.
    assert await socket_.receive_output(timeout=TIMEOUT) == {"type": "websocket.close", "code": CLOSE_LIVE_UNAVAILABLE}


def test_with_redis_down_posting_works_and_the_other_side_polls_it(parties, redis_nowhere):
    conversation, association, provider = parties

    posted = post_form(provider.user, conversation.pk, "Envoyé pendant la panne")

    assert posted.status_code == 201
    assert posted.json()["message"]["body"] == "Envoyé pendant la panne"
    polled = poll(association.user, conversation.pk).json()
    assert [message["body"] for message in polled["messages"]] == ["Envoyé pendant la panne"]
    # The page itself still opens, whatever the live layer does.
    client = Client()
    client.force_login(association.user)
    assert client.get(f"/messages/{conversation.pk}/").status_code == 200


def test_the_poll_gives_what_came_after_and_refuses_other_organisations(parties, redis_nowhere):
    conversation, association, provider = parties
    for body in ("Un", "Deux", "Trois"):
        assert post_form(provider.user, conversation.pk, body).status_code == 201

    after_one = poll(association.user, conversation.pk, after=1).json()
    stranger = member_of(AssociationFactory())
    refused = poll(stranger.user, conversation.pk)

    assert [message["body"] for message in after_one["messages"]] == ["Deux", "Trois"]
    assert after_one["last_seq"] == 3
    assert refused.status_code == 404
    assert "Trois" not in refused.content.decode()
    assert poll(association.user, conversation.pk, after="x").status_code == 400


async def test_redis_stopping_and_returning_loses_nothing_and_sockets_resume(parties, private_redis):
    conversation, association, provider = parties
    socket_, connected, _code = await open_socket(conversation.pk, association.user)
    assert connected
    await sync_to_async(post_form)(provider.user, conversation.pk, "Avant la panne")
    live = await socket_.receive_json_from(timeout=TIMEOUT)
    assert live["message"]["body"] == "Avant la panne"

    private_redis.stop()
    closed = await socket_.receive_output(timeout=TIMEOUT)
    assert closed == {"type": "websocket.close", "code": CLOSE_LIVE_UNAVAILABLE}
    during = await sync_to_async(post_form)(provider.user, conversation.pk, "Pendant la panne")
    assert during.status_code == 201
    polled = (await sync_to_async(poll)(association.user, conversation.pk, after=1)).json()
    assert [message["body"] for message in polled["messages"]] == ["Pendant la panne"]

    private_redis.start()
    socket_, connected, _code = await open_socket(conversation.pk, association.user)
    assert connected
    await socket_.send_json_to({"action": "resume", "after_seq": 1})
    resumed = [await socket_.receive_json_from(timeout=TIMEOUT) for _ in range(2)]
    assert [frame["message"]["body"] for frame in resumed[:1]] == ["Pendant la panne"]
    assert resumed[1] == {"type": "resumed", "last_seq": 2}
    await sync_to_async(post_form)(provider.user, conversation.pk, "Après la panne")
    assert (await socket_.receive_json_from(timeout=TIMEOUT))["message"]["body"] == "Après la panne"
    await socket_.disconnect()
    assert await Message.objects.filter(conversation=conversation).acount() == 3
