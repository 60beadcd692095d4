"""Writes of the self-assessment: take it (start, save, complete), version the questionnaire, publish a brief."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.eligibility import can_publish_projects
from marketplace.errors import PermissionDenied
from marketplace.models import Membership, Project
from marketplace.models.profiles import AssociationProfile
from marketplace.services.audit import audit_record
from marketplace.services.projects import project_create, project_publish

from . import scoring
from .errors import AssessmentError
from .models import (
    Answer,
    Assessment,
    AssessmentState,
    Axis,
    AxisScore,
    Choice,
    QuestionnaireVersion,
    VersionStatus,
)
from .selectors import assessment_get_for, current_version, scored_questions


def _require_association_member(membership: Membership | None) -> None:
    if membership is None or not membership.organisation.is_association:
        raise PermissionDenied(_("Le diagnostic numérique est réservé aux associations."))


@transaction.atomic
def assessment_start(*, membership: Membership) -> Assessment:
    """Resume the association's assessment in progress, or start one on the published questionnaire."""
    _require_association_member(membership)
    organisation = membership.organisation
    ongoing = Assessment.objects.filter(organisation=organisation, state=AssessmentState.IN_PROGRESS).first()
    if ongoing is not None:
        return ongoing
    version = current_version()
    if version is None:
        raise AssessmentError(_("Le diagnostic n'est pas encore disponible : revenez bientôt."))
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                organisation=organisation, version=version, started_by=membership.user
            )
    except IntegrityError:
        # A colleague started one at the same moment: theirs is the association's assessment.
        return Assessment.objects.get(organisation=organisation, state=AssessmentState.IN_PROGRESS)
    audit_record(actor=membership.user, action="assessment.started", organisation=organisation, target=assessment)
    return assessment


def _ongoing(membership: Membership, assessment_id: int) -> Assessment:
    _require_association_member(membership)
    assessment = assessment_get_for(organisation=membership.organisation, assessment_id=assessment_id, lock=True)
    if assessment.state != AssessmentState.IN_PROGRESS:
        raise AssessmentError(_("Ce diagnostic est terminé : commencez-en un nouveau pour le refaire."))
    return assessment


@transaction.atomic
def assessment_save_answers(*, membership: Membership, assessment_id: int, answers: dict[int, int]) -> Assessment:
    """Record answers (question id -> choice id); answering again replaces the earlier answer.

    Only questions of the assessment's own version and their own answers are
    accepted, whatever the form sent.
    """
    assessment = _ongoing(membership, assessment_id)
    if not answers:
        return assessment
    choices = {
        choice.pk: choice
        for choice in Choice.objects.filter(
            pk__in=answers.values(), question__axis__version=assessment.version
        ).select_related("question")
    }
    for question_id, choice_id in answers.items():
        choice = choices.get(choice_id)
        if choice is None or choice.question_id != question_id:
            raise AssessmentError(_("Une réponse ne correspond pas à sa question : rechargez la page."))
    for question_id, choice_id in answers.items():
        Answer.objects.update_or_create(
            assessment=assessment, question_id=question_id, defaults={"choice_id": choice_id}
        )
    assessment.save(update_fields=["updated_at"])
    return assessment


@transaction.atomic
def assessment_complete(*, membership: Membership, assessment_id: int) -> Assessment:
    """Score a fully answered assessment and keep the association's bracket, field and region with it."""
    assessment = _ongoing(membership, assessment_id)
    questions = scored_questions(assessment.version)
    points = dict(Answer.objects.filter(assessment=assessment).values_list("question_id", "choice__score"))
    missing = [question_id for question_id in questions if question_id not in points]
    if missing:
        raise AssessmentError(
            _("Il reste %(n)s question(s) sans réponse : répondez-y pour voir vos résultats.") % {"n": len(missing)}
        )
    axes = {axis.pk: axis for axis in Axis.objects.filter(version=assessment.version)}
    scores = scoring.axis_scores(questions, points)
    AxisScore.objects.bulk_create(
        AxisScore(assessment=assessment, axis_id=axis_id, axis_key=axes[axis_id].key, score=score)
        for axis_id, score in scores.items()
    )
    profile = AssociationProfile.objects.filter(organisation=assessment.organisation).first()
    if profile is not None:
        assessment.budget_bracket = profile.budget_bracket
        assessment.field_of_action = profile.field_of_action
        assessment.region = profile.region
    assessment.score = scoring.overall_score(scores, {pk: axis.weight for pk, axis in axes.items()})
    assessment.state = AssessmentState.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    audit_record(
        actor=membership.user,
        action="assessment.completed",
        organisation=assessment.organisation,
        target=assessment,
        data={"score": assessment.score},
    )
    return assessment


# --- Questionnaire versions (editors) -------------------------------------------------------------------------


def _clone(source, *, m2m: tuple[str, ...] = (), **parent):
    """A new row with all of `source`'s own fields (not its relations) under `parent`, and the same `m2m` links.

    Reads the fields from the model, so a field editors get later is copied too.
    """
    model = type(source)
    fields = {
        field.name: getattr(source, field.name)
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.is_relation
    }
    clone = model.objects.create(**fields, **parent)
    if m2m:
        for name in m2m:
            getattr(clone, name).set(getattr(source, name).all())
        clone.save()  # parental many-to-many links are written on save
    return clone


@transaction.atomic
def questionnaire_version_copy(*, version: QuestionnaireVersion, user) -> QuestionnaireVersion:
    """A new draft with everything of `version` (axes, questions, answers, recommendations), ready to edit."""
    copy = QuestionnaireVersion.objects.create(
        name=version.name, intro=version.intro, copied_from=version, status=VersionStatus.DRAFT
    )
    for axis in version.axes.all():
        new_axis = _clone(axis, m2m=("themes", "skills"), version=copy)
        for question in axis.questions.all():
            new_question = _clone(question, axis=new_axis)
            for choice in question.choices.all():
                _clone(choice, question=new_question)
            for recommendation in question.recommendations.all():
                _clone(recommendation, m2m=("articles", "offers", "trainings"), question=new_question)
    audit_record(actor=user, action="assessment.version_copied", target=copy, data={"from": version.number})
    return copy


def _check_publishable(version: QuestionnaireVersion) -> None:
    axes = list(version.axes.prefetch_related("questions__choices"))
    if not axes:
        raise AssessmentError(_("Ajoutez au moins un axe avant de publier."))
    for axis in axes:
        questions = list(axis.questions.all())
        if not questions:
            raise AssessmentError(_("L'axe « %(axis)s » n'a pas de question.") % {"axis": axis.title})
        for question in questions:
            choices = list(question.choices.all())
            if len(choices) < 2 or max(choice.score for choice in choices) == 0:
                raise AssessmentError(
                    _(
                        "La question « %(question)s » doit avoir au moins deux réponses, "
                        "dont une qui rapporte des points."
                    )
                    % {"question": question.text}
                )


@transaction.atomic
def questionnaire_version_publish(*, version: QuestionnaireVersion, user) -> QuestionnaireVersion:
    """Publish a complete draft; the version published until now is retired (its results stay readable)."""
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise AssessmentError(_("Seul un brouillon peut être publié."))
    _check_publishable(version)
    QuestionnaireVersion.objects.select_for_update().filter(status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.RETIRED
    )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    audit_record(actor=user, action="assessment.version_published", target=version)
    return version


# --- From a weak axis to a project ----------------------------------------------------------------------------


@transaction.atomic
def assessment_brief_publish(*, membership: Membership, assessment_id: int, axis_key: str, data: dict) -> Project:
    """Turn the edited brief of one axis into a project, published at once when the association may publish.

    The skills come from the axis, not from the form; the project rules
    (`project_create`, `project_publish`) check everything else. An association
    not verified yet keeps the project as a draft, to publish once verified.
    """
    _require_association_member(membership)
    assessment = assessment_get_for(organisation=membership.organisation, assessment_id=assessment_id)
    if not assessment.is_completed:
        raise AssessmentError(_("Terminez le diagnostic avant d'en tirer un projet."))
    row = assessment.axis_scores.select_related("axis").filter(axis_key=axis_key).first()
    if row is None or not row.axis.project_type:
        raise AssessmentError(_("Ce diagnostic ne propose pas de projet pour cet axe."))
    skills = [skill.slug for skill in row.axis.skills.all()]
    project = project_create(
        membership=membership,
        data={
            "project_type": data["project_type"],
            "title": data["title"],
            "description": data["description"],
            "budget_min": data["budget_min"],
            "budget_max": data["budget_max"],
            **({"skills": skills} if skills and data["project_type"] == row.axis.project_type else {}),
        },
    )
    if can_publish_projects(membership.organisation):
        project = project_publish(membership=membership, project_id=project.pk)
    audit_record(
        actor=membership.user,
        action="assessment.brief_used",
        organisation=membership.organisation,
        target=assessment,
        data={"axis": axis_key, "project": project.pk},
    )
    return project
