"""Reviews after delivery, their reports, and the reputation they add up to.

A review is double-blind: nobody but its author reads it until it is published, which happens when both sides
have written theirs or `REVIEW_BLIND_DAYS` after the first one, whichever comes first (so neither side can answer
the other's marks in kind). Staff may hide a published review after a report; a hidden review counts for nothing.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation, OrganisationKind
from .projects import Project

CRITERIA = ("quality", "communication", "deadlines", "value")

# What each criterion rates, by the kind of organisation reviewed: a provider's work, or how an association
# behaves as a client (a clear brief, answers, payment on time).
PROVIDER_CRITERIA_LABELS = {
    "quality": _("Qualité du travail"),
    "communication": _("Communication"),
    "deadlines": _("Respect des délais"),
    "value": _("Rapport qualité-prix"),
}
ASSOCIATION_CRITERIA_LABELS = {
    "quality": _("Clarté du besoin"),
    "communication": _("Communication"),
    "deadlines": _("Réactivité et disponibilité"),
    "value": _("Paiement dans les délais"),
}


def criteria_labels(subject_kind: str) -> dict:
    """The labels of the four criteria for a review of this kind of organisation."""
    return ASSOCIATION_CRITERIA_LABELS if subject_kind == OrganisationKind.ASSOCIATION else PROVIDER_CRITERIA_LABELS


# How long a review stays blind when the other side does not write theirs: the rule the issue of reviews sets.
BLIND_PERIOD_DAYS = 14


class Review(models.Model):
    """After delivery, each side reviews the other once; the reviewed side may answer once, publicly."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reviews_written")
    subject = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reviews_received")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    quality = models.PositiveSmallIntegerField(_("qualité"))
    communication = models.PositiveSmallIntegerField(_("communication"))
    deadlines = models.PositiveSmallIntegerField(_("respect des délais"))
    value = models.PositiveSmallIntegerField(_("rapport qualité-prix"))
    rating = models.DecimalField(_("note"), max_digits=3, decimal_places=2)
    comment = models.TextField(_("commentaire"), blank=True)
    # An association may publish its review without its name: the public then reads its sector only.
    is_anonymous = models.BooleanField(_("publié sans le nom de l'association"), default=False)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_reason = models.TextField(_("motif du masquage"), blank=True)
    response = models.TextField(_("réponse"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = _("avis")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["project", "author"], name="review_one_per_side")]
        indexes = [
            models.Index(fields=["subject", "is_published", "hidden_at"], name="review_subject_public"),
            models.Index(fields=["is_published", "created_at"], name="review_blind_due"),
        ]

    def __str__(self):
        return f"{self.author} → {self.subject} ({self.rating})"

    @property
    def is_public(self) -> bool:
        """Whether anyone may read it: published and not hidden by moderation."""
        return self.is_published and self.hidden_at is None

    @property
    def stars(self) -> int:
        """The review's place in the distribution of stars: its rating rounded to the nearest whole star."""
        return min(5, max(1, int(self.rating + Decimal("0.5"))))


class ReviewReportReason(models.TextChoices):
    FAKE = "fake", _("Faux avis ou avis sans rapport avec une prestation réelle")
    ABUSE = "abuse", _("Propos injurieux, discriminatoires ou diffamatoires")
    PERSONAL = "personal", _("Données personnelles (coordonnées, nom d'une personne…)")
    CONFLICT = "conflict", _("Conflit d'intérêts (avis de soi-même ou d'un proche)")
    OTHER = "other", _("Autre motif")


class ReviewReportState(models.TextChoices):
    OPEN = "open", _("À examiner")
    HIDDEN = "hidden", _("Avis masqué")
    KEPT = "kept", _("Avis maintenu")

    @classmethod
    def decided(cls) -> tuple[str, ...]:
        return (cls.HIDDEN, cls.KEPT)


class ReviewReport(models.Model):
    """Anyone's report that a published review breaks the rules; only staff's decision hides the review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("motif"), max_length=20, choices=ReviewReportReason.choices)
    details = models.TextField(_("précisions"), blank=True)
    state = models.CharField(
        _("état"), max_length=10, choices=ReviewReportState.choices, default=ReviewReportState.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("signalement d'avis")
        verbose_name_plural = _("signalements d'avis")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="reviewreport_state")]

    def __str__(self):
        return f"{self.get_reason_display()} — {self.review_id}"


class Reputation(models.Model):
    """What an organisation's public reviews add up to, kept by `reputation_refresh` only.

    Pages, cards and the API read this one row (never a query per card); the provider's profile keeps a copy of
    the average and count because search documents and matching read them from there.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="reputation"
    )
    count = models.PositiveIntegerField(default=0)
    average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    quality = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    communication = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    deadlines = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    # Number of public reviews at 1, 2, 3, 4 and 5 stars, in that order.
    distribution = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réputation")
        verbose_name_plural = _("réputations")

    def __str__(self):
        return f"{self.organisation_id}: {self.average} ({self.count})"
