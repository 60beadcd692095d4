"""Preparing a card payment: the provider's payment object for an order, never any movement of money."""

from django.utils.translation import gettext as _

from marketplace.models import Organisation

from ..errors import NotFound, OrderError
from ..models import Order, PaymentMethod
from ..payments import get_provider
from ..payments.base import PaymentSession
from .orders import order_payment_prepared


def card_payment_prepare(*, order_id: int, organisation: Organisation) -> PaymentSession:
    """Create, or find again, the PaymentIntent of an unpaid card order of `organisation`.

    The amount is the order's, as stored when it was created; the provider call
    runs outside any transaction (no row stays locked during a network call),
    and its idempotency key comes from the order, so a retry cannot double it.
    """
    order = Order.objects.filter(pk=order_id, organisation=organisation).first()
    if order is None:
        raise NotFound(_("Cette commande n'existe pas."))
    if order.payment_method != PaymentMethod.CARD:
        raise OrderError(_("Cette commande se paie par virement."))
    if not order.is_unpaid:
        raise OrderError(_("Cette commande n'attend pas de paiement."))
    provider = get_provider()
    attempt = order.payment_attempt
    if order.stripe_payment_intent_id:
        previous = provider.retrieve(intent_id=order.stripe_payment_intent_id)
        if previous.succeeded or previous.status == "processing":
            raise OrderError(_("Le paiement de cette commande est en cours de confirmation."))
        if previous.failed or previous.status == "canceled":
            # A declined card: this PaymentIntent is closed and a new one, with a new key, takes its place.
            provider.cancel(intent_id=previous.intent_id)
            attempt += 1
    session = provider.prepare(order=order, attempt=attempt)
    order_payment_prepared(order_id=order.pk, intent_id=session.intent_id, attempt=attempt)
    return session
