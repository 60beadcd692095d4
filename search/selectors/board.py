"""The providers' project board: published projects a provider may quote on, filtered, searched and ranked.

It goes through `search.filters.board.BoardFilterSet`; what each organisation may see at all comes from the
core's `projects_visible_to`, the one place that rule lives. Rows are loaded with their association and
skills up front, so a page costs the same few queries however long it is.
"""

from dataclasses import replace

from django.db.models import QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from marketplace.errors import PermissionDenied
from marketplace.folding import Fold, search_words
from marketplace.models import Organisation, Project
from marketplace.models.projects import ProjectInvitation, ProjectState, Proposal, ProposalState
from marketplace.selectors.project_lists import project_list_filtered, project_list_rows
from marketplace.selectors.projects import projects_visible_to

from ..documents import provider_queryset
from ..engines.base import EngineUnavailable
from ..faceted import FacetedQuery, FacetedResult, faceted_search, highlight_fragment
from ..filters.board import BoardFilterSet
from ..matching import projects_scored
from ..models import IndexKind

# Reasons a board card lists under its score: the strongest few; the project page says the rest.
BOARD_REASONS = 3


def project_board_queryset(*, organisation: Organisation) -> QuerySet[Project]:
    """Published projects this provider may see and quote on, before any filter.

    Unverified providers see no project they have not quoted on (see
    `projects_visible_to`), so their board is empty until they are verified.
    """
    if not organisation.is_provider:
        raise PermissionDenied(_("Le tableau des projets est réservé aux prestataires."))
    # The visibility rule joins invitations and proposals: kept in a subquery, the board needs no DISTINCT.
    visible = projects_visible_to(organisation=organisation).values("pk")
    return project_list_rows(Project.objects.filter(state=ProjectState.PUBLISHED, pk__in=visible))


def project_board_filterset(*, organisation: Organisation, params) -> BoardFilterSet:
    """The bound FilterSet of the board, for pages that render its form and errors (`.form`, `.qs`)."""
    return BoardFilterSet(
        params if params is not None else {}, queryset=project_board_queryset(organisation=organisation)
    )


def project_board_for(*, organisation: Organisation, params) -> QuerySet[Project]:
    """The provider's board: visible, published projects filtered and sorted by `params`.

    `params` is a QueryDict (or a dict) of `ProjectFilterSet` parameters;
    invalid ones raise `ProjectFilterError` with every parameter's messages.
    """
    return project_list_filtered(project_board_filterset(organisation=organisation, params=params))


# The most relevant projects a text search keeps; the board's filters and visibility then apply in SQL.
BOARD_TEXT_LIMIT = 500


class _ProjectTextSql:
    """The database engine's SQL half for the board's `q`: rank by the index's relevance, or, with nothing
    indexed yet, keep the projects whose title or description holds every word (accents and case ignored)."""

    def __init__(self, text: str):
        self.text = text

    def search(self, *, text_matches, page: int, per_page: int, facets):
        if text_matches is not None:
            ranked = sorted(text_matches, key=lambda pk: (-text_matches[pk], -pk))[:per_page]
            return ranked, len(text_matches), 1, {}
        projects = Project.objects.alias(
            _text=Fold(Concat("title", Value(" "), "description", output_field=TextField()))
        )
        for word in search_words(self.text):
            projects = projects.filter(_text__contains=word)
        ids = list(projects.order_by("-published_at", "-pk").values_list("pk", flat=True)[:per_page])
        return ids, len(ids), 1, {}


def project_text_search(*, text: str) -> FacetedResult:
    """The published projects matching `text`, most relevant first, from the search engine, with highlights.

    Only ids and fragments: which of them a provider may see, and the other filters, stay with the board's SQL.
    """
    return faceted_search(
        FacetedQuery(
            kind=IndexKind.PROJECT,
            text=text,
            filters={"state": list(ProjectState.OPEN)},
            sort="relevance",
            per_page=BOARD_TEXT_LIMIT,
            sql=_ProjectTextSql(text),
            highlight_fields=("title", "description"),
        )
    )


def project_board_highlight(*, projects, result: FacetedResult | None) -> None:
    """Set `search_highlight` on each project of a board page: the engine's fragment, or one built here."""
    for project in projects:
        fragment = ""
        if result is not None:
            fragment = result.highlights.get(project.pk) or highlight_fragment(
                project.description, result.highlight_terms
            )
        project.search_highlight = mark_safe(fragment)  # noqa: S308 (escaped by search.faceted or the engine)


def project_board_standing(*, organisation: Organisation, projects) -> None:
    """Set on each project of a board page where this provider stands with it, and how well it matches.

    `board_invited`: the association invited it. `board_proposal_state`: the label of its quote's state, or
    "". `board_match`: the score "Projets pour vous" gives the project, with its strongest reasons, or None
    when the provider has no profile, is not verified, or the engine does not answer (the cards then show
    no score; the rest of the page is unchanged). A constant number of queries, whatever the page's length.
    """
    ids = [project.pk for project in projects]
    invited = set(
        ProjectInvitation.objects.filter(provider=organisation, project_id__in=ids).values_list("project_id", flat=True)
    )
    proposals = dict(
        Proposal.objects.filter(provider=organisation, project_id__in=ids).values_list("project_id", "state")
    )
    scored = {}
    profile = provider_queryset().filter(organisation=organisation).first() if organisation.is_verified else None
    if profile is not None and ids:
        try:
            scored = projects_scored(profile, project_ids=ids, loaded=True)
        except EngineUnavailable:
            scored = {}
    for project in projects:
        project.board_invited = project.pk in invited
        state = proposals.get(project.pk)
        project.board_proposal_state = ProposalState(state).label if state else ""
        match = scored.get(project.pk)
        # Invitation and quote are said once, by the card's own badges.
        project.board_match = replace(match, reasons=match.reasons[:BOARD_REASONS], flags=[]) if match else None
