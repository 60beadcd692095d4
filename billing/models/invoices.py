"""Invoices: numbered per civil year without gaps, frozen once issued."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .orders import Order


class InvoiceSequence(models.Model):
    """The last number given in a year; its row is locked (select_for_update) while a number is taken."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ImmutableModel(models.Model):
    """A legal document once written: updating or deleting it is refused whatever the caller."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Une facture émise ne peut plus être modifiée."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Une facture émise ne peut pas être supprimée."))


class Invoice(ImmutableModel):
    """The invoice of a paid order, with the seller's and buyer's identities as they were when it was issued."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="invoice")
    number = models.CharField(_("numéro"), max_length=30, unique=True)
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    issued_at = models.DateTimeField(_("émise le"))
    sale_date = models.DateField(_("date de la vente"))
    seller = models.JSONField(_("vendeur"))
    buyer = models.JSONField(_("acheteur"))
    total_ht_cents = models.PositiveIntegerField(_("total HT (centimes)"))
    total_vat_cents = models.PositiveIntegerField(_("TVA (centimes)"))
    total_ttc_cents = models.PositiveIntegerField(_("total TTC (centimes)"))
    vat_breakdown = models.JSONField(_("TVA par taux"))
    payment_method = models.CharField(_("moyen de paiement"), max_length=20)
    payment_terms = models.TextField(_("conditions de paiement"))
    operation_category = models.CharField(_("catégorie de l'opération"), max_length=60)

    class Meta:
        verbose_name = _("facture")
        verbose_name_plural = _("factures")
        ordering = ["-year", "-sequence"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="billing_invoice_unique_sequence")]

    def __str__(self):
        return self.number


class AccountingLine(ImmutableModel):
    """What an invoice line and a credit-note line both print: a designation and its amounts, frozen."""

    position = models.PositiveIntegerField()
    description = models.CharField(_("désignation"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantité"))
    unit_price_ht_cents = models.PositiveIntegerField(_("prix unitaire HT (centimes)"))
    vat_rate_bp = models.PositiveIntegerField(_("taux de TVA (points de base)"))
    total_ht_cents = models.PositiveIntegerField(_("total HT (centimes)"))
    vat_cents = models.PositiveIntegerField(_("TVA (centimes)"))
    total_ttc_cents = models.PositiveIntegerField(_("total TTC (centimes)"))

    class Meta:
        abstract = True


class InvoiceLine(AccountingLine):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")

    class Meta:
        ordering = ["invoice", "position"]

    def __str__(self):
        return f"{self.invoice} #{self.position}"
