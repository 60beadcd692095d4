""" "Mes prestataires": an association keeps providers it likes, with a private note, to invite them later."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..errors import NotFound, PermissionDenied, ProjectError
from ..models import Membership, Organisation, SavedProvider
from ..models.organisations import OrganisationKind, VerificationStatus

NOTE_MAX = 1000


def _association(membership: Membership) -> Organisation:
    if membership.organisation.kind != OrganisationKind.ASSOCIATION:
        raise PermissionDenied(_("Seules les associations enregistrent des prestataires."))
    return membership.organisation


def _note(note: str) -> str:
    note = str(note or "").strip()
    if len(note) > NOTE_MAX:
        raise ProjectError(_("La note dépasse 1 000 caractères."), field="note")
    return note


@transaction.atomic
def saved_provider_add(*, membership: Membership, provider_id: int, note: str = "") -> SavedProvider:
    """Keep a verified provider in the association's list; saving it again keeps the first entry and its note."""
    association = _association(membership)
    provider = Organisation.objects.filter(
        pk=provider_id, kind=OrganisationKind.PROVIDER, verification_status=VerificationStatus.VERIFIED
    ).first()
    if provider is None:
        raise NotFound(_("Prestataire introuvable."))
    existing = SavedProvider.objects.filter(association=association, provider=provider).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return SavedProvider.objects.create(
                association=association, provider=provider, note=_note(note), saved_by=membership.user
            )
    except IntegrityError:  # a colleague saved it at the same moment
        return SavedProvider.objects.get(association=association, provider=provider)


@transaction.atomic
def saved_provider_note(*, membership: Membership, provider_id: int, note: str) -> SavedProvider:
    """Change the private note on a saved provider."""
    association = _association(membership)
    saved = SavedProvider.objects.select_for_update().filter(association=association, provider_id=provider_id).first()
    if saved is None:
        raise NotFound(_("Ce prestataire n'est pas dans vos prestataires."))
    saved.note = _note(note)
    saved.save(update_fields=["note", "updated_at"])
    return saved


@transaction.atomic
def saved_provider_remove(*, membership: Membership, provider_id: int) -> bool:
    """Take a provider off the list; removing one that is not there is not an error."""
    association = _association(membership)
    deleted, _rows = SavedProvider.objects.filter(association=association, provider_id=provider_id).delete()
    return bool(deleted)
