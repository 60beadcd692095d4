"""The test-card path of `make run`: localstripe only, the buyer's own unpaid order only, a sentence for bad input."""

import json

import pytest

from billing.services.orders import order_create
from billing.services.payments import card_payment_prepare

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]

GOOD = {"number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "30", "cvc": "123"}


@pytest.fixture
def card_order(stripe_settings, member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="card"
    )
    card_payment_prepare(order_id=order.pk, organisation=association)
    return order


def post(client, order, card):
    return client.post(
        f"/boutique/commandes/{order.pk}/carte-de-test/", json.dumps({"card": card}), content_type="application/json"
    )


def test_a_good_test_card_confirms_the_payment_at_localstripe(member_client, card_order):
    response = post(member_client, card_order, GOOD)

    assert response.status_code == 200
    assert response.json()["status"] == "succeeded"


def test_a_3d_secure_card_asks_for_authentication_in_the_browser(member_client, card_order):
    response = post(member_client, card_order, {**GOOD, "number": "4000002500003155"})

    assert response.json()["status"] == "requires_action"


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ({**GOOD, "number": "4242"}, "16 chiffres"),
        ({**GOOD, "cvc": "12a"}, "3 chiffres"),
        ({**GOOD, "exp_month": "13"}, "date d'expiration"),
        ({**GOOD, "exp_year": "bientôt"}, "mois et l'année"),
        ("4242424242424242", "numéro, l'expiration"),
    ],
)
def test_a_badly_typed_card_gets_a_sentence(member_client, card_order, card, message):
    response = post(member_client, card_order, card)

    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_another_organisations_order_is_not_found(client, outsider, card_order):
    client.force_login(outsider)

    assert post(client, card_order, GOOD).status_code == 404


def test_unreadable_json_is_a_400(member_client, card_order):
    response = member_client.post(
        f"/boutique/commandes/{card_order.pk}/carte-de-test/", "{nope", content_type="application/json"
    )
    assert response.status_code == 400


def test_without_localstripe_the_path_does_not_exist(member_client, card_order, settings):
    settings.STRIPE_API_BASE = ""

    assert post(member_client, card_order, GOOD).status_code == 404


def test_a_live_key_never_takes_typed_cards(member_client, card_order, settings):
    settings.STRIPE_SECRET_KEY = "sk_live_123"

    assert post(member_client, card_order, GOOD).status_code == 404
