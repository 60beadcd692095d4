"""End to end: localstripe itself delivers signed webhooks to the live test server, as Stripe would."""

import time

import pytest
import requests

from billing.models import Invoice, Order, OrderState
from billing.payments.stripe_client import stripe_client
from billing.services.orders import order_create
from billing.services.payments import card_payment_prepare

from .test_webhooks import pay

pytestmark = [pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def test_localstripe_delivers_the_payment_and_the_order_is_paid(
    stripe_settings, localstripe_server, live_server, member, association, product
):
    registered = requests.post(
        f"{localstripe_server.url}/_config/webhooks/passerelle-live",
        data={"url": f"{live_server.url}/billing/stripe/webhook/", "secret": stripe_settings.STRIPE_WEBHOOK_SECRET},
        timeout=5,
    )
    assert registered.status_code == 200
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="card"
    )
    session = card_payment_prepare(order_id=order.pk, organisation=association)

    assert pay(stripe_client(), session.intent_id) is None

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and Order.objects.get(pk=order.pk).state != OrderState.FULFILLED:
        time.sleep(0.2)
    assert Order.objects.get(pk=order.pk).state == OrderState.FULFILLED
    assert Invoice.objects.filter(order=order).count() == 1
