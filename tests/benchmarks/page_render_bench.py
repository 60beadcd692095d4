"""Server-side render time and SQL queries of every main page on the demo data.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/page_render_bench.py                    # scratch SQLite
    .venv/bin/python tests/benchmarks/page_render_bench.py --database-url "$DATABASE_URL" --requests 50

It migrates a scratch database (or the one given), runs `seed_demo` plus the
extras of `tests/main_pages.py`, then requests every main page through
Django's test Client (the whole middleware stack and template rendering, no
network or browser) as a visitor, as the demo association's owner and as the
demo provider's owner. Each page is requested twice to warm caches, then
`--requests` times; it prints p50/p95/max in milliseconds and the number of
SQL queries of the last request. It exits 1 if a page is over budget: p95
over 150 ms or more than 30 queries (issue budgets), or answers other than 200
(404 for the missing-page check).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
P95_BUDGET_MS = 150.0
QUERY_BUDGET = 30


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def configure(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{args.sqlite}"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(ROOT))
    if not args.database_url:
        Path(args.sqlite).unlink(missing_ok=True)
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)


def client_for(email: str | None):
    from django.test import Client

    from marketplace.models import User

    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _warm in range(2):
        client.get(url)
    timings = []
    for _n in range(requests):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 95),
        "max": max(timings),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (after 2 warm-ups)")
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    parser.add_argument("--sqlite", default=str(Path(tempfile.gettempdir()) / "page_render_bench.sqlite3"))
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests must be at least 1")

    configure(args)
    from django.conf import settings

    from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls

    started = time.perf_counter()
    prepare_demo()
    out(f"demo seeded in {time.perf_counter() - started:.1f} s on {settings.DATABASES['default']['ENGINE']}")
    audiences = [
        ("visitor", None, public_urls()),
        ("association", "asso@demo.test", association_urls()),
        ("provider", "presta@demo.test", provider_urls()),
    ]

    out(f"{'audience':<12} {'page':<58} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL':>5}")
    over, all_p95 = [], []
    for audience, email, urls in audiences:
        client = client_for(email)
        for url in urls:
            row = measure(client, url, args.requests)
            expected = 404 if "n-existe-pas" in url else 200
            flags = []
            if row["status"] != expected:
                flags.append(f"status {row['status']}")
            if row["p95"] > P95_BUDGET_MS:
                flags.append("p95 over budget")
            if row["queries"] > QUERY_BUDGET:
                flags.append("queries over budget")
            if flags:
                over.append(f"{audience} {url}: {', '.join(flags)}")
            all_p95.append(row["p95"])
            out(
                f"{audience:<12} {url[:58]:<58} {row['status']:>6} {row['p50']:>8.1f} {row['p95']:>8.1f} "
                f"{row['max']:>8.1f} {row['queries']:>5}{'  <-- ' + ', '.join(flags) if flags else ''}"
            )
    out()
    out(
        f"{len(all_p95)} pages, {args.requests} requests each: worst p95 {max(all_p95):.1f} ms, "
        f"median of the pages' p95 {statistics.median(all_p95):.1f} ms (budget p95 < {P95_BUDGET_MS:.0f} ms, "
        f"at most {QUERY_BUDGET} queries)"
    )
    for line in over:
        out(f"OVER BUDGET: {line}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
