"""An association's own projects as a filtered list, and what every project list shares.

What each organisation may see at all comes from `selectors.projects.projects_visible_to`, the one place
that rule lives. Rows are loaded with their association and skills up front, so a page costs the same few
queries however long it is. The providers' board (`search.selectors.board`) builds on the same pieces.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from ..errors import DomainError, PermissionDenied
from ..filters.projects import OrganisationProjectFilterSet, ProjectFilterSet
from ..models import Organisation, Project, Skill
from .projects import projects_visible_to


class ProjectFilterError(DomainError):
    """Some list parameters are invalid; `errors` maps each parameter to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(_("Certains filtres ne sont pas valides."), field=next(iter(errors), None))
        self.errors = errors


def project_list_rows(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects with what a list row shows (association, skills), read in a fixed number of queries."""
    return projects.select_related("organisation").prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("slug"))
    )


def project_list_filtered(filterset: ProjectFilterSet) -> QuerySet[Project]:
    """The filtered, sorted list; invalid parameters raise `ProjectFilterError` with every parameter's messages."""
    if not filterset.is_valid():
        raise ProjectFilterError(
            {field: [str(message) for message in messages] for field, messages in filterset.errors.items()}
        )
    return filterset.qs


def organisation_projects_for(*, organisation: Organisation, params) -> QuerySet[Project]:
    """An association's own projects, in every state, with the list's filters plus `state`."""
    if not organisation.is_association:
        raise PermissionDenied(_("Seules les associations publient des projets."))
    projects = project_list_rows(projects_visible_to(organisation=organisation))
    return project_list_filtered(OrganisationProjectFilterSet(params if params is not None else {}, queryset=projects))
