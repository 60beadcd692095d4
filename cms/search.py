"""Resource search through Wagtail search: the configured backend ranks, the filters narrow.

Filtering by theme (a many-to-many) is not something every backend can do in
the index, so the backend returns ranked ids and the database applies the same
filters as the index page: one behaviour on SQLite, PostgreSQL and OpenSearch.

What a visitor types is reduced to its words before it reaches a backend (`query_words`): quotes,
stars, brackets, NEAR/AND/OR/NOT and the like are query syntax to SQLite's FTS5 (an unbalanced
quote was a 500) and to other engines, and the resource search looks for words, as its
highlighting does.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Q
from wagtail.contrib.search_promotions.models import Query

from .filters import ResourceFilterSet, SearchForm

MAX_RESULTS = 200
SUGGESTIONS = 5
MAX_WORDS = 12
WORD = re.compile(r"\w+")
# Typed in capitals, these are operators to FTS5 and to Lucene-style engines, not words to look for.
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def query_words(query: str) -> list[str]:
    """The words of a search, without any punctuation or operator a backend could read as syntax."""
    return [word for word in WORD.findall(query or "") if word not in OPERATORS][:MAX_WORDS]


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
    def words(self) -> list[str]:
        return query_words(self.query)


def _ranked(index, words: list[str], limit: int = MAX_RESULTS) -> list:
    from .models import ArticlePage

    if not words:
        return []
    return list(ArticlePage.objects.live().descendant_of(index).search(" ".join(words))[:limit])


def _popular_queries(index) -> list[str]:
    """The frequent searches editors approved (`ApprovedSearch`) that find resources now, most frequent first.

    Anything else visitors typed, however often, stays out of the public list.
    """
    from .models import ApprovedSearch

    approved = ApprovedSearch.objects.values("query_string")
    shown = []
    for query in Query.get_most_popular().filter(query_string__in=approved).iterator():
        if _ranked(index, query_words(query.query_string), limit=1):
            shown.append(query.query_string)
            if len(shown) == SUGGESTIONS:
                break
    return shown


def _suggestions(search: ResourceSearch, index) -> None:
    """What to read when nothing matches: the themes with most resources, the latest guides, approved searches."""
    from .models import Theme

    live = Q(articles__live=True, articles__path__startswith=index.path)
    search.suggested_themes = list(
        Theme.objects.annotate(n=Count("articles", filter=live))
        .filter(n__gt=0)
        .order_by("-n", "position")[:SUGGESTIONS]
    )
    search.suggested_articles = list(index.articles()[:SUGGESTIONS])
    search.popular_queries = _popular_queries(index)


def resource_search(*, index, request) -> ResourceSearch:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    filterset = ResourceFilterSet(request.GET or None, queryset=index.articles())
    search = ResourceSearch(query=query, filterset=filterset)
    if search.words:
        ranked = _ranked(index, search.words)
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
