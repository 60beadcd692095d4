"""Matching in the API: the providers that fit an association's project, the open projects that fit a provider.

The ranking, scores and reasons come from `search.matching`, the same as on the pages and in `manage.py match`.
Only the association that owns a project sees its matches (anyone else gets the 404 of an unknown project);
a provider sees the projects matched to its profile once it is verified.
"""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field

from marketplace.api.projects import ERRORS, ActingOrganisation, acting_membership
from marketplace.api.schemas import ErrorOut, Schema
from marketplace.errors import DomainError, NotFound, PermissionDenied
from marketplace.models import Membership, ProviderProfile
from marketplace.selectors.projects import project_get_for, projects_visible_to

from ..engines.base import EngineUnavailable
from ..fallback import DEGRADED_NOTICE
from ..matching import Match, Matches, projects_for, providers_for

MAX_MATCHES = 50
DEFAULT_MATCHES = 10
MATCH_ERRORS = {**ERRORS, 503: ErrorOut}

Limit = Annotated[int, Query(ge=1, le=MAX_MATCHES, description=f"How many matches, best first (1 to {MAX_MATCHES}).")]

project_matches_router = Router(tags=["projets"])
provider_matches_router = Router(tags=["prestataires"])


class SearchUnavailable(DomainError):
    status_code = 503


class _MatchOut(Schema):
    score: float = Field(description="Out of 100: the weighted sum of `components` (see search/weights.py).")
    reasons: list[str] = Field(description="Why it matches, in the request's language, one sentence each.")
    flags: list[str] = Field(description="Short labels to show as badges (already invited, quote sent...).")
    invited: bool
    quoting: bool = Field(description="An open quote (submitted or shortlisted) exists between the two.")


class ProviderMatchOut(_MatchOut):
    ref: str = Field(description="The provider's external reference, or its id when it has none.")
    id: int = Field(description="The provider organisation's id (what POST /projects/{id}/invitations takes).")
    name: str
    slug: str = Field(description="For the public page /prestataires/{slug}/.")
    components: dict[str, float] = Field(description="Each component between 0 and 1, by name.")


class ProjectMatchOut(_MatchOut):
    id: int
    ref: str = Field(description="The project's external reference, or its id when it has none.")
    title: str
    budget_min: int | None = Field(description="Whole euros.")
    budget_max: int | None = Field(description="Whole euros.")
    commune: str


NOTICE_DESCRIPTION = (
    "Empty, or a sentence for the user when the search cluster did not answer and the database did "
    "(a simplified ranking)."
)


class ProviderMatchListOut(Schema):
    results: list[ProviderMatchOut]
    notice: str = Field("", description=NOTICE_DESCRIPTION)


class ProjectMatchListOut(Schema):
    results: list[ProjectMatchOut]
    notice: str = Field("", description=NOTICE_DESCRIPTION)


def _ranked(find, subject, limit: int) -> Matches:
    try:
        return find(subject, limit=limit)
    except EngineUnavailable as error:
        message = _("La recherche est momentanément indisponible : réessayez dans un instant.")
        raise SearchUnavailable(message) from error


def _notice(matches: Matches) -> str:
    return str(DEGRADED_NOTICE) if matches.degraded else ""


def _provider_out(match: Match) -> dict:
    return {
        "ref": match.ref,
        "id": match.id,
        "name": match.name,
        "slug": match.source.get("slug", ""),
        "score": match.score,
        "reasons": match.reasons,
        "flags": match.flags,
        "invited": match.invited,
        "quoting": match.quoting,
        "components": match.components,
    }


def _project_out(match: Match) -> dict:
    return {
        "id": match.id,
        "ref": match.ref,
        "title": match.name,
        "score": match.score,
        "reasons": match.reasons,
        "flags": match.flags,
        "invited": match.invited,
        "quoting": match.quoting,
        "budget_min": match.source.get("budget_min"),
        "budget_max": match.source.get("budget_max"),
        "commune": match.source.get("commune") or "",
    }


@project_matches_router.get(
    "/{id:project_id}/matches",
    response={200: ProviderMatchListOut, **MATCH_ERRORS},
    summary="Verified providers matching a project, best first, with the reasons",
    description="Only for members of the association that owns the project (drafts included); "
    "for anyone else the project does not exist (404).",
)
def project_matches(
    request, project_id: int, organisation_id: ActingOrganisation = None, limit: Limit = DEFAULT_MATCHES
):
    membership = acting_membership(
        request, organisation_id, lambda organisation: organisation.projects.filter(pk=project_id).exists()
    )
    project = project_get_for(organisation=membership.organisation, project_id=project_id)
    if project.organisation_id != membership.organisation_id:
        # A provider may see a published project, not who else could quote on it.
        raise NotFound(_("Projet introuvable."))
    matches = _ranked(providers_for, project, limit)
    return {"results": [_provider_out(match) for match in matches], "notice": _notice(matches)}


def _provider_profile(membership: Membership) -> ProviderProfile:
    organisation = membership.organisation
    if not organisation.is_provider:
        raise PermissionDenied(_("Seuls les prestataires reçoivent des projets correspondant à leur profil."))
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        raise DomainError(_("Complétez d'abord votre profil de prestataire : les projets sont choisis d'après lui."))
    if not organisation.is_verified:
        raise PermissionDenied(
            _("Les projets sont proposés aux prestataires vérifiés : demandez la vérification de votre organisation.")
        )
    return profile


@provider_matches_router.get(
    "/me/matches",
    response={200: ProjectMatchListOut, **MATCH_ERRORS},
    summary="Open projects matching the caller's provider profile, best first, with the reasons",
    description="The acting organisation must be a verified provider with a profile (403 or 400 otherwise).",
)
def provider_matches(request, organisation_id: ActingOrganisation = None, limit: Limit = DEFAULT_MATCHES):
    membership = acting_membership(request, organisation_id, lambda organisation: organisation.is_provider)
    profile = _provider_profile(membership)
    matches = _ranked(projects_for, profile, limit)
    # The index may lag behind a project closed a moment ago: show only what the provider may open.
    visible = set(
        projects_visible_to(organisation=membership.organisation)
        .filter(pk__in=[match.id for match in matches])
        .values_list("pk", flat=True)
    )
    return {
        "results": [_project_out(match) for match in matches if match.id in visible],
        "notice": _notice(matches),
    }
