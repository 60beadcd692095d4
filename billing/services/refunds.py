"""Refunds, full or partial: by card through the payment provider, or recorded by staff for a bank transfer.

A card refund runs in three steps so that no row stays locked during a
network call and no refund is ever counted twice:

1. under the order's lock, the amount is checked against what is left and a
   pending `Refund` row holds it;
2. the provider is asked, keyed by that row (idempotency key and metadata);
3. under the lock again, the row is completed: order amounts and state,
   stock, credit note, timeline.

The provider's `charge.refunded` webhook goes through `refunds_sync_from_provider`,
which finds our rows again by the provider's refund id (or by the row id in
its metadata when step 3 has not run yet) and only records refunds made
elsewhere (Stripe's dashboard) as new ones.
"""

import logging

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.admin_views.access import is_platform_staff
from marketplace.money import format_money

from ..errors import NotFound, PaymentError, PermissionDenied, RefundError
from ..models import Order, OrderState, PaymentMethod, Product, ProductKind, Refund, RefundSource, RefundState
from ..payments.base import ProviderRefund
from .credit_notes import credit_note_issue
from .timeline import order_event

logger = logging.getLogger(__name__)

REFUND_PERMISSION = "billing.add_refund"


def refund_allowed(user) -> bool:
    """Platform staff holding the finance permission (the "Finance" group, or superusers)."""
    return is_platform_staff(user) and user.has_perm(REFUND_PERMISSION)


def refundable_cents(order: Order) -> int:
    """What may still be given back: paid, minus refunds made or under way."""
    held = order.refunds.filter(state__in=RefundState.HOLDING).aggregate(total=Sum("amount_cents"))["total"] or 0
    return max(order.total_ttc_cents - held, 0)


def _hardware_units(order: Order) -> int:
    return sum(line.quantity for line in order.lines.all() if line.product.kind == ProductKind.HARDWARE)


def _check_restock(order: Order) -> None:
    if not _hardware_units(order):
        raise RefundError(_("Cette commande ne contient pas de matériel à remettre en stock."), field="restock")
    if (
        order.refunds.filter(restocked_units__gt=0).exists()
        or order.refunds.filter(restock=True, state=RefundState.PENDING).exists()
    ):
        raise RefundError(_("Le matériel de cette commande a déjà été remis en stock."), field="restock")


def refund_create(*, actor, order_id: int, amount_cents: int | None, reason: str, restock: bool = False) -> Refund:
    """Refund `amount_cents` (everything left when None) of a paid order; returns the completed refund.

    Raises RefundError for an amount over what is left, PaymentError when the
    provider refuses or cannot be reached (the refund is then marked failed and nothing was given back).
    """
    if not refund_allowed(actor):
        raise PermissionDenied(_("Seule l'équipe finance de la plateforme peut rembourser une commande."))
    return refund_issue(actor=actor, order_id=order_id, amount_cents=amount_cents, reason=reason, restock=restock)


def refund_issue(*, order_id: int, amount_cents: int | None, reason: str, restock: bool = False, actor=None) -> Refund:
    """The refund itself, for services that decided it under their own rule (a training cancelled within
    its refund policy, a session cancelled by staff); the admin goes through `refund_create`, which checks
    the finance permission first. Same checks on the amount, same provider call, same credit note.
    """
    reason = (reason or "").strip()[:255]
    if not reason:
        raise RefundError(_("Indiquez le motif du remboursement."), field="reason")
    refund = _refund_hold(actor=actor, order_id=order_id, amount_cents=amount_cents, reason=reason, restock=restock)
    if refund.method == PaymentMethod.TRANSFER:
        return _refund_complete(refund_id=refund.pk, provider_id="", actor=actor)
    try:
        done = _provider().refund(
            intent_id=refund.order.stripe_payment_intent_id,
            amount=refund.amount_cents,
            refund_id=refund.pk,
            order_id=refund.order_id,
        )
    except PaymentError as error:
        _refund_fail(refund_id=refund.pk, actor=actor, message=error.message)
        raise
    if done.status == "pending":
        # Some payment methods refund later: the provider's webhook completes the row when it succeeds.
        Refund.objects.filter(pk=refund.pk, stripe_refund_id="").update(stripe_refund_id=done.provider_id)
        return Refund.objects.get(pk=refund.pk)
    if not done.succeeded:
        _refund_fail(refund_id=refund.pk, actor=actor, message=done.status)
        raise PaymentError(_("Stripe n'a pas effectué le remboursement (état : %(status)s).") % {"status": done.status})
    return _refund_complete(refund_id=refund.pk, provider_id=done.provider_id, actor=actor)


def _provider():
    from ..payments import get_provider

    return get_provider()


@transaction.atomic
def _refund_hold(*, actor, order_id: int, amount_cents: int | None, reason: str, restock: bool) -> Refund:
    order = Order.objects.select_for_update().filter(pk=order_id).first()
    if order is None:
        raise NotFound(_("Cette commande n'existe pas."))
    if order.state not in OrderState.REFUNDABLE:
        raise RefundError(_("Seule une commande payée peut être remboursée."))
    if order.payment_method == PaymentMethod.CARD and not order.stripe_payment_intent_id:
        raise RefundError(_("Cette commande n'a pas de paiement par carte à rembourser."))
    left = refundable_cents(order)
    amount = left if amount_cents is None else amount_cents
    if amount <= 0:
        if left <= 0:
            raise RefundError(_("Cette commande est déjà entièrement remboursée."), field="amount")
        raise RefundError(_("Le montant à rembourser doit être positif."), field="amount")
    if amount > left:
        raise RefundError(
            _("Le montant demandé (%(asked)s) dépasse ce qui reste à rembourser (%(left)s).")
            % {"asked": format_money(amount, decimals=2), "left": format_money(left, decimals=2)},
            field="amount",
        )
    if restock:
        _check_restock(order)
    refund = Refund(
        order=order,
        amount_cents=amount,
        reason=reason,
        method=order.payment_method,
        restock=restock,
        created_by=actor,
    )
    refund.full_clean()
    refund.save()
    order_event(
        order=order,
        action="refund.requested",
        actor=actor,
        data={"refund": refund.pk, "amount_cents": amount, "reason": reason},
    )
    return refund


@transaction.atomic
def _refund_fail(*, refund_id: int, actor, message: str) -> Refund:
    refund = Refund.objects.select_for_update().select_related("order").get(pk=refund_id)
    if refund.state != RefundState.PENDING:
        return refund
    refund.state = RefundState.FAILED
    refund.failure_message = str(message)[:255]
    refund.save(update_fields=["state", "failure_message"])
    order_event(
        order=refund.order, action="refund.failed", actor=actor, data={"refund": refund.pk, "message": str(message)}
    )
    return refund


@transaction.atomic
def _refund_complete(*, refund_id: int, provider_id: str, actor=None) -> Refund:
    """Record that the money went back; a second call for the same refund (webhook and admin) changes nothing."""
    refund = Refund.objects.select_related("order").get(pk=refund_id)
    order = Order.objects.select_for_update().get(pk=refund.order_id)
    refund = Refund.objects.select_for_update().get(pk=refund_id)
    if refund.state == RefundState.SUCCEEDED:
        return refund
    refund.state = RefundState.SUCCEEDED
    refund.stripe_refund_id = provider_id or refund.stripe_refund_id
    refund.completed_at = timezone.now()
    refund.failure_message = ""
    if refund.restock and not order.refunds.filter(restocked_units__gt=0).exists():
        refund.restocked_units = _restock(order)
    refund.save(update_fields=["state", "stripe_refund_id", "completed_at", "failure_message", "restocked_units"])
    _order_refunded(order=order, refund=refund, actor=actor)
    note = credit_note_issue(refund=refund)
    if note is None or note.total_ttc_cents != refund.amount_cents:
        logger.error("Refund %s exceeds what invoice of order %s had left", refund.pk, order.pk)
        order_event(order=order, action="refund.exceeds_invoice", data={"refund": refund.pk})
    return refund


def _restock(order: Order) -> int:
    """Put the order's refurbished hardware back on sale; returns how many units."""
    units = 0
    for line in order.lines.filter(product__kind=ProductKind.HARDWARE):
        product = Product.objects.select_for_update().get(pk=line.product_id)
        if product.stock is not None:
            product.stock += line.quantity
            product.save(update_fields=["stock", "updated_at"])
        units += line.quantity
    return units


def _order_refunded(*, order: Order, refund: Refund, actor) -> None:
    refunded = order.refunds.filter(state=RefundState.SUCCEEDED).aggregate(total=Sum("amount_cents"))["total"] or 0
    order.refunded_cents = min(refunded, order.total_ttc_cents)
    full = order.refunded_cents >= order.total_ttc_cents
    order.state = OrderState.REFUNDED if full else OrderState.PARTIALLY_REFUNDED
    order.save(update_fields=["refunded_cents", "state"])
    order_event(
        order=order,
        action="order.refunded" if full else "order.partially_refunded",
        actor=actor,
        data={
            "refund": refund.pk,
            "amount_cents": refund.amount_cents,
            "refunded_cents": order.refunded_cents,
            "source": refund.source,
            "provider_id": refund.stripe_refund_id,
            "restocked_units": refund.restocked_units,
        },
    )


def refunds_sync_from_provider(*, order_id: int, refunds: tuple[ProviderRefund, ...]) -> Order:
    """Align our refunds with the provider's list for this payment (the `charge.refunded` webhook).

    Reconciled by the provider's refund id: a refund we made is found again and
    never counted twice; one made in the provider's dashboard becomes a new
    refund with its own credit note. The order's refunded total is the sum of
    our succeeded refunds, never an increment, so replays change nothing.
    """
    for provider_refund in refunds:
        if provider_refund.succeeded:
            _refund_sync_one(order_id=order_id, provider_refund=provider_refund)
    return Order.objects.get(pk=order_id)


@transaction.atomic
def _refund_sync_one(*, order_id: int, provider_refund: ProviderRefund) -> Refund | None:
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.state not in OrderState.PAID_ONWARDS:
        logger.warning("Refund %s for unpaid order %s ignored", provider_refund.provider_id, order.pk)
        return None
    ours = Refund.objects.filter(stripe_refund_id=provider_refund.provider_id).first()
    if ours is not None and ours.state == RefundState.SUCCEEDED:
        return None
    if ours is None and provider_refund.refund_id is not None:
        ours = Refund.objects.filter(pk=provider_refund.refund_id, order=order).first()
    if ours is None:
        ours = Refund.objects.create(
            order=order,
            amount_cents=provider_refund.amount,
            reason=_("Remboursement effectué depuis le tableau de bord Stripe"),
            method=PaymentMethod.CARD,
            source=RefundSource.PROVIDER,
        )
    return _refund_complete(refund_id=ours.pk, provider_id=provider_refund.provider_id)
