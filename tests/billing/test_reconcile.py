"""`billing_reconcile` finds what a lost webhook leaves behind, and is quiet when all agrees."""

from io import StringIO

import pytest
from django.core.management import call_command

from billing.services.orders import order_create
from billing.services.payments import card_payment_prepare

from .test_webhooks import pay

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]


def test_a_payment_whose_webhook_was_lost_is_reported(stripe_settings, member, association, product, post_event):
    from billing.payments.stripe_client import stripe_client

    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="card"
    )
    session = card_payment_prepare(order_id=order.pk, organisation=association)
    pay(stripe_client(), session.intent_id)
    out = StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command("billing_reconcile", stdout=out, stderr=StringIO())

    assert exited.value.code == 1
    assert f"{order.number}\t{session.intent_id}\tpaid at Stripe, awaiting_payment here" in out.getvalue()

    post_event("evt_late", "payment_intent.succeeded", {"id": session.intent_id})
    out = StringIO()
    call_command("billing_reconcile", stdout=out)
    assert "agree" in out.getvalue()
