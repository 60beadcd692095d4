"""The demo assessments: a history for the demo association, results everywhere else, computed by the services."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management.base import OutputWrapper
from django.utils import timezone

from assessment.barometer import barometer
from assessment.default_questionnaire import install_default_questionnaire
from assessment.models import Answer, Assessment, AssessmentState, AxisScore, QuestionnaireVersion
from assessment.recommendations import assessment_plans
from assessment.results import assessment_result
from assessment.selectors import assessment_comparison, latest_completed_ids
from demo import data, seeders
from demo.assessments import ASSESSMENT_ORDER, seed_assessment, seed_demo_assessments
from demo.profiles import seed_profiles
from marketplace.models import AssociationProfile, AuditEntry, Organisation
from marketplace.project_types import ProjectType

pytestmark = pytest.mark.django_db


def quiet():
    return OutputWrapper(io.StringIO())


@pytest.fixture
def associations():
    """The core's and the profiles' demo seeders only: organisations, owners, the volunteer, profiles."""
    seeders.seed_core(quiet())
    seed_profiles(quiet())
    return Organisation.objects.filter(name__in=[seed.name for seed in data.ASSOCIATIONS])


@pytest.fixture
def seeded(associations):
    return seed_assessment(quiet())


def restos() -> Organisation:
    return Organisation.objects.get(name=data.DEMO_ASSOCIATION.name)


def test_the_seeder_runs_after_the_resource_centre_and_before_the_search_index():
    names = [seeder.name for seeder in seeders.registered_seeders()]
    assert names.index("cms") < names.index("assessment") < names.index("search")
    assert ASSESSMENT_ORDER == 400


def test_the_demo_association_took_it_twice_and_progressed(seeded):
    history = list(Assessment.objects.filter(organisation=restos()).order_by("completed_at"))

    assert [a.state for a in history] == [AssessmentState.COMPLETED] * 2
    now = timezone.now()
    before, after = history
    assert datetime.timedelta(days=200) < now - before.completed_at < datetime.timedelta(days=230)
    assert datetime.timedelta(days=3) < now - after.completed_at < datetime.timedelta(days=15)
    assert before.started_at < before.completed_at < after.started_at < after.completed_at
    assert before.started_by.email == "asso@demo.test" and after.started_by.email == "benevole@demo.test"
    assert before.score < 35 < 50 < after.score
    result = assessment_result(assessment=after)
    assert result.previous_score == before.score
    assert [len(point.cells) for point in result.history] == [6, 6]
    changes = {axis.key: axis.change for axis in result.axes}
    assert changes["equipment"] > 40 and changes["skills-strategy"] > 20
    assert changes["fundraising"] == 0
    # The website is still the weakest axis: its brief matches the website project the association just published.
    plans = assessment_plans(assessment=after, organisation=restos())
    assert plans[0].axis.key == "communication"
    assert plans[0].brief is not None and plans[0].brief.project_type == ProjectType.WEBSITE


def test_scores_and_snapshots_are_the_services_and_dates_were_moved_back_consistently(seeded):
    profiles = {p.organisation_id: p for p in AssociationProfile.objects.all()}
    completed = Assessment.objects.filter(state=AssessmentState.COMPLETED)

    assert completed.count() == Assessment.objects.count()
    for assessment in completed.prefetch_related("axis_scores"):
        profile = profiles[assessment.organisation_id]
        assert (assessment.budget_bracket, assessment.field_of_action, assessment.region) == (
            profile.budget_bracket,
            profile.field_of_action,
            profile.region,
        )
        assert len(assessment.axis_scores.all()) == 6
        assert 0 <= assessment.score <= 100
        assert assessment.answers.count() == 30
        assert assessment.started_at < assessment.completed_at <= timezone.now()
        target = f"assessment.assessment:{assessment.pk}"
        entries = dict(AuditEntry.objects.filter(target=target).values_list("action", "created_at"))
        assert entries == {"assessment.started": assessment.started_at, "assessment.completed": assessment.completed_at}
    assert not Answer.objects.filter(answered_at__gt=timezone.now() - datetime.timedelta(days=3)).exists()


def test_every_demo_association_has_a_result_spread_across_levels(seeded, associations):
    latest = Assessment.objects.filter(pk__in=latest_completed_ids())

    assert latest.count() == associations.count() == len(data.ASSOCIATIONS)
    assert seeded["diagnostics"] == Assessment.objects.count() > len(data.ASSOCIATIONS) + 5
    scores = sorted(latest.values_list("score", flat=True))
    assert scores[0] < 30 and scores[-1] > 60
    averages = {
        key: sum(rows) / len(rows) for key, rows in _by_axis(AxisScore.objects.filter(assessment__in=latest)).items()
    }
    assert averages["data-security"] < averages["collaboration"]
    # Larger associations answer better on average.
    small = latest.filter(budget_bracket__in=["lt10k", "10k_50k"]).values_list("score", flat=True)
    large = latest.filter(budget_bracket__in=["200k_1m", "1m_5m", "gt5m"]).values_list("score", flat=True)
    assert sum(small) / len(small) < sum(large) / len(large)


def _by_axis(rows) -> dict[str, list[int]]:
    grouped = {}
    for key, score in rows.values_list("axis_key", "score"):
        grouped.setdefault(key, []).append(score)
    return grouped


def test_the_barometer_has_figures_and_the_demo_associations_peers_are_what_the_demo_holds(seeded):
    total = barometer(dimension="field_of_action").total
    assert total.shown and total.count == len(data.ASSOCIATIONS)
    assert any(row.shown for row in barometer(dimension="budget_bracket").rows)

    # Peers share the budget bracket and the field of action; the demo has few such associations, so the
    # comparison says how many there are rather than show averages that could point at one of them.
    details = data.ASSOCIATION_DETAILS
    me = data.DEMO_ASSOCIATION
    same = Counter(
        (seed.budget_bracket, details[seed.name].field_of_action) for seed in data.ASSOCIATIONS if seed != me
    )[(me.budget_bracket, details[me.name].field_of_action)]
    comparison = assessment_comparison(assessment=Assessment.objects.filter(organisation=restos()).first())
    assert comparison.group_size == same
    assert comparison.is_shown == (same >= comparison.minimum)


def test_a_second_run_creates_nothing(seeded):
    before = (Assessment.objects.count(), Answer.objects.count(), AuditEntry.objects.count())
    scores = list(Assessment.objects.order_by("pk").values_list("organisation__name", "score", "completed_at"))

    assert seed_assessment(quiet()) == {"questionnaires": 0, "diagnostics": 0}

    assert (Assessment.objects.count(), Answer.objects.count(), AuditEntry.objects.count()) == before
    assert list(Assessment.objects.order_by("pk").values_list("organisation__name", "score", "completed_at")) == scores
    assert QuestionnaireVersion.objects.count() == 1


def test_the_answers_are_the_same_from_one_demo_to_the_next(associations):
    seed_assessment(quiet())
    first = dict(Assessment.objects.values_list("organisation__name", "score").order_by("completed_at"))
    Assessment.objects.all().delete()

    seed_assessment(quiet())

    assert dict(Assessment.objects.values_list("organisation__name", "score").order_by("completed_at")) == first


def test_without_a_published_questionnaire_there_is_nothing_to_take(associations):
    install_default_questionnaire(publish=False)
    out = io.StringIO()

    assert seed_assessment(OutputWrapper(out)) == {"questionnaires": 0, "diagnostics": 0}
    assert seed_demo_assessments() == {"diagnostics": 0}
    assert "non publié" in out.getvalue()
    assert not Assessment.objects.exists()
