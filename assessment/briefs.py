"""A project brief drafted from an assessment, for a weak axis that calls for a provider.

The association only edits and publishes it: the type and skills come from the
axis, the description from its own answers, and the budget range from what
such a project usually costs (the project type's typical range) scaled to the
association's size, rounded to the hundred euros, because a brief that asks
for 8,000 € from a 5,000 € association helps nobody.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.models.profiles import BudgetBracket
from marketplace.project_types import ProjectType, spec_for

# How a project's usual cost scales with the association's annual budget.
BRACKET_FACTOR = {
    BudgetBracket.LT_10K: 0.4,
    BudgetBracket.FROM_10K_TO_50K: 0.6,
    BudgetBracket.FROM_50K_TO_200K: 1.0,
    BudgetBracket.FROM_200K_TO_1M: 1.4,
    BudgetBracket.FROM_1M_TO_5M: 2.0,
    BudgetBracket.GT_5M: 2.5,
}
MINIMUM_BUDGET_EUROS = 300

TITLES = {
    ProjectType.WEBSITE: gettext_lazy("Refaire notre site internet"),
    ProjectType.DONATIONS: gettext_lazy("Recevoir des dons et des adhésions en ligne"),
    ProjectType.CRM: gettext_lazy("Mettre en place un outil de gestion des adhérents et des contacts"),
    ProjectType.CLOUD: gettext_lazy("Passer nos outils de travail en ligne (messagerie, fichiers partagés)"),
    ProjectType.SECURITY: gettext_lazy("Sécuriser nos données et nous mettre en conformité avec le RGPD"),
    ProjectType.DATA: gettext_lazy("Organiser nos données et nos tableaux de bord"),
    ProjectType.HARDWARE: gettext_lazy("Remettre à niveau notre matériel et notre réseau"),
    ProjectType.TRAINING: gettext_lazy("Former notre équipe aux outils numériques"),
    ProjectType.OTHER: gettext_lazy("Être accompagnés sur notre stratégie numérique"),
}


@dataclass(frozen=True)
class Trigger:
    """An answer that led to a recommendation: shown as « question » → « answer »."""

    question: str
    answer: str


@dataclass(frozen=True)
class Brief:
    axis_key: str
    project_type: str
    title: str
    description: str
    skill_slugs: list[str]
    budget_min_euros: int
    budget_max_euros: int
    triggers: list[Trigger] = field(default_factory=list)

    @property
    def budget_min_cents(self) -> int:
        return self.budget_min_euros * 100

    @property
    def budget_max_cents(self) -> int:
        return self.budget_max_euros * 100


def _round_hundreds(euros: float) -> int:
    return max(MINIMUM_BUDGET_EUROS, int(round(euros / 100.0)) * 100)


def budget_range(project_type: str, budget_bracket: str) -> tuple[int, int]:
    """The project type's usual range scaled to the association's size (a 50-200 k€ association pays it as is)."""
    low, high = spec_for(project_type).typical_budget_euros
    factor = BRACKET_FACTOR.get(budget_bracket, 1.0)
    low, high = _round_hundreds(low * factor), _round_hundreds(high * factor)
    return low, max(low, high)


def _description(*, organisation_name: str, axis_title: str, score: int, completed_at, triggers, advice) -> str:
    lines = [
        _(
            "Notre association, %(name)s, a fait le diagnostic numérique de Passerelle le %(date)s. "
            "Il montre que nous devons progresser sur « %(axis)s » (score %(score)s sur 100)."
        )
        % {
            "name": organisation_name,
            "date": formats.date_format(completed_at, "j F Y"),
            "axis": axis_title,
            "score": score,
        },
        "",
        _("Où nous en sommes aujourd'hui :"),
        *(f"- {trigger.question} — {trigger.answer}" for trigger in triggers),
    ]
    if advice:
        lines += ["", _("Ce que nous attendons d'un prestataire :"), *(f"- {title}" for title in advice)]
    lines += [
        "",
        _("Merci de nous proposer une démarche adaptée à une petite équipe, avec un devis détaillé par étape."),
    ]
    return "\n".join(lines)


def brief_for(*, assessment, axis, score: int, triggers: list[Trigger], advice_titles: list[str]) -> Brief:
    """Draft the brief for `axis` of a completed assessment (the axis must have a project type)."""
    project_type = axis.project_type or ProjectType.OTHER
    low, high = budget_range(project_type, assessment.budget_bracket)
    skill_slugs = [skill.slug for skill in axis.skills.all()] or list(spec_for(project_type).skills)
    return Brief(
        axis_key=axis.key,
        project_type=project_type,
        title=str(TITLES.get(project_type, TITLES[ProjectType.OTHER])),
        description=_description(
            organisation_name=assessment.organisation.name,
            axis_title=axis.label,
            score=score,
            completed_at=assessment.completed_at,
            triggers=triggers,
            advice=advice_titles,
        ),
        skill_slugs=skill_slugs,
        budget_min_euros=low,
        budget_max_euros=high,
        triggers=triggers,
    )
