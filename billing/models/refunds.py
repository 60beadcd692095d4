"""Refunds and their credit notes (avoirs): money given back, and the legal document that says so.

A refund row exists before the provider is asked to move money, so that its
id can key the provider call (a retried request never refunds twice) and so
that the provider's later webhook finds it again by id instead of counting it
a second time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.money import format_money
from marketplace.states import StateSet

from .invoices import AccountingLine, ImmutableModel, Invoice
from .orders import Order, PaymentMethod


class RefundState(models.TextChoices):
    PENDING = "pending", _("En cours")
    SUCCEEDED = "succeeded", _("Effectué")
    FAILED = "failed", _("Échoué")

    # A pending refund already holds its amount: two refunds started at once cannot exceed what was paid.
    HOLDING = StateSet("PENDING", "SUCCEEDED")


class RefundSource(models.TextChoices):
    ADMIN = "admin", _("Administration de la plateforme")
    PROVIDER = "provider", _("Tableau de bord du prestataire de paiement")


class Refund(models.Model):
    """Money given back on a paid order, by card (through Stripe) or by bank transfer (recorded by staff)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    amount_cents = models.PositiveIntegerField(_("montant TTC (centimes)"))
    reason = models.CharField(_("motif"), max_length=255)
    method = models.CharField(_("moyen"), max_length=10, choices=PaymentMethod.choices)
    state = models.CharField(_("état"), max_length=10, choices=RefundState.choices, default=RefundState.PENDING)
    source = models.CharField(_("origine"), max_length=10, choices=RefundSource.choices, default=RefundSource.ADMIN)
    restock = models.BooleanField(_("remettre le matériel en stock"), default=False)
    restocked_units = models.PositiveIntegerField(_("unités remises en stock"), default=0)
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    failure_message = models.CharField(_("erreur"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    completed_at = models.DateTimeField(_("effectué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("remboursement")
        verbose_name_plural = _("remboursements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stripe_refund_id"], condition=~Q(stripe_refund_id=""), name="billing_refund_unique_stripe_id"
            )
        ]

    def __str__(self):
        return f"{self.order} −{format_money(self.amount_cents, decimals=2)}"


class CreditNoteSequence(models.Model):
    """Credit notes have their own gapless yearly sequence (AV-2026-000001), locked like the invoices'."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class CreditNote(ImmutableModel):
    """The avoir of one refund, referencing the invoice it corrects; frozen like an invoice once issued."""

    refund = models.OneToOneField(Refund, on_delete=models.PROTECT, related_name="credit_note")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="credit_notes")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    number = models.CharField(_("numéro"), max_length=30, unique=True)
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    issued_at = models.DateTimeField(_("émis le"))
    seller = models.JSONField(_("vendeur"))
    buyer = models.JSONField(_("acheteur"))
    reason = models.CharField(_("motif"), max_length=255)
    total_ht_cents = models.PositiveIntegerField(_("total HT (centimes)"))
    total_vat_cents = models.PositiveIntegerField(_("TVA (centimes)"))
    total_ttc_cents = models.PositiveIntegerField(_("total TTC (centimes)"))
    vat_breakdown = models.JSONField(_("TVA par taux"))
    payment_method = models.CharField(_("moyen de remboursement"), max_length=20)
    refund_terms = models.TextField(_("modalités du remboursement"))

    class Meta:
        verbose_name = _("avoir")
        verbose_name_plural = _("avoirs")
        ordering = ["-year", "-sequence"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="billing_creditnote_unique_sequence")]

    def __str__(self):
        return self.number


class CreditNoteLine(AccountingLine):
    """The share of one invoice line that the credit note gives back (amounts positive, to be deducted)."""

    credit_note = models.ForeignKey(CreditNote, on_delete=models.PROTECT, related_name="lines")
    invoice_position = models.PositiveIntegerField()

    class Meta:
        ordering = ["credit_note", "position"]

    def __str__(self):
        return f"{self.credit_note} #{self.position}"
