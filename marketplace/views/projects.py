"""Project pages. Thin: selectors decide what the organisation may see."""

from django.http import Http404
from django.shortcuts import render

from ..errors import NotFound
from ..selectors.projects import project_page_for
from .decorators import organisation_required


@organisation_required
def detail(request, project_id: int):
    try:
        context = project_page_for(organisation=request.organisation, project_id=project_id)
    except NotFound as error:
        raise Http404(error.message) from error
    return render(request, "projects/detail.html", context)
