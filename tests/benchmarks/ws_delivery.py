"""WebSocket delivery benchmark: N sockets on one conversation, M messages, one daphne process.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/ws_delivery.py --clients 100 --messages 200 --layer memory
    eval "$(ops/services.sh env)"
    .venv/bin/python tests/benchmarks/ws_delivery.py --clients 100 --messages 200 --layer redis

It builds its own data (a temporary SQLite database unless `--database-url` is
given), starts ONE daphne process on a free port of 127.0.0.1 running the real
app (`config.asgi`), opens N aiohttp WebSocket clients on
`/ws/conversations/<id>/`, posts M messages at a steady rate from a subset of
the members (each under the rate limit of `messaging.services`), and measures
every delivery at every socket. It then does the same against
`tests/benchmarks/echo_asgi.py`, a bare Channels group echo on the same channel
layer configuration, prints each figure beside the echo's and its budget, and
exits 1 when a budget fails (`--no-budget` only reports). See README.md in this
folder.
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.budgets import Budgets, add_budget_option, load_average, out, ratio  # noqa: E402

HOST = "127.0.0.1"
STARTUP_SECONDS = 60
CONNECT_TIMEOUT = 20
CONNECT_CONCURRENCY = 50
CONNECT_ATTEMPTS = 3
# messaging.services allows 20 messages per user and minute: stay well under it.
POSTS_PER_SENDER = 15


# Data ------------------------------------------------------------------------


@dataclass
class Phase:
    """One load: `clients` sockets spread over `rooms` conversations, `messages` posted by `senders` of them.

    Client i sits in room i % rooms; message n is posted in room n % rooms. Each phase has its own
    conversations and users, so the rate limit of one phase never meets another's posts.
    """

    name: str
    clients: int
    rooms: int
    messages: int
    senders: int = 0
    rate: float = 50.0
    conversation_ids: list[int] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)


def senders_needed(messages: int, rooms: int) -> int:
    """Senders for `messages` posts over `rooms` rooms, each sender under the posting rate limit."""
    return rooms * math.ceil(math.ceil(messages / rooms) / POSTS_PER_SENDER)


def prepare_database(database_url: str, phases: list[Phase]) -> None:
    """Migrate, then create for each phase its conversations (each between its own association and provider),
    its members and one session per member, filling `conversation_ids` and `cookies` (one per client).

    Client i speaks for one side or the other of its room, alternating, so every room has both sides among
    its first clients.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = database_url
    # Setup needs neither Redis nor a search cluster: keep this process to the database only.
    for name in ("REDIS_URL", "SEARCH_ENGINE", "SEARCH_URLS"):
        os.environ.pop(name, None)

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    for phase in phases:
        _prepare_phase(phase)
    connections.close_all()


def _prepare_phase(phase: Phase) -> None:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from marketplace.models import Membership, User
    from marketplace.models.organisations import Role
    from messaging.services import conversation_open
    from tests.profile_factories import ProviderProfileFactory
    from tests.project_factories import VerifiedAssociationFactory, VerifiedProviderFactory

    tag = f"{phase.name}-{secrets.token_hex(4)}"
    rooms, clients = phase.rooms, phase.clients
    pairs, conversations = [], []
    for room in range(rooms):
        association = VerifiedAssociationFactory(name=f"Association banc {tag} {room}", slug=f"bench-asso-{tag}-{room}")
        provider = VerifiedProviderFactory(name=f"Prestataire banc {tag} {room}", slug=f"bench-provider-{tag}-{room}")
        ProviderProfileFactory(organisation=provider)
        pairs.append((association, provider))
        conversations.append(conversation_open(association=association, provider=provider).pk)

    unusable = make_password(None)
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=f"bench-{tag}-{index}@example.org", password=unusable, email_confirmed_at=now)
            for index in range(clients)
        ]
    )
    if any(user.pk is None for user in users):  # backends that do not return ids from bulk_create
        by_email = {user.email: user for user in User.objects.filter(email__startswith=f"bench-{tag}-")}
        users = [by_email[user.email] for user in users]
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                organisation=pairs[index % rooms][(index // rooms) % 2],
                role=Role.OWNER if index < 2 * rooms else Role.MEMBER,
            )
            for index, user in enumerate(users)
        ]
    )

    backend = settings.AUTHENTICATION_BACKENDS[0]
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        phase.cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    phase.conversation_ids = [conversations[index % rooms] for index in range(clients)]


# Server ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: object

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)  # a profiled server writes its profile first
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


# daphne under cProfile, every thread included: the consumers run on the event loop (main thread), their
# database work in asgiref's worker threads. SIGTERM stops Twisted's reactor, so the profile is written.
PROFILED_DAPHNE = """
import cProfile, sys, threading
path = sys.argv.pop(1)
profiles = [cProfile.Profile()]
plain_run = threading.Thread.run
def profiled_run(self):
    profile = cProfile.Profile()
    profiles.append(profile)
    profile.enable()
    try:
        plain_run(self)
    finally:
        profile.disable()
threading.Thread.run = profiled_run
from daphne.cli import CommandLineInterface
profiles[0].enable()
try:
    CommandLineInterface.entrypoint()
finally:
    profiles[0].disable()
    import pstats
    stats = pstats.Stats(profiles[0])
    for profile in profiles[1:]:
        stats.add(profile)
    stats.dump_stats(path)
"""


def start_daphne(application: str, env: dict, *, profile: Path | None = None) -> Server:
    port = free_port()
    log = tempfile.TemporaryFile()
    if profile is None:
        command = [sys.executable, "-m", "daphne", "-b", HOST, "-p", str(port), application]
    else:
        command = [sys.executable, "-c", PROFILED_DAPHNE, str(profile), "-b", HOST, "-p", str(port), application]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    server = Server(process, port, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            output = server.output()
            server.stop()
            raise RuntimeError(f"daphne ({application}) exited with {process.returncode}:\n{output}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            if time.monotonic() > deadline:
                output = server.output()
                server.stop()
                raise TimeoutError(
                    f"daphne ({application}) did not listen within {STARTUP_SECONDS}s:\n{output}"
                ) from None
            time.sleep(0.2)


def server_env(*, layer: str, redis_url: str, database_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        # Its own keys in Redis, so a run never meets another's groups or rate-limit counters.
        "REDIS_PREFIX": f"bench-{secrets.token_hex(4)}",
    }
    for name in ("REDIS_URL", "SEARCH_ENGINE", "SEARCH_URLS"):
        env.pop(name, None)
    if layer == "redis":
        env["REDIS_URL"] = redis_url
    return env


# Clients ---------------------------------------------------------------------


@dataclass
class Receiver:
    """What one socket received: the arrival time of every broadcast, by client id."""

    arrivals: list[tuple[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    closed_early: bool = False


def broadcast_client_id(data: dict) -> str | None:
    """The client id of a broadcast message: the app's `{"type": "message", ...}` or the echo's raw frame."""
    if data.get("type") == "message" and isinstance(data.get("message"), dict):
        return data["message"].get("client_id")
    if data.get("action") == "post":
        return data.get("client_id")
    return None


async def read_socket(ws, receiver: Receiver) -> None:
    import aiohttp

    async for frame in ws:
        if frame.type != aiohttp.WSMsgType.TEXT:
            break
        now = time.perf_counter()
        try:
            data = json.loads(frame.data)
        except ValueError:
            receiver.errors.append(f"unreadable frame {frame.data[:80]!r}")
            continue
        client_id = broadcast_client_id(data)
        if client_id:
            receiver.arrivals.append((client_id, now))
        elif data.get("type") == "error":
            receiver.errors.append(str(data.get("message")))
    receiver.closed_early = True


async def connect_all(session, urls: list[str], headers_for: list[dict]) -> list:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(url: str, headers: dict):
        async with gate:
            for attempt in range(CONNECT_ATTEMPTS):
                try:
                    return await asyncio.wait_for(
                        session.ws_connect(url, headers=headers, max_msg_size=0), timeout=CONNECT_TIMEOUT
                    )
                except Exception as exc:  # noqa: BLE001  counted and reported, not fatal
                    if attempt == CONNECT_ATTEMPTS - 1:
                        return exc
                    await asyncio.sleep(0.5 * (attempt + 1))
        return None

    return await asyncio.gather(*(one(url, headers) for url, headers in zip(urls, headers_for, strict=True)))


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return math.nan
    index = max(0, math.ceil(fraction * len(values)) - 1)
    return values[index]


async def run_load(*, port: int, paths: list[str], cookies: list[str] | None, phase: Phase, args) -> dict:
    """Connect every client, post at a steady rate, wait for the deliveries, return the figures.

    Client i listens in room i % rooms; message n is posted in room n % rooms by one of that room's senders,
    and is expected at every connected client of that room.
    """
    import aiohttp

    clients = phase.clients
    origin = {"Origin": f"http://{HOST}:{port}"}
    headers_for = [{**origin, **({"Cookie": cookies[index]} if cookies else {})} for index in range(clients)]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        urls = [f"ws://{HOST}:{port}{path}" for path in paths]
        results = await connect_all(session, urls, headers_for)
        connect_seconds = time.perf_counter() - started
        sockets = [result if isinstance(result, aiohttp.ClientWebSocketResponse) else None for result in results]
        failures = Counter(
            type(result).__name__ for result in results if not isinstance(result, aiohttp.ClientWebSocketResponse)
        )
        receivers = [Receiver() for _ in sockets]
        readers = [
            asyncio.create_task(read_socket(ws, receiver))
            for ws, receiver in zip(sockets, receivers, strict=True)
            if ws is not None
        ]
        connected = [index for index, ws in enumerate(sockets) if ws is not None]
        try:
            # The app joins the group before accepting; settle a moment so every reader is scheduled.
            await asyncio.sleep(0.5)
            rooms = phase.rooms
            members = {room: [index for index in connected if index % rooms == room] for room in range(rooms)}
            per_room = math.ceil(phase.senders / rooms)
            senders = [index for room in range(rooms) for index in members[room][:per_room]]
            sent: dict[str, float] = {}
            room_of: dict[str, int] = {}
            if senders:
                interval = 1.0 / phase.rate
                send_started = time.perf_counter()
                for number in range(phase.messages):
                    room = number % rooms
                    talkers = members[room][:per_room]
                    if not talkers:
                        continue
                    due = send_started + number * interval
                    delay = due - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    client_id = str(uuid.uuid4())
                    stamp = time.perf_counter()
                    sent[client_id] = stamp
                    room_of[client_id] = room
                    frame = {"action": "post", "client_id": client_id, "body": f"bench #{number} sent_at={stamp:.6f}"}
                    ws = sockets[talkers[(number // rooms) % len(talkers)]]
                    try:
                        await ws.send_str(json.dumps(frame))
                    except (ConnectionError, RuntimeError):
                        del sent[client_id]
                send_finished = time.perf_counter()
            else:
                send_started = send_finished = time.perf_counter()

            expected = sum(len(members[room_of[client_id]]) for client_id in sent)
            deadline = time.perf_counter() + args.drain_timeout
            drained = False
            while time.perf_counter() < deadline:
                if sum(len(receiver.arrivals) for receiver in receivers) >= expected:
                    drained = True
                    break
                await asyncio.sleep(0.05)
            drain_ended = time.perf_counter()
            # A short grace period to catch duplicates arriving after the last expected delivery.
            await asyncio.sleep(0.3)
        finally:
            for ws in sockets:
                if ws is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(ws.close(), timeout=2)
            for task in readers:
                task.cancel()
            await asyncio.gather(*readers, return_exceptions=True)

    latencies: list[float] = []
    lost = duplicated = received = 0
    last_arrival = send_started
    errors: Counter = Counter()
    for index in connected:
        receiver = receivers[index]
        counts = Counter()
        for client_id, arrival in receiver.arrivals:
            if client_id not in sent:
                continue
            counts[client_id] += 1
            received += 1
            if counts[client_id] == 1:
                latencies.append((arrival - sent[client_id]) * 1000)
            last_arrival = max(last_arrival, arrival)
        duplicated += sum(count - 1 for count in counts.values() if count > 1)
        room = index % phase.rooms
        lost += sum(1 for client_id in sent if room_of[client_id] == room and client_id not in counts)
        errors.update(receiver.errors)
    latencies.sort()
    window = max(last_arrival - send_started, 1e-9)
    return {
        "clients": clients,
        "connected": len(connected),
        "connect_failures": dict(failures),
        "connect_seconds": connect_seconds,
        "senders": len(senders),
        "sent": len(sent),
        "send_seconds": send_finished - send_started,
        "expected": expected,
        "received": received,
        "lost": lost,
        "duplicated": duplicated,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "max": latencies[-1] if latencies else math.nan,
        "window": window,
        "messages_per_second": len(sent) / window,
        "deliveries_per_second": received / window,
        "errors": dict(errors.most_common(5)),
        # Not drained: the missing deliveries are lost for good if nothing arrived for a while before the
        # deadline, merely late (the server was still working through them) if deliveries were still arriving.
        "drained": drained,
        "quiet_before_deadline": max(0.0, drain_ended - last_arrival),
    }


def report(title: str, figures: dict) -> None:
    out(f"== {title}")
    failures = f" (failures: {figures['connect_failures']})" if figures["connect_failures"] else ""
    connected = f"{figures['connected']}/{figures['clients']}"
    out(f"clients connected      {connected} in {figures['connect_seconds']:.2f} s{failures}")
    out(f"messages sent          {figures['sent']} by {figures['senders']} senders in {figures['send_seconds']:.2f} s")
    out(f"deliveries             expected {figures['expected']}, received {figures['received']}")
    out(f"lost / duplicated      {figures['lost']} / {figures['duplicated']}")
    if not figures["drained"]:
        out(
            f"drain timed out        last delivery {figures['quiet_before_deadline']:.1f} s before the deadline "
            "(near 0: still arriving, 'lost' includes late ones)"
        )
    out(
        "latency ms             "
        f"p50 {figures['p50']:.1f}  p95 {figures['p95']:.1f}  p99 {figures['p99']:.1f}  max {figures['max']:.1f}"
    )
    out(
        f"throughput             {figures['messages_per_second']:.1f} messages/s, "
        f"{figures['deliveries_per_second']:.0f} deliveries/s "
        f"(over {figures['window']:.2f} s, first send to last delivery)"
    )
    if figures["errors"]:
        out(f"errors received        {figures['errors']}")


# Budgets (README.md): each a ratio app/echo measured in the same run, on the same machine and layer.
BUDGET_SOCKETS = 1000
SMALL_SOCKETS = 50
SMALL_RATE, SMALL_MESSAGES = 5.0, 100
P95_RATIO_SERVICES, P95_MS_SERVICES = 3.0, 50.0  # PostgreSQL + Redis, 1,000 sockets
P95_RATIO_EMBEDDED = 10.0  # SQLite + in-memory layer, 1,000 sockets
MEDIAN_RATIO = 3.0  # 50 sockets
CONNECT_RATIO = 2.0  # time to connect 1,000 sockets


def scale_note(measured: int, budgeted: int) -> str:
    return "" if measured == budgeted else f"budget at {budgeted:,} sockets, measured at {measured:,}"


def budget_checks(args, main: Phase, small: Phase, app: dict, echo: dict) -> Budgets:
    """Each budget beside the echo's figure; `app`/`echo` map a phase name to its figures."""
    database = "postgresql" if args.database_url else "sqlite"
    budgets = Budgets(f"ws_delivery, {database} + {args.layer} layer")
    ours, base = app[main.name], echo[main.name]
    at_scale = scale_note(main.clients, BUDGET_SOCKETS)
    p95_ratio = ratio(ours["p95"], base["p95"])
    figure = f"{ours['p95']:.1f} ms = {p95_ratio:.2f}x"
    baseline = f"echo {base['p95']:.1f} ms"
    if (database, args.layer) == ("postgresql", "redis"):
        budgets.add(
            "p95 delivery",
            figure=figure,
            baseline=baseline,
            budget=f"<= {P95_RATIO_SERVICES:g}x echo and < {P95_MS_SERVICES:g} ms",
            ok=p95_ratio <= P95_RATIO_SERVICES and ours["p95"] < P95_MS_SERVICES,
            scale=at_scale,
        )
    elif (database, args.layer) == ("sqlite", "memory"):
        budgets.add(
            "p95 delivery",
            figure=figure,
            baseline=baseline,
            budget=f"<= {P95_RATIO_EMBEDDED:g}x echo",
            ok=p95_ratio <= P95_RATIO_EMBEDDED,
            scale=at_scale,
        )
    else:
        budgets.add(
            "p95 delivery",
            figure=figure,
            baseline=baseline,
            budget="set for PostgreSQL + Redis and SQLite + memory only",
            ok=None,
        )
    ours_small, base_small = app[small.name], echo[small.name]
    median_ratio = ratio(ours_small["p50"], base_small["p50"])
    budgets.add(
        "median post-to-delivery",
        figure=f"{ours_small['p50']:.1f} ms = {median_ratio:.2f}x",
        baseline=f"echo {base_small['p50']:.1f} ms",
        budget=f"<= {MEDIAN_RATIO:g}x echo",
        ok=median_ratio <= MEDIAN_RATIO,
        scale=scale_note(small.clients, SMALL_SOCKETS),
    )
    connect_ratio = ratio(ours["connect_seconds"], base["connect_seconds"])
    everyone = ours["connected"] == main.clients and base["connected"] == main.clients
    budgets.add(
        f"connect {main.clients:,} sockets",
        figure=f"{ours['connect_seconds']:.2f} s = {connect_ratio:.2f}x"
        + ("" if everyone else f" ({ours['connected']}/{main.clients} connected)"),
        baseline=f"echo {base['connect_seconds']:.2f} s",
        budget=f"<= {CONNECT_RATIO:g}x echo, all connected",
        ok=connect_ratio <= CONNECT_RATIO and everyone,
        scale=at_scale,
    )
    throughput = ratio(ours["deliveries_per_second"], base["deliveries_per_second"])
    budgets.add(
        "deliveries per second",
        figure=f"{ours['deliveries_per_second']:,.0f} = {throughput:.2f}x",
        baseline=f"echo {base['deliveries_per_second']:,.0f}",
        budget="none (equals the offered rate while the server keeps up)",
        ok=None,
    )
    return budgets


# Main ------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100, help="WebSocket clients (one member user each)")
    parser.add_argument("--messages", type=int, default=200, help="messages posted in total")
    parser.add_argument("--layer", choices=("memory", "redis"), default="memory", help="channel layer of the servers")
    parser.add_argument("--rate", type=float, default=50.0, help="messages per second offered (steady)")
    parser.add_argument(
        "--rooms",
        type=int,
        default=1,
        help="conversations the clients are spread over (1: everyone in one room, the worst fan-out)",
    )
    parser.add_argument(
        "--senders", type=int, default=0, help=f"members who post (default: enough for {POSTS_PER_SENDER} posts each)"
    )
    parser.add_argument(
        "--small-clients",
        type=int,
        default=SMALL_SOCKETS,
        help="sockets of the second, small load in one room, for the median budget (0: skip it)",
    )
    parser.add_argument(
        "--small-rate",
        type=float,
        default=SMALL_RATE,
        help="posts per second of the small load: light, so its median is the post path and not a queue",
    )
    parser.add_argument(
        "--drain-timeout", type=float, default=60.0, help="seconds to wait for deliveries after the last post"
    )
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare Channels echo baseline")
    parser.add_argument(
        "--profile", type=Path, default=None, help="write a cProfile of the app's server (all threads) to this file"
    )
    add_budget_option(parser)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.messages < 1 or args.rate <= 0 or args.rooms < 1 or args.small_clients < 0:
        parser.error("--clients, --messages, --rate and --rooms must be positive")
    if args.small_rate <= 0:
        parser.error("--small-rate must be positive")
    if args.rooms > args.clients:
        parser.error("--rooms cannot exceed --clients")
    needed = senders_needed(args.messages, args.rooms)
    args.senders = args.senders or needed
    if args.senders < needed:
        parser.error(f"{args.messages} messages need at least {needed} senders under the rate limit")
    if args.senders > args.clients:
        parser.error(f"{args.messages} messages need {args.senders} senders but there are only {args.clients} clients")
    for url in (args.database_url, args.redis_url):
        if url and not any(f"@{host}" in url or f"//{host}" in url for host in (HOST, "localhost")):
            parser.error(f"only local services are used: {url!r}")
    return args


def phases_for(args) -> tuple[Phase, Phase]:
    """The load of the run and the small one-room load of the median budget (the same when sizes agree)."""
    main = Phase(
        "main", clients=args.clients, rooms=args.rooms, messages=args.messages, senders=args.senders, rate=args.rate
    )
    if not args.small_clients or args.small_clients == args.clients:
        return main, main
    messages = min(args.messages, SMALL_MESSAGES, args.small_clients * POSTS_PER_SENDER)
    small = Phase(
        "small",
        clients=args.small_clients,
        rooms=1,
        messages=messages,
        senders=senders_needed(messages, 1),
        rate=args.small_rate,
    )
    return main, small


def raise_file_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def run_server(application: str, env: dict, phases: list[Phase], *, echo: bool, args, servers: list) -> dict:
    """One daphne process for every phase in turn (the small one first, so the big one meets a warm server)."""
    server = start_daphne(application, env, profile=None if echo else args.profile)
    servers.append(server)
    figures = {}
    for position, phase in enumerate(phases):
        if echo:
            # Rooms numbered apart per phase, as the app's phases have their own conversations.
            first = position * 1_000_000
            paths = [f"/ws/echo/{first + index % phase.rooms}/" for index in range(phase.clients)]
            cookies = None
        else:
            paths = [f"/ws/conversations/{conversation_id}/" for conversation_id in phase.conversation_ids]
            cookies = phase.cookies
        figures[phase.name] = asyncio.run(
            run_load(port=server.port, paths=paths, cookies=cookies, phase=phase, args=args)
        )
    server.stop()
    servers.remove(server)
    return figures


def main(argv=None) -> int:
    args = parse_args(argv)
    raise_file_limit()
    workdir = tempfile.mkdtemp(prefix="ws-bench-")
    database_url = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    main_phase, small_phase = phases_for(args)
    phases = [small_phase, main_phase] if small_phase is not main_phase else [main_phase]
    servers: list[Server] = []
    out(load_average("start"))
    try:
        from config.settings.channels import CHANNEL_CAPACITY

        out(
            f"ws_delivery: {args.clients} clients, {args.messages} messages at {args.rate:g}/s, "
            f"{args.senders} senders, {args.rooms} room(s), layer={args.layer} (capacity {CHANNEL_CAPACITY}, "
            f"the app's layer settings for the echo too), database={'postgresql' if args.database_url else 'sqlite'}"
        )
        if small_phase is not main_phase:
            out(
                f"small load             {small_phase.clients} clients in one room, {small_phase.messages} messages "
                f"at {small_phase.rate:g}/s, {small_phase.senders} senders (median budget), run first on each server"
            )
        started = time.perf_counter()
        prepare_database(database_url, phases)
        members = sum(phase.clients for phase in phases)
        out(f"setup                  {time.perf_counter() - started:.1f} s (migrate, {members} members, sessions)")

        def env() -> dict:  # each server its own Redis prefix
            return server_env(layer=args.layer, redis_url=args.redis_url, database_url=database_url)

        app = run_server("config.asgi:application", env(), phases, echo=False, args=args, servers=servers)
        for phase in phases:
            report(
                f"app: ConversationConsumer, {args.layer} layer, {phase.name} load ({phase.clients} sockets)",
                app[phase.name],
            )
        if args.profile:
            out(f"profile of the app's server written to {args.profile}")
        lost = any(figures["lost"] or figures["duplicated"] for figures in app.values())
        if args.no_baseline:
            out(load_average("end"))
            return 1 if lost else 0
        echo = run_server(
            "tests.benchmarks.echo_asgi:application", env(), phases, echo=True, args=args, servers=servers
        )
        for phase in phases:
            report(f"baseline: bare Channels group echo, {args.layer} layer, {phase.name} load", echo[phase.name])

        budgets = budget_checks(args, main_phase, small_phase, app, echo)
        budgets.print()
        out(
            "FAIL  app deliveries: some lost or duplicated" if lost else "PASS  app deliveries: none lost or duplicated"
        )
        out(load_average("end"))
        code = budgets.exit_code(no_budget=args.no_budget)
        return 1 if lost else code
    except BaseException:
        for server in servers:
            out(f"--- daphne on port {server.port} ---\n{server.output()[-4000:]}")
        raise
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
