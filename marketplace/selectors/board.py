"""Lists of projects: the providers' board, and an association's own projects.

Both go through the FilterSets of `marketplace.filters_projects`; what each
organisation may see at all comes from `selectors.projects.projects_visible_to`,
the one place those rules live. Rows are loaded with their association and
skills up front, so a page costs the same few queries however long it is.
"""

from django.db.models import Prefetch, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from search.faceted import FacetedQuery, FacetedResult, faceted_search, highlight_fragment
from search.models import IndexKind

from ..errors import DomainError, PermissionDenied
from ..filters import Fold, search_words
from ..filters_projects import OrganisationProjectFilterSet, ProjectFilterSet
from ..models import Organisation, Project, Skill
from ..models.projects import ProjectState
from .projects import projects_visible_to


class ProjectFilterError(DomainError):
    """Some list parameters are invalid; `errors` maps each parameter to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(_("Certains filtres ne sont pas valides."), field=next(iter(errors), None))
        self.errors = errors


def _with_rows(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("organisation").prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("slug"))
    )


def project_board_queryset(*, organisation: Organisation) -> QuerySet[Project]:
    """Published projects this provider may see and quote on, before any filter.

    Unverified providers see no project they have not quoted on (see
    `projects_visible_to`), so their board is empty until they are verified.
    """
    if not organisation.is_provider:
        raise PermissionDenied(_("Le tableau des projets est réservé aux prestataires."))
    # The visibility rule joins invitations and proposals: kept in a subquery, the board needs no DISTINCT.
    visible = projects_visible_to(organisation=organisation).values("pk")
    return _with_rows(Project.objects.filter(state=ProjectState.PUBLISHED, pk__in=visible))


def project_board_filterset(*, organisation: Organisation, params) -> ProjectFilterSet:
    """The bound FilterSet of the board, for pages that render its form and errors (`.form`, `.qs`)."""
    return ProjectFilterSet(
        params if params is not None else {}, queryset=project_board_queryset(organisation=organisation)
    )


def _filtered(filterset: ProjectFilterSet) -> QuerySet[Project]:
    if not filterset.is_valid():
        raise ProjectFilterError(
            {field: [str(message) for message in messages] for field, messages in filterset.errors.items()}
        )
    return filterset.qs


def project_board_for(*, organisation: Organisation, params) -> QuerySet[Project]:
    """The provider's board: visible, published projects filtered and sorted by `params`.

    `params` is a QueryDict (or a dict) of `ProjectFilterSet` parameters;
    invalid ones raise `ProjectFilterError` with every parameter's messages.
    """
    return _filtered(project_board_filterset(organisation=organisation, params=params))


def organisation_projects_for(*, organisation: Organisation, params) -> QuerySet[Project]:
    """An association's own projects, in every state, with the board's filters plus `state`."""
    if not organisation.is_association:
        raise PermissionDenied(_("Seules les associations publient des projets."))
    projects = _with_rows(projects_visible_to(organisation=organisation))
    return _filtered(OrganisationProjectFilterSet(params if params is not None else {}, queryset=projects))


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
            filters={"state": [ProjectState.PUBLISHED]},
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
