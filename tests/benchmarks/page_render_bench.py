"""Server-side render time and SQL queries of every main page on the demo data, then at realistic volumes.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/page_render_bench.py                    # scratch SQLite
    .venv/bin/python tests/benchmarks/page_render_bench.py --database-url "$DATABASE_URL" --requests 50

It migrates a scratch database (or the one given), runs `seed_demo` plus the
extras of `tests/main_pages.py`, then requests every main page through
Django's test Client (the whole middleware stack and template rendering, no
network or browser) as a visitor, as the demo association's owner and as the
demo provider's owner. It then adds organisations with realistic volumes (a
provider with 200 reviews, an association with 100 projects, a conversation
of 2,000 messages) and requests their pages, each beside the same page at the
demo's volume. Each page is requested twice to warm caches, then `--requests`
times; it prints p50/p95/max in milliseconds and the number of SQL queries of
the last request. It exits 1 if a page is over budget: p95 over 150 ms or more
than 30 queries (issue budgets; `--no-budget` only reports), or answers other
than 200 (404 for the missing-page check).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.budgets import Budgets, add_budget_option, load_average, out  # noqa: E402

P95_BUDGET_MS = 150.0
QUERY_BUDGET = 30
REVIEWS = 200
PROJECTS = 100
MESSAGES = 2_000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def configure(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{args.sqlite}"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    # Pages that send e-mails while rendering (none should) must not print them into the timings.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("EMAIL_HOST", None)
    if not args.database_url:
        Path(args.sqlite).unlink(missing_ok=True)
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)


# Realistic volumes ---------------------------------------------------------------------------------------------


class Volumes:
    """Organisations with the volumes of a busy year, apart from the demo's so its pages keep their figures.

    Written through the ORM and the test factories (hundreds of delivered projects through the services would
    take minutes); the search index and the provider's rating are brought up to date as the services would.
    """

    def __init__(self):
        from tests.profile_factories import AssociationProfileFactory, ProviderProfileFactory
        from tests.project_factories import VerifiedAssociationFactory, VerifiedProviderFactory, member_of

        self.provider = VerifiedProviderFactory(name="Numérique Solidaire du Rhône", slug="numerique-solidaire-rhone")
        ProviderProfileFactory(
            organisation=self.provider,
            presentation="Sites internet, outils collaboratifs et formation des bénévoles pour les associations.",
        )
        self.provider_owner = member_of(self.provider, user__email="volume-presta@bench.test").user
        self.association = VerifiedAssociationFactory(name="Maison des Associations de Villeurbanne", slug="mda-vbn")
        AssociationProfileFactory(organisation=self.association)
        self.association_owner = member_of(self.association, user__email="volume-asso@bench.test").user
        self.reviews()
        self.projects()
        self.conversation = self.messages()
        self.index()

    def _awarded(self, project, provider):
        from marketplace.models.projects import ProposalState
        from tests.project_factories import ProposalFactory

        proposal = ProposalFactory(project=project, provider=provider, state=ProposalState.ACCEPTED)
        project.awarded_proposal = proposal
        project.save(update_fields=["awarded_proposal"])
        return proposal

    def reviews(self) -> None:
        """REVIEWS published reviews of the provider: 40 associations, 5 delivered projects each."""
        from decimal import Decimal

        from django.utils import timezone

        from marketplace.models import Review
        from marketplace.models.projects import ProjectState
        from marketplace.services.reviews import reputation_refresh
        from tests.project_factories import ProjectFactory, VerifiedAssociationFactory

        reviews = []
        for index in range(REVIEWS):
            if index % 5 == 0:
                author = VerifiedAssociationFactory(name=f"Association cliente {index // 5}")
            project = ProjectFactory(
                organisation=author, state=ProjectState.DELIVERED, published_at=timezone.now(), title=f"Site n°{index}"
            )
            self._awarded(project, self.provider)
            scores = [3 + (index + shift) % 3 for shift in range(4)]
            reviews.append(
                Review(
                    project=project,
                    author=author,
                    subject=self.provider,
                    quality=scores[0],
                    communication=scores[1],
                    deadlines=scores[2],
                    value=scores[3],
                    rating=Decimal(sum(scores)) / 4,
                    comment="Équipe à l'écoute, site livré dans les temps et bénévoles formés à la mise à jour. " * 3,
                    response="Merci pour votre confiance !" if index % 4 == 0 else "",
                    responded_at=timezone.now() if index % 4 == 0 else None,
                    is_published=True,
                    published_at=timezone.now(),
                    is_anonymous=index % 7 == 0,
                )
            )
        Review.objects.bulk_create(reviews)
        reputation_refresh(organisation_id=self.provider.pk)

    def projects(self) -> None:
        """PROJECTS projects of the association in every state, with quotes on the open ones."""
        from django.utils import timezone

        from marketplace.models.projects import ProjectState, ProposalState
        from tests.project_factories import ProjectFactory, ProposalFactory, VerifiedProviderFactory

        quoting = [VerifiedProviderFactory(name=f"Prestataire en lice {n}") for n in range(3)]
        states = list(ProjectState)
        for index in range(PROJECTS):
            state = states[index % len(states)]
            project = ProjectFactory(
                organisation=self.association,
                state=state,
                published_at=None if state == ProjectState.DRAFT else timezone.now(),
                title=f"Projet numérique n°{index} de la maison des associations",
            )
            if state in (ProjectState.AWARDED, ProjectState.IN_PROGRESS, ProjectState.DELIVERED, ProjectState.CLOSED):
                self._awarded(project, self.provider)
            elif state == ProjectState.PUBLISHED:
                for provider in quoting:
                    ProposalFactory(project=project, provider=provider, state=ProposalState.SUBMITTED)

    def messages(self):
        """A direct conversation of MESSAGES messages between the two, both sides writing, read by both."""
        import datetime

        from django.utils import timezone

        from messaging.models import Message, ReadState
        from messaging.services import conversation_open

        conversation = conversation_open(association=self.association, provider=self.provider)
        start = timezone.now() - datetime.timedelta(days=200)
        sides = [(self.association_owner, self.association), (self.provider_owner, self.provider)]
        Message.objects.bulk_create(
            [
                Message(
                    conversation=conversation,
                    seq=seq,
                    body=f"Message {seq} : point d'étape sur la refonte du site et la formation des bénévoles.",
                    sender_user=sides[seq % 2][0],
                    sender_org=sides[seq % 2][1],
                    created_at=start + datetime.timedelta(hours=2 * seq),
                )
                for seq in range(1, MESSAGES + 1)
            ],
            batch_size=500,
        )
        conversation.last_seq = MESSAGES
        conversation.last_message_at = start + datetime.timedelta(hours=2 * MESSAGES)
        conversation.save(update_fields=["last_seq", "last_message_at"])
        ReadState.objects.bulk_create(
            [
                ReadState(conversation=conversation, organisation=self.association, last_read_seq=MESSAGES - 3),
                ReadState(conversation=conversation, organisation=self.provider, last_read_seq=MESSAGES),
            ]
        )
        return conversation

    def index(self) -> None:
        """The new providers and projects in the search index, as the services' signals would queue them."""
        from marketplace.models import Project, ProviderProfile
        from search.indexing import index_enqueue, index_process_queue
        from search.models import IndexKind

        providers = ProviderProfile.objects.values_list("pk", flat=True)
        index_enqueue(kind=IndexKind.PROVIDER, ids=list(providers))
        index_enqueue(kind=IndexKind.PROJECT, ids=list(Project.objects.values_list("pk", flat=True)))
        index_process_queue()

    def cases(self) -> dict[str, tuple[str, str]]:
        """What each case is: (who logs in, url), the same keys as `demo_cases`."""
        asso, presta = self.association_owner.email, self.provider_owner.email
        return {
            f"provider with {REVIEWS} reviews: public page": ("", f"/prestataires/{self.provider.slug}/"),
            f"provider with {REVIEWS} reviews: directory": ("", "/prestataires/"),
            f"provider with {REVIEWS} reviews: directory search": ("", "/prestataires/?q=solidaire"),
            f"association with {PROJECTS} projects: project list": (asso, "/projets/"),
            f"association with {PROJECTS} projects: dashboard": (asso, "/tableau-de-bord/"),
            f"conversation of {MESSAGES:,} messages, association": (asso, f"/messages/{self.conversation.pk}/"),
            f"conversation of {MESSAGES:,} messages, provider": (presta, f"/messages/{self.conversation.pk}/"),
            f"conversation of {MESSAGES:,} messages: inbox": (asso, "/messages/"),
        }


def demo_cases() -> dict[str, tuple[str, str]]:
    """The same pages at the demo's volume (its provider, association and two-message conversation): the
    baselines of the volume cases, measured before the volumes are added."""
    from marketplace.models import Organisation
    from messaging.models import Conversation
    from tests.main_pages import DEMO_ASSOCIATION, DEMO_PROVIDER

    provider = Organisation.objects.get(name=DEMO_PROVIDER)
    association = Organisation.objects.get(name=DEMO_ASSOCIATION)
    conversation = Conversation.objects.filter(association=association, provider=provider).first()
    asso, presta = "asso@demo.test", "presta@demo.test"
    return {
        f"provider with {REVIEWS} reviews: public page": ("", f"/prestataires/{provider.slug}/"),
        f"provider with {REVIEWS} reviews: directory": ("", "/prestataires/"),
        f"provider with {REVIEWS} reviews: directory search": ("", "/prestataires/?q=solidaire"),
        f"association with {PROJECTS} projects: project list": (asso, "/projets/"),
        f"association with {PROJECTS} projects: dashboard": (asso, "/tableau-de-bord/"),
        f"conversation of {MESSAGES:,} messages, association": (asso, f"/messages/{conversation.pk}/"),
        f"conversation of {MESSAGES:,} messages, provider": (presta, f"/messages/{conversation.pk}/"),
        f"conversation of {MESSAGES:,} messages: inbox": (asso, "/messages/"),
    }


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


class Pages:
    """Measures pages, one logged-in client per person, and prints one line per page with its flags."""

    def __init__(self, requests: int):
        self.requests = requests
        self.clients: dict[str, object] = {}
        self.rows: dict[tuple[str, str], dict] = {}
        self.over: list[str] = []
        self.wrong_status: list[str] = []
        out(f"{'audience':<12} {'page':<58} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL':>5}")

    def measure(self, audience: str, email: str, url: str) -> dict:
        if email not in self.clients:
            self.clients[email] = client_for(email or None)
        row = measure(self.clients[email], url, self.requests)
        self.rows[(email, url)] = row
        expected = 404 if "n-existe-pas" in url else 200
        flags = []
        if row["status"] != expected:
            flags.append(f"status {row['status']}")
            self.wrong_status.append(f"{audience} {url}: status {row['status']}")
        if row["p95"] > P95_BUDGET_MS:
            flags.append("p95 over budget")
        if row["queries"] > QUERY_BUDGET:
            flags.append("queries over budget")
        if flags:
            self.over.append(f"{audience} {url}: {', '.join(flags)}")
        out(
            f"{audience:<12} {url[:58]:<58} {row['status']:>6} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['max']:>8.1f} {row['queries']:>5}{'  <-- ' + ', '.join(flags) if flags else ''}"
        )
        return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (after 2 warm-ups)")
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    parser.add_argument("--sqlite", default=str(Path(tempfile.gettempdir()) / "page_render_bench.sqlite3"))
    add_budget_option(parser)
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests must be at least 1")

    out(load_average("start"))
    configure(args)
    from django.conf import settings

    from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls

    started = time.perf_counter()
    prepare_demo()
    out(f"demo seeded in {time.perf_counter() - started:.1f} s on {settings.DATABASES['default']['ENGINE']}")
    audiences = [
        ("visitor", "", public_urls()),
        ("association", "asso@demo.test", association_urls()),
        ("provider", "presta@demo.test", provider_urls()),
    ]
    pages = Pages(args.requests)
    for audience, email, urls in audiences:
        for url in urls:
            pages.measure(audience, email, url)
    main_rows = [(url, row) for (_email, url), row in pages.rows.items()]

    # The demo's pages that the volume cases change, measured again if they were not in the lists above.
    baselines = demo_cases()
    for email, url in baselines.values():
        if (email, url) not in pages.rows:
            pages.measure("demo volume", email, url)
    baseline_rows = {what: pages.rows[key] for what, key in baselines.items()}
    started = time.perf_counter()
    volumes = Volumes()
    out(
        f"volumes added in {time.perf_counter() - started:.1f} s: a provider with {REVIEWS} reviews, an association "
        f"with {PROJECTS} projects, a conversation of {MESSAGES:,} messages"
    )
    cases = volumes.cases()
    case_rows = {what: pages.measure("volume", email, url) for what, (email, url) in cases.items()}

    budgets = Budgets(f"page_render_bench, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    p95s = [row["p95"] for _url, row in main_rows]
    worst_url, worst = max(main_rows, key=lambda item: item[1]["p95"])
    budgets.add(
        f"{len(main_rows)} main pages: worst p95",
        figure=f"{worst['p95']:.1f} ms ({worst_url[:40]})",
        baseline=f"median page {statistics.median(p95s):.1f} ms",
        budget=f"< {P95_BUDGET_MS:g} ms",
        ok=worst["p95"] < P95_BUDGET_MS,
    )
    most_url, most = max(main_rows, key=lambda item: item[1]["queries"])
    budgets.add(
        f"{len(main_rows)} main pages: most queries",
        figure=f"{most['queries']} ({most_url[:40]})",
        baseline=f"median page {statistics.median(row['queries'] for _u, row in main_rows):g}",
        budget=f"<= {QUERY_BUDGET}",
        ok=most["queries"] <= QUERY_BUDGET,
    )
    for what, row in case_rows.items():
        base = baseline_rows[what]
        budgets.add(
            what,
            figure=f"{row['p95']:.1f} ms, {row['queries']} queries",
            baseline=f"demo {base['p95']:.1f} ms, {base['queries']} queries",
            budget=f"< {P95_BUDGET_MS:g} ms, <= {QUERY_BUDGET} queries",
            ok=row["p95"] < P95_BUDGET_MS and row["queries"] <= QUERY_BUDGET,
        )
    budgets.print()
    for line in pages.over:
        out(f"OVER BUDGET: {line}")
    for line in pages.wrong_status:
        out(f"WRONG STATUS: {line}")
    out(load_average("end"))
    code = budgets.exit_code(no_budget=args.no_budget)
    return 1 if pages.wrong_status else code


if __name__ == "__main__":
    sys.exit(main())
