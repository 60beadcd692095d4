"""Demo assessments: a history for the demo association, and enough results elsewhere for the barometer.

"Les Restos du Quartier — Lyon" (asso@demo.test) took the assessment about
seven months ago, before the digital diagnosis and the new computers of its
projects, and again a few days ago: its result page shows the progress, and
the website, still its weakest axis, leads to the website project it has just
published. Every other demo association has one completed assessment, a few
of them an earlier one too, with answers drawn from a `random.Random` seeded
with the association's name: larger budgets answer better on average, and
security and strategy lag behind, as in the sector's barometers.

Everything goes through the services (start, save the answers, complete), so
scores and the budget bracket, field of action and region copied from the
profile are the real code's; only the dates are moved back afterwards. An
association that already has an assessment is left alone, so a second run
creates nothing.
"""

import datetime
import math
import random
from dataclasses import dataclass

from django.core.management.base import OutputWrapper
from django.utils import timezone

from assessment.default_questionnaire import install_default_questionnaire
from assessment.models import Answer, Assessment, Choice, Question, QuestionnaireVersion
from assessment.selectors import current_version
from assessment.services import assessment_complete, assessment_save_answers, assessment_start
from demo import data
from marketplace.models import AuditEntry, Membership, Organisation
from marketplace.models.organisations import OrganisationKind, Role
from marketplace.models.profiles import BudgetBracket

# After the core (100), profiles (150), projects (200), billing (210) and the resource centre (300): associations
# have their profiles, and the questionnaire's advice finds the demo pages it links to. Before search (900).
ASSESSMENT_ORDER = 400

# The demo association's answers, as the score of the answer chosen per question key.
RESTOS_BEFORE = {
    # Old donated computers, files on USB keys, three Gmail addresses, a ten-year-old website nobody can edit.
    "computer-age": 1,
    "personal-devices": 0,
    "updates": 1,
    "internet-wifi": 2,
    "inventory": 0,
    "email-addresses": 1,
    "shared-files": 0,
    "shared-calendar": 1,
    "remote-meetings": 2,
    "co-editing": 1,
    "website": 1,
    "website-access": 0,
    "social-media": 1,
    "newsletter": 1,
    "accessibility": 0,
    "passwords": 0,
    "two-factor": 0,
    "backups": 1,
    "gdpr-register": 0,
    "consent": 1,
    "online-donations": 2,
    "online-membership": 0,
    "member-file": 2,
    "tax-receipts": 1,
    "donor-follow-up": 1,
    "digital-lead": 1,
    "team-skills": 1,
    "trainings": 0,
    "digital-plan": 0,
    "digital-budget": 1,
}
RESTOS_AFTER = {
    **RESTOS_BEFORE,
    # The diagnosis gave them a plan and a person in charge; the new computers come with automatic backups.
    "computer-age": 2,
    "personal-devices": 3,
    "updates": 3,
    "inventory": 3,
    "shared-files": 2,
    "shared-calendar": 2,
    "website-access": 1,
    "accessibility": 1,
    "passwords": 1,
    "two-factor": 1,
    "backups": 3,
    "gdpr-register": 1,
    "digital-lead": 3,
    "trainings": 1,
    "digital-plan": 3,
}
RESTOS_DAYS_AGO = (212, 9)

# How well associations answer, on a 0-1 scale: by size, then per axis.
BRACKET_LEVEL = {
    BudgetBracket.LT_10K: 0.30,
    BudgetBracket.FROM_10K_TO_50K: 0.38,
    BudgetBracket.FROM_50K_TO_200K: 0.47,
    BudgetBracket.FROM_200K_TO_1M: 0.56,
    BudgetBracket.FROM_1M_TO_5M: 0.64,
    BudgetBracket.GT_5M: 0.72,
}
AXIS_BIAS = {
    "equipment": 0.06,
    "collaboration": 0.08,
    "communication": 0.02,
    "data-security": -0.14,
    "fundraising": -0.02,
    "skills-strategy": -0.10,
}
# One association in four took the assessment once before, less well.
EARLIER_SHARE = 0.25
EARLIER_PENALTY = 0.15


@dataclass(frozen=True)
class _Sheet:
    """The questionnaire in the order it is answered, read once per run."""

    version: QuestionnaireVersion
    questions: list[Question]


def _sheet(version: QuestionnaireVersion) -> _Sheet:
    questions = (
        Question.objects.filter(axis__version=version)
        .select_related("axis")
        .prefetch_related("choices")
        .order_by("axis__sort_order", "sort_order", "pk")
    )
    return _Sheet(version=version, questions=list(questions))


def _choice_scoring(question: Question, score: int) -> Choice | None:
    return next((choice for choice in question.choices.all() if choice.score == score), None)


def _drawn_choice(rng: random.Random, question: Question, level: float) -> Choice:
    """An answer near `level` (0-1) of the question's best score; a second answer with the same score (a "Je ne
    sais pas" after a "Non") is drawn less often."""
    choices = list(question.choices.all())
    best = max(choice.score for choice in choices) or 1
    weights, seen = [], set()
    for choice in choices:
        weight = math.exp(-((choice.score / best - level) ** 2) / 0.08)
        weights.append(weight * (0.4 if choice.score in seen else 1.0))
        seen.add(choice.score)
    return rng.choices(choices, weights=weights)[0]


def _rng(organisation: Organisation) -> random.Random:
    """The same answers for an association whatever else the demo holds (demo data: no secret here)."""
    return random.Random(f"assessment:{organisation.name}")  # noqa: S311


def _clamp(level: float) -> float:
    return min(0.95, max(0.05, level))


def _drawn_answers(rng: random.Random, sheet: _Sheet, level: float) -> dict[int, int]:
    levels = {}
    answers = {}
    for question in sheet.questions:
        key = question.axis.key
        if key not in levels:
            levels[key] = _clamp(level + AXIS_BIAS.get(key, 0) + rng.gauss(0, 0.1))
        answers[question.pk] = _drawn_choice(rng, question, levels[key]).pk
    return answers


def _scripted_answers(rng: random.Random, sheet: _Sheet, scores: dict[str, int]) -> dict[int, int]:
    """The scripted scores; a question editors added since is answered at the association's usual level."""
    answers = {}
    for question in sheet.questions:
        choice = _choice_scoring(question, scores[question.key]) if question.key in scores else None
        answers[question.pk] = (choice or _drawn_choice(rng, question, 0.4)).pk
    return answers


def _backdate(assessment: Assessment, completed_at: datetime.datetime, minutes: int) -> None:
    """Move a just completed assessment, its answers and its timeline to when it was taken."""
    started_at = completed_at - datetime.timedelta(minutes=minutes)
    Assessment.objects.filter(pk=assessment.pk).update(
        started_at=started_at, updated_at=completed_at, completed_at=completed_at
    )
    Answer.objects.filter(assessment=assessment).update(answered_at=completed_at - datetime.timedelta(minutes=1))
    entries = AuditEntry.objects.filter(target=f"{assessment._meta.label_lower}:{assessment.pk}")
    entries.filter(action="assessment.started").update(created_at=started_at)
    entries.filter(action="assessment.completed").update(created_at=completed_at)


def _take(membership: Membership, answers: dict[int, int], completed_at: datetime.datetime, minutes: int) -> None:
    assessment = assessment_start(membership=membership)
    assessment_save_answers(membership=membership, assessment_id=assessment.pk, answers=answers)
    assessment = assessment_complete(membership=membership, assessment_id=assessment.pk)
    _backdate(assessment, completed_at, minutes)


def _memberships(organisation: Organisation) -> tuple[Membership | None, Membership | None]:
    """The owner, and another member when there is one (the demo association's volunteer)."""
    memberships = list(
        Membership.objects.filter(organisation=organisation).select_related("user", "organisation").order_by("pk")
    )
    owner = next((membership for membership in memberships if membership.role == Role.OWNER), None)
    other = next((membership for membership in memberships if membership.role != Role.OWNER), None)
    return owner, other or owner


def _seed_demo_association(organisation: Organisation, sheet: _Sheet, now: datetime.datetime) -> int:
    owner, colleague = _memberships(organisation)
    if owner is None:
        return 0
    rng = _rng(organisation)
    before_days, after_days = RESTOS_DAYS_AGO
    _take(owner, _scripted_answers(rng, sheet, RESTOS_BEFORE), now - datetime.timedelta(days=before_days), 34)
    # The volunteer took it this time: anyone in the association may.
    _take(colleague, _scripted_answers(rng, sheet, RESTOS_AFTER), now - datetime.timedelta(days=after_days), 21)
    return 2


def _seed_association(organisation: Organisation, bracket: str, sheet: _Sheet, now: datetime.datetime) -> int:
    owner, _colleague = _memberships(organisation)
    if owner is None:
        return 0
    rng = _rng(organisation)
    level = BRACKET_LEVEL.get(bracket, 0.4) + rng.gauss(0, 0.12)
    latest_days = rng.randint(5, 320)
    created = 0
    if rng.random() < EARLIER_SHARE:
        earlier_days = latest_days + rng.randint(90, 270)
        answers = _drawn_answers(rng, sheet, level - EARLIER_PENALTY)
        _take(owner, answers, now - datetime.timedelta(days=earlier_days), rng.randint(12, 45))
        created += 1
    _take(owner, _drawn_answers(rng, sheet, level), now - datetime.timedelta(days=latest_days), rng.randint(12, 45))
    return created + 1


def seed_demo_assessments() -> dict[str, int]:
    """Completed assessments for the demo associations that have none yet, on the published questionnaire."""
    version = current_version()
    if version is None:
        return {"diagnostics": 0}
    sheet = _sheet(version)
    brackets = {seed.name: seed.budget_bracket for seed in data.ASSOCIATIONS}
    organisations = Organisation.objects.filter(
        kind=OrganisationKind.ASSOCIATION, name__in=list(brackets), assessments__isnull=True
    ).order_by("pk")
    # One "now" for the whole run, minutes kept, so the dates of a run hang together.
    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for organisation in organisations:
        if organisation.name == data.DEMO_ASSOCIATION.name:
            created += _seed_demo_association(organisation, sheet, now)
        else:
            created += _seed_association(organisation, brackets[organisation.name], sheet, now)
    return {"diagnostics": created}


def seed_assessment(stdout: OutputWrapper) -> dict[str, int]:
    """The demo seeder: the default questionnaire (installed only if there is none), then the assessments."""
    had_questionnaire = QuestionnaireVersion.objects.exists()
    version = install_default_questionnaire()
    if current_version() is None:
        stdout.write(f"Questionnaire « {version.name} » non publié : pas de diagnostics de démonstration.")
        return {"questionnaires": int(not had_questionnaire), "diagnostics": 0}
    return {"questionnaires": int(not had_questionnaire), **seed_demo_assessments()}
