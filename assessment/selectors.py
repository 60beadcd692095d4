"""Reads of the self-assessment: the published questionnaire, an association's assessments, history, peers."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Max, OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _

from marketplace.errors import NotFound

from . import conf
from .models import Assessment, AssessmentState, Axis, AxisScore, Question, QuestionnaireVersion, VersionStatus
from .scoring import ScoredQuestion


def current_version() -> QuestionnaireVersion | None:
    return QuestionnaireVersion.objects.filter(status=VersionStatus.PUBLISHED).first()


def assessment_get_for(*, organisation, assessment_id: int, lock: bool = False) -> Assessment:
    """One of the organisation's own assessments; anyone else's is 'not found', like an id that does not exist."""
    queryset = Assessment.objects.filter(organisation=organisation).select_related("version", "organisation")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    assessment = queryset.filter(pk=assessment_id).first()
    if assessment is None:
        raise NotFound(_("Ce diagnostic n'existe pas ou n'est pas celui de votre association."))
    return assessment


def axis_score_rows(assessment: Assessment) -> list[AxisScore]:
    """The assessment's scores with their axes (and the axes' themes and skills), read once per assessment object.

    The result and the plans of one page both need them: the second caller gets the rows the first read.
    """
    rows = assessment.__dict__.get("_axis_score_rows")
    if rows is None:
        rows = list(assessment.axis_scores.select_related("axis").prefetch_related("axis__themes", "axis__skills"))
        assessment.__dict__["_axis_score_rows"] = rows
    return rows


def assessment_in_progress(*, organisation) -> Assessment | None:
    return Assessment.objects.filter(organisation=organisation, state=AssessmentState.IN_PROGRESS).first()


def scored_questions(version: QuestionnaireVersion) -> dict[int, ScoredQuestion]:
    rows = Question.objects.filter(axis__version=version).annotate(best=Max("choices__score"))
    return {
        row.pk: ScoredQuestion(axis_id=row.axis_id, weight=row.weight, max_score=row.best or 0)
        for row in rows.only("pk", "axis_id", "weight")
    }


def axes_with_questions(version: QuestionnaireVersion) -> list[Axis]:
    """The version's axes in order, each with its questions and their answers (three queries)."""
    questions = Question.objects.order_by("sort_order", "pk").prefetch_related("choices")
    return list(
        Axis.objects.filter(version=version)
        .order_by("sort_order", "pk")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )


@dataclass(frozen=True)
class Step:
    """One page of the questionnaire: one axis and its questions, with the answers already given."""

    number: int
    total: int
    axis: Axis
    chosen: dict[int, int]
    answered_before: int
    question_count: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.answered_before / self.question_count) if self.question_count else 0


def assessment_step(*, assessment: Assessment, number: int) -> Step:
    axes = axes_with_questions(assessment.version)
    if not 1 <= number <= len(axes):
        raise NotFound(_("Cette étape du diagnostic n'existe pas."))
    chosen = dict(assessment.answers.values_list("question_id", "choice_id"))
    return Step(
        number=number,
        total=len(axes),
        axis=axes[number - 1],
        chosen=chosen,
        answered_before=len(chosen),
        question_count=sum(len(axis.questions.all()) for axis in axes),
    )


def first_unanswered_step(*, assessment: Assessment) -> int:
    """Where to resume: the first axis with a question left (the last axis when all are answered)."""
    axes = axes_with_questions(assessment.version)
    answered = set(assessment.answers.values_list("question_id", flat=True))
    for number, axis in enumerate(axes, start=1):
        if any(question.pk not in answered for question in axis.questions.all()):
            return number
    return max(len(axes), 1)


def assessment_history(*, organisation) -> list[Assessment]:
    """The organisation's completed assessments, oldest first, each with its axis scores."""
    return list(
        Assessment.objects.filter(organisation=organisation, state=AssessmentState.COMPLETED)
        .order_by("completed_at", "pk")
        .prefetch_related(Prefetch("axis_scores", queryset=AxisScore.objects.select_related("axis")))
    )


def latest_completed_ids():
    """The latest completed assessment of each organisation: peers and the barometer count each association once."""
    latest = (
        Assessment.objects.filter(organisation=OuterRef("organisation"), state=AssessmentState.COMPLETED)
        .order_by("-completed_at", "-pk")
        .values("pk")[:1]
    )
    return Assessment.objects.filter(state=AssessmentState.COMPLETED, pk=Subquery(latest)).values("pk")


@dataclass(frozen=True)
class Comparison:
    """How similar associations score, per axis key; `averages` is empty when the group is too small to show."""

    group_size: int
    minimum: int
    averages: dict[str, int]
    overall: int | None

    @property
    def is_shown(self) -> bool:
        return self.group_size >= self.minimum


def assessment_comparison(*, assessment: Assessment) -> Comparison:
    """Associations of the same budget bracket and field of action (their latest assessment, the association's
    own excluded); figures only from `conf.min_group_size()` of them, so no single one can be made out."""
    minimum = conf.min_group_size()
    peers = Assessment.objects.filter(
        pk__in=latest_completed_ids(),
        budget_bracket=assessment.budget_bracket,
        field_of_action=assessment.field_of_action,
    ).exclude(organisation=assessment.organisation_id)
    if not assessment.budget_bracket or not assessment.field_of_action:
        return Comparison(group_size=0, minimum=minimum, averages={}, overall=None)
    summary = peers.aggregate(count=Count("pk"), overall=Avg("score"))
    if summary["count"] < minimum:
        return Comparison(group_size=summary["count"], minimum=minimum, averages={}, overall=None)
    rows = (
        AxisScore.objects.filter(assessment__in=peers)
        .values("axis_key")
        .annotate(average=Avg("score"), count=Count("pk"))
    )
    averages = {row["axis_key"]: round(row["average"]) for row in rows if row["count"] >= minimum}
    return Comparison(
        group_size=summary["count"], minimum=minimum, averages=averages, overall=round(summary["overall"])
    )
