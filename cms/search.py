"""Resource search through Wagtail search: the configured backend ranks, the filters narrow.

Filtering by theme (a many-to-many) is not something every backend can do in
the index, so the backend returns ranked ids and the database applies the same
filters as the index page: one behaviour on SQLite, PostgreSQL and OpenSearch.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from wagtail.contrib.search_promotions.models import Query

from .filters import ResourceFilterSet, SearchForm

MAX_RESULTS = 200
SUGGESTIONS = 5


@dataclass
class ResourceSearch:
    query: str
    filterset: ResourceFilterSet
    articles: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    suggested_themes: list = field(default_factory=list)
    suggested_articles: list = field(default_factory=list)
    popular_queries: list = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return self.query.split()


def _ranked(index, query: str) -> list:
    from .models import ArticlePage

    if not query:
        return []
    return list(ArticlePage.objects.live().descendant_of(index).search(query)[:MAX_RESULTS])


def _suggestions(search: ResourceSearch, index) -> None:
    """What to read when nothing matches: the themes with most resources, the latest guides, popular searches."""
    from .models import Theme

    live = Q(articles__live=True, articles__path__startswith=index.path)
    search.suggested_themes = list(
        Theme.objects.annotate(n=Count("articles", filter=live))
        .filter(n__gt=0)
        .order_by("-n", "position")[:SUGGESTIONS]
    )
    search.suggested_articles = list(index.articles()[:SUGGESTIONS])
    search.popular_queries = [q.query_string for q in Query.get_most_popular()[:SUGGESTIONS]]


def resource_search(*, index, request) -> ResourceSearch:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    filterset = ResourceFilterSet(request.GET or None, queryset=index.articles())
    search = ResourceSearch(query=query, filterset=filterset)
    if query:
        ranked = _ranked(index, query)
        allowed = set(filterset.qs.filter(pk__in=[page.pk for page in ranked]).values_list("pk", flat=True))
        search.articles = [page for page in ranked if page.pk in allowed]
        promoted = Query.get(query)
        promoted.add_hit()
        search.promotions = [
            pick.page.specific for pick in promoted.editors_picks.select_related("page") if pick.page and pick.page.live
        ]
    if not search.articles:
        _suggestions(search, index)
    return search
