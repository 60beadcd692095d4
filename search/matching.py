"""Matching both ways: providers for a project, projects for a provider, ranked and explained.

The engine finds candidates (`probes.MatchProbe`); `scoring.score` ranks them with the weights of
`weights.py` and says why. Callers get `Match` objects and never learn which engine ran.
"""

import logging
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from marketplace.models import Organisation, Project, ProviderProfile
from marketplace.models.organisations import VerificationStatus
from marketplace.models.projects import ProjectInvitation, ProjectState, Proposal, ProposalState, Visibility
from marketplace.selectors.responsiveness import invitation_expiry_counts

from . import weights as w
from .documents import project_queryset, project_source, provider_queryset, provider_source, sources_for
from .engines import get_engine
from .engines.base import EngineUnavailable
from .fallback import match_from_tables
from .models import IndexKind
from .probes import Candidate, MatchProbe
from .scoring import Need, responsiveness_factor, score

logger = logging.getLogger(__name__)


class Matches(list):
    """Ranked `Match` objects; `degraded` when the cluster was down and the database tables answered."""

    degraded: bool = False


def _candidates(probe: MatchProbe) -> tuple[list[Candidate], bool]:
    """The engine's candidates, or, when a cluster does not answer, the tables' (and True: degraded).

    The database engine has no fallback of its own: when it fails, the database is down and so is the page.
    """
    engine = get_engine()
    try:
        return engine.match(probe), False
    except EngineUnavailable as error:
        if engine.name == "database":
            raise
        logger.warning("matching answered from the tables: %s", error)
        return match_from_tables(probe), True


@dataclass
class Match:
    """One ranked hit: the matched organisation or project id, its score out of 100 and why."""

    id: int
    ref: str
    name: str
    score: float
    components: dict[str, float]
    reasons: list[str]
    flags: list[str] = field(default_factory=list)
    invited: bool = False
    quoting: bool = False
    source: dict = field(default_factory=dict, repr=False)


def _need_text(source: dict) -> str:
    return f"{source.get('title', '')}\n{source.get('description', '')}"


def _provider_text(source: dict) -> str:
    """What a provider is searched with: its skills first, then its services and presentation, kept short."""
    text = f"{source.get('skill_names', '')}\n{source.get('services', '')}\n{source.get('presentation', '')}"
    return " ".join(text.split()[:120])


def _rank(
    candidates: list[Candidate], pairs, limit: int, *, for_provider: bool = False, best_text: float | None = None
) -> list[tuple[Candidate, tuple]]:
    """Score every candidate, keep the best `limit`, and write the reasons for those only.

    Text relevance counts relative to the best candidate's (`best_text`, by default the best of these).
    """
    if best_text is None:
        best_text = max((candidate.text_score for candidate in candidates), default=0.0)
    best_text = best_text or 1.0

    def scored(candidate: Candidate, *, explain: bool) -> tuple:
        need, provider = pairs(candidate)
        relative = candidate.text_score / best_text
        return score(need=need, provider=provider, text_relative=relative, for_provider=for_provider, explain=explain)

    ranked = sorted(((scored(c, explain=False)[0], c) for c in candidates), key=lambda item: (-item[0], item[1].id))
    return [(candidate, scored(candidate, explain=True)) for _total, candidate in ranked[:limit]]


def _matches(
    ranked, *, invited: set, quoting: set, flags: dict, title_field: str, first_reasons=(), degraded: bool = False
) -> Matches:
    """Ranked candidates as `Match` objects; a quote in progress says more than an invitation, so it wins.

    With a "late" flag, providers that lost score for their expired invitations say so too.
    """
    matches = Matches()
    matches.degraded = degraded
    for candidate, (total, components, reasons) in ranked:
        if candidate.id in quoting:
            shown = [flags["quoting"]]
        elif candidate.id in invited:
            shown = [flags["invited"]]
        else:
            shown = []
        if "late" in flags and responsiveness_factor(candidate.source) < 1.0:
            shown.append(flags["late"])
        matches.append(
            Match(
                id=candidate.id,
                ref=candidate.source.get("ref") or str(candidate.id),
                name=candidate.source.get(title_field, ""),
                score=total,
                components=components,
                reasons=[*first_reasons, *reasons],
                flags=shown,
                invited=candidate.id in invited,
                quoting=candidate.id in quoting,
                source=candidate.source,
            )
        )
    return matches


def _probe_for_need(need: Need, text: str, **options) -> MatchProbe:
    return MatchProbe(
        kind=IndexKind.PROVIDER,
        text=text,
        skills={slug: skill.weight for slug, skill in need.skills.items()},
        only=("verified",),
        location=need.location,
        region=need.region,
        remote_ok=need.remote_ok,
        budget=need.budget_max if need.budget_max is not None else need.budget_min,
        size=w.CANDIDATES,
        **options,
    )


def _with_responsiveness(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with their invitations due and expired of the last 12 months, read in one query.

    From the database rather than the document (see weights.py, "Responsiveness"); the engine's
    candidate is copied, not changed.
    """
    counts = invitation_expiry_counts(provider_ids=[candidate.id for candidate in candidates])
    return [
        replace(
            candidate,
            source={
                **candidate.source,
                "invitations_due": counts.get(candidate.id, (0, 0))[0],
                "invitations_expired": counts.get(candidate.id, (0, 0))[1],
            },
        )
        for candidate in candidates
    ]


def providers_for(project: Project, *, limit: int = 20) -> Matches:
    """Verified providers ranked for a project, with flags for those already invited or quoting."""
    project = project_queryset().get(pk=project.pk)
    source = project_source(project)
    need = Need.from_source(source)
    candidates, degraded = _candidates(_probe_for_need(need, _need_text(source)))
    # The database has the last word: an index a moment behind must not propose a provider no longer verified.
    verified = set(
        Organisation.objects.filter(
            pk__in=[candidate.id for candidate in candidates], verification_status=VerificationStatus.VERIFIED
        ).values_list("pk", flat=True)
    )
    candidates = _with_responsiveness([candidate for candidate in candidates if candidate.id in verified])
    ranked = _rank(candidates, lambda candidate: (need, candidate.source), limit)
    ids = [candidate.id for candidate, _s in ranked]
    invited = set(
        ProjectInvitation.objects.filter(project=project, provider_id__in=ids).values_list("provider_id", flat=True)
    )
    quoting = set(
        Proposal.objects.filter(project=project, provider_id__in=ids, state__in=ProposalState.OPEN).values_list(
            "provider_id", flat=True
        )
    )
    return _matches(
        ranked,
        invited=invited,
        quoting=quoting,
        flags={
            "quoting": _("A envoyé un devis"),
            "invited": _("Déjà invité"),
            "late": _("Répond souvent après le délai"),
        },
        title_field="name",
        first_reasons=[_("Prestataire vérifié")],
        degraded=degraded,
    )


def _project_probe(offer: dict) -> MatchProbe:
    """What a provider's profile looks for among open projects."""
    return MatchProbe(
        kind=IndexKind.PROJECT,
        text=_provider_text(offer),
        skills=dict.fromkeys([*offer["skills"], *offer["text_skills"]], 1.0),
        only=("open",),
        location=(offer["location"]["lat"], offer["location"]["lon"]) if offer.get("location") else None,
        region=offer["region"] if not offer["remote_ok"] else "",
        remote_ok=offer["remote_ok"],
        budget=offer["min_project"] or None,
        size=w.CANDIDATES,
    )


def _project_matches(ranked, *, owner: int, degraded: bool) -> Matches:
    """Ranked projects as a provider reads them: flagged when it was invited or already sent a quote."""
    ids = [candidate.id for candidate, _s in ranked]
    invited = set(
        ProjectInvitation.objects.filter(provider_id=owner, project_id__in=ids).values_list("project_id", flat=True)
    )
    quoting = set(
        Proposal.objects.filter(provider_id=owner, project_id__in=ids, state__in=ProposalState.OPEN).values_list(
            "project_id", flat=True
        )
    )
    return _matches(
        ranked,
        invited=invited,
        quoting=quoting,
        flags={"quoting": _("Vous avez envoyé un devis"), "invited": _("Vous êtes invité")},
        title_field="title",
        degraded=degraded,
    )


def projects_for(provider: ProviderProfile, *, limit: int = 20, loaded: bool = False) -> Matches:
    """Open projects ranked for a provider, flagged when it was invited or already sent a quote.

    `loaded`: the caller read `provider` through `provider_queryset()` already, so it is not read again.
    """
    profile = provider if loaded else provider_queryset().get(pk=provider.pk)
    offer = provider_source(profile)
    candidates, degraded = _candidates(_project_probe(offer))
    still_open = set(
        Project.objects.filter(
            pk__in=[candidate.id for candidate in candidates],
            state__in=ProjectState.OPEN,
            visibility=Visibility.VERIFIED_PROVIDERS,
        ).values_list("pk", flat=True)
    )
    candidates = [candidate for candidate in candidates if candidate.id in still_open]
    ranked = _rank(candidates, lambda candidate: (Need.from_source(candidate.source), offer), limit, for_provider=True)
    return _project_matches(ranked, owner=profile.organisation_id, degraded=degraded)


def projects_scored(provider: ProviderProfile, *, project_ids, loaded: bool = False) -> dict[int, Match]:
    """These projects with the score and reasons "Projets pour vous" gives them, by id (the board's cards).

    One engine query, as for `projects_for`: text relevance is relative to the best candidate the engine finds
    for the profile, so a project has the same score on the board as on the dashboard. A project the engine
    did not return shares no words worth counting with the profile (its text part is 0); the rest of its score
    (skills, place, budget...) is computed from its document all the same.
    """
    wanted = set(project_ids)
    if not wanted:
        return {}
    profile = provider if loaded else provider_queryset().get(pk=provider.pk)
    offer = provider_source(profile)
    found, degraded = _candidates(_project_probe(offer))
    best_text = max((candidate.text_score for candidate in found), default=0.0)
    candidates = [candidate for candidate in found if candidate.id in wanted]
    documents, _gone = sources_for(IndexKind.PROJECT, wanted - {candidate.id for candidate in candidates})
    candidates += [Candidate(id=document["id"], source=document, text_score=0.0) for document in documents]
    ranked = _rank(
        candidates,
        lambda candidate: (Need.from_source(candidate.source), offer),
        len(candidates),
        for_provider=True,
        best_text=best_text,
    )
    return {match.id: match for match in _project_matches(ranked, owner=profile.organisation_id, degraded=degraded)}
