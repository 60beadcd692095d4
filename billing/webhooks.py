"""Stripe webhooks: verified, recorded once, and believed only after fetching the object again from Stripe.

Whatever the order of arrival and however often an event is repeated, the
order ends in the state Stripe's current objects describe: the event only
says which payment to look at; the re-fetched payment says what happened.
"""

import logging
from dataclasses import dataclass

import stripe
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import conf
from .errors import DomainError
from .models import Order, OrderState, StripeEvent
from .payments import get_provider
from .services.orders import order_mark_paid, order_payment_failed
from .services.refunds import refunds_sync_from_provider

logger = logging.getLogger(__name__)

INTENT_EVENTS = frozenset(
    {
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
        "payment_intent.processing",
    }
)
CHARGE_EVENTS = frozenset({"charge.refunded", "charge.refund.updated"})
REFUND_OBJECT_EVENTS = frozenset({"charge.refund.updated"})


class WebhookError(DomainError):
    """The request is not a genuine Stripe event (bad signature, unreadable payload)."""


@dataclass(frozen=True)
class WebhookResult:
    event_id: str
    handled: bool
    duplicate: bool = False
    order_id: int | None = None


def webhook_verify(*, payload: bytes, signature: str):
    """The event, if Stripe signed it with our secret; never trusts an unsigned body."""
    if not conf.stripe_webhook_secret():
        raise WebhookError(_("Les webhooks Stripe ne sont pas configurés."))
    try:
        return stripe.Webhook.construct_event(payload, signature or "", conf.stripe_webhook_secret())
    # A body that is signed but not an event object (a JSON list...) fails inside the library: refused the same way.
    except (ValueError, TypeError, AttributeError, stripe.SignatureVerificationError) as error:
        raise WebhookError(_("Signature du webhook invalide.")) from error


def _event_fields(event) -> tuple[str, str, str]:
    """(event id, type, id of the object it is about); a signed but malformed event is refused, never a crash."""
    try:
        event_id, event_type = event["id"], event["type"]
        obj = event["data"]["object"]
        object_id = obj.get("id", "") if hasattr(obj, "get") else ""
        if event_type in REFUND_OBJECT_EVENTS and hasattr(obj, "get"):
            # The object is a refund (re_...): the charge it belongs to is what gets fetched again.
            object_id = obj.get("charge") or ""
    except (KeyError, TypeError) as error:
        raise WebhookError(_("Événement Stripe illisible.")) from error
    if not isinstance(event_id, str) or not event_id or not isinstance(event_type, str):
        raise WebhookError(_("Événement Stripe illisible."))
    return event_id[:255], event_type[:100], object_id if isinstance(object_id, str) else ""


def _order_for_intent(intent) -> Order | None:
    order = Order.objects.filter(stripe_payment_intent_id=intent.intent_id).first()
    if order is None and intent.order_id is not None:
        # The payment was created but our row did not keep its id (a crash between the two): metadata links them.
        order = Order.objects.filter(pk=intent.order_id, stripe_payment_intent_id__in=("", intent.intent_id)).first()
    return order


def _apply_intent(intent) -> int | None:
    order = _order_for_intent(intent)
    if order is None:
        logger.warning("Stripe payment %s matches no order", intent.intent_id)
        return None
    if intent.succeeded:
        if intent.amount != order.total_ttc_cents or intent.currency != order.currency:
            logger.error("Stripe payment %s amount differs from order %s", intent.intent_id, order.pk)
            order_payment_failed(order_id=order.pk, message=f"amount mismatch: {intent.amount} {intent.currency}")
            return order.pk
        order_mark_paid(order_id=order.pk, source="stripe", reference=intent.intent_id)
    elif intent.failed:
        order_payment_failed(order_id=order.pk, message=intent.failure_message)
    return order.pk


def _apply_charge(charge, intent=None) -> int | None:
    order = Order.objects.filter(stripe_payment_intent_id=charge.intent_id).first() if charge.intent_id else None
    if order is None:
        return None
    if intent is not None:
        # The refund arrived before the payment's own event: the payment is applied first, from Stripe's word.
        _apply_intent(intent)
    refunds_sync_from_provider(order_id=order.pk, refunds=charge.refunds)
    return order.pk


def _intent_behind(provider, charge):
    """The charge's PaymentIntent, fetched only when its order is not yet known as paid (out-of-order delivery)."""
    if not (charge.paid and charge.intent_id and charge.refunds):
        return None
    order = Order.objects.filter(stripe_payment_intent_id=charge.intent_id).first()
    if order is None or order.is_paid or order.state == OrderState.CANCELLED:
        return None
    return provider.retrieve(intent_id=charge.intent_id)


def webhook_receive(*, payload: bytes, signature: str) -> WebhookResult:
    """Handle one delivery. A provider outage raises PaymentError before anything is recorded, so Stripe retries."""
    event = webhook_verify(payload=payload, signature=signature)
    event_id, event_type, object_id = _event_fields(event)
    if StripeEvent.objects.filter(event_id=event_id).exists():
        return WebhookResult(event_id=event_id, handled=False, duplicate=True)

    provider = get_provider()
    fetched = intent = None
    if event_type in INTENT_EVENTS and object_id:
        fetched = provider.retrieve(intent_id=object_id)
    elif event_type in CHARGE_EVENTS and object_id:
        fetched = provider.retrieve_charge(charge_id=object_id)
        intent = _intent_behind(provider, fetched)

    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(event_id=event_id, type=event_type, object_id=object_id[:255])
        except IntegrityError:
            # The same event delivered twice at once: the other delivery recorded and handles it.
            return WebhookResult(event_id=event_id, handled=False, duplicate=True)
        order_id = None
        if event_type in INTENT_EVENTS and fetched is not None:
            order_id = _apply_intent(fetched)
        elif event_type in CHARGE_EVENTS and fetched is not None:
            order_id = _apply_charge(fetched, intent)
        if order_id is not None:
            record.order_id = order_id
            record.save(update_fields=["order"])
    return WebhookResult(event_id=event_id, handled=fetched is not None, order_id=order_id)
