"""Search and matching benchmark: bulk indexing, match latency against its floors, and relevance against BM25.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/search_bench.py --engine database --providers 5000 --projects 1000
    .venv/bin/python tests/benchmarks/search_bench.py --engine opensearch --providers 50000 --projects 5000

It generates a synthetic marketplace with its relevance labels (`generate_marketplace.py`, `synthetic.py`),
imports it into a scratch SQLite database with the import service, rebuilds the search indices
(`search.maintenance.index_rebuild`: documents built apart from the engine's writes, peak memory), times
`providers_for(project, limit=10)` end to end and, on a cluster engine, the raw query it sends and a plain
multi-match on the same index, the three in a random order at every iteration; on the database engine it also
times matching at 1,000 providers in a child run. It compares the ranking with a plain BM25 baseline on the
labels (nDCG@10, P@5), prints each figure beside its baseline and budget, and exits 1 when a budget fails
(`--no-budget` only reports). See README.md in this folder.
"""

import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.budgets import Budgets, add_budget_option, load_average, out, ratio  # noqa: E402

WARMUP = 20
LIMIT = 10
BASELINE_FIELDS = ["presentation", "services", "portfolio", "skill_names", "name"]

# Budgets (see README.md): ratios in one run on one machine, and a few ceilings.
CLUSTER_BUDGET_PROVIDERS = 50_000
CLUSTER_P95_MS = 60.0  # our call, on an idle machine
RAW_OVER_FLOOR = 2.0  # the raw query we send / a plain multi-match on the same index, p95
OURS_OVER_RAW = 1.3  # providers_for / the raw query it sends, p95
BULK_DOCS_PER_SECOND = 2_500  # provider rebuild at 50k, building included
RSS_CHECKPOINT = 10_000  # peak memory after this many documents, then at the end of the rebuild
RSS_GROWTH = 0.10  # "flat": the peak at the end at most 10 % above the one at the checkpoint
DATABASE_BUDGET_PROVIDERS = 5_000
DATABASE_REFERENCE_PROVIDERS = 1_000
DATABASE_P95_MS = 100.0
DATABASE_SCALING = 2.0  # p95 at 5k / p95 at 1k
NDCG_GAIN = 0.15


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


# Relevance ---------------------------------------------------------------------------------------------------


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(ranked_refs: list[str], labels: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(labels.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([labels.get(ref, 0) for ref in ranked_refs[:k]]) / ideal


def precision_at(ranked_refs: list[str], labels: dict[str, int], k: int = 5) -> float:
    return sum(1 for ref in ranked_refs[:k] if labels.get(ref, 0) >= 2) / k


# Setup -------------------------------------------------------------------------------------------------------


def configure(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite}"
    os.environ["SEARCH_ENGINE"] = args.engine
    os.environ["SEARCH_INDEX_PREFIX"] = "bench"
    os.environ["TASKS_BACKEND"] = "database"
    if args.search_url:
        os.environ["SEARCH_URLS"] = args.search_url
    os.environ.pop("REDIS_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    # The cluster clients log every request at INFO: that is noise here, and it costs time in the loop.
    for name in ("opensearch", "elasticsearch", "elastic_transport", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)


def generate(args, data_dir: Path) -> float:
    from tests.benchmarks.synthetic import write_marketplace

    started = time.perf_counter()
    write_marketplace(
        out_dir=data_dir,
        providers=args.providers,
        associations=max(1, args.projects),
        projects=args.projects,
        seed=args.seed,
        label_projects=args.label_projects or None,
    )
    return time.perf_counter() - started


def import_data(data_file: Path) -> tuple[float, dict]:
    from marketplace.services.imports import marketplace_import
    from search.models import IndexQueueItem

    started = time.perf_counter()
    with data_file.open(encoding="utf-8") as lines:
        result = marketplace_import(lines=lines)
    seconds = time.perf_counter() - started
    # The rebuild below covers everything the import queued.
    IndexQueueItem.objects.all().delete()
    return seconds, {"created": dict(result.created), "errors": len(result.errors)}


def peak_rss_mib(*, reset: bool = False) -> float:
    """The process's peak resident memory so far (VmHWM), in MiB; `reset` starts a new peak (Linux 4.0+)."""
    if reset:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            return math.nan
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return math.nan
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else math.nan


class Rebuilt:
    """What one `index_rebuild` took: documents, wall time, time building documents and time in the engine's
    writes (apart, even when the cluster engine overlaps them), and the peak memory at a checkpoint and at the
    end."""

    def __init__(self):
        self.documents = 0
        self.seconds = self.building = self.writing = 0.0
        self.rss_start = self.rss_checkpoint = self.rss_end = math.nan
        self.checkpoint = 0
        self.profile = ""

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else math.inf


def rebuild(kind: str, profile: bool) -> Rebuilt:
    import search.maintenance as maintenance
    from search.engines import get_engine
    from search.maintenance import index_rebuild
    from search.models import IndexQueueItem

    engine = get_engine()
    result = Rebuilt()
    original_sources = maintenance.iter_sources

    def timed_sources(kind_, **options):
        batches = original_sources(kind_, **options)
        while True:
            began = time.perf_counter()
            try:
                batch = next(batches)
            except StopIteration:
                return
            finally:
                result.building += time.perf_counter() - began
            yield batch

    # The engine's own write of one batch: the cluster's bulk request, the database engine's inserts.
    writer = "_store" if engine.name == "database" else "_bulk_new_index"
    original_write = getattr(engine, writer)

    def timed_write(*args, **kwargs):
        began = time.perf_counter()
        try:
            return original_write(*args, **kwargs)
        finally:
            result.writing += time.perf_counter() - began

    def progress(done: int, total: int) -> None:
        if not result.checkpoint:
            result.checkpoint = RSS_CHECKPOINT if total > RSS_CHECKPOINT else max(1, total // 5)
        if done >= result.checkpoint and math.isnan(result.rss_checkpoint):
            result.rss_checkpoint = peak_rss_mib()
            result.checkpoint = done

    maintenance.iter_sources = timed_sources
    setattr(engine, writer, timed_write)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    result.rss_start = peak_rss_mib(reset=True)
    started = time.perf_counter()
    try:
        result.documents = index_rebuild(engine=engine, kind=kind, on_batch=progress)
    finally:
        maintenance.iter_sources = original_sources
        delattr(engine, writer)
    result.seconds = time.perf_counter() - started
    result.rss_end = peak_rss_mib()
    if profiler is not None:
        profiler.disable()
        result.profile = profile_report(profiler)
    IndexQueueItem.objects.filter(kind=kind).delete()
    return result


def profile_report(profiler, top: int = 18) -> str:
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    buffer.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    text = buffer.getvalue()
    return "\n".join(line for line in text.splitlines() if line.strip() and not line.startswith("   Ordered by"))


# Measurements ------------------------------------------------------------------------------------------------


def probe_for(project):
    """The probe `providers_for` builds for this project (same helpers, same order)."""
    from search.documents import project_queryset, project_source
    from search.matching import _need_text, _probe_for_need
    from search.scoring import Need

    source = project_source(project_queryset().get(pk=project.pk))
    return _probe_for_need(Need.from_source(source), _need_text(source)), source


def raw_bodies(projects) -> tuple[list[dict], list[dict]]:
    """For each project, the body `providers_for` sends (same probe, same `match_search`) and its floor: a plain
    multi-match of the same text over the same fields, same size and same source filtering, no filter, no
    skills, no fuzziness, no scoring functions."""
    from search.engines.base import alias_name
    from search.models import IndexKind
    from search.queries import SOURCE_EXCLUDES, TEXT_FIELDS, match_search

    alias = alias_name(IndexKind.PROVIDER)
    ours, floors = [], []
    for project in projects:
        probe = probe_for(project)[0]
        ours.append(match_search(probe, alias).to_dict())
        floors.append(
            {
                "query": {
                    "multi_match": {"query": " ".join(probe.text.split()[:200]), "fields": TEXT_FIELDS[probe.kind]}
                },
                "size": probe.size,
                "_source": {"excludes": SOURCE_EXCLUDES},
                "track_total_hits": False,
            }
        )
    return ours, floors


def time_matching(projects, *, cluster: bool, profile: bool, seed: int):
    """`providers_for` end to end and, on a cluster, the raw query it sends and the plain multi-match floor.

    At every iteration the calls run in a random order, so none of them always follows another (a query right
    after another on the same terms finds warmer caches). All of them are warmed up first.
    Returns ({call: timings in ms}, rankings, profile report, SQL queries per call).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.engines import get_engine
    from search.engines.base import alias_name
    from search.matching import providers_for
    from search.models import IndexKind

    engine = get_engine()
    alias = alias_name(IndexKind.PROVIDER)
    rankings = {}

    def ours(position: int) -> None:
        project = projects[position]
        rankings[project.external_ref] = [match.ref for match in providers_for(project, limit=LIMIT)]

    calls = {"ours": ours}
    if cluster:
        bodies, floors = raw_bodies(projects)
        calls["raw"] = lambda position: engine.raw_search(bodies[position], index=alias)
        calls["floor"] = lambda position: engine.raw_search(floors[position], index=alias)
    rng = random.Random(seed)

    def shuffled() -> list[str]:
        order = list(calls)
        rng.shuffle(order)
        return order

    for position in range(min(WARMUP, len(projects))):
        for name in shuffled():
            calls[name](position)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for position in range(len(projects)):
        for name in shuffled():
            if profiler is not None and name == "ours":
                profiler.enable()
            started = time.perf_counter()
            calls[name](position)
            timings[name].append((time.perf_counter() - started) * 1000)
            if profiler is not None and name == "ours":
                profiler.disable()
    with CaptureQueriesContext(connection) as queries:
        for project in projects[:10]:
            providers_for(project, limit=LIMIT)
    queries_per_call = len(queries.captured_queries) / max(1, min(10, len(projects)))
    report = profile_report(profiler) if profiler is not None else ""
    return timings, rankings, report, queries_per_call


def time_directory_search(projects) -> list[float]:
    """The provider directory as a visitor uses it: two or three words from a project title, a facet
    filter on half of the queries, through the directory selector (engine query, SQL rows, highlights)."""
    from search.selectors.directory import provider_directory

    def params_for(index: int, project) -> dict:
        words = [word for word in project.title.split() if len(word) > 3][:3] or project.title.split()[:2]
        params = {"q": " ".join(words)}
        if index % 2 and project.region:
            params["region"] = project.region
        return params

    queries = [params_for(index, project) for index, project in enumerate(projects)]
    for params in queries[:WARMUP]:
        provider_directory(params=params)
    timings = []
    for params in queries:
        started = time.perf_counter()
        directory = provider_directory(params=params)
        list(directory.providers)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def baseline_rankings(projects, engine_name: str) -> dict[str, list[str]]:
    """Plain BM25 of the project's title and description over the providers' text, no filters, top 10."""
    from search.engines import get_engine
    from search.engines.base import alias_name
    from search.matching import _need_text
    from search.models import IndexKind
    from search.probes import MatchProbe

    engine = get_engine()
    alias = alias_name(IndexKind.PROVIDER)
    rankings = {}
    for project in projects:
        text = _need_text({"title": project.title, "description": project.description})
        if engine_name == "database":
            probe = MatchProbe(kind=IndexKind.PROVIDER, text=text, remote_ok=False, size=LIMIT)
            candidates = sorted(engine.match(probe), key=lambda c: (-c.text_score, c.id))[:LIMIT]
            rankings[project.external_ref] = [c.source.get("ref") or str(c.id) for c in candidates]
        else:
            body = {
                "query": {"multi_match": {"query": text, "fields": BASELINE_FIELDS}},
                "size": LIMIT,
                "_source": ["ref"],
            }
            answer = engine.raw_search(body, index=alias)
            rankings[project.external_ref] = [hit["_source"].get("ref") or hit["_id"] for hit in answer["hits"]["hits"]]
    return rankings


def relevance(rankings: dict[str, list[str]], labels: dict[str, dict[str, int]]) -> tuple[float, float]:
    ndcgs = [ndcg_at(rankings[ref], labels[ref]) for ref in rankings]
    precisions = [precision_at(rankings[ref], labels[ref]) for ref in rankings]
    return statistics.fmean(ndcgs), statistics.fmean(precisions)


def engine_version(engine_name: str) -> str:
    if engine_name == "database":
        from django.db import connection

        return f"SQLite {connection.Database.sqlite_version}"
    from search.engines import get_engine

    info = get_engine().client.info()
    return f"{info['version'].get('distribution', 'elasticsearch')} {info['version']['number']}"


# Main --------------------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--providers", type=int, default=5000, help="number of providers (N)")
    parser.add_argument("--projects", type=int, default=1000, help="number of projects (M)")
    parser.add_argument("--engine", choices=["database", "opensearch"], default="database")
    parser.add_argument("--queries", type=int, default=200, help="matches timed (Q, labelled published projects)")
    parser.add_argument("--reuse", type=Path, default=None, help="data directory to reuse (skip generation)")
    parser.add_argument("--sqlite", type=Path, default=None, help="scratch database (default /tmp/bench_N.sqlite3)")
    parser.add_argument("--keep-db", action="store_true", help="reuse an already imported --sqlite database")
    parser.add_argument("--search-url", default="", help="cluster URL (default SEARCH_URLS or 127.0.0.1:9200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label-projects", type=int, default=200, help="projects with labels (generation)")
    parser.add_argument("--profile", action="store_true", help="cProfile the provider rebuild and the matches")
    parser.add_argument(
        "--reference-providers",
        type=int,
        default=None,
        help=f"database engine: also time matching at this many providers in a child run, for the scaling budget "
        f"(default {DATABASE_REFERENCE_PROVIDERS:,}; 0: skip)",
    )
    parser.add_argument("--figures-json", type=Path, default=None, help="also write the figures to this file")
    add_budget_option(parser)
    args = parser.parse_args(argv)
    args.sqlite = (args.sqlite or Path(f"/tmp/bench_{args.providers}.sqlite3")).resolve()  # noqa: S108
    if args.reference_providers is None:
        args.reference_providers = DATABASE_REFERENCE_PROVIDERS if args.engine == "database" else 0
    if args.reference_providers and args.reference_providers >= args.providers:
        args.reference_providers = 0
    return args


def reference_run(args) -> dict:
    """The same benchmark at the reference scale in a child process (its own scratch database), matching only."""
    with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
        figures = Path(scratch) / "figures.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            *("--engine", args.engine, "--providers", str(args.reference_providers)),
            *("--projects", str(args.projects), "--queries", str(args.queries), "--seed", str(args.seed)),
            *("--label-projects", str(args.label_projects), "--reference-providers", "0", "--no-budget"),
            *("--figures-json", str(figures)),
        ]
        out(f"# reference run at {args.reference_providers:,} providers (child process)")
        child = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        for line in child.stdout.splitlines():
            out(f"| {line}")
        if child.returncode != 0 or not figures.exists():
            out(f"| reference run failed with {child.returncode}: {child.stderr[-2000:]}")
            return {}
        return json.loads(figures.read_text())


def main(argv=None) -> int:
    args = parse_args(argv)
    out(load_average("start"))
    reference = reference_run(args) if args.reference_providers else {}

    if not args.keep_db:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{args.sqlite}{suffix}").unlink(missing_ok=True)
    configure(args)

    from django.core.management import call_command

    from marketplace.models import Project
    from marketplace.models.projects import ProjectState
    from search.models import IndexKind

    out(f"# search_bench: engine={args.engine} providers={args.providers} projects={args.projects}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    out(f"migrated {args.sqlite} in {time.perf_counter() - started:.1f} s")

    if args.reuse:
        data_dir = args.reuse
        out(f"reusing data from {data_dir}")
    else:
        data_dir = Path(f"/tmp/bench_data/p{args.providers}")  # noqa: S108
        seconds = generate(args, data_dir)
        out(f"generated {data_dir} in {seconds:.1f} s")
    labels = json.loads((data_dir / "labels.json").read_text(encoding="utf-8"))

    import_seconds = None
    if args.keep_db and Project.objects.exists():
        out("database already imported (--keep-db)")
    else:
        import_seconds, import_info = import_data(data_dir / "marketplace.jsonl")
        out(f"imported in {import_seconds:.1f} s: {import_info}")

    providers = rebuild(IndexKind.PROVIDER, args.profile)
    out(f"providers indexed: {providers.documents} in {providers.seconds:.1f} s")
    projects = rebuild(IndexKind.PROJECT, False)
    out(f"projects indexed: {projects.documents} in {projects.seconds:.1f} s")

    labelled = [ref for ref, graded in labels.items() if graded]
    all_labelled = list(Project.objects.filter(external_ref__in=labelled).order_by("pk"))
    published = [project for project in all_labelled if project.state == ProjectState.PUBLISHED]
    timed = published[: args.queries]
    out(f"labelled projects: {len(all_labelled)} ({len(published)} published); timing {len(timed)} matches")

    cluster = args.engine != "database"
    timings, _rankings, match_profile, queries_per_call = time_matching(
        timed, cluster=cluster, profile=args.profile, seed=args.seed
    )
    ours50 = percentile(timings["ours"], 50)
    out(f"providers_for timed: p50 {ours50:.1f} ms, SQL queries per call {queries_per_call:.1f}")
    directory_timings = time_directory_search(timed)
    out(f"directory searches timed: p50 {percentile(directory_timings, 50):.1f} ms")

    # Relevance over every labelled project (whatever its state: matching reads the project, not the index).
    from search.matching import providers_for

    ours_rankings = {p.external_ref: [m.ref for m in providers_for(p, limit=LIMIT)] for p in all_labelled}
    base_rankings = baseline_rankings(all_labelled, args.engine)
    ours_ndcg, ours_p5 = relevance(ours_rankings, labels)
    base_ndcg, base_p5 = relevance(base_rankings, labels)
    gain = (ours_ndcg - base_ndcg) / base_ndcg if base_ndcg else math.inf

    figures = {
        "providers": args.providers,
        "p50": percentile(timings["ours"], 50),
        "p95": percentile(timings["ours"], 95),
        "rebuild_docs_per_second": providers.rate,
    }
    if args.figures_json:
        args.figures_json.write_text(json.dumps(figures))

    rows: list[tuple[str, str]] = [
        ("engine", f"{args.engine} ({engine_version(args.engine)})"),
        ("providers (N) / projects (M)", f"{args.providers} / {args.projects}"),
    ]
    if import_seconds is not None:
        rows.append(
            ("import", f"{import_seconds:.1f} s ({(args.providers + args.projects) / import_seconds:,.0f} rows/s)")
        )
    rows += rebuild_rows("providers", providers) + rebuild_rows("projects", projects)
    mode = "; ours, raw and floor in a random order each time" if cluster else ""
    rows.append(("matches timed (Q)", f"{len(timings['ours'])} (after {WARMUP} warm-up{mode})"))
    names = {"ours": "providers_for", "raw": "raw query we send", "floor": "plain multi-match (floor)"}
    for name, values in timings.items():
        p50, p95, p99 = (percentile(values, p) for p in (50, 95, 99))
        rows.append((f"{names[name]} p50 / p95 / p99", f"{p50:.1f} / {p95:.1f} / {p99:.1f} ms (max {max(values):.1f})"))
    rows.append(("SQL queries per providers_for", f"{queries_per_call:.1f}"))
    d50, d95, d99 = (percentile(directory_timings, p) for p in (50, 95, 99))
    rows.append(("directory search p50 / p95 / p99", f"{d50:.1f} / {d95:.1f} / {d99:.1f} ms (page of 20, facets)"))
    rows.append(("relevance, projects", f"{len(ours_rankings)} labelled"))
    rows.append(("nDCG@10 matching / BM25", f"{ours_ndcg:.3f} / {base_ndcg:.3f} ({gain * 100:+.1f} %)"))
    rows.append(("P@5 (grade ≥ 2) matching / BM25", f"{ours_p5:.3f} / {base_p5:.3f}"))

    width = max(len(name) for name, _v in rows)
    out()
    out("=" * 100)
    for name, value in rows:
        out(f"{name:<{width}}  {value}")
    out("=" * 100)
    budgets = budget_checks(args, timings=timings, providers=providers, reference=reference, gain=gain)
    budgets.print()
    if args.profile:
        out("\n## cProfile: provider index rebuild\n" + providers.profile)
        out("\n## cProfile: providers_for (timed loop)\n" + match_profile)
    out(load_average("end"))
    return budgets.exit_code(no_budget=args.no_budget)


def rebuild_rows(label: str, rebuilt: Rebuilt) -> list[tuple[str, str]]:
    rows = [
        (
            f"index rebuild, {label}",
            f"{rebuilt.documents} docs in {rebuilt.seconds:.1f} s = {rebuilt.rate:,.0f} docs/s",
        ),
        (
            "  building documents / engine writes",
            f"{rebuilt.building:.1f} s / {rebuilt.writing:.1f} s (apart; the cluster engine overlaps them)",
        ),
    ]
    rows.append(
        (
            "  peak RSS before / checkpoint / end",
            f"{rebuilt.rss_start:.0f} / {rebuilt.rss_checkpoint:.0f} (after {rebuilt.checkpoint:,} docs) / "
            f"{rebuilt.rss_end:.0f} MiB",
        )
    )
    return rows


def budget_checks(args, *, timings: dict, providers: Rebuilt, reference: dict, gain: float) -> Budgets:
    budgets = Budgets(f"search_bench, {args.engine}, {args.providers:,} providers")
    ours95 = percentile(timings["ours"], 95)
    if args.engine != "database":
        at_scale = (
            "" if args.providers == CLUSTER_BUDGET_PROVIDERS else f"budget at 50k, measured at {args.providers:,}"
        )
        raw95, floor95 = percentile(timings["raw"], 95), percentile(timings["floor"], 95)
        budgets.add(
            "raw query we send, p95",
            figure=f"{raw95:.1f} ms = {ratio(raw95, floor95):.2f}x",
            baseline=f"plain multi-match {floor95:.1f} ms",
            budget=f"<= {RAW_OVER_FLOOR:g}x",
            ok=ratio(raw95, floor95) <= RAW_OVER_FLOOR,
            scale=at_scale,
        )
        budgets.add(
            "providers_for, p95",
            figure=f"{ours95:.1f} ms = {ratio(ours95, raw95):.2f}x",
            baseline=f"raw query {raw95:.1f} ms",
            budget=f"<= {OURS_OVER_RAW:g}x",
            ok=ratio(ours95, raw95) <= OURS_OVER_RAW,
            scale=at_scale,
        )
        budgets.add(
            "providers_for, p95 (ceiling)",
            figure=f"{ours95:.1f} ms",
            baseline=f"load {os.getloadavg()[0]:.2f} now",
            budget=f"< {CLUSTER_P95_MS:g} ms, idle machine",
            ok=ours95 < CLUSTER_P95_MS,
            scale=at_scale,
        )
        budgets.add(
            "rebuild: building documents",
            figure=f"{providers.building:.1f} s",
            baseline=f"engine writes {providers.writing:.1f} s",
            budget="<= the engine's writes",
            ok=providers.building <= providers.writing,
        )
        budgets.add(
            "rebuild: providers indexed",
            figure=f"{providers.rate:,.0f} docs/s",
            baseline=f"{providers.documents:,} docs in {providers.seconds:.1f} s",
            budget=f">= {BULK_DOCS_PER_SECOND:,} docs/s",
            ok=providers.rate >= BULK_DOCS_PER_SECOND,
            scale=at_scale,
        )
    else:
        at_scale = (
            "" if args.providers == DATABASE_BUDGET_PROVIDERS else f"budget at 5k, measured at {args.providers:,}"
        )
        budgets.add(
            "match p95",
            figure=f"{ours95:.1f} ms",
            baseline=f"load {os.getloadavg()[0]:.2f} now",
            budget=f"< {DATABASE_P95_MS:g} ms",
            ok=ours95 < DATABASE_P95_MS,
            scale=at_scale,
        )
        if reference:
            scaling = ratio(ours95, reference["p95"])
            budgets.add(
                "match p95 vs a smaller index",
                figure=f"{ours95:.1f} ms = {scaling:.2f}x",
                baseline=f"{reference['p95']:.1f} ms at {reference['providers']:,}",
                budget=f"<= {DATABASE_SCALING:g}x",
                ok=scaling <= DATABASE_SCALING,
                scale=at_scale,
            )
        else:
            budgets.add(
                "match p95 vs a smaller index",
                figure=f"{ours95:.1f} ms",
                baseline="no reference run",
                budget=f"<= {DATABASE_SCALING:g}x p95 at 1k",
                ok=None,
            )
    growth = ratio(providers.rss_end, providers.rss_checkpoint)
    budgets.add(
        "rebuild: peak memory",
        figure=f"{providers.rss_end:.0f} MiB after {providers.documents:,}",
        baseline=f"{providers.rss_checkpoint:.0f} MiB after {providers.checkpoint:,}",
        budget=f"flat (<= +{RSS_GROWTH * 100:.0f} %)",
        ok=None if math.isnan(growth) else growth <= 1 + RSS_GROWTH,
    )
    budgets.add(
        "relevance nDCG@10",
        figure=f"{gain * 100:+.1f} %",
        baseline="plain BM25",
        budget=f">= +{NDCG_GAIN * 100:.0f} %",
        ok=gain >= NDCG_GAIN,
    )
    return budgets


if __name__ == "__main__":
    sys.exit(main())
