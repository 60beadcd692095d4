"""Creating, paying and cancelling orders; amounts always come from `billing.pricing`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.admin_views.access import is_platform_staff
from marketplace.models import Membership, Organisation

from ..errors import NotFound, OrderError, PermissionDenied
from ..models import Order, OrderLine, OrderState, PaymentMethod, Product
from ..pricing import price_for
from .fulfilment import order_fulfil
from .invoices import invoice_issue
from .timeline import order_event


def _require_member(*, user, organisation: Organisation) -> None:
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied(_("Vous n'êtes pas membre de cette organisation."))


@transaction.atomic
def order_create(*, user, organisation: Organisation, product_id: int, quantity: int, payment_method: str) -> Order:
    """Order `quantity` units at the price the server computes now, reserving quota and stock.

    The product row is locked first, so two orders for the last units (or the
    last units of a quota) are priced one after the other: exactly one wins.
    """
    _require_member(user=user, organisation=organisation)
    if payment_method not in PaymentMethod.values:
        raise OrderError(_("Moyen de paiement inconnu."), field="payment_method")
    product = Product.objects.select_for_update().filter(pk=product_id).first()
    if product is None:
        raise NotFound(_("Ce produit n'existe pas."))
    quote = price_for(product=product, organisation=organisation, quantity=quantity)

    if product.stock is not None:
        product.stock -= quote.quantity
        product.save(update_fields=["stock", "updated_at"])
    order = Order(
        organisation=organisation,
        payment_method=payment_method,
        state=OrderState.AWAITING_PAYMENT if payment_method == PaymentMethod.TRANSFER else OrderState.PENDING,
        total_ht_cents=quote.total_ht_cents,
        total_vat_cents=quote.vat_cents,
        total_ttc_cents=quote.total_ttc_cents,
        created_by=user,
    )
    order.full_clean(exclude=["number"])
    order.save()
    order.number = f"CMD-{timezone.localtime(order.created_at).year}-{order.pk:06d}"
    order.save(update_fields=["number"])
    OrderLine.objects.create(
        order=order,
        product=product,
        description=product.name,
        quantity=quote.quantity,
        unit_price_ht_cents=quote.unit_ht_cents,
        public_unit_price_ht_cents=quote.public_unit_ht_cents,
        vat_rate_bp=quote.vat_rate_bp,
        total_ht_cents=quote.total_ht_cents,
        vat_cents=quote.vat_cents,
        total_ttc_cents=quote.total_ttc_cents,
        budget_bracket=quote.budget_bracket,
    )
    order_event(
        order=order,
        action="order.created",
        actor=user,
        data={"product": product.code, "quantity": quote.quantity, "total_ttc_cents": quote.total_ttc_cents},
    )
    return order


def _release_reservation(order: Order) -> None:
    """Give the stock back; quotas are computed from live orders, so a cancelled one frees its units by itself."""
    for line in order.lines.all():
        product = Product.objects.select_for_update().get(pk=line.product_id)
        if product.stock is not None:
            product.stock += line.quantity
            product.save(update_fields=["stock", "updated_at"])


def order_cancel(*, user, order_id: int, organisation: Organisation | None = None, staff: bool = False) -> Order:
    """Cancel an unpaid order. A card payment still open at the provider is cancelled there first.

    Refused once the provider has taken (or is taking) the money: then the
    webhook will mark the order paid and a refund is the way back.
    """
    order = Order.objects.filter(pk=order_id).first()
    if order is None or (not staff and (organisation is None or order.organisation_id != organisation.pk)):
        raise NotFound(_("Cette commande n'existe pas."))
    if not staff:
        _require_member(user=user, organisation=order.organisation)
    if order.stripe_payment_intent_id and order.is_unpaid:
        from ..payments import get_provider

        intent = get_provider().cancel(intent_id=order.stripe_payment_intent_id)
        if intent.status not in ("canceled", "requires_payment_method"):
            raise OrderError(_("Un paiement est en cours pour cette commande : elle ne peut plus être annulée."))
    return _order_cancel_locked(user=user, order_id=order.pk)


@transaction.atomic
def _order_cancel_locked(*, user, order_id: int) -> Order:
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.state not in OrderState.UNPAID:
        raise OrderError(_("Seule une commande non payée peut être annulée."))
    order.state = OrderState.CANCELLED
    order.cancelled_at = timezone.now()
    order.save(update_fields=["state", "cancelled_at"])
    _release_reservation(order)
    order_event(order=order, action="order.cancelled", actor=user)
    return order


@transaction.atomic
def order_mark_paid(*, order_id: int, actor=None, source: str, reference: str = "") -> Order:
    """The money arrived: the order becomes paid and its invoice is issued, once, whoever reports it how often.

    A payment reported for a cancelled order is recorded for staff to refund; it never revives the order.
    """
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.state in OrderState.PAID_ONWARDS:
        return order
    if order.state == OrderState.CANCELLED:
        order_event(order=order, action="payment.after_cancel", actor=actor, data={"source": source, "ref": reference})
        return order
    order.state = OrderState.PAID
    order.paid_at = timezone.now()
    if source == "transfer":
        order.transfer_reference = reference
    order.save(update_fields=["state", "paid_at", "transfer_reference"])
    order_event(order=order, action="order.paid", actor=actor, data={"source": source, "ref": reference})
    invoice_issue(order=order)
    # Fulfilment (seats, codes, hardware, services) happens here, once: the order row is locked.
    order_fulfil(order=order)
    return order


def order_record_transfer(*, actor, order_id: int, reference: str) -> Order:
    """Staff saw the bank transfer arrive on the account."""
    if not (is_platform_staff(actor) and actor.has_perm("billing.record_transfer")):
        raise PermissionDenied(_("Seule l'équipe finance de la plateforme enregistre les virements."))
    reference = (reference or "").strip()
    if not reference:
        raise OrderError(_("Indiquez la référence du virement reçu."), field="reference")
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        raise NotFound(_("Cette commande n'existe pas."))
    if order.payment_method != PaymentMethod.TRANSFER:
        raise OrderError(_("Cette commande se paie par carte."))
    if not order.is_unpaid:
        raise OrderError(_("Cette commande n'attend pas de paiement."))
    return order_mark_paid(order_id=order.pk, actor=actor, source="transfer", reference=reference[:120])


@transaction.atomic
def order_payment_prepared(*, order_id: int, intent_id: str, attempt: int) -> Order:
    """Keep the provider's payment id on our row; the order now waits for the payer."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if not order.is_unpaid or attempt < order.payment_attempt:
        return order
    changed = order.stripe_payment_intent_id != intent_id
    order.stripe_payment_intent_id = intent_id
    order.payment_attempt = attempt
    if order.state == OrderState.PENDING:
        order.state = OrderState.AWAITING_PAYMENT
        changed = True
    if changed:
        order.save(update_fields=["stripe_payment_intent_id", "payment_attempt", "state"])
        order_event(order=order, action="payment.prepared", data={"intent": intent_id})
    return order


@transaction.atomic
def order_payment_failed(*, order_id: int, message: str) -> Order:
    """A card was declined: the order keeps waiting, the payer may try again."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.is_unpaid:
        order_event(order=order, action="payment.failed", data={"message": message[:255]})
    return order
