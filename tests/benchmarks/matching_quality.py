"""Matching quality on the graded evaluation set, per engine and per half, against a plain BM25 baseline.

Standalone script, not a pytest test:

    .venv/bin/python tests/benchmarks/matching_quality.py                 # database engine, OpenSearch if it answers
    .venv/bin/python tests/benchmarks/matching_quality.py --engine database --report-only

It loads `tests/evaluation` into a fresh database through the import service, rebuilds the search indices on each
engine (the database engine always; OpenSearch when `SEARCH_URLS` answers, under its own index prefix), and
prints for each engine and each half (tune, held out): nDCG@10 and precision@5 of `providers_for(project)` and of
plain BM25 on the provider text, the engine parity, the unverified providers returned, and the share of providers
found first when their exact or near-exact name is typed in the directory. It exits 1 when a target is not met,
unless `--report-only`. See README.md in this folder and tests/evaluation/README.md.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.search_bench import baseline_rankings, ndcg_at, precision_at  # noqa: E402

# Targets (see README.md): both engines, both halves.
TARGET_NDCG = 0.85
TARGET_P5 = 0.75
PARITY_MAX_DIFFERING = 1.0
PARITY_MAX_NDCG_GAP = 0.02
TOP = 10
# providers_for's default page: unverified providers are counted on all of it, not only on the top 10.
FETCHED = 20
ENGINES = ("database", "opensearch")
HALVES = ("tune", "held_out")


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# Setup -------------------------------------------------------------------------------------------------------


def configure(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{args.sqlite}"
    os.environ["SEARCH_ENGINE"] = "database"
    os.environ["SEARCH_INDEX_PREFIX"] = args.index_prefix
    os.environ["TASKS_BACKEND"] = "database"
    if args.search_url:
        os.environ["SEARCH_URLS"] = args.search_url
    # The skill taxonomy's cache and nothing else would use Redis: keep this run to itself.
    os.environ.pop("REDIS_URL", None)
    if not args.database_url:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{args.sqlite}{suffix}").unlink(missing_ok=True)
    import logging

    import django

    django.setup()
    for name in ("opensearch", "elasticsearch", "elastic_transport", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)


def fresh_database(args) -> None:
    """Migrate; a database given with --database-url must be empty, or emptied with --flush."""
    from django.core.management import call_command

    from marketplace.models import Organisation

    call_command("migrate", verbosity=0, interactive=False)
    if Organisation.objects.exists():
        if not args.flush:
            raise SystemExit(f"{os.environ['DATABASE_URL']} is not empty: give a throwaway database, or --flush")
        call_command("flush", verbosity=0, interactive=False)


def load_set() -> dict:
    from search.models import IndexQueueItem
    from tests.evaluation.dataset import import_marketplace

    started = time.perf_counter()
    result = import_marketplace()
    # Every engine is rebuilt from the rows below: what the import queued is covered.
    IndexQueueItem.objects.all().delete()
    return {"seconds": time.perf_counter() - started, "created": dict(result.created)}


def available_engines(args) -> tuple[list[str], str]:
    """The engines to measure, and why OpenSearch is left out when it is."""
    if args.engine != "auto":
        return [args.engine] if args.engine != "both" else list(ENGINES), ""
    from search.engines import get_engine

    try:
        get_engine("opensearch").health()
    except Exception as error:  # noqa: BLE001 - any failure means "not there"; the reason is printed
        return ["database"], f"OpenSearch not reachable ({error.__class__.__name__}: {str(error)[:120]})"
    return list(ENGINES), ""


def use_engine(name: str) -> None:
    """Point `providers_for` and the directory at this engine; each keeps its indices under the run's prefix."""
    from django.conf import settings

    settings.SEARCH_ENGINE = name


def rebuild(name: str) -> float:
    from search.engines import get_engine
    from search.maintenance import index_rebuild
    from search.models import IndexKind, IndexQueueItem

    engine = get_engine(name)
    started = time.perf_counter()
    for kind in IndexKind.values:
        index_rebuild(engine=engine, kind=kind, on_batch=lambda done, total: None)
    IndexQueueItem.objects.all().delete()
    return time.perf_counter() - started


def drop(name: str) -> None:
    from search.engines import get_engine
    from search.models import IndexKind

    engine = get_engine(name)
    for kind in IndexKind.values:
        engine.drop(kind)


# Measurements ------------------------------------------------------------------------------------------------


@dataclass
class EngineRun:
    name: str
    ours: dict[str, list[str]] = field(default_factory=dict)
    baseline: dict[str, list[str]] = field(default_factory=dict)
    unverified_returned: list[tuple[str, str]] = field(default_factory=list)
    names: dict[str, list[bool]] = field(default_factory=dict)
    name_misses: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    match_ms: list[float] = field(default_factory=list)
    index_seconds: float = 0.0


def rank(run: EngineRun, projects, unverified: set[str]) -> None:
    from search.matching import providers_for

    for project in projects:
        started = time.perf_counter()
        matches = providers_for(project, limit=FETCHED)
        run.match_ms.append((time.perf_counter() - started) * 1000)
        run.ours[project.external_ref] = [match.ref for match in matches]
        run.unverified_returned += [(project.external_ref, m.ref) for m in matches if m.ref in unverified]
    run.baseline = baseline_rankings(projects, run.name)


def name_variants(name: str) -> dict[str, str]:
    """The exact name; without accents (when it has any); with one letter dropped from its longest word."""
    variants = {"exact": name}
    if fold(name) != name:
        variants["no_accent"] = fold(name)
    words = [word for word in name.replace("—", " ").split() if word.isalpha()]
    longest = max(words, key=len, default="")
    if len(longest) >= 5:
        middle = len(longest) // 2
        variants["typo"] = name.replace(longest, longest[:middle] + longest[middle + 1 :], 1)
    return variants


def name_search(run: EngineRun, providers: list[tuple[str, str]]) -> None:
    """Type each provider's name in the public directory: is it the first result?"""
    from search.selectors.directory import provider_directory

    for ref, name in providers:
        for variant, query in name_variants(name).items():
            listed = provider_directory(params={"q": query}).providers
            first = listed[0].organisation.external_ref if listed else ""
            run.names.setdefault(variant, []).append(first == ref)
            if first != ref:
                run.name_misses.setdefault(variant, []).append((query, ref, first or "(nothing)"))


# Figures -----------------------------------------------------------------------------------------------------


def mean(values) -> float:
    values = list(values)
    return statistics.fmean(values) if values else math.nan


def relevance(rankings: dict[str, list[str]], refs: list[str], judgements) -> tuple[float, float]:
    ndcg = mean(ndcg_at(rankings.get(ref, []), judgements[ref].grades, TOP) for ref in refs)
    p5 = mean(precision_at(rankings.get(ref, []), judgements[ref].grades, 5) for ref in refs)
    return ndcg, p5


def attainable_p5(refs: list[str], judgements) -> float:
    return mean(min(5, sum(g >= 2 for g in judgements[ref].grades.values())) / 5 for ref in refs)


def parity(a: EngineRun, b: EngineRun, refs: list[str], judgements) -> tuple[float, float]:
    """Average number of providers in one engine's top 10 missing from the other's, and the nDCG@10 gap."""
    differing = mean(
        max(len(set(a.ours[ref][:TOP]) - set(b.ours[ref][:TOP])), len(set(b.ours[ref][:TOP]) - set(a.ours[ref][:TOP])))
        for ref in refs
    )
    gap = abs(relevance(a.ours, refs, judgements)[0] - relevance(b.ours, refs, judgements)[0])
    return differing, gap


def by_tag(run: EngineRun, refs: list[str], judgements) -> dict[str, tuple[int, float, float]]:
    tags = sorted({tag for ref in refs for tag in judgements[ref].tags})
    table = {}
    for tag in tags:
        tagged = [ref for ref in refs if tag in judgements[ref].tags]
        table[tag] = (len(tagged), *relevance(run.ours, tagged, judgements))
    return table


# Report ------------------------------------------------------------------------------------------------------


@dataclass
class Evaluation:
    """The set as measured: the projects by half, the grades, the providers whose names are searched."""

    projects: list
    refs: dict[str, list[str]]
    graded: dict
    unverified: set[str]
    named: list[tuple[str, str]]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def relevance_rows(runs: dict[str, EngineRun], ev: Evaluation) -> list[tuple]:
    rows = []
    for name, run in runs.items():
        for half in (*HALVES, "all"):
            refs = ev.refs[half]
            rows.append(
                (
                    name,
                    half,
                    len(refs),
                    *relevance(run.ours, refs, ev.graded),
                    *relevance(run.baseline, refs, ev.graded),
                    attainable_p5(refs, ev.graded),
                )
            )
    return rows


def parity_rows(runs: dict[str, EngineRun], ev: Evaluation) -> list[tuple[str, float, float]]:
    if len(runs) != 2:
        return []
    database, opensearch = runs["database"], runs["opensearch"]
    return [(half, *parity(database, opensearch, ev.refs[half], ev.graded)) for half in (*HALVES, "all")]


def target_checks(runs, rows, parities, *, one_engine_asked: bool) -> list[tuple[str, str, bool]]:
    """Each target with the measured value and whether it is met (README.md, "Targets")."""
    checks = []
    for name, half, _n, ndcg, p5, *_rest in rows:
        if half != "all":
            checks.append((f"{name} {half}: nDCG@10 ≥ {TARGET_NDCG}", f"{ndcg:.3f}", ndcg >= TARGET_NDCG))
            checks.append((f"{name} {half}: P@5 ≥ {TARGET_P5}", f"{p5:.3f}", p5 >= TARGET_P5))
    for name, run in runs.items():
        returned = len(run.unverified_returned)
        checks.append((f"{name}: unverified providers returned = 0", str(returned), returned == 0))
    overall = [row for row in parities if row[0] == "all"]
    if overall:
        _half, differing, gap = overall[0]
        within = differing <= PARITY_MAX_DIFFERING
        checks.append((f"parity: top-10 providers differing ≤ {PARITY_MAX_DIFFERING:g}", f"{differing:.2f}", within))
        checks.append((f"parity: nDCG@10 gap ≤ {PARITY_MAX_NDCG_GAP}", f"{gap:.3f}", gap <= PARITY_MAX_NDCG_GAP))
    else:
        checks.append(("parity between the two engines", "not measured: one engine", one_engine_asked))
    return checks


def print_report(runs, ev: Evaluation, rows, parities, checks) -> None:
    line = "=" * 104
    out(f"\n{line}")
    out("Relevance (P@5: grade ≥ 2 counts as relevant, always divided by 5; 'max P@5': a perfect ranking's)")
    out("{:<11}{:<10}{:>4}  {:>8} {:>6}  | {:>9} {:>8}  | {:>7}".format(*COLUMNS))
    for name, half, n, *figures in rows:
        out("{:<11}{:<10}{:>4}  {:>8.3f} {:>6.3f}  | {:>9.3f} {:>8.3f}  | {:>7.3f}".format(name, half, n, *figures))
    if parities:
        out("-" * 104)
        out("Engine parity of providers_for: providers of one top 10 missing from the other, nDCG@10 gap")
        for half, differing, gap in parities:
            out(f"  {half:<10} {differing:5.2f} providers   gap {gap:.3f}")
    out("-" * 104)
    out(f"Directory name search: share of the {len(ev.named)} verified providers ranked first")
    for name, run in runs.items():
        shares = [f"{kind} {mean(hits):.3f} ({sum(hits)}/{len(hits)})" for kind, hits in run.names.items()]
        out(f"  {name:<11}{'   '.join(shares)}")
        if run.unverified_returned:
            out(f"  {name}: unverified providers returned: {run.unverified_returned[:10]}")
    out("-" * 104)
    out("providers_for by kind of project, tune half only: n, nDCG@10/P@5 per engine")
    tables = {name: by_tag(run, ev.refs["tune"], ev.graded) for name, run in runs.items()}
    for tag in sorted(next(iter(tables.values()))):
        cells = "   ".join(f"{name} {table[tag][1]:.2f}/{table[tag][2]:.2f}" for name, table in tables.items())
        out(f"  {tag:<22} n={next(iter(tables.values()))[tag][0]:<3} {cells}")
    out("-" * 104)
    width = max(len(name) for name, _value, _ok in checks)
    for name, value, ok in checks:
        out(f"{verdict(ok)}  {name:<{width}}  {value}")
    out(line)


COLUMNS = ("engine", "half", "n", "nDCG@10", "P@5", "BM25 nDCG", "BM25 P@5", "max P@5")


def print_details(runs: dict[str, EngineRun], refs: list[str], graded) -> None:
    """Per project: the top 5 with their grades, and the grade-3 providers left out of the top 10."""
    for run in runs.values():
        out(f"\n## Per project, {run.name} engine")
        for ref in refs:
            judgement = graded[ref]
            ranked = run.ours[ref][:TOP]
            score, p5 = ndcg_at(ranked, judgement.grades, TOP), precision_at(ranked, judgement.grades, 5)
            out(f"{ref} nDCG {score:.2f} P@5 {p5:.1f} [{' '.join(judgement.tags)}]")
            out(f"    top 5: {', '.join(f'{p}[{judgement.grade(p)}]' for p in ranked[:5])}")
            missing = [p for p, g in judgement.grades.items() if g == 3 and p not in ranked]
            if missing:
                out(f"    grade 3 not in the top 10: {', '.join(missing)}")
        for kind, misses in run.name_misses.items():
            out(f"\n## {run.name}: names not ranked first ({kind})")
            for query, ref, first in misses:
                out(f"  {query!r}: {ref}, first: {first}")


def write_json(path: Path, runs, rows, parities, checks) -> None:
    engines = {
        name: {
            "ours": run.ours,
            "bm25": run.baseline,
            "unverified_returned": run.unverified_returned,
            "names": {kind: mean(hits) for kind, hits in run.names.items()},
            "name_misses": run.name_misses,
        }
        for name, run in runs.items()
    }
    document = {
        "engines": engines,
        "relevance": [dict(zip(COLUMNS, row, strict=True)) for row in rows],
        "parity": [dict(zip(("half", "differing", "ndcg_gap"), row, strict=True)) for row in parities],
        "checks": [{"target": name, "value": value, "met": ok} for name, value, ok in checks],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


# Main --------------------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--engine",
        choices=["auto", *ENGINES, "both"],
        default="auto",
        help="auto: the database engine, and OpenSearch when it answers",
    )
    parser.add_argument(
        "--sqlite",
        type=Path,
        default=Path("/tmp/matching_quality.sqlite3"),  # noqa: S108
        help="scratch database, deleted first (default /tmp/matching_quality.sqlite3)",
    )
    parser.add_argument("--database-url", default="", help="a throwaway database instead of the scratch SQLite")
    parser.add_argument("--flush", action="store_true", help="empty the --database-url database first")
    parser.add_argument("--search-url", default="", help="cluster URL (default SEARCH_URLS or 127.0.0.1:9200)")
    parser.add_argument(
        "--index-prefix",
        default=f"{os.environ.get('SEARCH_INDEX_PREFIX', 'passerelle')}_quality",
        help="index prefix of this run (default: $SEARCH_INDEX_PREFIX followed by _quality)",
    )
    parser.add_argument("--names", type=int, default=0, help="providers for the name-search check (default all)")
    parser.add_argument(
        "--details",
        choices=["tune", "held_out", "all"],
        default=None,
        help="per-project rankings of one half (never look at held_out while tuning)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write every ranking and figure to this file")
    parser.add_argument("--keep-indices", action="store_true", help="leave the cluster indices after the run")
    parser.add_argument("--report-only", action="store_true", help="exit 0 even when a target is not met")
    args = parser.parse_args(argv)
    args.sqlite = args.sqlite.resolve()
    return args


def evaluation(names_limit: int) -> Evaluation:
    from marketplace.models import Project, ProviderProfile
    from tests.evaluation.dataset import half_of, judgements, project_refs, unverified_provider_refs

    unverified = unverified_provider_refs()
    order = {ref: position for position, ref in enumerate(project_refs())}
    projects = sorted(Project.objects.filter(external_ref__in=order), key=lambda p: order[p.external_ref])
    refs = {half: [p.external_ref for p in projects if half_of(p.external_ref) == half] for half in HALVES}
    refs["all"] = [p.external_ref for p in projects]
    named = sorted(
        (profile.organisation.external_ref, profile.organisation.name)
        for profile in ProviderProfile.objects.select_related("organisation")
        if profile.organisation.external_ref not in unverified
    )
    return Evaluation(
        projects=projects,
        refs=refs,
        graded=judgements(),
        unverified=unverified,
        named=named[:names_limit] if names_limit else named,
    )


def measure(engines: list[str], ev: Evaluation, *, keep_indices: bool) -> dict[str, EngineRun]:
    runs = {}
    try:
        for name in engines:
            use_engine(name)
            run = EngineRun(name=name, index_seconds=rebuild(name))
            rank(run, ev.projects, ev.unverified)
            name_search(run, ev.named)
            runs[name] = run
            p50 = statistics.median(run.match_ms)
            out(f"{name}: indexed in {run.index_seconds:.1f} s, providers_for p50 {p50:.1f} ms")
    finally:
        for name in engines:
            if name != "database" and not keep_indices:
                drop(name)
    return runs


def main(argv=None) -> int:
    args = parse_args(argv)
    configure(args)
    fresh_database(args)
    loaded = load_set()
    ev = evaluation(args.names)
    engines, skipped = available_engines(args)
    out(
        f"# matching_quality: {len(ev.projects)} projects, {loaded['created']['provider']} providers, "
        f"engines: {', '.join(engines)}, index prefix {args.index_prefix}"
    )
    if skipped:
        out(f"# {skipped}: measured on the database engine only")
    runs = measure(engines, ev, keep_indices=args.keep_indices)

    rows, parities = relevance_rows(runs, ev), parity_rows(runs, ev)
    checks = target_checks(runs, rows, parities, one_engine_asked=args.engine in ENGINES)
    print_report(runs, ev, rows, parities, checks)
    if args.details:
        print_details(runs, ev.refs[args.details], ev.graded)
    if args.json:
        write_json(args.json, runs, rows, parities, checks)
    met = all(ok for _name, _value, ok in checks)
    return 0 if met or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
