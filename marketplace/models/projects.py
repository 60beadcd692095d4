"""Associations' digital projects, the providers invited to them, quotes (proposals) and reviews."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..geography import Region
from ..project_types import ProjectType
from ..states import StateSet
from .organisations import Organisation
from .taxonomy import Skill
from .verification import get_private_storage


class ProjectState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    AWARDED = "awarded", _("Attribué")
    IN_PROGRESS = "in_progress", _("En cours")
    DELIVERED = "delivered", _("Livré")
    CLOSED = "closed", _("Terminé")
    CANCELLED = "cancelled", _("Annulé")
    EXPIRED = "expired", _("Expiré")

    # The association may still change the project and invite providers.
    EDITABLE = StateSet("DRAFT", "PUBLISHED")
    INVITABLE = StateSet("DRAFT", "PUBLISHED")
    # Providers may still answer with a quote.
    OPEN = StateSet("PUBLISHED")
    CANCELLABLE = StateSet("DRAFT", "PUBLISHED", "AWARDED")
    # Projects the association still has to follow; closed, cancelled and expired ones are history.
    ACTIVE = StateSet("DRAFT", "PUBLISHED", "AWARDED", "IN_PROGRESS", "DELIVERED")
    # A provider was chosen: from the award on, whatever happened next.
    AWARDED_ONWARDS = StateSet("AWARDED", "IN_PROGRESS", "DELIVERED", "CLOSED")
    # Both sides may review each other.
    REVIEWABLE = StateSet("DELIVERED", "CLOSED")


class Visibility(models.TextChoices):
    VERIFIED_PROVIDERS = "verified_providers", _("Tous les prestataires vérifiés")
    INVITED_ONLY = "invited_only", _("Uniquement les prestataires invités")


class Project(models.Model):
    """What an association needs, in its own words, plus the structured answers of the guided form."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="projects")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    project_type = models.CharField(_("type de projet"), max_length=20, choices=ProjectType.choices)
    title = models.CharField(_("titre"), max_length=160)
    description = models.TextField(_("description"))
    answers = models.JSONField(_("réponses au questionnaire"), default=dict, blank=True)
    skills = models.ManyToManyField(Skill, related_name="projects", blank=True, verbose_name=_("compétences"))
    budget_min_cents = models.PositiveIntegerField(_("budget minimum (centimes)"), null=True, blank=True)
    budget_max_cents = models.PositiveIntegerField(_("budget maximum (centimes)"), null=True, blank=True)
    desired_start = models.DateField(_("début souhaité"), null=True, blank=True)
    deadline = models.DateField(_("échéance"), null=True, blank=True)
    answer_deadline = models.DateField(_("date limite des devis"), null=True, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    region = models.CharField(_("région"), max_length=40, choices=Region.choices, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    remote_ok = models.BooleanField(_("à distance possible"), default=True)
    visibility = models.CharField(
        _("visibilité"), max_length=20, choices=Visibility.choices, default=Visibility.VERIFIED_PROVIDERS
    )
    state = models.CharField(_("état"), max_length=20, choices=ProjectState.choices, default=ProjectState.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    awarded_proposal = models.OneToOneField(
        "Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="awarded_project"
    )
    # Key of the project in an imported file (`manage.py import_marketplace`).
    external_ref = models.CharField(_("référence externe"), max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["state", "published_at"]),
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["project_type"]),
            models.Index(fields=["region"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min_cents__isnull=True)
                | models.Q(budget_max_cents__isnull=True)
                | models.Q(budget_min_cents__lte=models.F("budget_max_cents")),
                name="project_budget_range_ordered",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state in ProjectState.EDITABLE

    @property
    def is_invitable(self) -> bool:
        return self.state in ProjectState.INVITABLE

    @property
    def is_open_for_quotes(self) -> bool:
        return self.state in ProjectState.OPEN

    @property
    def is_cancellable(self) -> bool:
        return self.state in ProjectState.CANCELLABLE

    @property
    def is_reviewable(self) -> bool:
        return self.state in ProjectState.REVIEWABLE

    @property
    def budget_known(self) -> bool:
        return self.budget_min_cents is not None or self.budget_max_cents is not None


class ProjectChange(models.Model):
    """A change to a published project, kept visible for providers who had already quoted."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fields = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.project} ({', '.join(self.fields)})"


class ProjectAttachment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=get_private_storage, upload_to="projects/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.original_name


class InvitationResponse(models.TextChoices):
    """How a provider first answered an invitation: any of these stops the clock."""

    PROPOSAL = "proposal", _("Devis envoyé")
    DECLINED = "declined", _("Invitation déclinée")
    MESSAGE = "message", _("Message à l'association")


class ProjectInvitation(models.Model):
    """The association asked this provider to quote (and, for invited-only projects, to see it at all).

    The provider is expected to answer within `RESPONSE_DEADLINE_WORKING_DAYS` working days of being
    told (`notified_at`: the invitation itself on a published project, the publication for one
    invited on a draft): by quoting, by declining, or by writing in the project's conversation.
    `responded_at` and `response` keep the first answer, whatever came after, since that is what the
    response figures measure. Declining is also a state of its own (`declined_at`), undone by a
    quote sent later. When the deadline passes with no answer while the project is still open for
    quotes, the invitation is marked expired (`expired_at`, the deadline itself); a late answer is
    still recorded, but it was not in time. Invitations of a project that closed before their
    deadline never expire: nobody had to answer any more.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="project_invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(_("prestataire prévenu le"), null=True, blank=True)
    respond_by = models.DateTimeField(_("réponse attendue avant le"), null=True, blank=True)
    responded_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    response = models.CharField(_("réponse"), max_length=10, choices=InvitationResponse.choices, blank=True)
    declined_at = models.DateTimeField(_("déclinée le"), null=True, blank=True)
    decline_reason = models.CharField(_("motif du refus"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expirée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation à proposer un devis")
        verbose_name_plural = _("invitations à proposer un devis")
        constraints = [
            models.UniqueConstraint(fields=["project", "provider"], name="project_invitation_unique"),
            # An answer always says what it was, and only an answer does.
            models.CheckConstraint(
                condition=models.Q(responded_at__isnull=True, response="")
                | (models.Q(responded_at__isnull=False) & ~models.Q(response="")),
                name="project_invitation_response_kind",
            ),
        ]
        indexes = [
            # The provider's figures read its invitations of the last months by deadline.
            models.Index(fields=["provider", "respond_by"], name="invitation_provider_due_idx"),
            # The reminder and expiry runs look only at invitations still waiting for an answer.
            models.Index(
                fields=["respond_by"],
                condition=models.Q(responded_at__isnull=True, expired_at__isnull=True),
                name="invitation_awaiting_idx",
            ),
        ]

    def __str__(self):
        return f"{self.provider} → {self.project}"

    @property
    def is_awaiting_answer(self) -> bool:
        """The provider has been told, has not answered, and the deadline has not been marked passed."""
        return self.respond_by is not None and self.responded_at is None and self.expired_at is None

    @property
    def is_declined(self) -> bool:
        return self.declined_at is not None

    @property
    def answered_in_time(self) -> bool:
        return self.responded_at is not None and self.respond_by is not None and self.responded_at <= self.respond_by


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Envoyé")
    SHORTLISTED = "shortlisted", _("Présélectionné")
    ACCEPTED = "accepted", _("Accepté")
    DECLINED = "declined", _("Décliné")
    WITHDRAWN = "withdrawn", _("Retiré")

    # Still in the running: the provider may revise it, the association may shortlist, accept or decline it.
    OPEN = StateSet("SUBMITTED", "SHORTLISTED")


class Proposal(models.Model):
    """A provider's quote for a project: one per provider and project, revised through versions."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposals")
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="proposals")
    state = models.CharField(max_length=20, choices=ProposalState.choices, default=ProposalState.SUBMITTED)
    current_version = models.ForeignKey(
        "ProposalVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(_("motif"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("devis")
        verbose_name_plural = _("devis")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "provider"], name="proposal_one_per_provider"),
            # The database itself refuses a second accepted proposal on a project.
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(state="accepted"), name="proposal_one_accepted_per_project"
            ),
        ]

    def __str__(self):
        return f"{self.provider} — {self.project}"

    @property
    def is_open(self) -> bool:
        return self.state in ProposalState.OPEN

    @property
    def is_live(self) -> bool:
        """Open, on a project that still takes quotes: it may be revised, shortlisted, accepted or declined."""
        return self.is_open and self.project.is_open_for_quotes


class ProposalVersion(models.Model):
    """One version of a quote. Totals are computed by the server from the lines, never taken from the client."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    vat_rate_bp = models.PositiveIntegerField(_("taux de TVA (points de base)"), default=2000)
    subtotal_cents = models.PositiveBigIntegerField(_("total avant remise HT"))
    discount_percent = models.PositiveSmallIntegerField(_("remise solidaire (%)"), default=0)
    discount_cents = models.PositiveBigIntegerField(default=0)
    total_ht_cents = models.PositiveBigIntegerField(_("total HT"))
    vat_cents = models.PositiveBigIntegerField(_("TVA"))
    total_ttc_cents = models.PositiveBigIntegerField(_("total TTC"))
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    milestones = models.JSONField(_("étapes"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")]

    def __str__(self):
        return f"{self.proposal} v{self.number}"


class ProposalLine(models.Model):
    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("libellé"), max_length=200)
    quantity_hundredths = models.PositiveIntegerField(_("quantité (centièmes)"))
    unit_price_cents = models.PositiveBigIntegerField(_("prix unitaire HT (centimes)"))
    total_cents = models.PositiveBigIntegerField(_("total HT (centimes)"))

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.label

    @property
    def quantity(self):
        from decimal import Decimal

        return Decimal(self.quantity_hundredths) / 100


class ProposalAttachment(models.Model):
    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=get_private_storage, upload_to="proposals/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.original_name
