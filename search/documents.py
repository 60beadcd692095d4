"""The search documents: their mappings (elasticsearch-dsl) and how they are built from the marketplace's rows.

The same source dict goes to every engine: the cluster engines index it with the mappings below, the database
engine stores it beside its analysed terms. Amounts are whole euros in documents (ranges and decay functions
read better that way); the rows keep cents.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Float,
    GeoPoint,
    Integer,
    IntegerRange,
    Keyword,
    Object,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from marketplace.models import PortfolioItem, Project, ProviderProfile, Skill
from marketplace.models.organisations import VerificationStatus
from marketplace.models.profiles import ProviderCertification, ServedRegion
from marketplace.models.projects import ProjectState, Visibility
from marketplace.money import to_euros

from . import conf
from .models import IndexKind
from .skills import detect_skills, synonym_rules

_french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
_french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
_french_stemmer = token_filter("french_light_stemmer", type="stemmer", language="light_french")
_ascii_folding = token_filter("ascii_folding", type="asciifolding", preserve_original=False)

# Index side: no synonyms, so a taxonomy edit only needs the search analyzer (and a rebuild to be tidy).
french_analyzer = analyzer(
    "french_text",
    tokenizer="standard",
    filter=[_french_elision, "lowercase", _ascii_folding, _french_stop, _french_stemmer],
)


def french_search_analyzer():
    """The query-side chain: the index chain plus the taxonomy's synonyms, read when the index is created."""
    synonyms = token_filter("skill_synonyms", type="synonym_graph", lenient=True, synonyms=synonym_rules() or ["x, x"])
    return analyzer(
        "french_search",
        tokenizer="standard",
        filter=[_french_elision, "lowercase", _ascii_folding, _french_stop, synonyms, _french_stemmer],
    )


# Words folded but not stemmed: typos are forgiven against the words people write, not against stems
# (the light French stemmer turns "migration" into "migr", out of reach of a one-letter typo).
folded_analyzer = analyzer(
    "french_folded", tokenizer="standard", filter=[_french_elision, "lowercase", _ascii_folding, _french_stop]
)


def _text_field(search_analyzer, *, folded: bool = True) -> Text:
    fields = {"folded": Text(analyzer=folded_analyzer)} if folded else {}
    return Text(analyzer=french_analyzer, search_analyzer=search_analyzer, fields=fields)


def provider_document_class(search_analyzer) -> type[Document]:
    """The provider document; built per index because the synonym list is part of the index settings."""

    class ProviderDocument(Document):
        ref = Keyword()
        name = SearchAsYouType(analyzer=french_analyzer)
        slug = Keyword()
        verified = Boolean()
        presentation = _text_field(search_analyzer)
        services = _text_field(search_analyzer)
        # Past projects weigh less and are never searched with typos: no unstemmed copy, a cheaper index.
        portfolio = _text_field(search_analyzer, folded=False)
        skills = Keyword()
        text_skills = Keyword()
        text_skill_phrases = Object(enabled=False)
        skill_names = _text_field(search_analyzer)
        skill_domains = Keyword()
        region = Keyword()
        regions_served = Keyword()
        commune = Keyword()
        location = GeoPoint()
        remote_ok = Boolean()
        day_rate = IntegerRange()
        day_rate_min = Integer()
        day_rate_max = Integer()
        min_project = Integer()
        discount_pct = Integer()
        pro_bono = Boolean()
        certifications = Keyword()
        languages = Keyword()
        rating = Float()
        reviews = Integer()
        created_at = Date()
        updated_at = Date()

    return ProviderDocument


def project_document_class(search_analyzer) -> type[Document]:
    class ProjectDocument(Document):
        ref = Keyword()
        title = _text_field(search_analyzer)
        description = _text_field(search_analyzer)
        project_type = Keyword()
        skills = Keyword()
        text_skills = Keyword()
        text_skill_phrases = Object(enabled=False)
        skill_names = _text_field(search_analyzer)
        skill_domains = Keyword()
        region = Keyword()
        commune = Keyword()
        location = GeoPoint()
        remote_ok = Boolean()
        budget = IntegerRange()
        budget_min = Integer()
        budget_max = Integer()
        state = Keyword()
        open = Boolean()
        visibility = Keyword()
        organisation_id = Integer()
        association_name = Text(analyzer=french_analyzer)
        association_verified = Boolean()
        published_at = Date()
        deadline = Date()
        answer_deadline = Date()
        updated_at = Date()

    return ProjectDocument


DOCUMENT_CLASSES = {IndexKind.PROVIDER: provider_document_class, IndexKind.PROJECT: project_document_class}


def index_settings() -> dict:
    """Shards and replicas: one node here; production sets replicas through SEARCH_INDEX_REPLICAS."""
    return {
        "number_of_shards": 1,
        "number_of_replicas": conf.index_replicas(),
        "refresh_interval": conf.refresh_interval(),
    }


def _location(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"lat": latitude, "lon": longitude}


@dataclass(frozen=True)
class _SkillRow:
    slug: str
    label: str
    domain: str


def _skill_rows() -> dict[int, _SkillRow]:
    """Every active skill by id: a small table, read once per batch instead of joined per document."""
    return {
        pk: _SkillRow(slug, label, domain)
        for pk, slug, label, domain in Skill.objects.filter(is_active=True).values_list(
            "pk", "slug", "label_fr", "domain__slug"
        )
    }


def _skill_fields(skills: list[_SkillRow], text: str) -> dict:
    declared = {skill.slug for skill in skills}
    detected = {slug: found for slug, found in detect_skills(text).items() if slug not in declared}
    return {
        "skills": sorted(declared),
        "text_skills": sorted(detected),
        "text_skill_phrases": {slug: {"phrase": found.phrase, "via": found.via} for slug, found in detected.items()},
        "skill_names": " ; ".join(sorted(skill.label for skill in skills)),
        "skill_domains": sorted({skill.domain for skill in skills}),
    }


def _grouped(rows) -> dict[int, list]:
    grouped = defaultdict(list)
    for owner, *values in rows:
        grouped[owner].append(values[0] if len(values) == 1 else values)
    return grouped


def _active_skills() -> Prefetch:
    return Prefetch("skills", queryset=Skill.objects.filter(is_active=True).select_related("domain"))


def provider_queryset() -> QuerySet[ProviderProfile]:
    """Providers with their organisation; documents read the related rows in bulk (`provider_sources`)."""
    return ProviderProfile.objects.select_related("organisation")


def provider_sources(profiles: list[ProviderProfile]) -> list[dict]:
    """Documents for a batch of providers, reading skills, regions, certifications and portfolio in one query each.

    Plain rows grouped in Python rather than prefetch_related: rebuilding 50,000 providers spends its time in
    building documents, and Django's per-object prefetch machinery cost five times more than these queries.
    """
    ids = [profile.pk for profile in profiles]
    skill_rows = _skill_rows()
    through = ProviderProfile.skills.through
    skills = _grouped(through.objects.filter(providerprofile_id__in=ids).values_list("providerprofile_id", "skill_id"))
    regions = _grouped(ServedRegion.objects.filter(profile_id__in=ids).values_list("profile_id", "region"))
    certifications = _grouped(
        ProviderCertification.objects.filter(profile_id__in=ids).values_list("profile_id", "certification")
    )
    portfolio = _grouped(
        PortfolioItem.objects.filter(profile_id__in=ids)
        .order_by("position", "id")
        .values_list("profile_id", "title", "association_served", "description")
    )
    return [
        _provider_source(
            profile,
            skills=[skill_rows[pk] for pk in skills.get(profile.pk, ()) if pk in skill_rows],
            regions=regions.get(profile.pk, []),
            certifications=certifications.get(profile.pk, []),
            portfolio=portfolio.get(profile.pk, []),
        )
        for profile in profiles
    ]


def provider_source(profile: ProviderProfile) -> dict:
    return provider_sources([profile])[0]


def _provider_source(profile: ProviderProfile, *, skills, regions, certifications, portfolio) -> dict:
    organisation = profile.organisation
    portfolio_text = "\n".join(f"{title}. {served}. {description}" for title, served, description in portfolio)
    day_rate_min, day_rate_max = to_euros(profile.day_rate_min_cents), to_euros(profile.day_rate_max_cents)
    return {
        "id": organisation.pk,
        "ref": organisation.external_ref or str(organisation.pk),
        "name": organisation.name,
        "slug": organisation.slug,
        "verified": organisation.verification_status == VerificationStatus.VERIFIED,
        "presentation": profile.presentation,
        "services": profile.services,
        "portfolio": portfolio_text,
        **_skill_fields(skills, f"{profile.presentation}\n{profile.services}"),
        "region": profile.region,
        "regions_served": sorted(set(regions) | {profile.region}),
        "commune": profile.commune,
        "location": _location(profile.latitude, profile.longitude),
        "remote_ok": profile.remote_ok,
        "day_rate": {"gte": day_rate_min, "lte": day_rate_max or day_rate_min} if day_rate_min is not None else None,
        "day_rate_min": day_rate_min,
        "day_rate_max": day_rate_max,
        "min_project": to_euros(profile.min_project_cents) or 0,
        "discount_pct": profile.solidarity_discount_percent,
        "pro_bono": profile.pro_bono,
        "certifications": sorted(certifications),
        "languages": list(profile.languages or []),
        "rating": float(profile.rating_average) if profile.rating_average is not None else None,
        "reviews": profile.rating_count,
        "created_at": organisation.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    }


def project_queryset() -> QuerySet[Project]:
    return Project.objects.select_related("organisation").prefetch_related(_active_skills())


def project_is_indexed(project: Project) -> bool:
    """Drafts are private to their association; every other state is indexed (the board filters on `open`)."""
    return project.state != ProjectState.DRAFT


def project_source(project: Project) -> dict:
    budget_min, budget_max = to_euros(project.budget_min_cents), to_euros(project.budget_max_cents)
    budget = None
    if budget_min is not None or budget_max is not None:
        budget = {"gte": budget_min if budget_min is not None else 0, "lte": budget_max}
    return {
        "id": project.pk,
        "ref": project.external_ref or str(project.pk),
        "title": project.title,
        "description": project.description,
        "project_type": project.project_type,
        **_skill_fields(
            [_SkillRow(skill.slug, skill.label_fr, skill.domain.slug) for skill in project.skills.all()],
            f"{project.title}\n{project.description}",
        ),
        "region": project.region,
        "commune": project.commune,
        "location": _location(project.latitude, project.longitude),
        "remote_ok": project.remote_ok,
        "budget": budget,
        "budget_min": budget_min,
        "budget_max": budget_max,
        "state": project.state,
        "open": project.is_open_for_quotes and project.visibility == Visibility.VERIFIED_PROVIDERS,
        "visibility": project.visibility,
        "organisation_id": project.organisation_id,
        "association_name": project.organisation.name,
        "association_verified": project.organisation.verification_status == VerificationStatus.VERIFIED,
        "published_at": project.published_at.isoformat() if project.published_at else None,
        "deadline": project.deadline.isoformat() if project.deadline else None,
        "answer_deadline": project.answer_deadline.isoformat() if project.answer_deadline else None,
        "updated_at": project.updated_at.isoformat(),
    }


def sources_for(kind: str, ids: Iterable[int]) -> tuple[list[dict], list[int]]:
    """Documents to write for these ids, and the ids to remove (gone, or no longer indexable)."""
    ids = set(ids)
    if kind == IndexKind.PROVIDER:
        documents = provider_sources(list(provider_queryset().filter(organisation_id__in=ids)))
    else:
        projects = [p for p in project_queryset().filter(pk__in=ids) if project_is_indexed(p)]
        documents = [project_source(project) for project in projects]
    return documents, sorted(ids - {document["id"] for document in documents})


def all_ids(kind: str) -> list[int]:
    """Every id that belongs in the index, for rebuilds and drift checks."""
    if kind == IndexKind.PROVIDER:
        return list(ProviderProfile.objects.order_by("pk").values_list("pk", flat=True))
    return list(Project.objects.exclude(state=ProjectState.DRAFT).order_by("pk").values_list("pk", flat=True))


def iter_sources(kind: str, *, batch: int = 1000) -> Iterator[list[dict]]:
    """All documents of a kind, a batch at a time, so a rebuild never holds the whole table in memory."""
    ids = all_ids(kind)
    for start in range(0, len(ids), batch):
        documents, _ = sources_for(kind, ids[start : start + batch])
        yield documents
