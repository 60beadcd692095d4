"""Card payments against localstripe with the real stripe library, and the webhook's guarantees.

Events are signed here as Stripe signs them; what they say is only a hint:
the handler fetches the PaymentIntent (or charge) again from localstripe.
"""

import pytest

from billing.models import Invoice, OrderState, StripeEvent
from billing.payments.stripe_client import stripe_client
from billing.payments.stripe_provider import StripeProvider
from billing.services.orders import order_create
from billing.services.payments import card_payment_prepare

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"


@pytest.fixture
def stripe(stripe_settings):
    return stripe_client()


@pytest.fixture
def card_order(member, association, product, stripe_settings):
    return order_create(user=member, organisation=association, product_id=product.pk, quantity=2, payment_method="card")


def pay(stripe, intent_id: str, number: str = GOOD_CARD):
    """What Stripe.js does in the browser: attach a card to the PaymentIntent and confirm it."""
    method = stripe.v1.payment_methods.create(
        params={"type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"}}
    )
    stripe.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
    try:
        stripe.v1.payment_intents.confirm(intent_id)
    except Exception as error:  # noqa: BLE001 - a declined card raises CardError, as with Stripe
        return error
    return None


def test_prepare_creates_one_payment_intent_for_the_orders_amount(stripe, card_order, association):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    again = card_payment_prepare(order_id=card_order.pk, organisation=association)

    intent = stripe.v1.payment_intents.retrieve(session.intent_id)
    card_order.refresh_from_db()
    assert again.intent_id == session.intent_id
    assert intent.amount == card_order.total_ttc_cents == 96_00
    assert intent.currency == "eur"
    assert intent.metadata["order_id"] == str(card_order.pk)
    assert card_order.stripe_payment_intent_id == session.intent_id
    assert card_order.state == OrderState.AWAITING_PAYMENT
    assert session.client_secret.startswith(session.intent_id)


def test_the_order_page_embeds_elements_from_localstripe(member_client, card_order, localstripe_server):
    page = member_client.get(f"/boutique/commandes/{card_order.pk}/")

    assert page.status_code == 200
    assert f'src="{localstripe_server.url}/js.stripe.com/v3/"' in page.text
    assert 'data-publishable-key="pk_test_passerelle"' in page.text
    assert "<noscript>" in page.text


def test_only_the_order_page_lets_the_browser_reach_localstripe(member_client, card_order, localstripe_server):
    """The payment provider's script and API are allowed on the page that pays, not on every page."""
    order_policy = member_client.get(f"/boutique/commandes/{card_order.pk}/").headers["Content-Security-Policy"]
    other_policy = member_client.get("/boutique/commandes/").headers["Content-Security-Policy"]

    directives = {part.split()[0]: part.split()[1:] for part in order_policy.split(";")}
    assert localstripe_server.url in directives["script-src"]
    assert localstripe_server.url in directives["connect-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert localstripe_server.url not in other_policy


def test_a_successful_payment_marks_the_order_paid_once_even_when_replayed(stripe, card_order, association, post_event):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    assert pay(stripe, session.intent_id) is None

    first = post_event("evt_ok_1", "payment_intent.succeeded", {"id": session.intent_id, "object": "payment_intent"})
    replay = post_event("evt_ok_1", "payment_intent.succeeded", {"id": session.intent_id, "object": "payment_intent"})
    other = post_event("evt_ok_2", "payment_intent.succeeded", {"id": session.intent_id, "object": "payment_intent"})

    assert first.status_code == replay.status_code == other.status_code == 200
    assert replay.json()["duplicate"] is True
    card_order.refresh_from_db()
    assert card_order.state == OrderState.FULFILLED
    assert Invoice.objects.filter(order=card_order).count() == 1
    assert StripeEvent.objects.filter(event_id="evt_ok_1").count() == 1
    assert list(card_order.events.filter(action="order.paid").values_list("data__source", flat=True)) == ["stripe"]


def test_a_late_failure_event_does_not_undo_a_payment(stripe, card_order, association, post_event):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    pay(stripe, session.intent_id)

    post_event("evt_a", "payment_intent.succeeded", {"id": session.intent_id})
    post_event("evt_b", "payment_intent.payment_failed", {"id": session.intent_id})

    card_order.refresh_from_db()
    assert card_order.state == OrderState.FULFILLED
    assert not card_order.events.filter(action="payment.failed").exists()


def test_an_event_that_lies_changes_nothing_stripe_is_asked_again(stripe, card_order, association, post_event):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)

    # Signed, but the PaymentIntent was never paid: the re-fetch says so.
    post_event("evt_lie", "payment_intent.succeeded", {"id": session.intent_id, "status": "succeeded"})

    card_order.refresh_from_db()
    assert card_order.state == OrderState.AWAITING_PAYMENT
    assert not Invoice.objects.exists()


def test_a_declined_card_then_a_good_one(stripe, card_order, association, post_event, member_client):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    assert pay(stripe, session.intent_id, DECLINED_CARD) is not None
    post_event("evt_declined", "payment_intent.payment_failed", {"id": session.intent_id})

    card_order.refresh_from_db()
    assert card_order.state == OrderState.AWAITING_PAYMENT
    assert card_order.events.filter(action="payment.failed").count() == 1
    assert "Paiement refusé" in member_client.get(f"/boutique/commandes/{card_order.pk}/").text

    retry = card_payment_prepare(order_id=card_order.pk, organisation=association)
    assert retry.intent_id != session.intent_id
    assert stripe.v1.payment_intents.retrieve(session.intent_id).status == "canceled"
    assert pay(stripe, retry.intent_id) is None
    post_event("evt_paid", "payment_intent.succeeded", {"id": retry.intent_id})
    # The first PaymentIntent's failure, delivered again late, is about a closed payment.
    post_event("evt_declined_again", "payment_intent.payment_failed", {"id": session.intent_id})

    card_order.refresh_from_db()
    assert card_order.state == OrderState.FULFILLED
    assert card_order.payment_attempt == 2
    assert Invoice.objects.filter(order=card_order).count() == 1


def test_a_refund_at_stripe_is_reflected_on_the_order(stripe, card_order, association, post_event):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    pay(stripe, session.intent_id)
    post_event("evt_paid", "payment_intent.succeeded", {"id": session.intent_id})
    charge = stripe.v1.payment_intents.retrieve(session.intent_id).latest_charge
    charge_id = charge if isinstance(charge, str) else charge.id  # localstripe expands it

    stripe.v1.refunds.create(params={"payment_intent": session.intent_id, "amount": 30_00})
    post_event("evt_refund_1", "charge.refunded", {"id": charge_id, "object": "charge"})
    card_order.refresh_from_db()
    assert (card_order.state, card_order.refunded_cents) == (OrderState.PARTIALLY_REFUNDED, 30_00)

    stripe.v1.refunds.create(params={"payment_intent": session.intent_id})
    post_event("evt_refund_2", "charge.refunded", {"id": charge_id, "object": "charge"})
    post_event("evt_refund_1_late", "charge.refunded", {"id": charge_id, "object": "charge"})
    card_order.refresh_from_db()
    assert (card_order.state, card_order.refunded_cents) == (OrderState.REFUNDED, 96_00)


@pytest.mark.parametrize(
    "signature",
    ["", "t=1,v1=deadbeef", "garbage"],
    ids=["missing", "wrong", "malformed"],
)
def test_a_forged_or_missing_signature_is_refused(stripe, card_order, association, post_event, signature):
    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    pay(stripe, session.intent_id)

    response = post_event("evt_forged", "payment_intent.succeeded", {"id": session.intent_id}, signature=signature)

    assert response.status_code == 400
    card_order.refresh_from_db()
    assert card_order.state == OrderState.AWAITING_PAYMENT
    assert not StripeEvent.objects.exists()


def test_an_event_signed_with_another_secret_is_refused(stripe_settings, post_event):
    response = post_event("evt_x", "payment_intent.succeeded", {"id": "pi_x"}, secret="whsec_someone_else")
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_body_that_is_not_json_is_refused(stripe_settings, client):
    from .conftest import sign

    response = client.post(
        "/billing/stripe/webhook/",
        data=b"not json",
        content_type="application/json",
        headers={"Stripe-Signature": sign(b"not json")},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [b"[]", b'{"id": "evt_1"}', b'{"id": 5, "type": "payment_intent.succeeded", "data": {"object": {"id": 3}}}'],
    ids=["list", "no-type", "wrong-types"],
)
def test_signed_but_malformed_events_are_refused_without_crashing(stripe_settings, client, body):
    from .conftest import sign

    response = client.post(
        "/billing/stripe/webhook/", data=body, content_type="application/json", headers={"Stripe-Signature": sign(body)}
    )
    assert response.status_code in (200, 400)
    assert response.status_code == 400 or response.json()["handled"] is False


def test_get_on_the_webhook_is_refused(client):
    assert client.get("/billing/stripe/webhook/").status_code == 405


def test_unknown_events_are_recorded_and_acknowledged(stripe_settings, post_event):
    response = post_event("evt_customer", "customer.created", {"id": "cus_1"})
    assert response.status_code == 200
    assert response.json()["handled"] is False
    assert StripeEvent.objects.filter(event_id="evt_customer").exists()


def test_while_stripe_is_unreachable_the_event_is_not_recorded_so_stripe_retries(
    stripe, card_order, association, post_event, settings
):
    from ..localstripe_server import free_port

    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    pay(stripe, session.intent_id)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"

    response = post_event("evt_later", "payment_intent.succeeded", {"id": session.intent_id})

    assert response.status_code == 503
    assert not StripeEvent.objects.exists()


def test_the_order_page_says_when_stripe_is_unreachable(member_client, card_order, settings):
    from ..localstripe_server import free_port

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"

    page = member_client.get(f"/boutique/commandes/{card_order.pk}/")

    assert page.status_code == 200
    assert "Le service de paiement est indisponible" in page.text


def test_cancelling_a_card_order_cancels_its_payment_intent(stripe, card_order, association, member):
    from billing.services.orders import order_cancel

    session = card_payment_prepare(order_id=card_order.pk, organisation=association)

    order_cancel(user=member, order_id=card_order.pk, organisation=association)

    assert stripe.v1.payment_intents.retrieve(session.intent_id).status == "canceled"
    card_order.refresh_from_db()
    assert card_order.state == OrderState.CANCELLED


def test_a_paid_card_order_cannot_be_cancelled(stripe, card_order, association, member, post_event):
    from billing.errors import OrderError
    from billing.services.orders import order_cancel

    session = card_payment_prepare(order_id=card_order.pk, organisation=association)
    pay(stripe, session.intent_id)

    with pytest.raises(OrderError, match="paiement est en cours"):
        order_cancel(user=member, order_id=card_order.pk, organisation=association)


def test_against_stripe_itself_the_order_page_allows_stripe_js_its_frames_and_api(settings):
    settings.STRIPE_API_BASE = ""

    sources = StripeProvider(client=object()).content_security_sources()

    assert sources["script-src"] == ["https://js.stripe.com", "https://*.js.stripe.com"]
    assert "https://hooks.stripe.com" in sources["frame-src"]
    assert sources["connect-src"] == ["https://api.stripe.com"]
