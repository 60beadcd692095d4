"""What the result page proposes for the weakest axes, and why.

For each weak axis (scoring under `conf.weak_axis_threshold()`, the weakest
`conf.max_weak_axes()`): the advice editors attached to the answers given,
articles to read, trainings with their next session and offers at the
association's own price (chosen by editors on the advice, completed by the
axis's themes), and, when an advice calls for a provider, a project brief.
Everything shown says which answers led to it.
"""

from dataclasses import dataclass, field

from cms import selectors as cms_selectors
from cms.models import ArticlePage, OfferPage, TrainingPage

from . import conf, scoring
from .briefs import Brief, Trigger, brief_for
from .models import Answer, Assessment, Axis

ARTICLES_PER_AXIS = 3
PRODUCTS_PER_AXIS = 2


@dataclass
class Advice:
    title: str
    text: str
    triggers: list[Trigger]
    needs_provider: bool


@dataclass
class AxisPlan:
    axis: Axis
    score: int
    triggers: list[Trigger]
    advice: list[Advice] = field(default_factory=list)
    articles: list = field(default_factory=list)
    trainings: list = field(default_factory=list)
    offers: list = field(default_factory=list)
    brief: Brief | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.advice or self.articles or self.trainings or self.offers or self.brief)


def _answers_by_axis(assessment: Assessment) -> dict[int, list[Answer]]:
    answers = (
        Answer.objects.filter(assessment=assessment)
        .select_related("question", "choice")
        .prefetch_related("question__choices", "question__recommendations__articles")
        .prefetch_related("question__recommendations__offers", "question__recommendations__trainings")
        .order_by("question__sort_order", "question__pk")
    )
    grouped: dict[int, list[Answer]] = {}
    for answer in answers:
        grouped.setdefault(answer.question.axis_id, []).append(answer)
    return grouped


def _trigger(answer: Answer) -> Trigger:
    return Trigger(question=answer.question.text, answer=answer.choice.label)


def _pages(model, chosen: list, themes: list, limit: int) -> list:
    """Pages editors chose first, then live pages sharing the axis's themes, in the language being shown."""
    live = cms_selectors.live_in_active_locale(model)
    picked = list(live.filter(pk__in=[page.pk for page in chosen]))
    if len(picked) < limit and themes:
        more = live.filter(themes__in=themes).exclude(pk__in=[page.pk for page in picked]).distinct()
        picked += list(more.order_by("-first_published_at", "-pk")[: limit - len(picked)])
    return picked[:limit]


def _plan_for(assessment: Assessment, axis: Axis, score: int, answers: list[Answer], organisation) -> AxisPlan:
    low = [answer for answer in answers if answer.choice.score < max(c.score for c in answer.question.choices.all())]
    plan = AxisPlan(axis=axis, score=score, triggers=[_trigger(answer) for answer in low])
    chosen_articles, chosen_offers, chosen_trainings = [], [], []
    for answer in answers:
        for recommendation in answer.question.recommendations.all():
            if answer.choice.score > recommendation.max_score:
                continue
            plan.advice.append(
                Advice(
                    title=recommendation.title,
                    text=recommendation.advice,
                    triggers=[_trigger(answer)],
                    needs_provider=recommendation.needs_provider,
                )
            )
            chosen_articles += recommendation.articles.all()
            chosen_offers += recommendation.offers.all()
            chosen_trainings += recommendation.trainings.all()
    themes = list(axis.themes.all())
    plan.articles = cms_selectors.article_cards(
        ArticlePage.objects.filter(
            pk__in=[p.pk for p in _pages(ArticlePage, chosen_articles, themes, ARTICLES_PER_AXIS)]
        )
    )
    plan.trainings = cms_selectors.priced_page_list_for(
        pages=_pages(TrainingPage, chosen_trainings, themes, PRODUCTS_PER_AXIS),
        organisation=organisation,
        with_next_session=True,
    )
    plan.offers = cms_selectors.priced_page_list_for(
        pages=_pages(OfferPage, chosen_offers, themes, PRODUCTS_PER_AXIS), organisation=organisation
    )
    calling = [advice for advice in plan.advice if advice.needs_provider]
    if calling and axis.project_type:
        plan.brief = brief_for(
            assessment=assessment,
            axis=axis,
            score=score,
            triggers=[trigger for advice in calling for trigger in advice.triggers],
            advice_titles=[advice.title for advice in calling],
        )
    return plan


def assessment_plans(*, assessment: Assessment, organisation) -> list[AxisPlan]:
    """The plans of the weakest axes, weakest first; [] for an assessment not completed."""
    if not assessment.is_completed:
        return []
    scores = {row.axis_id: row.score for row in assessment.axis_scores.all()}
    axes = {axis.pk: axis for axis in Axis.objects.filter(pk__in=scores).prefetch_related("themes", "skills")}
    weak = scoring.weakest(
        list(scores.items()),
        below=conf.weak_axis_threshold(),
        at_most=conf.max_weak_axes(),
    )
    answers = _answers_by_axis(assessment)
    return [
        _plan_for(assessment, axes[axis_id], scores[axis_id], answers.get(axis_id, []), organisation)
        for axis_id in weak
    ]


def assessment_plan_for_axis(*, assessment: Assessment, axis_key: str, organisation) -> AxisPlan | None:
    """One axis's plan (for the brief page), whether or not it is among the weakest; None for an unknown key."""
    row = assessment.axis_scores.select_related("axis").filter(axis_key=axis_key).first()
    if row is None:
        return None
    answers = _answers_by_axis(assessment).get(row.axis_id, [])
    return _plan_for(assessment, row.axis, row.score, answers, organisation)
