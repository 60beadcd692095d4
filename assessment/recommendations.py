"""What the result page proposes for the weakest axes, and why.

For each weak axis (scoring under `conf.weak_axis_threshold()`, the weakest
`conf.max_weak_axes()`): the advice editors attached to the answers given,
articles to read, trainings with their next session and offers at the
association's own price (chosen by editors on the advice, completed by the
axis's themes), and, when an advice calls for a provider, a project brief.
Everything shown says which answers led to it.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from cms import selectors as cms_selectors
from cms.models import ArticlePage, OfferPage, TrainingPage

from . import conf, scoring
from .briefs import Brief, Trigger, brief_for
from .models import Answer, Assessment, Axis
from .selectors import axis_score_rows

ARTICLES_PER_AXIS = 3
PRODUCTS_PER_AXIS = 2
# Pages read per missing link when completing plans by theme: enough that an axis whose themes have older
# pages still finds them among the newest pages of all the weak axes' themes.
CANDIDATES_PER_SLOT = 10


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
    """The answers by axis, with the advice of each question and the live pages it names, ready to show."""
    answers = (
        Answer.objects.filter(assessment=assessment)
        .select_related("question", "choice")
        .prefetch_related(
            "question__choices",
            Prefetch("question__recommendations__articles", queryset=_live(ArticlePage)),
            Prefetch("question__recommendations__offers", queryset=_live(OfferPage)),
            Prefetch("question__recommendations__trainings", queryset=_live(TrainingPage)),
        )
        .order_by("question__sort_order", "question__pk")
    )
    grouped: dict[int, list[Answer]] = {}
    for answer in answers:
        grouped.setdefault(answer.question.axis_id, []).append(answer)
    return grouped


def _trigger(answer: Answer) -> Trigger:
    return Trigger(question=answer.question.text, answer=answer.choice.label)


@dataclass
class _Chosen:
    """The live pages the advice of one plan names, in the editors' order, each once."""

    articles: list = field(default_factory=list)
    trainings: list = field(default_factory=list)
    offers: list = field(default_factory=list)

    def add(self, recommendation) -> None:
        for chosen, pages in (
            (self.articles, recommendation.articles.all()),
            (self.trainings, recommendation.trainings.all()),
            (self.offers, recommendation.offers.all()),
        ):
            chosen += [page for page in pages if page.pk not in {known.pk for known in chosen}]


def _live(model):
    """Live pages in the language shown, with what their cards and prices read (cover, themes; product, grid)."""
    live = cms_selectors.live_in_active_locale(model)
    if model is ArticlePage:
        return cms_selectors.article_cards(live)
    return cms_selectors.catalogue_cards(live).prefetch_related("product__prices")


def _by_themes(model, chosen: list[list], themes: list[list], limit: int) -> list[list]:
    """Complete each plan's chosen pages (`chosen[i]`) with live pages sharing its axis's themes (`themes[i]`),
    newest first, up to `limit` each: one query for all the plans, over the newest pages of all their themes."""
    wanted = [index for index, pages in enumerate(chosen) if len(pages) < limit and themes[index]]
    if not wanted:
        return [pages[:limit] for pages in chosen]
    theme_ids = {theme.pk for index in wanted for theme in themes[index]}
    known = {page.pk for pages in chosen for page in pages}
    candidates = list(
        _live(model)
        .filter(themes__in=theme_ids)
        .exclude(pk__in=known)
        .distinct()
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")[: limit * len(wanted) * CANDIDATES_PER_SLOT]
    )
    filled = []
    for index, pages in enumerate(chosen):
        pages = pages[:limit]
        axis_themes = {theme.pk for theme in themes[index]}
        for page in candidates if index in wanted else ():
            if len(pages) >= limit:
                break
            if axis_themes & {theme.pk for theme in page.themes.all()}:
                pages.append(page)
        filled.append(pages)
    return filled


def _plan_for(assessment: Assessment, axis: Axis, score: int, answers: list[Answer]) -> tuple[AxisPlan, _Chosen]:
    """The plan's advice and the answers behind it, and which pages its advice names (read later, for all plans)."""
    low = [answer for answer in answers if answer.choice.score < max(c.score for c in answer.question.choices.all())]
    plan = AxisPlan(axis=axis, score=score, triggers=[_trigger(answer) for answer in low])
    chosen = _Chosen()
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
            chosen.add(recommendation)
    calling = [advice for advice in plan.advice if advice.needs_provider]
    if calling and axis.project_type:
        plan.brief = brief_for(
            assessment=assessment,
            axis=axis,
            score=score,
            triggers=[trigger for advice in calling for trigger in advice.triggers],
            advice_titles=[advice.title for advice in calling],
        )
    return plan, chosen


def _with_pages(drafts: list[tuple[AxisPlan, _Chosen]], organisation) -> list[AxisPlan]:
    """Fill the plans with their articles, trainings and offers at the organisation's price.

    The pages editors chose came with the answers; those completing them by theme are read in one
    query per kind for all the plans, and the prices and next sessions in one pass
    (`priced_page_list_for`), so the result page's queries do not grow with the weak axes and links.
    """
    themes = [list(plan.axis.themes.all()) for plan, _chosen in drafts]
    articles = _by_themes(ArticlePage, [chosen.articles for _plan, chosen in drafts], themes, ARTICLES_PER_AXIS)
    trainings = _by_themes(TrainingPage, [chosen.trainings for _plan, chosen in drafts], themes, PRODUCTS_PER_AXIS)
    offers = _by_themes(OfferPage, [chosen.offers for _plan, chosen in drafts], themes, PRODUCTS_PER_AXIS)
    priced = iter(
        cms_selectors.priced_page_list_for(
            pages=[page for index in range(len(drafts)) for page in (*trainings[index], *offers[index])],
            organisation=organisation,
            with_next_session=True,
        )
    )
    for index, (plan, _chosen) in enumerate(drafts):
        plan.articles = articles[index]
        plan.trainings = [next(priced) for _page in trainings[index]]
        plan.offers = [next(priced) for _page in offers[index]]
    return [plan for plan, _chosen in drafts]


def assessment_plans(*, assessment: Assessment, organisation) -> list[AxisPlan]:
    """The plans of the weakest axes, weakest first; [] for an assessment not completed."""
    if not assessment.is_completed:
        return []
    rows = axis_score_rows(assessment)
    scores = {row.axis_id: row.score for row in rows}
    axes = {row.axis_id: row.axis for row in rows}
    weak = scoring.weakest(
        list(scores.items()),
        below=conf.weak_axis_threshold(),
        at_most=conf.max_weak_axes(),
    )
    answers = _answers_by_axis(assessment)
    drafts = [_plan_for(assessment, axes[axis_id], scores[axis_id], answers.get(axis_id, [])) for axis_id in weak]
    return _with_pages(drafts, organisation)


def assessment_plan_for_axis(*, assessment: Assessment, axis_key: str, organisation) -> AxisPlan | None:
    """One axis's plan (for the brief page), whether or not it is among the weakest; None for an unknown key."""
    row = next((row for row in axis_score_rows(assessment) if row.axis_key == axis_key), None)
    if row is None:
        return None
    answers = _answers_by_axis(assessment).get(row.axis_id, [])
    return _with_pages([_plan_for(assessment, row.axis, row.score, answers)], organisation)[0]
