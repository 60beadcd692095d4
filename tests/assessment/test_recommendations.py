import pytest

from assessment.briefs import budget_range
from assessment.recommendations import assessment_plans
from marketplace.project_types import ProjectType

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db


def test_weak_axes_get_plans_weakest_first_with_the_answers_that_triggered_them():
    version = build_version()
    membership = association_member()
    assessment = take(membership, version, {"equipment": "Non", "collaboration": "En partie"}, default="Oui")
    plans = assessment_plans(assessment=assessment, organisation=membership.organisation)
    assert [plan.axis.key for plan in plans] == ["equipment", "collaboration"]
    equipment = plans[0]
    assert equipment.score == 0
    assert [t.answer for t in equipment.triggers] == ["Non", "Non"]
    advice = equipment.advice[0]
    assert advice.title == "Conseil pour équipement et réseaux"
    assert [(t.question, t.answer) for t in advice.triggers] == [("Question 1 sur équipement et réseaux ?", "Non")]
    # "En partie" is above the advice's threshold (0): no advice, but the low answers are still listed.
    collaboration = plans[1]
    assert collaboration.advice == [] and collaboration.brief is None
    assert [t.answer for t in collaboration.triggers] == ["En partie", "En partie"]


def test_a_brief_is_drafted_from_the_answers_for_advice_calling_for_a_provider():
    version = build_version()
    membership = association_member(budget_bracket="lt10k")
    assessment = take(membership, version, {"equipment": "Non"}, default="Oui")
    brief = assessment_plans(assessment=assessment, organisation=membership.organisation)[0].brief
    assert brief.project_type == ProjectType.HARDWARE
    assert brief.title == "Remettre à niveau notre matériel et notre réseau"
    assert membership.organisation.name in brief.description
    assert "Question 1 sur équipement et réseaux ? — Non" in brief.description
    assert "Conseil pour équipement et réseaux" in brief.description
    assert "score 0 sur 100" in brief.description
    assert (brief.budget_min_euros, brief.budget_max_euros) == budget_range(ProjectType.HARDWARE, "lt10k")
    assert set(brief.skill_slugs) == {"parc-informatique", "migration-cloud"}


def test_axes_without_project_type_never_draft_a_brief():
    version = build_version()
    membership = association_member()
    assessment = take(membership, version, {"skills": "Non"}, default="Oui")
    (plan,) = assessment_plans(assessment=assessment, organisation=membership.organisation)
    assert plan.axis.key == "skills" and plan.advice and plan.brief is None


def test_budget_ranges_grow_with_the_association_and_stay_realistic():
    small = budget_range(ProjectType.WEBSITE, "lt10k")
    middle = budget_range(ProjectType.WEBSITE, "50k_200k")
    large = budget_range(ProjectType.WEBSITE, "gt5m")
    assert small[0] < middle[0] < large[0] and small[1] < middle[1] < large[1]
    assert middle == (1500, 8000)  # the project type's usual range, as is
    assert all(low % 100 == 0 and high % 100 == 0 and 300 <= low <= high for low, high in (small, middle, large))
    assert budget_range(ProjectType.WEBSITE, "") == middle


def test_a_good_result_still_points_at_its_weakest_axis_and_a_perfect_one_at_nothing():
    version = build_version()
    membership = association_member()
    perfect = take(membership, version)
    assert assessment_plans(assessment=perfect, organisation=membership.organisation) == []
    nearly = take(membership, version, {"skills": "En partie"}, default="Oui")
    # skills: (1*1 + 2*1) / (1*2 + 2*2) = 50 → below the threshold
    assert [p.axis.key for p in assessment_plans(assessment=nearly, organisation=membership.organisation)] == ["skills"]
