"""Card payments with Stripe PaymentIntents (or localstripe, which answers the same API)."""

from urllib.parse import urlsplit

import stripe
from django.utils.translation import gettext as _

from .. import conf
from ..errors import PaymentError
from .base import ChargeState, IntentState, PaymentSession, ProviderRefund
from .stripe_client import stripe_client

# The provider's payment can still be confirmed by the payer: `prepare` hands it out again rather than a new one.
REUSABLE_STATUSES = frozenset({"requires_payment_method", "requires_confirmation", "requires_action", "processing"})


def idempotency_key(order, attempt: int) -> str:
    """Derived from the order only: a retried or doubled "prepare" never makes a second PaymentIntent.

    `attempt` changes only once a declined PaymentIntent was cancelled, so that a new one can be made.
    """
    return f"passerelle-order-{order.pk}-payment-intent-{attempt}"


def refund_idempotency_key(refund_id: int) -> str:
    """Derived from our refund row: the same refund asked twice (a retry, a double click) is made once."""
    return f"passerelle-refund-{refund_id}"


def _metadata_int(metadata, key: str) -> int | None:
    try:
        return int((metadata or {}).get(key))
    except (TypeError, ValueError):
        return None


def _order_id(metadata) -> int | None:
    return _metadata_int(metadata, "order_id")


def _refund(refund) -> ProviderRefund:
    return ProviderRefund(
        provider_id=refund["id"],
        amount=refund["amount"],
        status=refund.get("status") or "",
        refund_id=_metadata_int(refund.get("metadata"), "passerelle_refund_id"),
    )


def _state(intent) -> IntentState:
    error = intent.get("last_payment_error") or {}
    return IntentState(
        intent_id=intent["id"],
        status=intent["status"],
        amount=intent["amount"],
        currency=intent["currency"],
        order_id=_order_id(intent.get("metadata")),
        failure_message=(error.get("message") or error.get("code") or "") if error else "",
    )


class StripeProvider:
    name = "stripe"

    def __init__(self, client: stripe.StripeClient | None = None):
        self.client = client or stripe_client()

    def js_url(self) -> str:
        # localstripe serves its Elements stand-in at this path of its own address.
        if conf.stripe_api_base():
            return f"{conf.stripe_api_base().rstrip('/')}/js.stripe.com/v3/"
        return "https://js.stripe.com/v3/"

    def content_security_sources(self) -> dict[str, list[str]]:
        """Stripe.js and Elements as Stripe documents them; localstripe serves its stand-in and API from one origin."""
        if conf.stripe_api_base():
            parts = urlsplit(conf.stripe_api_base())
            origin = f"{parts.scheme}://{parts.netloc}"
            return {"script-src": [origin], "connect-src": [origin]}
        return {
            "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
            "connect-src": ["https://api.stripe.com"],
            "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
            "img-src": ["https://*.stripe.com"],
        }

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except stripe.StripeError as error:
            raise PaymentError(_("Le service de paiement est indisponible, réessayez dans un instant.")) from error

    def prepare(self, *, order, attempt: int) -> PaymentSession:
        intent = None
        if order.stripe_payment_intent_id and attempt == order.payment_attempt:
            intent = self._call(self.client.v1.payment_intents.retrieve, order.stripe_payment_intent_id)
            if (
                intent["status"] not in REUSABLE_STATUSES
                or intent["amount"] != order.total_ttc_cents
                or intent.get("last_payment_error")
            ):
                intent = None
        if intent is None:
            intent = self._call(
                self.client.v1.payment_intents.create,
                params={
                    "amount": order.total_ttc_cents,
                    "currency": order.currency,
                    "payment_method_types": ["card"],
                    "metadata": {"order_id": str(order.pk), "order_number": order.number or ""},
                },
                options={"idempotency_key": idempotency_key(order, attempt)},
            )
        return PaymentSession(
            intent_id=intent["id"],
            client_secret=intent["client_secret"],
            publishable_key=conf.stripe_publishable_key(),
            js_url=self.js_url(),
            content_security_sources=self.content_security_sources(),
        )

    def retrieve(self, *, intent_id: str) -> IntentState:
        return _state(self._call(self.client.v1.payment_intents.retrieve, intent_id))

    def retrieve_charge(self, *, charge_id: str) -> ChargeState:
        charge = self._call(self.client.v1.charges.retrieve, charge_id)
        # Listed rather than read from the charge: recent API versions no longer embed `refunds` in it.
        refunds = self._call(self.client.v1.refunds.list, params={"charge": charge["id"], "limit": 100})
        return ChargeState(
            charge_id=charge["id"],
            intent_id=charge.get("payment_intent") or "",
            amount=charge["amount"],
            amount_refunded=charge.get("amount_refunded") or 0,
            paid=bool(charge.get("paid")),
            refunds=tuple(_refund(refund) for refund in refunds.data),
        )

    def refund(self, *, intent_id: str, amount: int, refund_id: int, order_id: int) -> ProviderRefund:
        try:
            refund = self.client.v1.refunds.create(
                params={
                    "payment_intent": intent_id,
                    "amount": amount,
                    "metadata": {"passerelle_refund_id": str(refund_id), "order_id": str(order_id)},
                },
                options={"idempotency_key": refund_idempotency_key(refund_id)},
            )
        except (stripe.InvalidRequestError, stripe.CardError) as error:
            # Stripe answered and said no (already refunded, amount too high...): not an outage.
            message = getattr(error, "user_message", None) or str(getattr(error, "_message", "") or error)
            raise PaymentError(_("Stripe a refusé le remboursement : %(reason)s") % {"reason": message}) from error
        except stripe.StripeError as error:
            raise PaymentError(_("Le service de paiement est indisponible, réessayez dans un instant.")) from error
        return _refund(refund)

    def confirm_test_card(self, *, intent_id: str, card: dict) -> IntentState:
        """localstripe only: attach a test card to the PaymentIntent and confirm it, as Stripe.js would.

        localstripe's Elements stand-in cannot confirm a PaymentIntent with a card by
        itself; this does its part server-side. `card_payment_confirm_test_card` refuses
        to call it unless the API is localstripe, so real card numbers never reach us.
        """
        method = self._call(self.client.v1.payment_methods.create, params={"type": "card", "card": card})
        self._call(self.client.v1.payment_intents.update, intent_id, params={"payment_method": method["id"]})
        try:
            self.client.v1.payment_intents.confirm(intent_id)
        except stripe.CardError:
            pass  # a declined test card: the intent now carries the decline, read it back below
        except stripe.StripeError as error:
            raise PaymentError(_("Le service de paiement est indisponible, réessayez dans un instant.")) from error
        return self.retrieve(intent_id=intent_id)

    def cancel(self, *, intent_id: str) -> IntentState:
        intent = self._call(self.client.v1.payment_intents.retrieve, intent_id)
        if intent["status"] in REUSABLE_STATUSES - {"processing"}:
            intent = self._call(self.client.v1.payment_intents.cancel, intent_id)
        return _state(intent)
