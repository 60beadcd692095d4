import pytest

from assessment.errors import AssessmentError
from assessment.models import Assessment, AssessmentState, AxisScore, Choice, QuestionnaireVersion, VersionStatus
from assessment.services import (
    assessment_complete,
    assessment_save_answers,
    assessment_start,
    questionnaire_version_copy,
    questionnaire_version_publish,
)
from marketplace.errors import NotFound, PermissionDenied
from tests.project_factories import VerifiedProviderFactory, member_of

from .builders import association_member, build_version, choices_for, take

pytestmark = pytest.mark.django_db


def test_an_association_starts_then_resumes_the_same_assessment():
    version = build_version()
    membership = association_member()
    first = assessment_start(membership=membership)
    again = assessment_start(membership=membership)
    assert first.pk == again.pk
    assert first.version == version
    assert first.state == AssessmentState.IN_PROGRESS


def test_answers_are_saved_one_step_at_a_time_and_replaced_when_changed():
    version = build_version()
    membership = association_member()
    assessment = assessment_start(membership=membership)
    all_no = choices_for(version, default="Non")
    first_two = dict(list(all_no.items())[:2])
    assessment_save_answers(membership=membership, assessment_id=assessment.pk, answers=first_two)
    assert assessment.answers.count() == 2
    question_id = next(iter(first_two))
    yes = Choice.objects.get(question_id=question_id, label="Oui")
    assessment_save_answers(membership=membership, assessment_id=assessment.pk, answers={question_id: yes.pk})
    assert assessment.answers.count() == 2
    assert assessment.answers.get(question_id=question_id).choice == yes


def test_an_answer_from_another_question_or_version_is_refused():
    version = build_version()
    other_version = build_version(name="Brouillon", status=VersionStatus.DRAFT)
    membership = association_member()
    assessment = assessment_start(membership=membership)
    questions = list(choices_for(version))
    foreign = Choice.objects.filter(question__axis__version=other_version).first()
    wrong_question = Choice.objects.filter(question_id=questions[1]).first()
    for choice in (foreign, wrong_question):
        with pytest.raises(AssessmentError):
            assessment_save_answers(
                membership=membership, assessment_id=assessment.pk, answers={questions[0]: choice.pk}
            )
    assert assessment.answers.count() == 0


def test_completing_needs_every_answer_then_scores_and_keeps_the_profile_snapshot():
    version = build_version()
    membership = association_member(budget_bracket="50k_200k", field_of_action="sport")
    assessment = assessment_start(membership=membership)
    answers = choices_for(version, {"equipment": "Non", "collaboration": "En partie"}, default="Oui")
    assessment_save_answers(membership=membership, assessment_id=assessment.pk, answers=dict(list(answers.items())[:3]))
    with pytest.raises(AssessmentError, match="3 question"):
        assessment_complete(membership=membership, assessment_id=assessment.pk)
    assessment_save_answers(membership=membership, assessment_id=assessment.pk, answers=answers)
    done = assessment_complete(membership=membership, assessment_id=assessment.pk)
    scores = dict(AxisScore.objects.filter(assessment=done).values_list("axis_key", "score"))
    assert scores == {"equipment": 0, "collaboration": 50, "skills": 100}
    assert done.score == 50
    assert (done.budget_bracket, done.field_of_action) == ("50k_200k", "sport")
    assert done.completed_at is not None
    with pytest.raises(AssessmentError):
        assessment_save_answers(membership=membership, assessment_id=done.pk, answers=answers)


def test_retaking_starts_a_new_assessment_and_keeps_the_old_result():
    version = build_version()
    membership = association_member()
    first = take(membership, version, default="Non")
    second = assessment_start(membership=membership)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.score == 0


def test_providers_cannot_take_it_and_nobody_reaches_another_associations_assessment():
    build_version()
    provider = member_of(VerifiedProviderFactory())
    with pytest.raises(PermissionDenied):
        assessment_start(membership=provider)
    mine = assessment_start(membership=association_member())
    with pytest.raises(NotFound):
        assessment_save_answers(membership=association_member(), assessment_id=mine.pk, answers={})


def test_without_a_published_questionnaire_starting_says_so():
    build_version(status=VersionStatus.DRAFT)
    with pytest.raises(AssessmentError, match="pas encore disponible"):
        assessment_start(membership=association_member())


def test_an_assessment_keeps_its_version_when_a_new_one_is_published():
    version = build_version()
    membership = association_member()
    ongoing = assessment_start(membership=membership)
    draft = questionnaire_version_copy(version=version, user=membership.user)
    assert draft.status == VersionStatus.DRAFT
    assert draft.axes.count() == 3
    assert Choice.objects.filter(question__axis__version=draft).count() == 18
    assert set(draft.axes.values_list("key", flat=True)) == {"equipment", "collaboration", "skills"}
    questionnaire_version_publish(version=draft, user=membership.user)
    version.refresh_from_db()
    assert version.status == VersionStatus.RETIRED
    assert QuestionnaireVersion.objects.get(status=VersionStatus.PUBLISHED) == draft
    # The assessment in progress goes on with its own version's questions.
    assessment_save_answers(membership=membership, assessment_id=ongoing.pk, answers=choices_for(version))
    done = assessment_complete(membership=membership, assessment_id=ongoing.pk)
    assert done.version == version and done.score == 100
    # A new one is on the new version.
    assert take(association_member(), draft).version == draft


def test_a_version_copy_keeps_links_and_recommendations():
    version = build_version()
    draft = questionnaire_version_copy(version=version, user=None)
    original = version.axes.get(key="equipment")
    copied = draft.axes.get(key="equipment")
    assert list(copied.skills.values_list("slug", flat=True)) == list(original.skills.values_list("slug", flat=True))
    assert copied.questions.get(key="equipment-0").recommendations.get().needs_provider is True


def test_only_a_complete_draft_is_published():
    version = build_version()
    with pytest.raises(AssessmentError, match="brouillon"):
        questionnaire_version_publish(version=version, user=None)
    empty = QuestionnaireVersion.objects.create(name="Vide")
    with pytest.raises(AssessmentError, match="axe"):
        questionnaire_version_publish(version=empty, user=None)
    pointless = build_version(name="Sans points", status=VersionStatus.DRAFT)
    Choice.objects.filter(question__axis__version=pointless).update(score=0)
    with pytest.raises(AssessmentError, match="deux réponses"):
        questionnaire_version_publish(version=pointless, user=None)
    assert QuestionnaireVersion.objects.get(status=VersionStatus.PUBLISHED) == version


def test_two_colleagues_starting_at_once_share_one_assessment():
    build_version()
    membership = association_member()
    colleague = member_of(membership.organisation)
    assert assessment_start(membership=membership).pk == assessment_start(membership=colleague).pk
    assert Assessment.objects.filter(organisation=membership.organisation).count() == 1
