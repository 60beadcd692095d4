"""Filters of project lists: one FilterSet for the JSON API and the HTML pages.

`ProjectFilterSet` only filters and sorts the queryset it is given; *which*
projects an organisation may see is decided by `selectors.projects`, so always
start from there. The providers' board (`search.filters.board`) adds the search
engine's relevance to these filters; an association's own list
(`OrganisationProjectFilterSet`) adds the state.

Parameters (all optional and combinable; a repeated parameter means "any of these"):

- `q`: words that must all appear in the title or the description, accents and
  case ignored (on the board: also the skills' names, typos forgiven, most
  relevant first, answered by the search engine).
- `type`: project type (`ProjectType` values), repeatable.
- `skills`: skill slug, repeatable; a project matches when it needs *any* of them.
- `region`: `Region` value, repeatable (the project's place, from its postcode).
- `remote`: `true` keeps projects that can be done remotely, `false` those that cannot.
- `budget_min`, `budget_max`: whole euros. A project matches when its budget range
  overlaps `[budget_min, budget_max]`; an open end of the project's range counts as
  unbounded. Projects with no budget at all are left out once either bound is given.
- `answer_deadline_after`, `answer_deadline_before`: ISO dates, both inclusive, on
  the date by which quotes are due. Projects without such a date are left out once
  either bound is given.
- `sort`: `recent` (latest publication first, the default), `deadline` (soonest
  answer deadline first, undated ones last) or `budget` (largest budget first,
  unknown budgets last). Ties fall back to the latest publication, then the id, so
  pages never overlap.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from ..folding import Fold, search_words
from ..geography import Region
from ..models import Project, Skill
from ..models.projects import ProjectState
from ..project_types import ProjectType
from ..ranges import overlapping
from ..services.projects import MAX_BUDGET_EUROS


class ProjectSort(models.TextChoices):
    RECENT = "recent", _("Les plus récents")
    DEADLINE = "deadline", _("Date limite des devis la plus proche")
    BUDGET = "budget", _("Budget le plus élevé")


_LATEST = (F("published_at").desc(nulls_last=True), F("created_at").desc(), F("id").desc())
ORDERINGS = {
    ProjectSort.RECENT: _LATEST,
    ProjectSort.DEADLINE: (F("answer_deadline").asc(nulls_last=True), *_LATEST),
    # A range's top end says how big the project may get; a project with only a minimum is ranked by it.
    ProjectSort.BUDGET: (Coalesce("budget_max_cents", "budget_min_cents").desc(nulls_last=True), *_LATEST),
}


class EurosFilter(django_filters.NumberFilter):
    """Whole euros, bounded like the budgets themselves (a huge number would overflow the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_BUDGET_EUROS)
        super().__init__(*args, **kwargs)


class ProjectFilterForm(forms.Form):
    """Rules between fields: a bound may not be past the other one."""

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("Le budget maximum doit être supérieur ou égal au minimum."))
        after, before = data.get("answer_deadline_after"), data.get("answer_deadline_before")
        if after and before and after > before:
            self.add_error("answer_deadline_before", _("Cette date doit suivre la date de début de la recherche."))
        return data


class ProjectFilterSet(django_filters.FilterSet):
    """Filters and sort order of a project list; see the module docstring for each parameter's meaning."""

    q = django_filters.CharFilter(method="filter_q", max_length=200, label=_("Rechercher"))
    type = django_filters.MultipleChoiceFilter(
        field_name="project_type", choices=ProjectType.choices, label=_("Type de projet")
    )
    skills = django_filters.ModelMultipleChoiceFilter(
        queryset=Skill.objects.filter(is_active=True),
        to_field_name="slug",
        method="filter_skills",
        label=_("Compétences"),
    )
    region = django_filters.MultipleChoiceFilter(choices=Region.choices, label=_("Région"))
    remote = django_filters.BooleanFilter(field_name="remote_ok", label=_("À distance possible"))
    budget_min = EurosFilter(method="filter_budget_min", label=_("Budget à partir de (€)"))
    budget_max = EurosFilter(method="filter_budget_max", label=_("Budget jusqu'à (€)"))
    answer_deadline_after = django_filters.DateFilter(
        field_name="answer_deadline", lookup_expr="gte", label=_("Devis attendus au plus tôt le")
    )
    answer_deadline_before = django_filters.DateFilter(
        field_name="answer_deadline", lookup_expr="lte", label=_("Devis attendus au plus tard le")
    )
    sort = django_filters.ChoiceFilter(
        choices=ProjectSort.choices, method="keep", empty_label=None, label=_("Trier par")
    )

    #: Order used when `sort` is not given; subclasses listing other projects may choose another one.
    default_ordering = ORDERINGS[ProjectSort.RECENT]

    class Meta:
        model = Project
        fields: list[str] = []
        form = ProjectFilterForm

    def filter_q(self, queryset, name, value):
        """Every word in the title or the description, accents and case ignored."""
        queryset = queryset.alias(_text=Fold(Concat("title", Value(" "), "description", output_field=TextField())))
        for word in search_words(value):
            queryset = queryset.filter(_text__contains=word)
        return queryset

    def filter_skills(self, queryset, name, value):
        # A subquery rather than a join: no duplicate rows, so no DISTINCT to fight the sort order.
        if not value:
            return queryset
        needing = Project.skills.through.objects.filter(skill__in=value).values("project_id")
        return queryset.filter(pk__in=needing)

    def filter_budget_min(self, queryset, name, value):
        """The project's range reaches up to the wanted minimum (no maximum means no ceiling)."""
        return queryset.filter(
            overlapping(low_field="budget_min_cents", high_field="budget_max_cents", low=value * 100)
        )

    def filter_budget_max(self, queryset, name, value):
        """The project's range starts below the wanted maximum (no minimum means it starts at zero)."""
        return queryset.filter(
            overlapping(low_field="budget_min_cents", high_field="budget_max_cents", high=value * 100)
        )

    def keep(self, queryset, name, value):
        """`sort` is applied last, in `filter_queryset`, so that it also has a default."""
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort")
        return queryset.order_by(*(ORDERINGS[sort] if sort else self.default_ordering))


class OrganisationProjectFilterSet(ProjectFilterSet):
    """The same filters over an association's own projects, plus their state; newest first by default."""

    state = django_filters.MultipleChoiceFilter(choices=ProjectState.choices, label=_("État"))

    default_ordering = (F("created_at").desc(), F("id").desc())
