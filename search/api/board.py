"""The project list in the API, GET /api/v1/projects: an association's own projects, or a provider's board.

The board is served by the search engine (words ranked by relevance, typos forgiven), so the list lives here, and
is added to the core's projects router: one route, GET to list (here) and POST to create (the core's).
"""

import datetime
from typing import Annotated

from django.http import QueryDict
from ninja import Query, Status

from marketplace.api.pagination import Page, PageSize, page_window
from marketplace.api.projects import (
    ERRORS,
    ActingOrganisation,
    Euros,
    ProjectPageOut,
    acting_membership,
    any_organisation,
    project_out,
    projects_router,
)
from marketplace.filters.projects import ProjectSort
from marketplace.geography import Region
from marketplace.models.projects import ProjectState
from marketplace.project_types import ProjectType
from marketplace.selectors.project_lists import ProjectFilterError, organisation_projects_for

from ..selectors.board import project_board_for


def _board_params(**values) -> QueryDict:
    """Validated query values back into the QueryDict the FilterSet reads, in its canonical spelling."""
    params = QueryDict(mutable=True)
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item is None:
                continue
            if isinstance(item, bool):
                item = "true" if item else "false"
            params.appendlist(name, item.isoformat() if isinstance(item, datetime.date) else str(item))
    return params


@projects_router.get(
    "",
    response={200: ProjectPageOut, **ERRORS},
    summary="An association's own projects, or a provider's project board",
    description=(
        "For an association: its projects in every state (`state` narrows them). For a provider: the board, the "
        "published projects it may quote on. Both take the board's filters; see `marketplace.filters.projects`. "
        "`organisation_id` is required when the caller belongs to several organisations."
    ),
)
def project_list(
    request,
    organisation_id: ActingOrganisation = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words to search in titles and descriptions (typos forgiven).")
    ] = None,
    type: Annotated[list[ProjectType], Query(description="Any of these types.")] = None,
    skills: Annotated[list[str], Query(description="Skill slugs; projects needing any of them.")] = None,
    region: Annotated[list[Region], Query(description="Any of these regions.")] = None,
    remote: Annotated[bool | None, Query(description="true: remote work possible; false: on site only.")] = None,
    budget_min: Euros = None,
    budget_max: Euros = None,
    answer_deadline_after: Annotated[datetime.date | None, Query(description="Quotes due on or after.")] = None,
    answer_deadline_before: Annotated[datetime.date | None, Query(description="Quotes due on or before.")] = None,
    sort: Annotated[ProjectSort | None, Query(description="recent (default), deadline or budget.")] = None,
    state: Annotated[list[ProjectState], Query(description="Associations only: any of these states.")] = None,
    page: Page = 1,
    page_size: PageSize = 20,
):
    membership = acting_membership(request, organisation_id, any_organisation)
    params = _board_params(
        q=q,
        type=[t.value for t in type or ()],
        skills=skills or [],
        region=[r.value for r in region or ()],
        remote=remote,
        budget_min=budget_min,
        budget_max=budget_max,
        answer_deadline_after=answer_deadline_after,
        answer_deadline_before=answer_deadline_before,
        sort=sort.value if sort else None,
    )
    organisation = membership.organisation
    try:
        if organisation.is_association:
            params.setlist("state", [s.value for s in state or ()])
            projects = organisation_projects_for(organisation=organisation, params=params)
        else:
            projects = project_board_for(organisation=organisation, params=params)
    except ProjectFilterError as error:
        return Status(400, {"message": error.message, "errors": error.errors})
    return {
        "count": projects.count(),
        "page": page,
        "page_size": page_size,
        "items": [project_out(project) for project in projects[page_window(page=page, page_size=page_size)]],
    }
