"""Orders: what an organisation bought, at the prices computed by the server when it ordered."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organisation
from marketplace.states import StateSet

from .catalogue import Product


class OrderState(models.TextChoices):
    PENDING = "pending", _("En attente")
    AWAITING_PAYMENT = "awaiting_payment", _("En attente de paiement")
    PAID = "paid", _("Payée")
    FULFILLED = "fulfilled", _("Livrée")
    CANCELLED = "cancelled", _("Annulée")
    REFUNDED = "refunded", _("Remboursée")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partiellement remboursée")

    # States whose units count against the yearly quota (cancelled and fully refunded orders give them back).
    COUNTS_AGAINST_QUOTA = StateSet("PENDING", "AWAITING_PAYMENT", "PAID", "FULFILLED", "PARTIALLY_REFUNDED")
    UNPAID = StateSet("PENDING", "AWAITING_PAYMENT")
    PAID_ONWARDS = StateSet("PAID", "FULFILLED", "PARTIALLY_REFUNDED", "REFUNDED")
    # Money is left to give back.
    REFUNDABLE = StateSet("PAID", "FULFILLED", "PARTIALLY_REFUNDED")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Carte bancaire")
    TRANSFER = "transfer", _("Virement bancaire")


class Order(models.Model):
    """An organisation's order. Totals are copied from the lines at creation and never recomputed afterwards."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="orders")
    number = models.CharField(_("numéro"), max_length=30, unique=True, null=True, blank=True)
    state = models.CharField(_("état"), max_length=20, choices=OrderState.choices, default=OrderState.PENDING)
    payment_method = models.CharField(_("moyen de paiement"), max_length=10, choices=PaymentMethod.choices)
    total_ht_cents = models.PositiveIntegerField(_("total HT (centimes)"), default=0)
    total_vat_cents = models.PositiveIntegerField(_("TVA (centimes)"), default=0)
    total_ttc_cents = models.PositiveIntegerField(_("total TTC (centimes)"), default=0)
    refunded_cents = models.PositiveIntegerField(_("remboursé (centimes)"), default=0)
    currency = models.CharField(max_length=3, default="eur")
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Bumped when a declined PaymentIntent is replaced by a new one; part of the next one's idempotency key.
    payment_attempt = models.PositiveIntegerField(default=1)
    transfer_reference = models.CharField(_("référence du virement"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    paid_at = models.DateTimeField(_("payée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    # Set when the one reminder for an unpaid bank transfer went out (`billing_send_reminders`).
    transfer_reminded_at = models.DateTimeField(_("relance de virement envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("commande")
        verbose_name_plural = _("commandes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "state"])]
        permissions = [("record_transfer", _("Peut enregistrer un virement reçu"))]

    def __str__(self):
        return self.number or f"#{self.pk}"

    @property
    def is_unpaid(self) -> bool:
        return self.state in OrderState.UNPAID

    @property
    def is_paid(self) -> bool:
        return self.state in OrderState.PAID_ONWARDS


class OrderLine(models.Model):
    """One product of an order, with the price and its reasons as the server computed them."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_lines")
    description = models.CharField(_("désignation"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantité"))
    unit_price_ht_cents = models.PositiveIntegerField(_("prix unitaire HT (centimes)"))
    public_unit_price_ht_cents = models.PositiveIntegerField(_("prix public unitaire HT (centimes)"))
    vat_rate_bp = models.PositiveIntegerField(_("taux de TVA (points de base)"))
    total_ht_cents = models.PositiveIntegerField(_("total HT (centimes)"))
    vat_cents = models.PositiveIntegerField(_("TVA (centimes)"))
    total_ttc_cents = models.PositiveIntegerField(_("total TTC (centimes)"))
    budget_bracket = models.CharField(_("tranche de budget"), max_length=10, blank=True)
    # Set once the line was delivered (seat confirmed, codes allocated, hardware set aside, service booked).
    fulfilled_at = models.DateTimeField(_("livrée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("ligne de commande")
        verbose_name_plural = _("lignes de commande")
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} × {self.description}"


class OrderEvent(models.Model):
    """The order's timeline, shown to the association and to staff: created, payment failed, paid, cancelled..."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.order} {self.action}"
