"""Write a synthetic French marketplace and its relevance labels, to benchmark search and matching.

    .venv/bin/python tests/benchmarks/generate_marketplace.py --providers 10000 --projects 500 \
        --associations 1000 --seed 1 --out var/synthetic
    .venv/bin/python manage.py import_marketplace var/synthetic/marketplace.jsonl

Writes DIR/marketplace.jsonl (the `import_marketplace` format) and DIR/labels.json: for each labelled project ref,
a dict provider ref -> grade 1..3 (absent providers have grade 0). See `synthetic.py` beside it for how grades are
defined (from latent attributes, never from the text).
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--providers", type=int, default=1000, help="number of providers (1k, 10k, 100k...)")
    parser.add_argument("--projects", type=int, default=200, help="number of projects")
    parser.add_argument("--associations", type=int, default=None, help="number of associations (default: projects)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: same seed, same files")
    parser.add_argument(
        "--label-projects",
        type=int,
        default=200,
        help="label only the first N projects (0: all); each project grades thousands of providers at 100k",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "synthetic", help="output directory")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.synthetic import write_marketplace

    started = time.monotonic()
    generated = write_marketplace(
        out_dir=args.out,
        providers=args.providers,
        associations=args.associations if args.associations is not None else max(1, args.projects),
        projects=args.projects,
        seed=args.seed,
        label_projects=args.label_projects or None,
    )
    seconds = time.monotonic() - started
    labels = __import__("json").loads((args.out / "labels.json").read_text(encoding="utf-8"))
    grades = Counter(grade for graded in labels.values() for grade in graded.values())
    print(  # noqa: T201
        f"{generated.lines} lines in {args.out / 'marketplace.jsonl'} "
        f"({len(generated.associations)} associations, {len(generated.providers)} providers, "
        f"{len(generated.projects)} projects) in {seconds:.1f} s; labels for {len(labels)} projects: "
        f"{grades[3]} × 3, {grades[2]} × 2, {grades[1]} × 1"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
