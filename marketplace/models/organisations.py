from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ..states import StateSet


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    PROVIDER = "provider", _("Prestataire numérique")


class Role(models.TextChoices):
    """Owners and admins manage members; owners alone can hand over or remove admins."""

    OWNER = "owner", _("Propriétaire")
    ADMIN = "admin", _("Administrateur")
    MEMBER = "member", _("Membre")


MANAGER_ROLES = (Role.OWNER, Role.ADMIN)


class VerificationStatus(models.TextChoices):
    """Where an organisation stands with the platform's checks."""

    UNVERIFIED = "unverified", _("Non vérifiée")
    PENDING = "pending", _("En cours de vérification")
    INFO_REQUESTED = "info_requested", _("Informations demandées")
    VERIFIED = "verified", _("Vérifiée")
    REJECTED = "rejected", _("Refusée")

    # While a request is pending or once verified, the identity staff checked changes only through staff.
    IDENTITY_LOCKED = StateSet("PENDING", "VERIFIED")
    # The organisation may send (or send again) its request for verification.
    SUBMITTABLE = StateSet("UNVERIFIED", "INFO_REQUESTED", "REJECTED")


class Organisation(models.Model):
    """An association or a provider: the unit that owns projects, quotes, orders and conversations."""

    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=220, unique=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # Kept here, written only by the verification services, so every "may it...?" check is one column read.
    verification_status = models.CharField(
        _("vérification"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="organisations")
    # Key of the organisation in a partner's file (`manage.py import_marketplace`): re-imports update, never duplicate.
    external_ref = models.CharField(_("référence externe"), max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    @property
    def is_association(self) -> bool:
        return self.kind == OrganisationKind.ASSOCIATION

    @property
    def is_provider(self) -> bool:
        return self.kind == OrganisationKind.PROVIDER

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED


class Membership(models.Model):
    """A user's place in an organisation; the role says what they may manage."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_organisation")
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGER_ROLES


class InvitationState(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    REVOKED = "revoked", _("Annulée")


class OrganisationInvitation(models.Model):
    """An invitation for a colleague to join, sent by email; only a hash of its token is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=models.Q(state="pending"),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"
