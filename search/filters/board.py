"""The providers' project board: the project list's filters, with `q` answered by the search engine.

Words are matched in the title, the description and the skills' names, typos forgiven; without `sort`, the
most relevant projects come first. Which projects a provider may see is still decided by the core
(`marketplace.selectors.projects.projects_visible_to`), in SQL, after the engine has ranked the words.
"""

from django.db import models
from django.db.models import Case, Value, When

from marketplace.filters.projects import ProjectFilterSet


class BoardFilterSet(ProjectFilterSet):
    """The board's filters and sort order; see `marketplace.filters.projects` for each parameter's meaning."""

    #: With `q`: the matching project ids, most relevant first (the default order then).
    text_ranking: list[int] | None = None
    text_result = None

    def filter_q(self, queryset, name, value):
        """Every word in the title, the description or the skills, typos forgiven: the search engine answers."""
        from ..selectors.board import project_text_search

        self.text_result = project_text_search(text=value)
        self.text_ranking = self.text_result.ids
        return queryset.filter(pk__in=self.text_ranking)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("sort") or not self.text_ranking:
            return queryset
        ranks = [When(pk=pk, then=Value(rank)) for rank, pk in enumerate(self.text_ranking)]
        relevance = Case(*ranks, default=Value(len(ranks)), output_field=models.IntegerField())
        return queryset.order_by(relevance, *self.default_ordering)
