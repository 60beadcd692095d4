"""An association's volunteer buys a training seat in a real browser, with a test card, at its solidarity price.

localstripe plays Stripe: its Elements stand-in in the page, the PaymentIntent, and the signed
`payment_intent.succeeded` webhook it delivers to the live server, which confirms the seat and issues the invoice.
"""

import time

import pytest
import requests
from django.conf import settings
from django.test import Client
from django.utils import timezone

from billing.models import Order, OrderState
from billing.models.trainings import Registration, RegistrationState
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus

from ..billing.factories import TrainingSessionFactory
from ..factories import MembershipFactory, OrganisationFactory
from ..profile_factories import AssociationProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def volunteer(db):
    association = OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION,
        name="Les Amis du Quartier",
        verification_status=VerificationStatus.VERIFIED,
        verified_at=timezone.now(),
    )
    AssociationProfileFactory(organisation=association, siret="12345678900011")
    return MembershipFactory(organisation=association, role=Role.OWNER, user__email="benevole@amis.test").user


@pytest.fixture
def session(db):
    """100 € HT public price, 40 € for the volunteer's 10-50 k€ budget, no VAT on trainings."""
    return TrainingSessionFactory(product__name="Sécuriser les comptes de l'association", capacity=8)


@pytest.fixture
def shop(stripe_settings, localstripe_server, live_server, page, volunteer):
    """localstripe sends its webhooks to the live server; the browser is logged in as the volunteer."""
    registered = requests.post(
        f"{localstripe_server.url}/_config/webhooks/passerelle-e2e",
        data={"url": f"{live_server.url}/billing/stripe/webhook/", "secret": settings.STRIPE_WEBHOOK_SECRET},
        timeout=5,
    )
    assert registered.status_code == 200
    client = Client()
    client.force_login(volunteer)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def _register(page, session):
    page.goto(f"/boutique/formations/sessions/{session.pk}/")
    price = page.get_by_role("region", name="Votre prix par place").inner_text().replace("\xa0", " ")
    assert "40 € HT" in price and "10 à 50 k€" in price
    page.get_by_label("Prénom").fill("Ana")
    page.get_by_label("Nom *", exact=True).fill("Lopez")
    page.get_by_label("Adresse e-mail").fill("ana@amis.test")
    page.get_by_role("button", name="Réserver et payer").click()
    page.wait_for_url("**/boutique/commandes/*/")


def _type_card(page, number):
    page.get_by_placeholder("number").fill(number)
    page.get_by_placeholder("exp_month").fill("12")
    page.get_by_placeholder("exp_year").fill("30")
    page.get_by_placeholder("cvc").fill("123")
    page.get_by_placeholder("postal_code").fill("69004")


def _wait_for_state(order_id, state, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Order.objects.get(pk=order_id).state != state:
        time.sleep(0.2)
    return Order.objects.get(pk=order_id).state


def test_a_volunteer_buys_a_seat_with_a_test_card_and_downloads_the_invoice(shop, session):
    page = shop
    _register(page, session)
    order = Order.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == f"Commande {order.number}"

    _type_card(page, "4242424242424242")
    page.get_by_role("button", name="Payer 40,00").click()

    page.wait_for_url("**?paiement=ok")
    assert _wait_for_state(order.pk, OrderState.FULFILLED) == OrderState.FULFILLED
    page.reload()
    assert page.get_by_text("Livrée").first.is_visible()
    assert Registration.objects.get(order=order).state == RegistrationState.CONFIRMED
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la facture").click()
    assert download.value.suggested_filename.startswith("FAC-")
    assert order.invoice.total_ttc_cents == 40_00


def test_a_declined_card_says_so_and_a_3d_secure_card_then_pays(shop, session):
    page = shop
    _register(page, session)
    order = Order.objects.get()

    _type_card(page, "4000000000000341")
    page.get_by_role("button", name="Payer 40,00").click()
    error = page.locator("#card-errors")
    error.wait_for(state="visible")
    assert "declined" in error.inner_text().lower()
    assert Order.objects.get(pk=order.pk).is_unpaid

    page.reload()  # a new PaymentIntent replaces the declined one
    _type_card(page, "4000002500003155")
    page.get_by_role("button", name="Payer 40,00").click()
    page.get_by_role("button", name="Complete authentication").click()  # the stand-in's 3-D Secure dialog

    page.wait_for_url("**?paiement=ok")
    assert _wait_for_state(order.pk, OrderState.FULFILLED) == OrderState.FULFILLED
