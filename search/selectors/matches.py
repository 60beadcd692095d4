"""Matches as the pages show them: providers proposed on an association's project, projects on a provider's dashboard.

The ranking and its reasons come from `search.matching`; these selectors add what the pages need around them
(whether to show the section, why it is empty) and drop what the viewer may not open.
"""

from marketplace.models import Organisation, Project
from marketplace.selectors.projects import projects_visible_to

from ..documents import provider_queryset
from ..engines.base import EngineUnavailable
from ..fallback import DEGRADED_NOTICE
from ..matching import projects_for, providers_for

# The states in which the projects service still takes invitations.
MATCHES_ON_PROJECT_PAGE = 6
MATCHES_ON_DASHBOARD = 5


def project_matches_context(*, project: Project) -> dict:
    """For the owning association's project page: the best providers, while the project takes invitations."""
    if not project.is_invitable:
        return {"show_matches": False}
    try:
        matches = providers_for(project, limit=MATCHES_ON_PROJECT_PAGE)
    except EngineUnavailable:
        return {"show_matches": True, "matches": [], "matches_unavailable": True}
    return {
        "show_matches": True,
        "matches": matches,
        "matches_unavailable": False,
        "search_notice": DEGRADED_NOTICE if matches.degraded else "",
    }


def provider_matches_context(*, organisation: Organisation) -> dict:
    """For a provider's dashboard: open projects matched to its profile, or why there are none yet."""
    if not organisation.is_provider:
        return {}
    profile = provider_queryset().filter(organisation=organisation).first()
    if profile is None:
        return {"project_matches": {"status": "no_profile", "items": []}}
    if not organisation.is_verified:
        return {"project_matches": {"status": "unverified", "items": []}}
    try:
        matches = projects_for(profile, limit=MATCHES_ON_DASHBOARD, loaded=True)
    except EngineUnavailable:
        return {"project_matches": {"status": "unavailable", "items": []}}
    # The index may lag behind a project closed a moment ago: list only the projects this provider may open.
    visible = set(
        projects_visible_to(organisation=organisation)
        .filter(pk__in=[match.id for match in matches])
        .values_list("pk", flat=True)
    )
    return {
        "project_matches": {
            "status": "ok",
            "items": [match for match in matches if match.id in visible],
            "notice": DEGRADED_NOTICE if matches.degraded else "",
        }
    }
