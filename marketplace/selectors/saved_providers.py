"""What an association reads of its saved providers: the list with each provider's card, and where to invite them."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import Organisation, Project, ProviderProfile, SavedProvider
from ..models.organisations import VerificationStatus
from ..models.projects import ProjectState
from .public import with_card_relations


@dataclass(frozen=True)
class SavedProviderRow:
    saved: SavedProvider
    profile: ProviderProfile
    invited_project_ids: frozenset[int]


def saved_provider_ids(*, organisation: Organisation | None) -> frozenset[int]:
    """The providers this organisation saved (none for a provider or an anonymous visitor)."""
    if organisation is None:
        return frozenset()
    return frozenset(SavedProvider.objects.filter(association=organisation).values_list("provider_id", flat=True))


def saved_providers_for(*, organisation: Organisation, limit: int | None = None) -> list[SavedProviderRow]:
    """The association's saved providers, newest first, with their cards; a provider no longer verified drops out.

    Three queries plus the card relations, whatever the list's length.
    """
    saved = list(
        SavedProvider.objects.filter(
            association=organisation, provider__verification_status=VerificationStatus.VERIFIED
        ).order_by("-created_at")[:limit]
    )
    profiles = {
        profile.organisation_id: profile
        for profile in with_card_relations(
            ProviderProfile.objects.filter(organisation_id__in=[row.provider_id for row in saved])
        )
    }
    invited: dict[int, set[int]] = {}
    for provider_id, project_id in Project.objects.filter(
        organisation=organisation, invitations__provider_id__in=list(profiles)
    ).values_list("invitations__provider_id", "pk"):
        invited.setdefault(provider_id, set()).add(project_id)
    return [
        SavedProviderRow(row, profiles[row.provider_id], frozenset(invited.get(row.provider_id, ())))
        for row in saved
        if row.provider_id in profiles
    ]


def invitable_projects_for(*, organisation: Organisation) -> QuerySet[Project]:
    """The association's projects a provider may still be invited to, newest first."""
    return Project.objects.filter(organisation=organisation, state__in=ProjectState.INVITABLE).order_by("-created_at")
