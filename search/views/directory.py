"""The provider directory: the list, its filters and facets, served by the search engine.

The view reads the query string, calls one selector and renders; a provider's own page is the core's
(`marketplace.views.public`).
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from marketplace.models import ProviderProfile
from marketplace.presentation import day_rate

from ..fallback import DEGRADED_NOTICE
from ..filters.directory import FILTER_PARAMS, MIN_RATING_CHOICES, DirectoryQueryError, Sort
from ..selectors.directory import provider_directory, provider_directory_options

TOP_SKILLS = 4


@dataclass(frozen=True)
class ProviderCard:
    provider: ProviderProfile
    top_skills: list
    day_rate: str


def _card(provider: ProviderProfile, wanted_skills: set[str]) -> ProviderCard:
    # The skills the visitor asked for first, then the provider's others in the taxonomy's order.
    skills = sorted(provider.skills.all(), key=lambda skill: skill.slug not in wanted_skills)
    return ProviderCard(provider=provider, top_skills=skills[:TOP_SKILLS], day_rate=day_rate(provider))


def _without(params: QueryDict, *names: str) -> str:
    remaining = params.copy()
    for name in (*names, "page"):
        remaining.pop(name, None)
    return f"?{remaining.urlencode()}" if remaining else "?"


def _active_filters(params: QueryDict, form) -> list[dict]:
    """The filters in use, each with the address of the same search without it."""
    return [
        {"label": form.fields[name].label, "url": _without(params, name)}
        for name in FILTER_PARAMS
        if any(value.strip() for value in params.getlist(name))
    ]


def _skill_groups(options) -> list[dict]:
    """Skills by domain; a skill no provider would match is left out, unless it is ticked or nothing was counted."""
    groups: dict[str, dict] = {}
    for option in options:
        if option.count == 0 and not option.selected:
            continue
        group = groups.setdefault(option.group, {"label": option.group_label, "options": [], "open": False})
        group["options"].append(option)
        group["open"] = group["open"] or option.selected
    return list(groups.values())


# Where the error summary's links lead: the field, or the group of checkboxes.
_ERROR_ANCHORS = {
    "skills": "fieldset-skills",
    "remote": "fieldset-remote",
    "certification": "fieldset-certification",
    "page": "error-page",
    "per_page": "error-per_page",
}


def _error_list(form) -> list[dict]:
    return [
        {
            "anchor": _ERROR_ANCHORS.get(name, f"id_{name}"),
            "label": form.fields[name].label if name in form.fields else _("Filtres"),
            "messages": messages,
        }
        for name, messages in form.errors.items()
    ]


def _facet_context(facets) -> dict:
    return {
        "facets": facets,
        "skill_groups": _skill_groups(facets["skills"]),
        "remote_selected": any(option.selected for option in facets["remote"]),
    }


@require_safe
def provider_list(request):
    staff = request.user.is_staff
    context = {
        "title": _("Annuaire des prestataires"),
        "staff": staff,
        "sort_choices": Sort.choices,
        "min_rating_choices": MIN_RATING_CHOICES,
    }
    try:
        directory = provider_directory(params=request.GET, staff=staff)
    except DirectoryQueryError as error:
        context.update(
            form=error.form,
            error_message=error.message,
            error_list=_error_list(error.form),
            active_filters=_active_filters(request.GET, error.form),
            sort=request.GET.get("sort", ""),
            **_facet_context(provider_directory_options(params=request.GET)),
        )
        return render(request, "directory/provider_list.html", context, status=400)
    form = directory.filterset.form
    wanted_skills = {value.value for value in directory.facets["skills"] if value.selected}
    page = directory.page
    context.update(
        form=form,
        directory=directory,
        page_obj=page,
        page_range=list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        cards=[_card(provider, wanted_skills) for provider in page.object_list],
        sort=directory.sort,
        **_facet_context(directory.facets),
        active_filters=_active_filters(request.GET, form),
        search_notice=DEGRADED_NOTICE if directory.degraded else "",
    )
    return render(request, "directory/provider_list.html", context)
