"""Faceted search: the provider directory and the providers' project board, answered by the search engine.

The django-filter sets stay the validators of the parameters (same names, same errors); this module turns
their cleaned values into one `FacetedQuery`, asks the configured engine, and gives back ids in order, the
total, facet counts (each counted with the OTHER filters applied) and highlighted fragments.

Engines answer differently:

* cluster engines (OpenSearch, Elasticsearch) run everything in one request: a fuzzy `multi_match` per word,
  filters in `post_filter`, one `filter` aggregation per facet, highlighting and from/size pagination;
* the database engine keeps SQL (through the filter set, handed over as `sql`) for filters, facets, sorting
  and pagination, and reads its `Posting` index only for the words of `q`. When nothing of that kind is
  indexed yet (fresh install, tests building rows with factories), `q` keeps the filter set's substring
  matching, so search never answers "nothing" only because the index is still empty.

Highlights are HTML: user text is escaped first, then the matching words are wrapped in `<mark>`, so templates
may print them with `|safe`.
"""

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.html import escape

from .analysis import STOP_WORDS, fold, stem, terms
from .models import IndexKind

logger = logging.getLogger(__name__)

HIGHLIGHT_TAGS = ("<mark>", "</mark>")
FRAGMENT_WORDS = 30
SUGGESTIONS_MAX = 8


class SqlScope(Protocol):
    """What the database engine needs from the filter set: filtered, counted and sorted SQL."""

    def search(
        self, *, text_matches: dict[int, float] | None, page: int, per_page: int, facets: Sequence[str]
    ) -> tuple[list[int], int, int, dict[str, dict[str, int]]]:
        """(ids of the page in order, total, the page number served, facet counts) with `q` read from
        `text_matches` (id -> relevance) when given, or from the filter set's own substring rule when None."""


@dataclass(frozen=True)
class Overlap:
    """A range the document's `<prefix>_min`/`<prefix>_max` must overlap; a missing end of the document's
    range is unbounded, and documents with neither end are left out (the filter sets' rule)."""

    prefix: str
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class FacetedQuery:
    """One search of a list page. `filters` and `facets` name document fields (keyword or boolean)."""

    kind: str
    text: str = ""
    # field -> accepted values (ANY of them); a facet on that field is counted without it.
    filters: dict[str, list] = field(default_factory=dict)
    overlaps: tuple[Overlap, ...] = ()
    minimums: dict[str, float] = field(default_factory=dict)
    # Always applied, facets included: who may be listed at all (verified providers, open projects).
    only: dict[str, bool] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: tuple[str, ...] = ()
    highlight_fields: tuple[str, ...] = ()
    # The database engine's SQL half; cluster engines ignore it.
    sql: SqlScope | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FacetedResult:
    ids: list[int]
    total: int
    page: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # id -> HTML-safe fragment; the database engine leaves it empty and gives the matched terms instead.
    highlights: dict[int, str] = field(default_factory=dict)
    highlight_terms: frozenset[str] = frozenset()
    # False when the engine holds nothing of this kind yet: the caller's SQL answered instead.
    indexed: bool = True
    # True when the cluster did not answer and the caller's SQL did: pages say the search is simplified.
    degraded: bool = False


# Highlighting in Python (database engine) -------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)


def highlight_fragment(text: str, matched_terms: frozenset[str] | set[str], *, words: int = FRAGMENT_WORDS) -> str:
    """An escaped fragment of `text` around its first matching word, matching words wrapped in <mark>.

    A word matches when its analysed term (folded, stemmed) is one of `matched_terms`. Empty when none does.
    """
    if not text or not matched_terms:
        return ""
    tokens = list(_TOKEN.finditer(text))
    hits = [i for i, token in enumerate(tokens) if _term(token.group()) in matched_terms]
    if not hits:
        return ""
    first = max(0, hits[0] - 5)
    last = min(len(tokens), first + words)
    start = tokens[first].start() if first else 0
    end = tokens[last - 1].end() if last < len(tokens) else len(text)
    pieces, cursor = [], start
    for i in hits:
        if not first <= i < last:
            continue
        token = tokens[i]
        pieces.append(escape(text[cursor : token.start()]))
        pieces.append(f"{HIGHLIGHT_TAGS[0]}{escape(token.group())}{HIGHLIGHT_TAGS[1]}")
        cursor = token.end()
    pieces.append(escape(text[cursor:end]))
    fragment = "".join(pieces).strip()
    return f"{'… ' if start else ''}{fragment}{' …' if end < len(text) else ''}"


def _term(word: str) -> str | None:
    folded = fold(word)
    return None if folded in STOP_WORDS else stem(folded)


# Entry points -----------------------------------------------------------------------------------------------


def faceted_search(request: FacetedQuery) -> FacetedResult:
    """The engine's answer; with nothing indexed yet, or the cluster down, the caller's SQL (`request.sql`)
    answers with its own substring rule for the text, so the pages keep working (without typo tolerance)."""
    from .engines import get_engine
    from .engines.base import EngineUnavailable

    try:
        result = get_engine().faceted_search(request)
    except EngineUnavailable as error:
        if request.sql is None:
            raise
        logger.warning("faceted search answered by SQL: %s", error)
        result = None
    if (result is None or not result.indexed) and request.sql is not None:
        ids, total, page, facets = request.sql.search(
            text_matches=None, page=request.page, per_page=request.per_page, facets=request.facets
        )
        return FacetedResult(
            ids=ids,
            total=total,
            page=page,
            facets=facets,
            highlight_terms=frozenset(terms(request.text)),
            indexed=False,
            degraded=result is None,
        )
    return result


def provider_name_suggestions(prefix: str, *, limit: int = SUGGESTIONS_MAX) -> list[dict]:
    """Verified providers whose name starts (word by word) with `prefix`: [{"id", "name", "slug"}].

    With the cluster down, names are read from the tables (a plain prefix, no typo tolerance)."""
    from .engines import get_engine
    from .engines.base import EngineUnavailable
    from .fallback import names_from_tables

    prefix = prefix.strip()[:100]
    if len(prefix) < 2:
        return []
    try:
        return get_engine().suggest_names(IndexKind.PROVIDER, prefix, limit=limit)
    except EngineUnavailable as error:
        logger.warning("name suggestions answered by SQL: %s", error)
        return names_from_tables(prefix, limit=limit)
