"""The result of a completed assessment as the result page shows it: scores per axis, history, peers."""

from dataclasses import dataclass

from .models import Assessment
from .selectors import Comparison, assessment_comparison, assessment_history, axis_score_rows


def level_of(score: int) -> str:
    """A word for a score, for colour and text: "low" under 40, "mid" under 70, "high" from 70."""
    if score < 40:
        return "low"
    return "mid" if score < 70 else "high"


@dataclass(frozen=True)
class AxisResult:
    key: str
    title: str
    score: int
    previous: int | None
    peers: int | None

    @property
    def level(self) -> str:
        return level_of(self.score)

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class HistoryPoint:
    assessment: Assessment
    cells: list[int | None]


@dataclass(frozen=True)
class Result:
    score: int
    previous_score: int | None
    axes: list[AxisResult]
    history: list[HistoryPoint]
    history_columns: list[tuple[str, str]]
    comparison: Comparison


def _cells(point: Assessment, keys: list[str]) -> list[int | None]:
    scores = {row.axis_key: row.score for row in point.axis_scores.all()}
    return [scores.get(key) for key in keys]


def assessment_result(*, assessment: Assessment) -> Result:
    """Scores of `assessment` beside the association's previous assessment and similar associations' averages.

    History and comparisons join results by axis key, so an assessment taken
    on an older questionnaire version still lines up with a newer one.
    """
    history = [
        point
        for point in assessment_history(organisation=assessment.organisation)
        if point.completed_at <= assessment.completed_at
    ]
    previous = history[-2] if len(history) >= 2 else None
    previous_scores = {row.axis_key: row.score for row in previous.axis_scores.all()} if previous else {}
    comparison = assessment_comparison(assessment=assessment)
    rows = sorted(axis_score_rows(assessment), key=lambda row: (row.axis.sort_order, row.pk))
    axes = [
        AxisResult(
            key=row.axis_key,
            title=row.axis.label,
            score=row.score,
            previous=previous_scores.get(row.axis_key),
            peers=comparison.averages.get(row.axis_key),
        )
        for row in rows
    ]
    return Result(
        score=assessment.score or 0,
        previous_score=previous.score if previous else None,
        axes=axes,
        history=[HistoryPoint(assessment=point, cells=_cells(point, [axis.key for axis in axes])) for point in history],
        history_columns=[(axis.key, axis.title) for axis in axes],
        comparison=comparison,
    )
