"""Comparing our card orders with Stripe's PaymentIntents: what a lost or unprocessed webhook would leave behind."""

from dataclasses import dataclass

from .models import Order, OrderState
from .payments import get_provider


@dataclass(frozen=True)
class Mismatch:
    order_number: str
    intent_id: str
    problem: str


def _problems(order: Order, intent) -> list[str]:
    problems = []
    if intent.amount != order.total_ttc_cents or intent.currency != order.currency:
        problems.append(
            f"amount {intent.amount} {intent.currency} at Stripe, {order.total_ttc_cents} {order.currency} here"
        )
    if intent.succeeded and order.state not in OrderState.PAID_ONWARDS:
        problems.append(f"paid at Stripe, {order.state} here")
    if not intent.succeeded and order.state in OrderState.PAID_ONWARDS and not order.transfer_reference:
        problems.append(f"{intent.status} at Stripe, {order.state} here")
    return problems


def reconcile_orders() -> list[Mismatch]:
    """Every card order that has a PaymentIntent, checked against what Stripe says now (read-only)."""
    provider = get_provider()
    mismatches = []
    orders = Order.objects.exclude(stripe_payment_intent_id="")
    for order in orders.order_by("pk").iterator():
        intent = provider.retrieve(intent_id=order.stripe_payment_intent_id)
        mismatches.extend(
            Mismatch(order_number=str(order), intent_id=intent.intent_id, problem=problem)
            for problem in _problems(order, intent)
        )
    return mismatches
