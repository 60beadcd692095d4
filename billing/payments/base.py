"""The small interface every card payment provider answers.

`prepare` never moves money: it creates (or finds again) the provider's
payment object for an order, for the amount of the order as we stored it, and
returns what the browser needs to let the payer confirm it. Money moves only
when the payer confirms in the browser; we learn it from the provider's
webhook and believe it only after fetching the payment again (`retrieve`).
"""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class PaymentSession:
    """What the payment page needs: the provider's id for the payment and the browser-side secret."""

    intent_id: str
    client_secret: str
    publishable_key: str
    js_url: str
    # What the payment page's Content-Security-Policy must allow for the provider's script, frames and API.
    content_security_sources: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IntentState:
    """A payment as the provider knows it now (not as an event said it was)."""

    intent_id: str
    status: str
    amount: int
    currency: str
    order_id: int | None
    failure_message: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"

    @property
    def failed(self) -> bool:
        return self.status == "requires_payment_method" and bool(self.failure_message)


@dataclass(frozen=True)
class ProviderRefund:
    """A refund as the provider knows it; `refund_id` is our `Refund` row's id when we asked for it."""

    provider_id: str
    amount: int
    status: str
    refund_id: int | None = None

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


@dataclass(frozen=True)
class ChargeState:
    charge_id: str
    intent_id: str
    amount: int
    amount_refunded: int
    paid: bool = True
    refunds: tuple[ProviderRefund, ...] = ()


class PaymentProvider(Protocol):
    name: str

    def prepare(self, *, order, attempt: int) -> PaymentSession: ...

    def retrieve(self, *, intent_id: str) -> IntentState: ...

    def retrieve_charge(self, *, charge_id: str) -> ChargeState: ...

    def cancel(self, *, intent_id: str) -> IntentState: ...

    def refund(self, *, intent_id: str, amount: int, refund_id: int, order_id: int) -> ProviderRefund:
        """Give `amount` back on a paid payment; keyed by our refund row, so a retry never refunds twice."""
        ...
