"""The matching evaluation set: its files, its two halves, and loading it through the import service.

`marketplace.jsonl` is a partner file in the format of `manage.py import_marketplace`, so every engine reads
exactly what the import service wrote; `grades.json` holds, per project, the grades of RUBRIC.md with the need
as read and the effort that the budget rules use. Loading never goes around the import service: a test or a
benchmark that uses the set sees the rows a partner's import would create.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
MARKETPLACE_FILE = DATA_DIR / "marketplace.jsonl"
GRADES_FILE = DATA_DIR / "grades.json"

TUNE = "tune"
HELD_OUT = "held_out"
HALVES = (TUNE, HELD_OUT)

# Grades from this value up count as relevant for precision (RUBRIC.md, "Metrics").
RELEVANT_GRADE = 2


@dataclass(frozen=True)
class Judgement:
    """What the grader read in a project, and the grade of each provider considered (absent: 0)."""

    project_ref: str
    need: str
    tags: tuple[str, ...]
    effort_days: float
    grades: dict[str, int]

    @property
    def half(self) -> str:
        return half_of(self.project_ref)

    def grade(self, provider_ref: str) -> int:
        return self.grades.get(provider_ref, 0)


def half_of(project_ref: str) -> str:
    """The fixed split: odd project numbers tune, even ones are held out (J001 tune, J002 held out...).

    The projects were numbered in writing order, grouped by type, so alternating keeps every type and every
    kind of difficulty on both sides.
    """
    return TUNE if int(project_ref.lstrip("J")) % 2 else HELD_OUT


@cache
def marketplace_lines() -> tuple[dict, ...]:
    """Every line of the partner file, parsed, in file order."""
    with MARKETPLACE_FILE.open(encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines if line.strip())


def lines_of(kind: str) -> list[dict]:
    return [line for line in marketplace_lines() if line["kind"] == kind]


@cache
def judgements() -> dict[str, Judgement]:
    """The grades of every project, by project reference."""
    raw = json.loads(GRADES_FILE.read_text(encoding="utf-8"))
    return {
        ref: Judgement(
            project_ref=ref,
            need=entry["need"],
            tags=tuple(entry["tags"]),
            effort_days=entry["effort_days"],
            grades=dict(entry["grades"]),
        )
        for ref, entry in raw.items()
    }


def project_refs(half: str | None = None) -> list[str]:
    """Project references in file order, of one half or of both."""
    refs = [line["ref"] for line in lines_of("project")]
    return [ref for ref in refs if half is None or half_of(ref) == half]


def unverified_provider_refs() -> set[str]:
    """Providers the file does not vouch for: matching must never propose them."""
    return {line["ref"] for line in lines_of("provider") if not line.get("verified")}


def import_marketplace():
    """Load the set into the current database through the import service (strict: every skill is known).

    Returns the service's `ImportResult`. Like any import, it queues the providers and projects for the search
    index; callers index them (`index_process_queue`) or rebuild the indices.
    """
    from marketplace.services.imports import marketplace_import

    with MARKETPLACE_FILE.open(encoding="utf-8") as lines:
        return marketplace_import(lines=lines, strict=True)
