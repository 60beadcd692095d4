"""Small questionnaires and assessments for the self-assessment tests, built with the real services."""

from assessment.models import Axis, Choice, Question, QuestionnaireVersion, Recommendation, VersionStatus
from assessment.services import assessment_complete, assessment_save_answers, assessment_start
from marketplace.models import Skill
from marketplace.project_types import ProjectType
from tests.profile_factories import AssociationProfileFactory
from tests.project_factories import VerifiedAssociationFactory, member_of

AXES = (
    ("equipment", "Équipement et réseaux", ProjectType.HARDWARE),
    ("collaboration", "Outils collaboratifs", ProjectType.CLOUD),
    ("skills", "Compétences", ""),
)


def build_version(*, name="Diagnostic", status=VersionStatus.PUBLISHED, axes=AXES, questions=2) -> QuestionnaireVersion:
    """`questions` per axis, each answered "Non" (0), "En partie" (1) or "Oui" (2); the first question of each axis
    has advice for its weakest answer, which calls for a provider when the axis has a project type."""
    version = QuestionnaireVersion.objects.create(name=name, status=status)
    for position, (key, title, project_type) in enumerate(axes):
        axis = Axis.objects.create(
            version=version,
            sort_order=position,
            key=key,
            title=title,
            title_en=f"{title} (en)",
            project_type=project_type,
        )
        # Parental many-to-many: kept in memory until the axis is saved.
        axis.skills.set(Skill.objects.filter(slug__in=["parc-informatique", "migration-cloud"]))
        axis.save()
        for number in range(questions):
            question = Question.objects.create(
                axis=axis,
                sort_order=number,
                key=f"{key}-{number}",
                text=f"Question {number + 1} sur {title.lower()} ?",
                why=f"Pourquoi la question {number + 1} compte.",
                weight=number + 1,
            )
            for order, (label, score) in enumerate((("Non", 0), ("En partie", 1), ("Oui", 2))):
                Choice.objects.create(question=question, sort_order=order, label=label, score=score)
            if number == 0:
                Recommendation.objects.create(
                    question=question,
                    max_score=0,
                    title=f"Conseil pour {title.lower()}",
                    advice="Commencez par faire l'inventaire.",
                    needs_provider=bool(project_type),
                )
    return version


def association_member(*, budget_bracket="10k_50k", field_of_action="culture"):
    organisation = VerifiedAssociationFactory()
    AssociationProfileFactory(organisation=organisation, budget_bracket=budget_bracket, field_of_action=field_of_action)
    return member_of(organisation)


def choices_for(version, labels_by_axis: dict[str, str] | None = None, default: str = "Oui") -> dict[int, int]:
    """question id -> choice id, picking the answer labelled by axis key (or `default`)."""
    labels_by_axis = labels_by_axis or {}
    answers = {}
    for question in Question.objects.filter(axis__version=version).select_related("axis"):
        label = labels_by_axis.get(question.axis.key, default)
        answers[question.pk] = question.choices.get(label=label).pk
    return answers


def take(membership, version, labels_by_axis=None, default="Oui"):
    """Start, answer everything and complete an assessment; returns it completed."""
    assessment = assessment_start(membership=membership)
    assessment_save_answers(
        membership=membership, assessment_id=assessment.pk, answers=choices_for(version, labels_by_axis, default)
    )
    return assessment_complete(membership=membership, assessment_id=assessment.pk)
