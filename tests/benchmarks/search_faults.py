"""Search faults: a three-node OpenSearch cluster loses a node, then goes down entirely, then comes back.

Standalone script, not a pytest test (the `opensearch` test `tests/search/test_search_faults.py` runs `--short`):

    .venv/bin/python tests/benchmarks/search_faults.py            # about 3 minutes
    .venv/bin/python tests/benchmarks/search_faults.py --short    # about 1 minute, what CI runs

It starts three OpenSearch nodes with the runner `ops/services.sh` uses (one JVM each, their own ports and data
directories under var/search-faults/, one replica per index), seeds providers and projects in a scratch SQLite
database, indexes them, then, while one thread changes providers and sends the indexing queue and others
search and match against the cluster, kills (SIGKILL) the node holding the providers' primary shard. It prints:

* index writes lost: changes the queue had handed to the cluster (acknowledged) that the index does not hold
  after the kill; budget 0;
* requests failed, and the longest stretch during which searches kept failing; budget a few seconds;

then stops the whole cluster and shows the directory and matching answering from the database with the notice
users see, changes a few providers while it is down, restarts the cluster and measures how long the indexing
queue takes to catch up; budget: documents in the index = documents in the database, each at its latest
version. It exits 1 when a budget fails (`--no-budget` only reports; lost writes always fail).
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.budgets import Budgets, add_budget_option, load_average, out  # noqa: E402

NODES = 3
RUNNER = "org.codelibs.opensearch.runner.OpenSearchRunner"
CLUSTER_NAME = "passerelle-faults"
INDEX_PREFIX = "faults"
# Budgets (see README.md).
LONGEST_FAILURE_SECONDS = 5.0
CATCH_UP_SECONDS = 30.0
SKILLS = ["wordpress", "site-vitrine", "audit-securite", "rgpd-conformite", "dons-en-ligne"]


@dataclass(frozen=True)
class Scale:
    providers: int
    projects: int
    warmup: float  # seconds of traffic before the kill
    after_kill: float  # seconds of traffic after it
    changes_while_down: int
    # True: the whole cluster is stopped and started again (a second JVM start, a minute or more on a busy
    # machine); False (--short): it is frozen (SIGSTOP, every request times out) and thawed.
    restart: bool


SHORT = Scale(providers=30, projects=4, warmup=4, after_kill=12, changes_while_down=5, restart=False)
FULL = Scale(providers=300, projects=20, warmup=15, after_kill=60, changes_while_down=40, restart=True)


# The cluster ----------------------------------------------------------------------------------------------


class Node:
    """One OpenSearch node in its own JVM: `OpenSearchRunner` with one node, configured through its yml."""

    def __init__(self, number: int, *, base: Path, http_port: int, transport_ports: list[int], heap: str, cp: str):
        self.number = number
        self.base = base / f"node{number}"
        self.http_port = http_port
        self.transport_port = transport_ports[number - 1]
        self.transport_ports = transport_ports
        self.heap = heap
        self.classpath = cp
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def configure(self) -> None:
        """The runner copies its own opensearch.yml only when none is there: ours names the other nodes.

        Every node is called "Node 1" by the runner (one node per JVM), so the first election is bootstrapped
        from transport addresses, which are unique.
        """
        config = self.base / "node_1" / "config"
        config.mkdir(parents=True, exist_ok=True)
        addresses = ", ".join(f'"127.0.0.1:{port}"' for port in self.transport_ports)
        (config / "opensearch.yml").write_text(
            f"transport.port: {self.transport_port}\n"
            f"network.host: 127.0.0.1\n"
            f"discovery.seed_hosts: [{addresses}]\n"
            f"cluster.initial_cluster_manager_nodes: [{addresses}]\n"
            # Three JVMs on a shared machine: do not refuse writes because the disk is fuller than a server's.
            "cluster.routing.allocation.disk.threshold_enabled: false\n",
            encoding="utf-8",
        )

    def start(self) -> None:
        with (self.base / "runner.log").open("ab") as log:
            self._spawn(log)

    def _spawn(self, log) -> None:
        self.process = subprocess.Popen(  # noqa: S603  our own java command line
            [
                shutil.which("java") or "java",
                f"-Xms{self.heap}",
                f"-Xmx{self.heap}",
                "-cp",
                self.classpath,
                RUNNER,
                *("-basePath", str(self.base), "-numOfNode", "1"),
                *("-baseHttpPort", str(self.http_port - 1), "-clusterName", CLUSTER_NAME),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """A crash: SIGKILL, no goodbye to the cluster."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """An orderly stop (SIGTERM: the runner closes the node), SIGKILL after 30 s."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def freeze(self, frozen: bool) -> None:
        """SIGSTOP: the node hangs (connections open, no answer), as an overloaded or partitioned one; SIGCONT."""
        if self.alive:
            self.process.send_signal(signal.SIGSTOP if frozen else signal.SIGCONT)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


class Cluster:
    def __init__(self, *, base: Path, base_port: int, heap: str, classpath: str):
        transport = [base_port + 100 + n for n in range(1, NODES + 1)]
        self.base = base
        self.nodes = [
            Node(n, base=base, http_port=base_port + n, transport_ports=transport, heap=heap, cp=classpath)
            for n in range(1, NODES + 1)
        ]

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    def start(self, *, fresh: bool) -> float:
        """Start every node (wiping their data first when `fresh`); seconds until it answers with every node.

        A fresh cluster waits for green; a returning one for yellow (every primary back: writes and searches
        work, the replicas catch up behind)."""
        started = time.monotonic()
        if fresh:
            shutil.rmtree(self.base, ignore_errors=True)
        for node in self.nodes:
            node.configure()
            node.start()
        self.wait_healthy(nodes=NODES, status="green" if fresh else "yellow", timeout=300)
        return time.monotonic() - started

    def health(self, node: "Node | None" = None, **params) -> dict:
        import json

        query = "&".join(f"{key}={value}" for key, value in params.items())
        url = f"{(node or self.live_node()).url}/_cluster/health?{query}"
        with urllib.request.urlopen(url, timeout=70) as answer:  # noqa: S310  our own node
            return json.loads(answer.read())

    def live_node(self) -> Node:
        return next(node for node in self.nodes if node.alive)

    def wait_healthy(self, *, nodes: int, status: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = [node for node in self.nodes if node.process is not None and not node.alive]
            if len(dead) > NODES - nodes:
                raise RuntimeError(f"node(s) {[n.number for n in dead]} exited; see {self.base}/node*/runner.log")
            try:
                health = self.health(wait_for_nodes=nodes, wait_for_status=status, timeout="5s")
                if not health.get("timed_out"):
                    return
            except OSError:
                pass
            time.sleep(1)
        raise RuntimeError(f"the cluster did not reach {nodes} nodes and {status} in {timeout:.0f} s")

    def node_holding_primary(self, index: str) -> Node:
        """The node whose JVM holds the primary shard of `index` (found by its HTTP port in _nodes)."""
        import json

        live = self.live_node().url
        with urllib.request.urlopen(f"{live}/_nodes/http?format=json") as answer:  # noqa: S310
            nodes = json.loads(answer.read())["nodes"]
        # Every node is named "Node 1": find the primary's node by its id, then the node by its HTTP port.
        with urllib.request.urlopen(f"{live}/_cat/shards/{index}?format=json&h=prirep,id") as answer:  # noqa: S310
            ids = json.loads(answer.read())
        primary_id = next(shard["id"] for shard in ids if shard["prirep"] == "p")
        port = int(nodes[_full_id(nodes, primary_id)]["http"]["publish_address"].rsplit(":", 1)[1])
        return next(node for node in self.nodes if node.http_port == port)

    def stop(self) -> None:
        for node in self.nodes:
            node.freeze(False)
            node.stop()

    def freeze(self, frozen: bool) -> None:
        for node in self.nodes:
            node.freeze(frozen)


def _full_id(nodes: dict, short_id: str) -> str:
    return next(node_id for node_id in nodes if node_id.startswith(short_id))


def classpath(explicit: str | None) -> str:
    """The runner's classpath: the file `ops/services.sh` writes, resolved with Maven when it is missing."""
    path = Path(explicit or os.environ.get("OPENSEARCH_CLASSPATH") or ROOT / "var/services/opensearch.classpath")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603
            ["mvn", "-q", "-B", "dependency:build-classpath", f"-Dmdep.outputFile={path}"],  # noqa: S607
            cwd=ROOT / "ops/opensearch",
            check=True,
        )
    return path.read_text(encoding="utf-8").strip()


# Traffic --------------------------------------------------------------------------------------------------


@dataclass
class Traffic:
    """What the threads saw; `searches` holds (start, end, ok) per request, in monotonic seconds."""

    stop: threading.Event = field(default_factory=threading.Event)
    searches: list = field(default_factory=list)
    writes: int = 0
    write_rounds_failed: int = 0
    errors: list = field(default_factory=list)

    def longest_failure(self) -> float:
        """The longest time searches kept failing, as users see it: from the moment a search answered with an
        error to the moment the next one answered with results (answers in the order they came)."""
        longest, failing_since = 0.0, None
        answers = sorted((end, ok) for _start, end, ok in self.searches)
        for end, ok in answers:
            if not ok and failing_since is None:
                failing_since = end
            elif ok and failing_since is not None:
                longest = max(longest, end - failing_since)
                failing_since = None
        if failing_since is not None:
            longest = max(longest, answers[-1][0] - failing_since)
        return longest

    def slowest_failure(self) -> float:
        """How long the slowest failed search made its caller wait before the error."""
        return max((end - start for start, end, ok in self.searches if not ok), default=0.0)


def _writer(traffic: Traffic, provider_ids: list[int]) -> None:
    """Change one provider at a time and send the indexing queue, as the task does after each commit."""
    from django.db import connection
    from django.utils import timezone

    from marketplace.models import ProviderProfile
    from search.indexing import index_enqueue, index_process_queue
    from search.models import IndexKind

    rng = random.Random(7)  # noqa: S311
    try:
        while not traffic.stop.is_set():
            pk = rng.choice(provider_ids)
            traffic.writes += 1
            ProviderProfile.objects.filter(pk=pk).update(
                presentation=f"Sites WordPress et audits pour associations, révision {traffic.writes}.",
                updated_at=timezone.now(),
            )
            index_enqueue(kind=IndexKind.PROVIDER, ids=[pk])
            if index_process_queue().failed:
                traffic.write_rounds_failed += 1
            time.sleep(0.05)
    except Exception as exc:  # noqa: BLE001  reported in the output, not hidden in a thread
        traffic.errors.append(f"writer: {exc!r}")
    finally:
        connection.close()


def _reader(traffic: Traffic, probes: list, seed: int) -> None:
    """Search and match against the cluster itself (no fallback): what the budget on failures is about."""
    from search.engines import get_engine
    from search.engines.base import EngineUnavailable
    from search.faceted import FacetedQuery
    from search.models import IndexKind

    rng = random.Random(seed)  # noqa: S311
    engine = get_engine()
    directory = FacetedQuery(kind=IndexKind.PROVIDER, text="wordpress", only={"verified": True}, per_page=10)
    while not traffic.stop.is_set():
        start = time.monotonic()
        try:
            if rng.random() < 0.5:
                engine.match(rng.choice(probes))
            else:
                engine.faceted_search(directory)
            ok = True
        except EngineUnavailable:
            ok = False
        traffic.searches.append((start, time.monotonic(), ok))
        time.sleep(0.05)


# The run --------------------------------------------------------------------------------------------------


def seed(scale: Scale) -> tuple[list[int], list[int]]:
    import importlib

    from django.apps import apps

    from marketplace.models import Skill
    from tests.profile_factories import ProviderProfileFactory
    from tests.project_factories import ProjectFactory

    if Skill.objects.filter(slug__in=SKILLS).count() < len(SKILLS):
        # A test database emptied by an earlier transactional test: load the taxonomy as its migration does.
        importlib.import_module("marketplace.migrations.0003_load_skill_taxonomy").load(apps, None)

    rng = random.Random(11)  # noqa: S311
    providers = [
        ProviderProfileFactory(
            skills=rng.sample(SKILLS, 2),
            presentation="Sites WordPress, audits de sécurité et dons en ligne pour les associations.",
        )
        for _ in range(scale.providers)
    ]
    projects = [
        ProjectFactory(
            published=True,
            title=f"Refonte du site WordPress, projet {n}",
            description="Un site vitrine accessible, des dons en ligne et un audit de sécurité.",
        )
        for n in range(scale.projects)
    ]
    for project in projects:
        project.skills.set(project.skills.model.objects.filter(slug__in=rng.sample(SKILLS, 2)))
    return [p.pk for p in providers], [p.pk for p in projects]


def index_all(provider_ids, project_ids) -> None:
    from search.indexing import index_enqueue, index_process_queue, index_retry_now
    from search.models import IndexKind

    index_enqueue(kind=IndexKind.PROVIDER, ids=provider_ids)
    index_enqueue(kind=IndexKind.PROJECT, ids=project_ids)
    # A cluster that has just started may time out on its first index creations: retry for two minutes.
    deadline = time.monotonic() + 120
    while (report := index_process_queue()).remaining:
        if time.monotonic() > deadline:
            raise RuntimeError(f"first indexing failed: {report.error}")
        time.sleep(2)
        index_retry_now()


def drift() -> tuple[int, int, set[int]]:
    """(documents in the index, providers in the database, ids whose indexed version is not the database's)."""
    from marketplace.models import ProviderProfile
    from search.documents import provider_queryset, provider_sources
    from search.engines import get_engine
    from search.models import IndexKind

    indexed = get_engine().stored_versions(IndexKind.PROVIDER)
    current = {source["id"]: source["updated_at"] for source in provider_sources(list(provider_queryset()))}
    wrong = {pk for pk, version in current.items() if indexed.get(pk) != version}
    wrong |= set(indexed) - set(current)
    return len(indexed), ProviderProfile.objects.count(), wrong


def run(*, scale: Scale, cluster: Cluster, budgets: Budgets) -> None:
    """Start the cluster and point the engine at it (one replica, short timeouts) for the three phases."""
    from django.test import override_settings

    out(f"starting {NODES} nodes ({', '.join(cluster.urls)}) ...")
    out(f"cluster green in {cluster.start(fresh=True):.1f} s")
    with override_settings(
        SEARCH_ENGINE="opensearch",
        SEARCH_URLS=cluster.urls,
        SEARCH_INDEX_PREFIX=INDEX_PREFIX,
        SEARCH_INDEX_REPLICAS=1,
        # The product's default: a search slower than that counts as failed (and pages fall back to SQL).
        SEARCH_TIMEOUT_SECONDS=5,
        SEARCH_BULK_TIMEOUT_SECONDS=30,
        SEARCH_REFRESH_TIMEOUT_SECONDS=30,
    ):
        _faults(scale=scale, cluster=cluster, budgets=budgets)


def _faults(*, scale: Scale, cluster: Cluster, budgets: Budgets) -> None:
    from django.http import QueryDict
    from django.utils import timezone

    from marketplace.models import Project, ProviderProfile
    from search.documents import project_queryset, project_source
    from search.indexing import index_enqueue, index_process_queue, index_retry_now
    from search.matching import _need_text, _probe_for_need
    from search.models import IndexKind, IndexQueueItem
    from search.scoring import Need
    from search.selectors.directory import provider_directory
    from search.selectors.matches import project_matches_context

    provider_ids, project_ids = seed(scale)
    index_all(provider_ids, project_ids)
    cluster.wait_healthy(nodes=NODES, status="green", timeout=60)
    out(f"seeded and indexed {len(provider_ids)} providers and {len(project_ids)} projects (one replica)")
    probes = []
    for project in project_queryset().filter(pk__in=project_ids):
        source = project_source(project)
        probes.append(_probe_for_need(Need.from_source(source), _need_text(source)))

    # 1. A node dies while writes and searches go on.
    traffic = Traffic()
    threads = [threading.Thread(target=_writer, args=(traffic, provider_ids), daemon=True)]
    threads += [threading.Thread(target=_reader, args=(traffic, probes, n), daemon=True) for n in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(scale.warmup)
    victim = cluster.node_holding_primary(f"{INDEX_PREFIX}_providers")
    killed_at = time.monotonic()
    victim.kill()
    out(f"killed node {victim.number} ({victim.url}), holder of the providers' primary shard, with SIGKILL")
    time.sleep(scale.after_kill)
    traffic.stop.set()
    for thread in threads:
        thread.join(timeout=60)

    queued = set(IndexQueueItem.objects.filter(kind=IndexKind.PROVIDER).values_list("object_id", flat=True))
    _count, _rows, wrong = drift()
    lost = wrong - queued
    after = [ok for start, _end, ok in traffic.searches if start >= killed_at]
    failed = sum(1 for ok in after if not ok)
    longest = traffic.longest_failure()
    out(f"writes: {traffic.writes} changes, {traffic.write_rounds_failed} queue rounds failed (kept, retried)")
    out(f"index writes lost: {len(lost)} (acknowledged but absent; {len(queued)} still queued, not lost)")
    out(
        f"searches after the kill: {len(after)}, failed {failed}; searches kept failing for {longest:.2f} s at "
        f"most; the slowest failed search waited {traffic.slowest_failure():.2f} s for its error"
    )
    for error in traffic.errors:
        out(f"thread error: {error}")
    budgets.add("index writes lost after a node died", figure=str(len(lost)), baseline="-", budget="0", ok=not lost)
    budgets.add(
        "longest run of failed searches",
        figure=f"{longest:.2f} s",
        baseline=f"{failed} failed of {len(after)}",
        budget=f"<= {LONGEST_FAILURE_SECONDS:.0f} s",
        ok=longest <= LONGEST_FAILURE_SECONDS and not traffic.errors,
    )

    # 2. The whole cluster is down: the pages answer from the database and say so; changes wait in the queue.
    if scale.restart:
        cluster.stop()
        out("stopped the whole cluster")
    else:
        cluster.freeze(True)
        out("froze the whole cluster (SIGSTOP: connections open, no answer)")
    started = time.monotonic()
    directory = provider_directory(params=QueryDict("q=wordpress"))
    directory_seconds = time.monotonic() - started
    project = Project.objects.get(pk=project_ids[0])
    started = time.monotonic()
    matches = project_matches_context(project=project)
    matches_seconds = time.monotonic() - started
    notice = str(matches.get("search_notice") or "")
    out(
        f"directory: {directory.count} providers from the database in {directory_seconds:.2f} s, notice shown: "
        f"{directory.degraded}"
    )
    out(
        f"matching: {len(matches['matches'])} providers from the database in {matches_seconds:.2f} s, notice: "
        f"{notice[:70]!r}"
    )
    budgets.add(
        "directory with the cluster down",
        figure=f"{directory.count} providers",
        baseline="-",
        budget="> 0, with the notice",
        ok=directory.count > 0 and directory.degraded,
    )
    budgets.add(
        "matching with the cluster down",
        figure=f"{len(matches['matches'])} providers",
        baseline="-",
        budget="> 0, with the notice",
        ok=bool(matches["matches"]) and bool(notice),
    )
    changed = provider_ids[: scale.changes_while_down]
    ProviderProfile.objects.filter(pk__in=changed).update(
        presentation="Modifié pendant la panne du moteur de recherche.", updated_at=timezone.now()
    )
    index_enqueue(kind=IndexKind.PROVIDER, ids=changed)
    report = index_process_queue()
    waiting = IndexQueueItem.objects.count()
    out(f"changed {len(changed)} providers while down: {report.failed} refused by the engine, {waiting} queued")

    # 3. The cluster comes back: the queue catches up and the index equals the database.
    if scale.restart:
        out(f"cluster back (same data) in {cluster.start(fresh=False):.1f} s")
    else:
        thawed = time.monotonic()
        cluster.freeze(False)
        cluster.wait_healthy(nodes=NODES - 1, status="yellow", timeout=120)
        out(f"cluster thawed, answering in {time.monotonic() - thawed:.1f} s")
    started = time.monotonic()
    index_retry_now()
    while True:
        report = index_process_queue()
        if not report.remaining or time.monotonic() - started > CATCH_UP_SECONDS * 2:
            break
        time.sleep(0.5)
        index_retry_now()
    catch_up = time.monotonic() - started
    count, rows, wrong = drift()
    out(
        f"queue caught up in {catch_up:.1f} s ({report.remaining} left); index {count} documents, database {rows}, "
        f"{len(wrong)} at another version"
    )
    budgets.add(
        "catch-up after the cluster returned",
        figure=f"{catch_up:.1f} s",
        baseline=f"{waiting} queued",
        budget=f"<= {CATCH_UP_SECONDS:.0f} s",
        ok=catch_up <= CATCH_UP_SECONDS,
    )
    budgets.add(
        "index = database after the return",
        figure=f"{count} / {rows}, {len(wrong)} stale",
        baseline="-",
        budget="equal, 0 stale",
        ok=count == rows and not wrong and not report.remaining,
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="a small run for CI (about a minute)")
    parser.add_argument("--base-port", type=int, default=9210, help="nodes answer HTTP on base+1..3, transport +100")
    parser.add_argument("--heap", default="512m", help="heap of each node's JVM")
    parser.add_argument("--classpath", help="the runner's classpath file (default var/services/opensearch.classpath)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var/search-faults", help="the nodes' directories")
    add_budget_option(parser)
    return parser.parse_args(argv)


def configure(sqlite: Path) -> None:
    """A scratch SQLite database, migrated; the cluster settings are set by `run`."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = f"sqlite:///{sqlite}"
    os.environ["SEARCH_ENGINE"] = "database"
    os.environ["TASKS_BACKEND"] = "database"  # the script sends the queue itself, as the task would
    os.environ.pop("REDIS_URL", None)
    import logging

    import django

    django.setup()
    for name in ("opensearch", "elasticsearch", "elastic_transport", "urllib3", "search"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def execute(args, *, configure_django: bool = True) -> int:
    """The whole run; `configure_django=False` when Django is already set up (the pytest test)."""
    out(load_average("start"))
    budgets = Budgets("search faults" + (" (short)" if args.short else ""))
    cluster = Cluster(base=args.data_dir, base_port=args.base_port, heap=args.heap, classpath=classpath(args.classpath))
    with tempfile.TemporaryDirectory(prefix="search-faults-") as scratch:
        try:
            if configure_django:
                started = time.monotonic()
                configure(Path(scratch) / "db.sqlite3")
                out(f"migrated a scratch database in {time.monotonic() - started:.1f} s")
            run(scale=SHORT if args.short else FULL, cluster=cluster, budgets=budgets)
        finally:
            cluster.stop()
            shutil.rmtree(args.data_dir, ignore_errors=True)
    out(load_average("end"))
    budgets.print()
    lost = [check for check in budgets.failed if "lost" in check.name or "=" in check.name]
    if lost:
        out("data lost: failing whatever --no-budget says")
        return 1
    return budgets.exit_code(no_budget=args.no_budget)


def main(argv=None) -> int:
    return execute(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
