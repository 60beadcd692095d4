"""Preparing a card payment: the provider's payment object for an order, never any movement of money."""

import re

from django.utils.translation import gettext as _

from marketplace.models import Organisation

from .. import conf
from ..errors import InvalidCard, NotFound, OrderError
from ..models import Order, PaymentMethod
from ..payments import get_provider
from ..payments.base import IntentState, PaymentSession
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


def test_cards_enabled() -> bool:
    """Test cards typed in the page are accepted only against localstripe, never with a live Stripe key."""
    return bool(conf.stripe_api_base()) and not conf.stripe_secret_key().startswith(("sk_live", "rk_live"))


def _clean_test_card(card) -> dict:
    if not isinstance(card, dict):
        raise InvalidCard(_("Indiquez le numéro, l'expiration et le cryptogramme de la carte."), field="card")
    number = re.sub(r"[\s-]", "", str(card.get("number", "")))
    cvc = str(card.get("cvc", "")).strip()
    try:
        month, year = int(card.get("exp_month")), int(card.get("exp_year"))
    except (TypeError, ValueError):
        raise InvalidCard(_("Indiquez le mois et l'année d'expiration de la carte."), field="card") from None
    if not re.fullmatch(r"\d{16}", number):
        raise InvalidCard(_("Le numéro de carte compte 16 chiffres."), field="card")
    if not re.fullmatch(r"\d{3}", cvc):
        raise InvalidCard(_("Le cryptogramme compte 3 chiffres."), field="card")
    year = year + 2000 if year < 100 else year
    if not (1 <= month <= 12 and 2000 <= year < 2100):
        raise InvalidCard(_("La date d'expiration de la carte n'est pas valide."), field="card")
    return {"number": number, "exp_month": month, "exp_year": year, "cvc": cvc}


def card_payment_confirm_test_card(*, order_id: int, organisation: Organisation, card) -> IntentState:
    """Pay an order with a test card against localstripe (its Elements stand-in cannot confirm a payment).

    Money is still believed only from the webhook: this returns the PaymentIntent's
    state for the page ("requires_action" asks for the 3-D Secure step in the browser).
    """
    if not test_cards_enabled():
        raise NotFound(_("Le paiement par carte de test n'est pas disponible ici."))
    order = Order.objects.filter(pk=order_id, organisation=organisation).first()
    if order is None:
        raise NotFound(_("Cette commande n'existe pas."))
    if order.payment_method != PaymentMethod.CARD or not order.is_unpaid or not order.stripe_payment_intent_id:
        raise OrderError(_("Cette commande n'attend pas de paiement par carte."))
    clean = _clean_test_card(card)
    return get_provider().confirm_test_card(intent_id=order.stripe_payment_intent_id, card=clean)
