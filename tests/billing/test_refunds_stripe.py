"""Card refunds through localstripe with the real stripe library, and the `charge.refunded` webhook that follows."""

import pytest

from billing.errors import PaymentError, RefundError
from billing.models import CreditNote, OrderState, Refund, RefundSource, RefundState
from billing.payments.stripe_client import stripe_client
from billing.payments.stripe_provider import StripeProvider, refund_idempotency_key
from billing.services.orders import order_create
from billing.services.payments import card_payment_prepare
from billing.services.refunds import refund_create
from billing.webhooks import webhook_receive

from .conftest import sign
from .test_webhooks import pay

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]


@pytest.fixture
def stripe(stripe_settings):
    return stripe_client()


@pytest.fixture
def paid_card_order(stripe, member, association, product, post_event):
    """96 € TTC paid by card at localstripe, the payment's webhook handled."""
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=2, payment_method="card"
    )
    session = card_payment_prepare(order_id=order.pk, organisation=association)
    assert pay(stripe, session.intent_id) is None
    post_event("evt_paid", "payment_intent.succeeded", {"id": session.intent_id})
    order.refresh_from_db()
    assert order.state == OrderState.FULFILLED
    return order


def charge_id(stripe, intent_id):
    charge = stripe.v1.payment_intents.retrieve(intent_id).latest_charge
    return charge if isinstance(charge, str) else charge.id


def test_a_card_refund_goes_through_stripe_with_a_key_from_the_refund_row(stripe, finance, paid_card_order):
    refund = refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=30_00, reason="Geste")

    at_stripe = stripe.v1.refunds.retrieve(refund.stripe_refund_id)
    assert at_stripe.amount == 30_00
    assert at_stripe.payment_intent == paid_card_order.stripe_payment_intent_id
    assert at_stripe.metadata["passerelle_refund_id"] == str(refund.pk)
    assert refund_idempotency_key(refund.pk) == f"passerelle-refund-{refund.pk}"
    paid_card_order.refresh_from_db()
    assert (paid_card_order.state, paid_card_order.refunded_cents) == (OrderState.PARTIALLY_REFUNDED, 30_00)
    assert refund.credit_note.total_ttc_cents == 30_00
    assert refund.credit_note.payment_method == "card"


def test_the_webhook_after_an_admin_refund_does_not_count_it_twice(stripe, finance, paid_card_order, post_event):
    refund = refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=None, reason="Tout")
    charge = charge_id(stripe, paid_card_order.stripe_payment_intent_id)

    post_event("evt_refunded", "charge.refunded", {"id": charge, "object": "charge"})
    post_event("evt_refunded_again", "charge.refunded", {"id": charge, "object": "charge"})

    paid_card_order.refresh_from_db()
    assert (paid_card_order.state, paid_card_order.refunded_cents) == (OrderState.REFUNDED, 96_00)
    assert list(Refund.objects.values_list("pk", flat=True)) == [refund.pk]
    assert CreditNote.objects.count() == 1


def test_a_webhook_arriving_before_the_admin_finishes_is_reconciled_by_the_refund_id(
    stripe, stripe_settings, finance, paid_card_order, monkeypatch
):
    """Stripe's webhook can overtake the admin's own completion: the refund row is found by its id, once."""
    charge = charge_id(stripe, paid_card_order.stripe_payment_intent_id)
    original = StripeProvider.refund

    def refund_then_webhook(self, **kwargs):
        result = original(self, **kwargs)
        payload = (
            '{"id": "evt_early", "object": "event", "type": "charge.refunded", '
            f'"data": {{"object": {{"id": "{charge}"}}}}}}'
        ).encode()
        webhook_receive(payload=payload, signature=sign(payload))
        return result

    monkeypatch.setattr(StripeProvider, "refund", refund_then_webhook)

    refund = refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=40_00, reason="Geste")

    paid_card_order.refresh_from_db()
    assert paid_card_order.refunded_cents == 40_00
    assert Refund.objects.get().pk == refund.pk
    assert refund.state == RefundState.SUCCEEDED and refund.stripe_refund_id
    assert CreditNote.objects.count() == 1


def test_more_than_what_remains_is_refused_before_asking_stripe(stripe, finance, paid_card_order):
    refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=90_00, reason="Presque tout")

    with pytest.raises(RefundError, match=r"dépasse ce qui reste à rembourser \(6,00\s€\)"):
        refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=7_00, reason="Trop")

    refunds = stripe.v1.refunds.list(params={"payment_intent": paid_card_order.stripe_payment_intent_id})
    assert [r.amount for r in refunds.data] == [90_00]


def test_a_refund_made_in_stripes_dashboard_gets_its_own_credit_note(stripe, paid_card_order, post_event):
    stripe.v1.refunds.create(params={"payment_intent": paid_card_order.stripe_payment_intent_id, "amount": 10_00})
    charge = charge_id(stripe, paid_card_order.stripe_payment_intent_id)

    post_event("evt_dash", "charge.refunded", {"id": charge})

    refund = Refund.objects.get()
    assert (refund.source, refund.amount_cents, refund.state) == (RefundSource.PROVIDER, 10_00, RefundState.SUCCEEDED)
    assert refund.credit_note.number.startswith("AV-")
    paid_card_order.refresh_from_db()
    assert paid_card_order.state == OrderState.PARTIALLY_REFUNDED


def test_when_stripe_is_unreachable_the_refund_fails_and_can_be_retried(stripe, finance, paid_card_order, settings):
    from ..localstripe_server import free_port

    good = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(PaymentError, match="indisponible"):
        refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=None, reason="Tout")
    failed = Refund.objects.get()
    assert failed.state == RefundState.FAILED
    paid_card_order.refresh_from_db()
    assert (paid_card_order.state, paid_card_order.refunded_cents) == (OrderState.FULFILLED, 0)
    assert not CreditNote.objects.exists()

    settings.STRIPE_API_BASE = good
    refund = refund_create(actor=finance, order_id=paid_card_order.pk, amount_cents=None, reason="Tout")
    assert refund.state == RefundState.SUCCEEDED


def test_a_refund_event_before_the_payment_event_still_ends_refunded(stripe, member, association, product, post_event):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="card"
    )
    session = card_payment_prepare(order_id=order.pk, organisation=association)
    pay(stripe, session.intent_id)
    stripe.v1.refunds.create(params={"payment_intent": session.intent_id})
    charge = charge_id(stripe, session.intent_id)

    post_event("evt_refund_first", "charge.refunded", {"id": charge})
    post_event("evt_paid_late", "payment_intent.succeeded", {"id": session.intent_id})

    order.refresh_from_db()
    assert (order.state, order.refunded_cents) == (OrderState.REFUNDED, 48_00)
    assert order.invoice and CreditNote.objects.filter(order=order).count() == 1


def test_a_refund_updated_event_points_at_its_charge(stripe, paid_card_order, post_event):
    refund = stripe.v1.refunds.create(
        params={"payment_intent": paid_card_order.stripe_payment_intent_id, "amount": 6_00}
    )
    charge = charge_id(stripe, paid_card_order.stripe_payment_intent_id)

    response = post_event(
        "evt_re_upd", "charge.refund.updated", {"id": refund.id, "object": "refund", "charge": charge}
    )

    assert response.status_code == 200 and response.json()["handled"] is True
    assert Refund.objects.get().stripe_refund_id == refund.id
    paid_card_order.refresh_from_db()
    assert paid_card_order.refunded_cents == 6_00
