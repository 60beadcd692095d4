"""Two daphne processes sharing Redis: a message posted through one reaches a socket held by the other.

This is what running several ASGI processes behind a load balancer needs. The
processes read the test database, so it must be a server both can reach:
pytest-django's SQLite test database lives in this process's memory, hence the
`postgres` marker along with `redis`.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

STARTUP_SECONDS = 30
TIMEOUT = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database (its name is the test one by now), as the processes' settings read it."""
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def daphne_processes(count: int):
    """`count` daphne servers on free ports, listening; always terminated, their output shown if a test fails."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }
    processes = []
    try:
        for _ in range(count):
            port = free_port()
            log = tempfile.TemporaryFile()
            command = [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "config.asgi:application",
            ]
            process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
            processes.append((process, port, log))
        for _process, port, _log in processes:
            wait_until_listening(port)
        yield [port for _, port, _ in processes]
    except BaseException:
        for _process, port, log in processes:
            log.seek(0)
            sys.stderr.write(f"--- daphne on port {port} ---\n{log.read().decode(errors='replace')}\n")
        raise
    finally:
        for process, _port, log in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"daphne did not listen on {port} within {STARTUP_SECONDS}s") from None
            time.sleep(0.2)


def session_cookie_for(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def test_a_message_posted_through_one_process_reaches_a_socket_on_the_other(parties):
    import aiohttp

    conversation, association, provider = parties
    # database_sync_to_async closes the connection it opened: left open, it would keep the test database from
    # being dropped, since no consumer runs in this process to close it.
    association_cookie = await database_sync_to_async(session_cookie_for)(association.user)
    provider_cookie = await database_sync_to_async(session_cookie_for)(provider.user)
    path = f"/ws/conversations/{conversation.pk}/"

    with daphne_processes(2) as (port_a, port_b):
        async with aiohttp.ClientSession() as session:
            headers_a = {"Origin": f"http://127.0.0.1:{port_a}", "Cookie": association_cookie}
            headers_b = {"Origin": f"http://127.0.0.1:{port_b}", "Cookie": provider_cookie}
            async with (
                session.ws_connect(f"ws://127.0.0.1:{port_a}{path}", headers=headers_a) as on_a,
                session.ws_connect(f"ws://127.0.0.1:{port_b}{path}", headers=headers_b) as on_b,
            ):
                # Both sockets answer, so both have joined the conversation's group in Redis.
                for ws in (on_a, on_b):
                    await ws.send_json({"action": "ping"})
                    assert await ws.receive_json(timeout=TIMEOUT) == {"type": "pong"}

                client_id = str(uuid.uuid4())
                await on_b.send_json({"action": "post", "client_id": client_id, "body": "Bonjour de l'autre processus"})

                received = await on_a.receive_json(timeout=TIMEOUT)
                assert received["type"] == "message"
                assert received["message"]["body"] == "Bonjour de l'autre processus"
                assert received["message"]["client_id"] == client_id
                assert received["message"]["sender_org_id"] == provider.organisation_id
