"""Answers from the database when the configured cluster does not answer.

Why: with OpenSearch or Elasticsearch configured, the database engine's own index is empty, so it cannot stand
in for the cluster as it is. The directory and the board keep their SQL filter sets (see `search.faceted`);
matching gets its candidates here, read from the tables themselves and scored on their text in Python, a few
hundred at most. Pages that used such an answer say so with `DEGRADED_NOTICE`.
"""

import logging

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy

from marketplace.models import Organisation, Project, ProviderProfile
from marketplace.models.organisations import VerificationStatus
from marketplace.models.projects import ProjectState, Visibility

from .analysis import terms
from .documents import sources_for
from .engines.database import AVERAGE_LENGTH, BM25_B, BM25_K1, document_terms
from .models import IndexKind
from .probes import Candidate, MatchProbe

logger = logging.getLogger(__name__)

DEGRADED_NOTICE = gettext_lazy(
    "La recherche avancée est momentanément indisponible : ces résultats viennent d'une recherche simplifiée "
    "(sans tolérance aux fautes de frappe). Réessayez dans quelques minutes pour des résultats plus fins."
)

# Candidates read from the tables for one match: enough for the common scoring to choose from.
FALLBACK_CANDIDATES = 300


def _provider_ids(probe: MatchProbe) -> list[int]:
    rows = ProviderProfile.objects.filter(organisation__verification_status=VerificationStatus.VERIFIED)
    if probe.exclude_ids:
        rows = rows.exclude(organisation_id__in=probe.exclude_ids)
    rows = rows.annotate(shared=Count("skills", filter=Q(skills__slug__in=list(probe.skills)), distinct=True))
    rows = rows.order_by("-shared", F("rating_average").desc(nulls_last=True), "organisation_id")
    return list(rows.values_list("organisation_id", flat=True)[:FALLBACK_CANDIDATES])


def _project_ids(probe: MatchProbe) -> list[int]:
    rows = Project.objects.filter(state__in=ProjectState.OPEN, visibility=Visibility.VERIFIED_PROVIDERS)
    if probe.exclude_ids:
        rows = rows.exclude(pk__in=probe.exclude_ids)
    rows = rows.annotate(shared=Count("skills", filter=Q(skills__slug__in=list(probe.skills)), distinct=True))
    return list(rows.order_by("-shared", "-published_at", "-pk").values_list("pk", flat=True)[:FALLBACK_CANDIDATES])


def _text_score(kind: str, source: dict, wanted: set[str]) -> float:
    """BM25's term weight (as the database engine's postings hold it), summed over the query's terms."""
    counts, length = document_terms(kind, source)
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_LENGTH[kind])
    return sum(tf * (BM25_K1 + 1) / (tf + norm) for term, tf in counts.items() if term in wanted)


def match_from_tables(probe: MatchProbe) -> list[Candidate]:
    """Candidates for a match read from the tables: those sharing the most skills with the need first."""
    ids = _provider_ids(probe) if probe.kind == IndexKind.PROVIDER else _project_ids(probe)
    documents, _gone = sources_for(probe.kind, ids)
    wanted = set(terms(probe.text))
    return [
        Candidate(id=source["id"], source=source, text_score=_text_score(probe.kind, source, wanted))
        for source in documents
        if all(source.get(name) for name in probe.only)
    ]


def names_from_tables(prefix: str, *, limit: int) -> list[dict]:
    """Verified providers whose name, or one of its words, starts with `prefix`: [{"id", "name", "slug"}]."""
    rows = Organisation.objects.filter(
        verification_status=VerificationStatus.VERIFIED, provider_profile__isnull=False
    ).filter(Q(name__istartswith=prefix) | Q(name__icontains=f" {prefix}"))
    return [
        {"id": pk, "name": name, "slug": slug}
        for pk, name, slug in rows.order_by("name").values_list("pk", "name", "slug")[:limit]
    ]
