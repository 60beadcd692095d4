"""Every query the cluster engines run, built with elasticsearch-dsl.

Retrieval mirrors the final scoring (`scoring.py`, `weights.py`) closely enough that the candidates worth
re-ranking come back; the final order and the explanation are computed afterwards, the same for every engine.
Named clauses (`_name`) return their own score, which is how the text relevance of each hit is read.
"""

from elasticsearch_dsl import Q, Search
from elasticsearch_dsl.query import SF, Query

from . import weights as w
from .models import IndexKind
from .probes import MatchProbe

TEXT_FIELDS = {
    IndexKind.PROVIDER: ["presentation", "services", "portfolio^0.7", "skill_names^2", "name^0.5"],
    IndexKind.PROJECT: ["title^2", "description", "skill_names^1.5"],
}
# The same fields without stemming, where fuzzy matching forgives typos (see documents.folded_analyzer).
FOLDED_FIELDS = {
    IndexKind.PROVIDER: ["presentation.folded^0.5", "services.folded^0.5", "skill_names.folded"],
    IndexKind.PROJECT: ["title.folded", "description.folded^0.5", "skill_names.folded^0.7"],
}

# Fuzzy expansion is what makes long queries slow; past this many words the skill detection (typo tolerant)
# and the many exact words already carry the meaning.
FUZZY_MAX_WORDS = 12

SOURCE_EXCLUDES = ["presentation", "services", "portfolio", "description"]


def _text_clause(probe: MatchProbe) -> Query | None:
    text = " ".join(probe.text.split()[:200])
    if not text:
        return None
    if len(text.split()) > FUZZY_MAX_WORDS:
        return Q("multi_match", query=text, fields=TEXT_FIELDS[probe.kind], _name="text")
    return Q("dis_max", queries=text_with_typos(text, probe.kind), tie_breaker=0.3, _name="text")


def text_with_typos(text: str, kind: str, *, fuzziness: str = "AUTO:5,9") -> list[Query]:
    """Exact matching on the stemmed fields, and fuzzy matching on the unstemmed ones, to be combined."""
    # A word that is only a stop word ("de") must not make the whole query match nothing.
    exact = Q("multi_match", query=text, fields=TEXT_FIELDS[kind], zero_terms_query="all")
    fuzzy = Q(
        "multi_match", query=text, fields=FOLDED_FIELDS[kind], fuzziness=fuzziness, prefix_length=1, max_expansions=10
    )
    return [exact, fuzzy]


def _skill_clauses(probe: MatchProbe) -> list[Query]:
    total = sum(probe.skills.values()) or 1.0
    clauses = []
    for slug, weight in sorted(probe.skills.items()):
        share = w.WEIGHTS["skills"] * weight / total
        clauses.append(Q("constant_score", filter=Q("term", skills=slug), boost=share, _name=f"skill:{slug}"))
        clauses.append(Q("constant_score", filter=Q("term", text_skills=slug), boost=share * w.SKILL_IN_TEXT_CREDIT))
    return clauses


def _place_functions(probe: MatchProbe) -> list:
    functions = []
    if probe.location:
        origin = {"lat": probe.location[0], "lon": probe.location[1]}
        decay = {
            "location": {
                "origin": origin,
                "offset": f"{w.PLACE_NEAR_KM}km",
                "scale": f"{w.PLACE_HALF_DECAY_KM}km",
                "decay": 0.5,
            }
        }
        functions.append(SF("gauss", filter=Q("exists", field="location"), weight=w.WEIGHTS["place"], **decay))
    if probe.region:
        region_field = "regions_served" if probe.kind == IndexKind.PROVIDER else "region"
        functions.append(
            SF(
                {
                    "filter": Q("term", **{region_field: probe.region}),
                    "weight": w.WEIGHTS["place"] * w.PLACE_SAME_REGION,
                }
            )
        )
    if probe.remote_ok:
        functions.append(SF({"filter": Q("term", remote_ok=True), "weight": w.WEIGHTS["place"] * w.PLACE_REMOTE}))
    return functions


def _budget_functions(probe: MatchProbe) -> list:
    if probe.budget is None:
        return []
    if probe.kind == IndexKind.PROVIDER:
        fits = Q("range", min_project={"lte": probe.budget}) & Q(
            "range", day_rate_min={"lte": probe.budget / w.BUDGET_FULL_DAYS}
        )
    else:
        fits = Q("range", budget_max={"gte": probe.budget})
    return [SF({"filter": fits, "weight": w.WEIGHTS["budget"]})]


def _quality_functions(probe: MatchProbe) -> list:
    if probe.kind != IndexKind.PROVIDER:
        return []
    rating = SF("field_value_factor", field="rating", factor=w.WEIGHTS["rating"] / 5, missing=w.RATING_PRIOR)
    discount = SF(
        "field_value_factor", field="discount_pct", factor=w.WEIGHTS["discount"] / w.DISCOUNT_FULL_PERCENT, missing=0
    )
    return [rating, discount]


def match_search(probe: MatchProbe, index: str) -> Search:
    """Candidates for a need: the filters must hold, and skills or text must match."""
    should = _skill_clauses(probe)
    text = _text_clause(probe)
    if text is not None:
        should.append(text)
    filters = [Q("term", **{name: True}) for name in probe.only]
    query = Q("bool", filter=filters, should=should, minimum_should_match=1 if should else 0)
    if probe.exclude_ids:
        query = query & ~Q("ids", values=[str(pk) for pk in probe.exclude_ids])
    functions = _place_functions(probe) + _budget_functions(probe) + _quality_functions(probe)
    if functions:
        query = Q("function_score", query=query, functions=functions, score_mode="sum", boost_mode="sum")
    return (
        Search(index=index).query(query).source(excludes=SOURCE_EXCLUDES).extra(size=probe.size, track_total_hits=False)
    )
