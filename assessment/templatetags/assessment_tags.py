"""Where the self-assessment shows outside its own pages: the association's dashboard and the public home page.

Template tags, so the dashboard (marketplace) and the home page (cms) need not import this app.
"""

from django import template

from ..barometer import public_figures
from ..models import Assessment, AssessmentState
from ..selectors import assessment_in_progress, current_version

register = template.Library()


@register.inclusion_tag("assessment/includes/dashboard_card.html")
def assessment_card(organisation):
    """The association's latest result or its assessment in progress, and the way to (re)take it."""
    latest = (
        Assessment.objects.filter(organisation=organisation, state=AssessmentState.COMPLETED)
        .order_by("-completed_at")
        .first()
    )
    ongoing = assessment_in_progress(organisation=organisation) is not None
    return {"latest": latest, "ongoing": ongoing, "available": current_version() is not None}


@register.inclusion_tag("assessment/includes/barometer_highlights.html", takes_context=True)
def barometer_highlights(context):
    """National averages per axis, shown only once enough associations took the test (see `barometer`)."""
    return {"figures": public_figures(), "user": context.get("user")}
