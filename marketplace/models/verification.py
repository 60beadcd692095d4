"""Verification of organisations by staff: requests, their documents, and the decisions taken."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from .. import conf
from ..states import StateSet
from .organisations import Organisation


class _PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL: link to the view that checks access.")


class PrivateStorage(LazyObject):
    """Supporting documents live outside MEDIA_ROOT: no URL serves them, only a view that checks access."""

    def _setup(self):
        self._wrapped = _PrivateFileSystemStorage(location=conf.private_media_root())


private_storage = PrivateStorage()


def get_private_storage():
    """For FileField(storage=...): migrations then name this function rather than one machine's path."""
    return private_storage


class RequestState(models.TextChoices):
    PENDING = "pending", _("À examiner")
    INFO_REQUESTED = "info_requested", _("Informations demandées")
    VERIFIED = "verified", _("Vérifiée")
    REJECTED = "rejected", _("Refusée")

    # Decided either way: the supporting documents have served their purpose (retention counts from here).
    DECIDED = StateSet("VERIFIED", "REJECTED")


class VerificationRequest(models.Model):
    """One submission for verification. A re-submission is a new row, so the history stays whole."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="verification_requests")
    state = models.CharField(max_length=20, choices=RequestState.choices, default=RequestState.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("message à l'équipe"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decision_message = models.TextField(_("message de décision"), blank=True)

    class Meta:
        verbose_name = _("demande de vérification")
        verbose_name_plural = _("demandes de vérification")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(state="pending"),
                name="verification_one_pending_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_state_display()}"


class DocumentKind(models.TextChoices):
    STATUTES = "statuts", _("Statuts")
    DECLARATION_RECEIPT = "recepisse", _("Récépissé de déclaration en préfecture")
    JO_PUBLICATION = "publication_jo", _("Publication au Journal officiel")
    REGISTER_EXTRACT = "extrait_registre", _("Extrait du registre des associations (Alsace-Moselle)")
    SIRET_CERTIFICATE = "avis_siret", _("Avis de situation SIRENE ou extrait Kbis")
    INSURANCE = "assurance", _("Attestation d'assurance responsabilité civile professionnelle")
    OWNER_IDENTITY = "identite", _("Pièce d'identité du représentant légal")
    OTHER = "autre", _("Autre document")


class VerificationDocument(models.Model):
    """A supporting document: checked by content on upload, stored privately, served to members and staff only."""

    request = models.ForeignKey(VerificationRequest, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type de document"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(storage=get_private_storage, upload_to="verification/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("justificatif")
        verbose_name_plural = _("justificatifs")
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"
