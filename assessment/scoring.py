"""How answers become scores: one table of rules, the same for results, history, comparisons and the barometer.

A question's answer is worth `choice.score` points out of the question's best
answer; a question's weight says how much it counts in its axis. An axis
scores 0-100: the weighted share of the points it could have earned. The
overall score is the mean of the axis scores, weighted by each axis's weight,
so editors can make an axis count double without rewriting its questions.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ScoredQuestion:
    axis_id: int
    weight: int
    max_score: int


def axis_scores(questions: Mapping[int, ScoredQuestion], points: Mapping[int, int]) -> dict[int, int]:
    """Score per axis id, from each answered question's points (question id -> points)."""
    earned: dict[int, float] = {}
    possible: dict[int, float] = {}
    for question_id, question in questions.items():
        if question.max_score <= 0 or question_id not in points:
            continue
        earned[question.axis_id] = earned.get(question.axis_id, 0) + question.weight * points[question_id]
        possible[question.axis_id] = possible.get(question.axis_id, 0) + question.weight * question.max_score
    return {
        axis_id: round(100 * earned[axis_id] / total) if total else 0 for axis_id, total in possible.items() if total
    }


def overall_score(scores: Mapping[int, int], weights: Mapping[int, int]) -> int:
    """The weighted mean of the axis scores (axes with weight 0 do not count)."""
    total_weight = sum(weights.get(axis_id, 0) for axis_id in scores)
    if not total_weight:
        return 0
    return round(sum(score * weights.get(axis_id, 0) for axis_id, score in scores.items()) / total_weight)


def weakest(scores: Iterable[tuple[object, int]], *, below: int, at_most: int) -> list:
    """The items scoring under `below`, lowest first, at most `at_most` of them (the lowest one at least, if any
    axis is short of full marks, so a good result still says where to go next)."""
    ranked = sorted(scores, key=lambda pair: pair[1])
    chosen = [item for item, score in ranked if score < below][:at_most]
    if not chosen and ranked and ranked[0][1] < 100:
        chosen = [ranked[0][0]]
    return chosen
