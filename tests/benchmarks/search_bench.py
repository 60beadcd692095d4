"""Search and matching benchmark: bulk indexing, match latency, and relevance against a BM25 baseline.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/search_bench.py --engine database --providers 5000 --projects 1000
    .venv/bin/python tests/benchmarks/search_bench.py --engine opensearch --providers 50000 --projects 5000

It generates a synthetic marketplace with its relevance labels (`generate_marketplace.py`, `search/synthetic.py`),
imports it into a scratch SQLite database with the import service, rebuilds the search indices
(`search.maintenance.index_rebuild`), times `providers_for(project, limit=10)` end to end (and, on a cluster
engine, the engine's raw query alone), and compares the ranking with a plain BM25 baseline on the labels
(nDCG@10, P@5). See README.md in this folder.
"""

import argparse
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WARMUP = 20
LIMIT = 10
BASELINE_FIELDS = ["presentation", "services", "portfolio", "skill_names", "name"]

# Budgets (see README.md).
CLUSTER_BUDGET_PROVIDERS = 50_000
CLUSTER_P95_MS = 60.0
CLUSTER_RAW_RATIO = 1.5
BULK_DOCS_PER_SECOND = 2_000
DATABASE_BUDGET_PROVIDERS = 5_000
DATABASE_P95_MS = 150.0
NDCG_GAIN = 0.15


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


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
    from search.synthetic import write_marketplace

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


def rebuild(kind: str, profile: bool) -> tuple[int, float, float, str]:
    import search.maintenance as maintenance
    from search.engines import get_engine
    from search.maintenance import index_rebuild
    from search.models import IndexQueueItem

    engine = get_engine()
    building = [0.0]
    original = maintenance.iter_sources

    def timed_sources(kind_, **options):
        # The time spent building documents from the database, apart from the engine's writes.
        batches = original(kind_, **options)
        while True:
            began = time.perf_counter()
            try:
                batch = next(batches)
            except StopIteration:
                return
            finally:
                building[0] += time.perf_counter() - began
            yield batch

    maintenance.iter_sources = timed_sources
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    try:
        done = index_rebuild(engine=engine, kind=kind, on_batch=lambda done, total: None)
    finally:
        maintenance.iter_sources = original
    seconds = time.perf_counter() - started
    report = ""
    if profiler is not None:
        profiler.disable()
        report = profile_report(profiler)
    IndexQueueItem.objects.filter(kind=kind).delete()
    return done, seconds, building[0], report


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


def raw_bodies(projects) -> list[dict]:
    """The bodies `providers_for` sends for these projects: same probe, same `match_search`."""
    from search.engines.base import alias_name
    from search.models import IndexKind
    from search.queries import match_search

    alias = alias_name(IndexKind.PROVIDER)
    return [match_search(probe_for(project)[0], alias).to_dict() for project in projects]


def time_matching(projects, *, raw: bool, profile: bool):
    """`providers_for` end to end and, on a cluster, the same query sent raw right after each (same load).

    Returns (our timings, raw timings or None, rankings, profile report, SQL queries per call).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.engines import get_engine
    from search.engines.base import alias_name
    from search.matching import providers_for
    from search.models import IndexKind

    engine = get_engine()
    alias = alias_name(IndexKind.PROVIDER)
    bodies = raw_bodies(projects) if raw else None
    for position, project in enumerate(projects[:WARMUP]):
        providers_for(project, limit=LIMIT)
        if bodies:
            engine.raw_search(bodies[position], index=alias)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    timings, raw_timings, rankings = [], [], {}
    for position, project in enumerate(projects):
        if profiler is not None:
            profiler.enable()
        started = time.perf_counter()
        matches = providers_for(project, limit=LIMIT)
        timings.append((time.perf_counter() - started) * 1000)
        if profiler is not None:
            profiler.disable()
        rankings[project.external_ref] = [match.ref for match in matches]
        if bodies:
            started = time.perf_counter()
            engine.raw_search(bodies[position], index=alias)
            raw_timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        for project in projects[:10]:
            providers_for(project, limit=LIMIT)
    queries_per_call = len(queries.captured_queries) / max(1, min(10, len(projects)))
    report = profile_report(profiler) if profiler is not None else ""
    return timings, raw_timings if bodies else None, rankings, report, queries_per_call


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


def main(argv=None) -> int:
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
    args = parser.parse_args(argv)
    args.sqlite = (args.sqlite or Path(f"/tmp/bench_{args.providers}.sqlite3")).resolve()  # noqa: S108

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
    labels = __import__("json").loads((data_dir / "labels.json").read_text(encoding="utf-8"))

    import_seconds, import_info = None, {}
    if args.keep_db and Project.objects.exists():
        out("database already imported (--keep-db)")
    else:
        import_seconds, import_info = import_data(data_dir / "marketplace.jsonl")
        out(f"imported in {import_seconds:.1f} s: {import_info}")

    provider_docs, provider_seconds, provider_building, rebuild_profile = rebuild(IndexKind.PROVIDER, args.profile)
    out(f"providers indexed: {provider_docs} in {provider_seconds:.1f} s")
    project_docs, project_seconds, project_building, _p = rebuild(IndexKind.PROJECT, False)
    out(f"projects indexed: {project_docs} in {project_seconds:.1f} s")

    labelled = [ref for ref, graded in labels.items() if graded]
    all_labelled = list(Project.objects.filter(external_ref__in=labelled).order_by("pk"))
    published = [project for project in all_labelled if project.state == ProjectState.PUBLISHED]
    timed = published[: args.queries]
    out(f"labelled projects: {len(all_labelled)} ({len(published)} published); timing {len(timed)} matches")

    timings, raw, _rankings, match_profile, queries_per_call = time_matching(
        timed, raw=args.engine != "database", profile=args.profile
    )
    out(f"providers_for timed: p50 {percentile(timings, 50):.1f} ms, SQL queries per call {queries_per_call:.1f}")
    directory_timings = time_directory_search(timed)
    out(f"directory searches timed: p50 {percentile(directory_timings, 50):.1f} ms")

    # Relevance over every labelled project (whatever its state: matching reads the project, not the index).
    from search.matching import providers_for

    ours_rankings = {p.external_ref: [m.ref for m in providers_for(p, limit=LIMIT)] for p in all_labelled}
    base_rankings = baseline_rankings(all_labelled, args.engine)
    ours_ndcg, ours_p5 = relevance(ours_rankings, labels)
    base_ndcg, base_p5 = relevance(base_rankings, labels)
    gain = (ours_ndcg - base_ndcg) / base_ndcg if base_ndcg else math.inf

    # Report ----------------------------------------------------------------------------------------------
    rows: list[tuple[str, str]] = []
    budgets: list[tuple[str, str, str]] = []
    rows.append(("machine", f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"))
    rows.append(("engine", f"{args.engine} ({engine_version(args.engine)})"))
    rows.append(("providers (N) / projects (M)", f"{args.providers} / {args.projects}"))
    if import_seconds is not None:
        rows.append(
            ("import", f"{import_seconds:.1f} s ({(args.providers + args.projects) / import_seconds:,.0f} rows/s)")
        )
    provider_rate = provider_docs / provider_seconds if provider_seconds else math.inf
    rows.append(
        ("index rebuild, providers", f"{provider_docs} docs in {provider_seconds:.1f} s = {provider_rate:,.0f} docs/s")
    )
    rows.append(
        (
            "  of which building sources",
            f"{provider_building:.1f} s ({provider_docs / provider_building:,.0f} docs/s), "
            f"engine writes {provider_seconds - provider_building:.1f} s",
        )
    )
    project_rate = project_docs / project_seconds if project_seconds else math.inf
    rows.append(
        ("index rebuild, projects", f"{project_docs} docs in {project_seconds:.1f} s = {project_rate:,.0f} docs/s")
    )
    rows.append(
        (
            "matches timed (Q)",
            f"{len(timings)} (after {WARMUP} warm-up; raw query right after each)"
            if raw
            else f"{len(timings)} (after {WARMUP} warm-up)",
        )
    )
    p50, p95, p99 = (percentile(timings, p) for p in (50, 95, 99))
    rows.append(("providers_for p50 / p95 / p99", f"{p50:.1f} / {p95:.1f} / {p99:.1f} ms (max {max(timings):.1f})"))
    rows.append(("SQL queries per providers_for", f"{queries_per_call:.1f}"))
    d50, d95, d99 = (percentile(directory_timings, p) for p in (50, 95, 99))
    rows.append(("directory search p50 / p95 / p99", f"{d50:.1f} / {d95:.1f} / {d99:.1f} ms (page of 20, facets)"))
    if raw is not None:
        r50, r95 = percentile(raw, 50), percentile(raw, 95)
        rows.append(("raw engine query p50 / p95", f"{r50:.1f} / {r95:.1f} ms"))
        rows.append(("ratio ours/raw p50 / p95", f"{p50 / r50:.2f}× / {p95 / r95:.2f}×"))
    rows.append(("relevance, projects", f"{len(ours_rankings)} labelled"))
    rows.append(("nDCG@10 matching / BM25", f"{ours_ndcg:.3f} / {base_ndcg:.3f} ({gain * 100:+.1f} %)"))
    rows.append(("P@5 (grade ≥ 2) matching / BM25", f"{ours_p5:.3f} / {base_p5:.3f}"))

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    at_scale = "" if args.providers >= CLUSTER_BUDGET_PROVIDERS else f" (measured at N={args.providers})"
    if args.engine != "database":
        budgets.append(
            (f"match p95 < {CLUSTER_P95_MS:.0f} ms @50k{at_scale}", f"{p95:.1f} ms", verdict(p95 < CLUSTER_P95_MS))
        )
        ratio = p95 / percentile(raw, 95)
        budgets.append((f"match p95 < {CLUSTER_RAW_RATIO}× raw", f"{ratio:.2f}×", verdict(ratio < CLUSTER_RAW_RATIO)))
        budgets.append(
            (
                f"bulk indexing ≥ {BULK_DOCS_PER_SECOND:,} docs/s{at_scale}",
                f"{provider_rate:,.0f} docs/s",
                verdict(provider_rate >= BULK_DOCS_PER_SECOND),
            )
        )
    else:
        scale = "" if args.providers >= DATABASE_BUDGET_PROVIDERS else f" (measured at N={args.providers})"
        budgets.append(
            (f"match p95 < {DATABASE_P95_MS:.0f} ms @5k{scale}", f"{p95:.1f} ms", verdict(p95 < DATABASE_P95_MS))
        )
    budgets.append((f"nDCG@10 ≥ BM25 + {NDCG_GAIN * 100:.0f} %", f"{gain * 100:+.1f} %", verdict(gain >= NDCG_GAIN)))

    width = max(len(name) for name, _v in rows)
    out()
    out("=" * 100)
    for name, value in rows:
        out(f"{name:<{width}}  {value}")
    out("-" * 100)
    bwidth = max(len(name) for name, _v, _r in budgets)
    for name, value, result in budgets:
        out(f"{result}  {name:<{bwidth}}  {value}")
    out("=" * 100)
    if args.profile:
        out("\n## cProfile: provider index rebuild\n" + rebuild_profile)
        out("\n## cProfile: providers_for (timed loop)\n" + match_profile)
    return 0 if all(result == "PASS" for _n, _v, result in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
