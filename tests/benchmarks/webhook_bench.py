"""Stripe webhook benchmark: 10,000 signed events, 20 % of them repeated, shuffled, replayed into the real view.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/webhook_bench.py                       # 2,000 orders, scratch SQLite
    .venv/bin/python tests/benchmarks/webhook_bench.py --orders 500 --database-url postgres://...

It starts localstripe (or uses `--localstripe-url`), creates the orders and their PaymentIntents there and
drives each one to a planned end (paid, declined, partly refunded, fully refunded), then generates the
events Stripe would send for them, adds duplicates (same event id, same body: a redelivery), shuffles,
and POSTs each one, signed, to `/billing/stripe/webhook/` through Django's test Client. The handler
fetches every object again from localstripe, so the figure includes those round trips. E-mails go to
Django's in-memory backend and log records are held back during the replay, so nothing is printed inside the
timed part. It prints events per second beside the time spent waiting for localstripe, and exits 1 unless every
order ends exactly as planned. See README.md in this folder.
"""

import argparse
import hashlib
import hmac
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.budgets import Budgets, add_budget_option, load_average, out  # noqa: E402

WEBHOOK_SECRET = "whsec_bench"  # noqa: S105 - a local test secret
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"

# Each plan: how the payment ends at Stripe, and the events Stripe sends for it (4 on average: 2,000 orders
# give 8,000 distinct events, plus 2,000 redeliveries = 10,000).
PLANS = {
    "paid": ["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"],
    "declined": [
        "payment_intent.created",
        "payment_intent.payment_failed",
        "charge.failed",
        "payment_intent.payment_failed",
    ],
    "partially_refunded": ["payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "charge.refunded"],
    "refunded": [
        "payment_intent.created",
        "charge.succeeded",
        "payment_intent.succeeded",
        "charge.refunded",
        "charge.refunded",
    ],
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def sign(payload: bytes) -> str:
    timestamp = int(time.time())
    digest = hmac.new(WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


# Setup -------------------------------------------------------------------------------------------------------


def configure(args, localstripe_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{args.sqlite}"
    os.environ["STRIPE_API_BASE"] = localstripe_url
    os.environ["STRIPE_SECRET_KEY"] = "sk_test_bench"
    os.environ["STRIPE_PUBLISHABLE_KEY"] = "pk_test_bench"
    os.environ["STRIPE_WEBHOOK_SECRET"] = WEBHOOK_SECRET
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ["DEBUG"] = "0"
    # The e-mails the handlers send (invoices, refunds) are kept in memory: the console backend would print
    # them, about 1,500 for 2,000 orders, inside the timed replay.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("EMAIL_HOST", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings

    # Bench users never log in: a fast hasher, and the stripe library's per-request INFO lines off.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    logging.getLogger("stripe").setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.core.management import call_command

    if not args.database_url:
        Path(args.sqlite).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)


def create_orders(count: int, organisations: int) -> list:
    """Verified associations, one member each, one product; `count` card orders made by `order_create`."""
    from django.utils import timezone

    from billing.models import Order, Product, ProductKind, ProductPrice
    from billing.services.orders import order_create
    from marketplace.models import Membership, Organisation
    from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
    from marketplace.models.profiles import BudgetBracket
    from tests.factories import UserFactory

    if Order.objects.exists():
        raise SystemExit("The database already holds orders: use a scratch database.")
    product = Product.objects.create(
        code="bench-licence",
        name="Licence de benchmark",
        kind=ProductKind.LICENCE,
        public_price_cents=100_00,
        max_per_order=100,
    )
    ProductPrice.objects.create(product=product, budget_bracket=BudgetBracket.FROM_10K_TO_50K, unit_price_cents=40_00)
    buyers = []
    for n in range(organisations):
        organisation = Organisation.objects.create(
            kind=OrganisationKind.ASSOCIATION,
            name=f"Association bench {n}",
            slug=f"association-bench-{n}",
            postcode="69001",
            city="Lyon",
            verification_status=VerificationStatus.VERIFIED,
            verified_at=timezone.now(),
        )
        from tests.profile_factories import AssociationProfileFactory

        AssociationProfileFactory(organisation=organisation)
        user = UserFactory(email=f"bench{n}@example.org")
        Membership.objects.create(user=user, organisation=organisation, role=Role.OWNER)
        buyers.append((user, organisation))
    orders = []
    for n in range(count):
        user, organisation = buyers[n % len(buyers)]
        orders.append(
            order_create(
                user=user,
                organisation=organisation,
                product_id=product.pk,
                quantity=1 + n % 3,
                payment_method="card",
            )
        )
    return orders


_local = threading.local()


def client():
    if not hasattr(_local, "client"):
        from billing.payments.stripe_client import stripe_client

        _local.client = stripe_client(retries=3)
    return _local.client


def pay(intent_id: str, number: str) -> None:
    stripe = client()
    method = stripe.v1.payment_methods.create(
        params={"type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"}}
    )
    stripe.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
    try:
        stripe.v1.payment_intents.confirm(intent_id)
    except Exception:  # noqa: BLE001, S110 - a declined card raises CardError, which is the plan
        pass


def drive(order, plan: str) -> dict:
    """Create the order's PaymentIntent as the app does, then take it to the plan's end at localstripe."""
    from billing.payments.stripe_provider import StripeProvider

    session = StripeProvider(client()).prepare(order=order, attempt=1)
    intent_id = session.intent_id
    refunded = 0
    if plan == "declined":
        pay(intent_id, DECLINED_CARD)
        pay(intent_id, DECLINED_CARD)
    else:
        pay(intent_id, GOOD_CARD)
    if plan in ("partially_refunded", "refunded"):
        part = order.total_ttc_cents // 3
        client().v1.refunds.create(params={"payment_intent": intent_id, "amount": part})
        refunded = part
        if plan == "refunded":
            # The rest, said explicitly: localstripe refunds the whole charge again when no amount is given.
            client().v1.refunds.create(params={"payment_intent": intent_id, "amount": order.total_ttc_cents - part})
            refunded = order.total_ttc_cents
    intent = client().v1.payment_intents.retrieve(intent_id)
    charge = intent.latest_charge
    charge_id = charge if isinstance(charge, str) or charge is None else charge.id
    return {"order_id": order.pk, "plan": plan, "intent": intent_id, "charge": charge_id, "refunded": refunded}


def build_events(driven: list[dict], duplicate_ratio: float, seed: int) -> tuple[list[tuple[str, bytes]], int]:
    """(event id, body) per delivery: every distinct event once, then redeliveries, all shuffled."""
    unique = []
    for n, item in enumerate(driven):
        for k, event_type in enumerate(PLANS[item["plan"]]):
            is_charge = event_type.startswith("charge.")
            object_id = item["charge"] if is_charge else item["intent"]
            event_id = f"evt_bench_{n}_{k}"
            body = json.dumps(
                {
                    "id": event_id,
                    "object": "event",
                    "type": event_type,
                    "created": int(time.time()),
                    "livemode": False,
                    "data": {"object": {"id": object_id, "object": "charge" if is_charge else "payment_intent"}},
                }
            ).encode()
            unique.append((event_id, body))
    rng = random.Random(seed)
    duplicates = round(len(unique) * duplicate_ratio / (1 - duplicate_ratio))
    deliveries = unique + [rng.choice(unique) for _ in range(duplicates)]
    rng.shuffle(deliveries)
    return deliveries, len(unique)


# Replay and check --------------------------------------------------------------------------------------------


class HeldRecords(logging.Handler):
    """Keeps the log records emitted during the replay, printed after it instead of inside the timing."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def replay(deliveries: list[tuple[str, bytes]]) -> dict:
    from django.core import mail
    from django.test import Client

    from billing.payments.stripe_provider import StripeProvider

    # Time spent waiting on localstripe, apart from the handler's own work.
    fetches = {"calls": 0, "seconds": 0.0}
    original_call = StripeProvider._call

    def timed_call(self, func, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original_call(self, func, *args, **kwargs)
        finally:
            fetches["calls"] += 1
            fetches["seconds"] += time.perf_counter() - t0

    StripeProvider._call = timed_call
    root = logging.getLogger()
    printing, held = root.handlers[:], HeldRecords()
    root.handlers = [held]
    mail.outbox = []
    web = Client()
    # The first request builds the middleware chain (and warns about a missing static directory): not timed.
    web.get("/billing/stripe/webhook/")
    latencies, statuses, duplicates, retry = [], Counter(), 0, []
    try:
        started = time.perf_counter()
        for _event_id, body in deliveries:
            t0 = time.perf_counter()
            response = web.post(
                "/billing/stripe/webhook/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=sign(body),
            )
            latencies.append(time.perf_counter() - t0)
            statuses[response.status_code] += 1
            if response.status_code == 200:
                duplicates += response.json()["duplicate"]
            else:
                retry.append(body)
        elapsed = time.perf_counter() - started
    finally:
        StripeProvider._call = original_call
        root.handlers = printing
    emails = len(mail.outbox)
    # Stripe redelivers what was not acknowledged; so does the benchmark, once, outside the timing.
    retried = Counter(
        web.post(
            "/billing/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
        ).status_code
        for body in retry
    )
    return {
        "elapsed": elapsed,
        "latencies": latencies,
        "statuses": statuses,
        "duplicates": duplicates,
        "retried": retried,
        "fetches": fetches,
        "emails": emails,
        "records": held.records,
    }


def check(driven: list[dict], unique_events: int) -> list[str]:
    from django.db.models import Count, Sum

    from billing.models import CreditNote, Invoice, Order, OrderState, StripeEvent

    expected_state = {
        "paid": OrderState.FULFILLED,
        "declined": OrderState.AWAITING_PAYMENT,
        "partially_refunded": OrderState.PARTIALLY_REFUNDED,
        "refunded": OrderState.REFUNDED,
    }
    expected_notes = {"paid": 0, "declined": 0, "partially_refunded": 1, "refunded": 2}
    orders = {o.pk: o for o in Order.objects.all()}
    invoices = set(Invoice.objects.values_list("order_id", flat=True))
    notes = {
        row["order_id"]: row
        for row in CreditNote.objects.values("order_id").annotate(n=Count("id"), ttc=Sum("total_ttc_cents"))
    }
    problems = []
    for item in driven:
        order = orders[item["order_id"]]
        note = notes.get(order.pk, {"n": 0, "ttc": 0})
        got = (order.state, order.refunded_cents, order.pk in invoices, note["n"], note["ttc"] or 0)
        want = (
            expected_state[item["plan"]],
            item["refunded"],
            item["plan"] != "declined",
            expected_notes[item["plan"]],
            item["refunded"],
        )
        if got != want:
            problems.append(f"{order.number} ({item['plan']}): got {got}, expected {want}")
    recorded = StripeEvent.objects.count()
    if recorded != unique_events:
        problems.append(f"{recorded} events recorded, {unique_events} distinct events sent")
    return problems


# localstripe pickles its whole store to /tmp after every write: O(n²) over the ~10,000 writes of the setup.
# The benchmark's own localstripe keeps its store in memory only (the replay itself only reads).
IN_MEMORY_LOCALSTRIPE = (
    "import sys; import localstripe.resources as r; r.Store.dump_to_disk = lambda self: None; "
    "sys.argv = ['localstripe', '--port', sys.argv[1], '--from-scratch']; "
    "from localstripe.server import start; start()"
)


def start_localstripe():
    import socket
    import subprocess

    from tests.localstripe_server import LocalStripe

    server = LocalStripe()
    with server.log.open("w") as log:
        server.process = subprocess.Popen(  # noqa: S603 - fixed argv, our interpreter
            [sys.executable, "-c", IN_MEMORY_LOCALSTRIPE, str(server.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=tempfile.gettempdir(),
        )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"localstripe exited: {server.log.read_text()[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise SystemExit("localstripe did not start in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of deliveries that are repeats")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8, help="parallel calls to localstripe while setting up")
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    parser.add_argument("--sqlite", default=str(Path(tempfile.gettempdir()) / "webhook_bench.sqlite3"))
    parser.add_argument("--localstripe-url", default="", help="a running localstripe; default: start one")
    parser.add_argument("--profile", action="store_true", help="cProfile the replay (inflates the timings)")
    add_budget_option(parser)
    args = parser.parse_args()
    if not 0 <= args.duplicates < 1:
        parser.error("--duplicates must be in [0, 1)")

    out(load_average("start"))
    server = None
    if not args.localstripe_url:
        server = start_localstripe()
    try:
        return run(args, args.localstripe_url or server.url)
    finally:
        if server is not None:
            server.stop()
        out(load_average("end"))


def run(args, localstripe_url: str) -> int:
    configure(args, localstripe_url)
    from django.db import connection

    from billing.services.orders import order_payment_prepared

    t0 = time.perf_counter()
    orders = create_orders(args.orders, args.organisations)
    plans = list(PLANS)
    t1 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        driven = list(pool.map(lambda pair: drive(*pair), [(o, plans[n % len(plans)]) for n, o in enumerate(orders)]))
    for item in driven:
        order_payment_prepared(order_id=item["order_id"], intent_id=item["intent"], attempt=1)
    t2 = time.perf_counter()
    deliveries, unique = build_events(driven, args.duplicates, args.seed)
    out(f"engine: {connection.vendor}, localstripe: {localstripe_url}")
    out(f"setup: {len(orders)} orders in {t1 - t0:.1f} s; PaymentIntents driven at localstripe in {t2 - t1:.1f} s")
    out(f"events: {len(deliveries)} deliveries = {unique} distinct + {len(deliveries) - unique} redeliveries, shuffled")
    out(
        "by type: "
        + ", ".join(f"{t} {n}" for t, n in sorted(Counter(json.loads(b)["type"] for _, b in deliveries).items()))
    )

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(replay, deliveries)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumtime").print_stats(40)
    else:
        result = replay(deliveries)
    latencies = result["latencies"]
    rate = len(deliveries) / result["elapsed"]
    fetches = result["fetches"]
    own_seconds = max(result["elapsed"] - fetches["seconds"], 1e-9)
    out(
        f"replay: {len(deliveries)} events in {result['elapsed']:.1f} s = {rate:,.0f} events/s "
        f"(p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {percentile(latencies, 95) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.1f} ms)"
    )
    out(
        f"of which {fetches['seconds']:.1f} s in {fetches['calls']} calls to localstripe (re-fetches); "
        f"without them: {len(deliveries) / own_seconds:,.0f} events/s"
    )
    out(f"responses: {dict(result['statuses'])}; answered as duplicates: {result['duplicates']}")
    if result["retried"]:
        out(f"redelivered after a non-2xx: {dict(result['retried'])}")
    out(f"e-mails sent during the replay: {result['emails']} (in-memory backend, nothing printed while timing)")
    report_records(result["records"])

    budgets = Budgets(f"webhook_bench, {connection.vendor}")
    budgets.add(
        "replay",
        figure=f"{rate:,.0f} events/s",
        baseline=f"{fetches['seconds']:.1f} of {result['elapsed']:.1f} s waiting for localstripe",
        budget="none set (issue 24)",
        ok=None,
    )
    budgets.add(
        "one delivery, p95",
        figure=f"{percentile(latencies, 95) * 1000:.1f} ms",
        baseline=f"{fetches['seconds'] / max(fetches['calls'], 1) * 1000:.1f} ms per localstripe call",
        budget="none set (issue 24)",
        ok=None,
    )
    budgets.print()

    problems = check(driven, unique)
    by_plan = Counter(item["plan"] for item in driven)
    if problems:
        out(f"FAIL: {len(problems)} order(s) not in their expected final state")
        for line in problems[:20]:
            out("  " + line)
        return 1
    out(f"PASS: every order in its expected final state ({dict(by_plan)}), each distinct event recorded once")
    return budgets.exit_code(no_budget=args.no_budget)


def report_records(records: list[logging.LogRecord]) -> None:
    """The log records held back during the replay: how many per level and logger, and the first few."""
    if not records:
        out("log records during the replay: none")
        return
    counts = Counter((record.levelname, record.name) for record in records)
    out("log records during the replay: " + ", ".join(f"{n} {level} {name}" for (level, name), n in counts.items()))
    for record in records[:3]:
        out(f"  {record.levelname} {record.name}: {record.getMessage()[:200]}")


if __name__ == "__main__":
    sys.exit(main())
