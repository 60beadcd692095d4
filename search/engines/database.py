"""The embedded engine: an inverted index in the project's own database, no separate server.

Documents are stored with their analysed terms; `Posting` rows map each term (and each skill, as "#slug" or
"~slug" when only the text names it) to the documents holding it, with a BM25 term weight computed at write
time. A match asks SQL for the best candidates by skills and text, reading only the postings of the query's
terms, then hands a few hundred of them to the common scoring: providers are never all loaded.
"""

import math
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Subquery, Sum, Value, When

from ..analysis import STOP_WORDS, fold, is_typo_of, stem, terms, words
from ..faceted import FacetedQuery, FacetedResult
from ..models import IndexAlias, IndexKind, Posting, StoredDocument
from ..probes import Candidate, MatchProbe
from ..queries import FUZZY_MAX_WORDS, SOURCE_EXCLUDES
from ..skills import skill_matcher
from .base import SearchEngine, alias_name, new_index_name

# Field weights, as the cluster's multi_match boosts (queries.TEXT_FIELDS).
FIELD_WEIGHTS = {
    IndexKind.PROVIDER: {"presentation": 1.0, "services": 1.0, "portfolio": 0.7, "skill_names": 2.0, "name": 0.5},
    IndexKind.PROJECT: {"title": 2.0, "description": 1.0, "skill_names": 1.5},
}
# BM25 with a fixed average length per kind, so a document's weights never depend on the others.
BM25_K1, BM25_B = 1.2, 0.75
AVERAGE_LENGTH = {IndexKind.PROVIDER: 150.0, IndexKind.PROJECT: 60.0}
# Skills weigh in retrieval as the cluster's constant-score clauses do, against text scores of a few units.
SKILL_RETRIEVAL_WEIGHT = 3.0
# How many candidates SQL returns for the final scoring; a little more than the cluster's, as place, budget
# and rating only come in afterwards here.
CANDIDATE_FACTOR = 2.5


def document_terms(kind: str, source: dict) -> tuple[Counter, float]:
    """Field-weighted term frequencies of a document and its weighted length."""
    counts: Counter = Counter()
    for field, weight in FIELD_WEIGHTS[kind].items():
        for term in terms(source.get(field) or ""):
            counts[term] += weight
    return counts, float(sum(counts.values()))


def _postings(kind: str, document: StoredDocument, counts: Counter, length: float) -> list[Posting]:
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_LENGTH[kind])
    rows = [
        Posting(document=document, index=document.index, term=term[:100], weight=tf * (BM25_K1 + 1) / (tf + norm))
        for term, tf in counts.items()
    ]
    rows += [
        Posting(document=document, index=document.index, term=f"#{slug}", weight=1.0)
        for slug in document.source.get("skills") or []
    ]
    rows += [
        Posting(document=document, index=document.index, term=f"~{slug}", weight=1.0)
        for slug in document.source.get("text_skills") or []
    ]
    return rows


@dataclass
class _Vocabulary:
    known: frozenset
    buckets: dict
    expires: float


_vocabularies: dict[str, _Vocabulary] = {}
VOCABULARY_SECONDS = 60


def _vocabulary(index: str) -> _Vocabulary:
    """The index's distinct terms by first letter and length, kept a minute per process.

    Typo correction compares a typed word with the words of the same first letter and about the same length;
    reading them once a minute instead of once per word keeps a short query under a few milliseconds. A word
    new in the index waits at most a minute before typos of it are forgiven.
    """
    vocabulary = _vocabularies.get(index)
    if vocabulary is None or vocabulary.expires < time.monotonic():
        rows = Posting.objects.filter(index=index).values_list("term", flat=True).distinct()
        terms_ = {term for term in rows if term[0] not in "#~"}
        buckets: dict = {}
        for term in terms_:
            buckets.setdefault((term[0], len(term)), []).append(term)
        vocabulary = _Vocabulary(frozenset(terms_), buckets, time.monotonic() + VOCABULARY_SECONDS)
        _vocabularies[index] = vocabulary
    return vocabulary


class DatabaseEngine(SearchEngine):
    name = "database"

    def health(self) -> dict:
        # It lives in the main database: healthy exactly when that one is.
        connection.ensure_connection()
        return {"engine": self.name}

    # Index management ---------------------------------------------------------------------------------------

    def _current_index(self, kind: str, *, create: bool = False) -> str | None:
        alias = IndexAlias.objects.filter(alias=alias_name(kind)).values_list("index", flat=True).first()
        if alias is None and create:
            alias = new_index_name(kind)
            IndexAlias.objects.get_or_create(alias=alias_name(kind), defaults={"index": alias})
            alias = IndexAlias.objects.get(alias=alias_name(kind)).index
        return alias

    def _store(self, kind: str, index: str, documents: list[dict]) -> None:
        stored, postings = [], []
        for source in documents:
            counts, length = document_terms(kind, source)
            slim = {key: value for key, value in source.items() if key not in SOURCE_EXCLUDES}
            document = StoredDocument(
                index=index,
                object_id=source["id"],
                source=slim,
                length=length,
                verified=bool(source.get("verified")),
                open=bool(source.get("open")),
            )
            stored.append((document, counts, length))
        StoredDocument.objects.bulk_create([document for document, _c, _l in stored], batch_size=500)
        if not connection.features.can_return_rows_from_bulk_insert:
            ids = dict(
                StoredDocument.objects.filter(
                    index=index, object_id__in=[d.object_id for d, _c, _l in stored]
                ).values_list("object_id", "pk")
            )
            for document, _c, _l in stored:
                document.pk = ids[document.object_id]
        for document, counts, length in stored:
            postings.extend(_postings(kind, document, counts, length))
        Posting.objects.bulk_create(postings, batch_size=2000)

    @transaction.atomic
    def write(self, kind: str, documents: list[dict], delete_ids: Iterable[int]) -> None:
        index = self._current_index(kind, create=True)
        _vocabularies.pop(index, None)
        replaced = [document["id"] for document in documents] + list(delete_ids)
        StoredDocument.objects.filter(index=index, object_id__in=replaced).delete()
        self._store(kind, index, documents)

    def rebuild(self, kind: str, batches: Iterable[list[dict]], on_batch: Callable[[int], None]) -> str:
        index = new_index_name(kind)
        try:
            for documents in batches:
                with transaction.atomic():
                    self._store(kind, index, documents)
                on_batch(len(documents))
        except BaseException:
            # Each batch committed on its own: remove them, the alias still points at the live index.
            StoredDocument.objects.filter(index=index).delete()
            raise
        with transaction.atomic():
            old = self._current_index(kind)
            IndexAlias.objects.update_or_create(alias=alias_name(kind), defaults={"index": index})
            _vocabularies.pop(index, None)
            if old and old != index:
                StoredDocument.objects.filter(index=old).delete()
        return index

    def stored_versions(self, kind: str) -> dict[int, str]:
        index = self._current_index(kind)
        if index is None:
            return {}
        rows = StoredDocument.objects.filter(index=index).values_list("object_id", "source__updated_at")
        return {object_id: updated or "" for object_id, updated in rows}

    @transaction.atomic
    def drop(self, kind: str) -> None:
        StoredDocument.objects.filter(index__startswith=alias_name(kind)).delete()
        IndexAlias.objects.filter(alias=alias_name(kind)).delete()

    # Queries ------------------------------------------------------------------------------------------------

    def _query_terms(self, index: str, probe: MatchProbe) -> dict[str, float]:
        """The query's terms with their weights: its own words, its skills' synonyms, and typo corrections."""
        weights: dict[str, float] = {}
        for term in terms(probe.text):
            weights[term] = weights.get(term, 0.0) + 1.0
        matcher = skill_matcher()
        for slug in matcher.detect(probe.text):
            for phrase in matcher.phrases_of(slug):
                for term in phrase:
                    weights.setdefault(term, 0.5)
        if len(words(probe.text)) <= FUZZY_MAX_WORDS:
            self._add_typo_corrections(index, weights)
        return weights

    def _add_typo_corrections(self, index: str, weights: dict[str, float]) -> None:
        vocabulary = _vocabulary(index)
        for term in [term for term in weights if len(term) >= 4 and term not in STOP_WORDS]:
            if term in vocabulary.known:
                continue
            for length in (len(term) - 1, len(term), len(term) + 1):
                for candidate in vocabulary.buckets.get((term[0], length), ()):
                    if is_typo_of(term, candidate):
                        weights.setdefault(candidate, weights[term])

    def _idf(self, index: str, query_terms: Iterable[str]) -> dict[str, float]:
        """BM25's idf of each query term; the index's document count rides along as a subquery (one query)."""
        total = (
            StoredDocument.objects.filter(index=index).order_by().values("index").annotate(n=Count("id")).values("n")
        )
        rows = (
            Posting.objects.filter(index=index, term__in=list(query_terms))
            .order_by()
            .values("term")
            .annotate(df=Count("id"), total=Subquery(total[:1]))
            .values_list("term", "df", "total")
        )
        return {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df, n in rows if df}

    def match(self, probe: MatchProbe) -> list[Candidate]:
        index = self._current_index(probe.kind)
        if index is None:
            return []
        query_terms = self._query_terms(index, probe)
        idf = self._idf(index, query_terms)
        text_weights = {term: idf[term] * query_terms[term] for term in idf}
        total_skill = sum(probe.skills.values()) or 1.0
        skill_weights = {}
        for slug, weight in probe.skills.items():
            share = SKILL_RETRIEVAL_WEIGHT * weight / total_skill
            skill_weights[f"#{slug}"] = share
            skill_weights[f"~{slug}"] = share * 0.6
        if not text_weights and not skill_weights:
            return []
        text_score = (
            Sum(
                Case(
                    *[When(term=term, then=F("weight") * weight) for term, weight in text_weights.items()], default=0.0
                ),
                output_field=FloatField(),
            )
            if text_weights
            else Value(0.0, output_field=FloatField())
        )
        skill_score = (
            Sum(
                Case(*[When(term=term, then=Value(weight)) for term, weight in skill_weights.items()], default=0.0),
                output_field=FloatField(),
            )
            if skill_weights
            else Value(0.0, output_field=FloatField())
        )
        postings = Posting.objects.filter(index=index, term__in=[*text_weights, *skill_weights])
        for name in probe.only:
            postings = postings.filter(**{f"document__{name}": True})
        if probe.exclude_ids:
            postings = postings.exclude(document__object_id__in=probe.exclude_ids)
        ranked = list(
            postings.values("document_id")
            .annotate(text=text_score, skills=skill_score)
            .annotate(retrieval=F("text") + F("skills"))
            .order_by("-retrieval", "document_id")
            .values_list("document_id", "text")[: int(probe.size * CANDIDATE_FACTOR)]
        )
        sources = dict(StoredDocument.objects.filter(pk__in=[pk for pk, _t in ranked]).values_list("pk", "source"))
        return [Candidate(id=sources[pk]["id"], source=sources[pk], text_score=text or 0.0) for pk, text in ranked]

    # Faceted search -----------------------------------------------------------------------------------------

    def faceted_search(self, request: FacetedQuery) -> FacetedResult:
        """Filters, facets, sort and pages stay in SQL (`request.sql`, the filter set); only `q` reads the index.

        When the index holds nothing of this kind, `text_matches` is None and the filter set keeps its own
        substring rule for `q` (see `search.faceted`).
        """
        if request.sql is None:
            raise ValueError("the database engine needs the filter set's SQL (FacetedQuery.sql)")
        text_matches, matched = None, frozenset(terms(request.text))
        if request.text.strip():
            found = self.text_matches(request.kind, request.text)
            if found is not None:
                text_matches, matched = found
        ids, total, page, facets = request.sql.search(
            text_matches=text_matches, page=request.page, per_page=request.per_page, facets=request.facets
        )
        return FacetedResult(ids=ids, total=total, page=page, facets=facets, highlight_terms=matched)

    def text_matches(self, kind: str, text: str) -> tuple[dict[int, float], frozenset[str]] | None:
        """Ids whose document holds every word of `text` (or a typo of it, or a longer word it begins), with
        a relevance; and the terms that matched, for highlighting. None when nothing of `kind` is indexed."""
        # One query for "the alias's index, if it holds any document".
        index = (
            StoredDocument.objects.filter(index__in=IndexAlias.objects.filter(alias=alias_name(kind)).values("index"))
            .values_list("index", flat=True)
            .first()
        )
        if index is None:
            return None
        alternatives = [self._word_alternatives(index, word) for word in words(text) if self._searchable(word)]
        alternatives = [terms_ for terms_ in alternatives if terms_]
        if not alternatives:
            return {}, frozenset()
        wanted = set().union(*alternatives)
        held: dict[int, dict[str, float]] = {}
        for object_id, term, weight in Posting.objects.filter(index=index, term__in=wanted).values_list(
            "document__object_id", "term", "weight"
        ):
            held.setdefault(object_id, {})[term] = weight
        matches, matched_terms = {}, set()
        for object_id, found in held.items():
            if all(found.keys() & options for options in alternatives):
                matches[object_id] = sum(found.values())
                matched_terms |= {term for term in found if term[0] not in "#~"}
        return matches, frozenset(matched_terms)

    @staticmethod
    def _searchable(word: str) -> bool:
        return len(word) > 1 and word not in STOP_WORDS

    def _word_alternatives(self, index: str, word: str) -> set[str]:
        """The indexed terms a typed word stands for: itself, its typos, longer words it begins, its skills."""
        term = stem(word)
        nearby = set(
            Posting.objects.filter(index=index, term__startswith=term[:2])
            .values_list("term", flat=True)
            .distinct()[:5000]
        )
        # The word itself always counts, even past the sample of nearby terms read for typos and prefixes.
        options = {term}
        if len(term) >= 5:
            options |= {known for known in nearby if is_typo_of(term, known)}
        if len(word) >= 3:
            options |= {known for known in nearby if known.startswith(word) or known.startswith(term)}
        matcher = skill_matcher()
        for slug in matcher.domain_of:
            if any(t.startswith(term) for phrase in matcher.phrases_of(slug) for t in phrase):
                options |= {f"#{slug}", f"~{slug}"}
        return options

    def suggest_names(self, kind: str, prefix: str, *, limit: int) -> list[dict]:
        index = self._current_index(kind)
        if index is None:
            return []
        typed = words(prefix)
        if not typed:
            return []
        documents = StoredDocument.objects.filter(index=index, verified=True)
        longest = max((word for word in typed if self._searchable(word)), key=len, default="")
        if longest:
            documents = documents.filter(
                pk__in=Posting.objects.filter(index=index, term__startswith=stem(longest)[: max(2, len(longest) - 1)])
                .values("document_id")
                .distinct()[:500]
            )
        else:
            documents = documents.filter(source__name__istartswith=prefix)[:500]
        found = []
        for source in documents.values_list("source", flat=True):
            name_words = words(source.get("name") or "")
            if all(any(name_word.startswith(word) for name_word in name_words) for word in typed):
                found.append({"id": source["id"], "name": source["name"], "slug": source.get("slug", "")})
        found.sort(key=lambda item: (not fold(item["name"]).startswith(fold(prefix)), fold(item["name"])))
        return found[:limit]
