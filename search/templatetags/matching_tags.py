"""Where matches show outside the search package's own pages: the project page and the provider's dashboard.

Template tags, so the core's pages need not import this app (the core does not call search, see ARCHITECTURE.md).
"""

from django import template

from ..selectors.matches import project_matches_context, provider_matches_context

register = template.Library()


@register.inclusion_tag("search/project_matches.html", takes_context=True)
def project_matches(context, project):
    """The owning association's "Prestataires pour ce projet", while the project takes invitations."""
    return {
        "project": project,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
        **project_matches_context(project=project),
    }


@register.inclusion_tag("search/provider_matches.html", takes_context=True)
def provider_project_matches(context, organisation):
    """A provider's "Projets pour vous" on its dashboard; nothing for an association."""
    return {"request": context.get("request"), **provider_matches_context(organisation=organisation)}
