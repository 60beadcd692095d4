"""The verification workflow: organisations submit, staff decide, everyone can read the history."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..eligibility import legal_form_is_eligible, required_documents
from ..errors import NotFound, OrganisationError, PermissionDenied
from ..models import (
    AssociationProfile,
    Membership,
    Organisation,
    ProviderProfile,
    VerificationDocument,
    VerificationRequest,
)
from ..models.organisations import VerificationStatus
from ..models.verification import DocumentKind, RequestState
from ..signals import provider_profile_changed, send_after_commit
from ..validators import check_upload
from .audit import audit_record
from .notifications import notify_organisation
from .organisations import require_manager

MAX_DOCUMENTS = 10
DECISIONS = {
    RequestState.VERIFIED: VerificationStatus.VERIFIED,
    RequestState.INFO_REQUESTED: VerificationStatus.INFO_REQUESTED,
    RequestState.REJECTED: VerificationStatus.REJECTED,
}


def _check_profile(organisation: Organisation) -> None:
    if organisation.is_association:
        profile = AssociationProfile.objects.filter(organisation=organisation).first()
        if profile is None:
            raise OrganisationError(_("Complétez d'abord le profil de votre association."))
        if not legal_form_is_eligible(profile.legal_form):
            raise OrganisationError(
                _(
                    "Cette forme juridique n'est pas éligible au programme : il est réservé aux associations, "
                    "fondations reconnues d'utilité publique, fonds de dotation et bibliothèques publiques."
                ),
                field="legal_form",
            )
    elif not ProviderProfile.objects.filter(organisation=organisation).exists():
        raise OrganisationError(_("Complétez d'abord le profil de votre structure."))


def _previous_documents(organisation: Organisation) -> list[VerificationDocument]:
    latest = organisation.verification_requests.exclude(state=RequestState.PENDING).first()
    return list(latest.documents.all()) if latest else []


def _announce_provider_change(organisation: Organisation) -> None:
    """A provider's verification decides whether matching may propose it."""
    if organisation.is_provider:
        send_after_commit(provider_profile_changed, organisation_id=organisation.pk)


@transaction.atomic
def verification_submit(
    *, membership: Membership, documents: list[tuple[str, object]], note: str = ""
) -> VerificationRequest:
    """Send the organisation's profile and documents to staff.

    Documents of the previous request that are not replaced are carried over,
    so answering "please add your insurance certificate" means adding only that.
    """
    require_manager(membership)
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    if organisation.verification_status not in VerificationStatus.SUBMITTABLE:
        raise OrganisationError(
            _("Une demande est déjà en cours d'examen.")
            if organisation.verification_status == VerificationStatus.PENDING
            else _("Votre organisation est déjà vérifiée.")
        )
    _check_profile(organisation)
    if len(documents) > MAX_DOCUMENTS:
        raise OrganisationError(_("Envoyez au plus %(n)s documents.") % {"n": MAX_DOCUMENTS}, field="documents")
    checked = []
    for kind, upload in documents:
        if kind not in DocumentKind.values:
            raise OrganisationError(_("Type de document inconnu."), field="documents")
        checked.append((kind, upload, check_upload(upload, field="documents")))
    new_kinds = {kind for kind, _upload, _type in checked}
    carried = [doc for doc in _previous_documents(organisation) if doc.kind not in new_kinds]
    available = new_kinds | {doc.kind for doc in carried}
    missing = [group for group in required_documents(organisation) if not available.intersection(group)]
    if missing:
        labels = " ; ".join(" ou ".join(str(DocumentKind(kind).label) for kind in group) for group in missing)
        raise OrganisationError(_("Il manque : %(documents)s.") % {"documents": labels}, field="documents")

    request = VerificationRequest.objects.create(
        organisation=organisation, submitted_by=membership.user, note=(note or "").strip()[:3000]
    )
    for kind, upload, content_type in checked:
        VerificationDocument.objects.create(
            request=request,
            kind=kind,
            file=upload,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
        )
    for doc in carried:
        VerificationDocument.objects.create(
            request=request,
            kind=doc.kind,
            file=doc.file.name,
            original_name=doc.original_name,
            content_type=doc.content_type,
            size=doc.size,
        )
    organisation.verification_status = VerificationStatus.PENDING
    organisation.save(update_fields=["verification_status"])
    _announce_provider_change(organisation)
    audit_record(actor=membership.user, action="verification.submitted", organisation=organisation, target=request)
    return request


@transaction.atomic
def verification_decide(*, reviewer, request_id: int, decision: str, message: str = "") -> VerificationRequest:
    """A staff decision on a pending request; the organisation is told by email and in the app."""
    if not (reviewer.is_active and reviewer.is_staff):
        raise PermissionDenied(_("Seule l'équipe de la plateforme vérifie les organisations."))
    if decision not in DECISIONS:
        raise OrganisationError(_("Décision inconnue."), field="decision")
    message = (message or "").strip()
    if decision != RequestState.VERIFIED and not message:
        raise OrganisationError(
            _("Expliquez ce qui manque ou la raison du refus : l'organisation lira ce message."), field="message"
        )
    request = (
        VerificationRequest.objects.select_for_update().select_related("organisation").filter(pk=request_id).first()
    )
    if request is None:
        raise NotFound(_("Demande introuvable."))
    if request.state != RequestState.PENDING:
        raise OrganisationError(_("Cette demande a déjà été traitée."))
    if Membership.objects.filter(organisation_id=request.organisation_id, user=reviewer).exists():
        raise PermissionDenied(_("Vous êtes membre de cette organisation : un autre membre de l'équipe doit décider."))
    now = timezone.now()
    request.state = decision
    request.reviewed_by = reviewer
    request.reviewed_at = now
    request.decision_message = message[:3000]
    request.save(update_fields=["state", "reviewed_by", "reviewed_at", "decision_message"])
    organisation = Organisation.objects.select_for_update().get(pk=request.organisation_id)
    organisation.verification_status = DECISIONS[decision]
    organisation.verified_at = now if decision == RequestState.VERIFIED else None
    organisation.save(update_fields=["verification_status", "verified_at"])
    _announce_provider_change(organisation)
    audit_record(
        actor=reviewer,
        action=f"verification.{decision}",
        organisation=organisation,
        target=request,
        data={"message": request.decision_message} if message else {},
    )
    notify_organisation(
        organisation=organisation,
        kind=f"verification.{decision}",
        template=f"verification_{decision}",
        context={"organisation": organisation, "message": request.decision_message},
        url=reverse("profiles:verification"),
    )
    return request
