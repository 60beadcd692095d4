"""The providers' project board: published projects a provider may quote on, searched, filtered and sorted."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from marketplace.forms.projects import board_form_for_people
from marketplace.views.decorators import organisation_required

from ..fallback import DEGRADED_NOTICE
from ..forms import SavedSearchCreateForm
from ..selectors.board import project_board_filterset, project_board_highlight, project_board_standing
from ..selectors.saved_searches import saved_searches_may_use

BOARD_PER_PAGE = 20


def _save_form(request):
    """ "Enregistrer cette recherche", for verified providers: the board's current filters, without the page."""
    if not saved_searches_may_use(organisation=request.organisation):
        return None
    params = request.GET.copy()
    params.pop("page", None)
    return SavedSearchCreateForm(initial={"query": params.urlencode(), "in_app": True, "email": "instant"})


@organisation_required
@require_GET
def board(request):
    """Published projects a provider may quote on, filtered and sorted by the query string."""
    if not request.organisation.is_provider:
        return redirect("projects:list")
    filterset = project_board_filterset(organisation=request.organisation, params=request.GET)
    form = board_form_for_people(filterset.form)
    page = None
    text_result = None
    if filterset.is_valid():
        page = Paginator(filterset.qs, BOARD_PER_PAGE).get_page(request.GET.get("page"))
        text_result = getattr(filterset, "text_result", None)
        project_board_highlight(projects=page.object_list, result=text_result)
        project_board_standing(organisation=request.organisation, projects=page.object_list)
    context = {
        "form": form,
        "page": page,
        "filtered": any(request.GET.get(name) for name in form.fields),
        "save_form": _save_form(request) if page is not None else None,
        "search_notice": DEGRADED_NOTICE if text_result is not None and text_result.degraded else "",
    }
    return render(request, "projects/board.html", context, status=400 if form.errors else 200)
