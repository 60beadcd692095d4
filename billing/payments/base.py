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


# Connect: the providers' own Stripe accounts, the money the platform sends them, and what they paid out.
# Creating an account or an onboarding link moves no money; only `transfer_create` does, once per our id.


@dataclass(frozen=True)
class ConnectAccount:
    """A provider's Connect account as Stripe knows it now: whether money sent to it can reach the provider."""

    account_id: str
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool
    transfers_capability: str = ""
    requirements_due: tuple[str, ...] = ()
    disabled_reason: str = ""
    organisation_id: int | None = None

    @property
    def payable(self) -> bool:
        """Stripe accepts a transfer to it and pays it out: enabled, transfers active, nothing due, not disabled."""
        return (
            self.charges_enabled
            and self.payouts_enabled
            and self.transfers_capability == "active"
            and not self.requirements_due
            and not self.disabled_reason
        )


@dataclass(frozen=True)
class OnboardingLink:
    """A single-use address where the provider fills in Stripe's onboarding form; it expires within minutes."""

    url: str
    expires_at: int


@dataclass(frozen=True)
class ProviderTransfer:
    """Money moved from the platform's balance to a provider's account; `milestone_id` is ours, from metadata."""

    transfer_id: str
    amount: int
    currency: str
    destination: str
    transfer_group: str
    amount_reversed: int = 0
    milestone_id: int | None = None

    @property
    def reversed(self) -> bool:
        return self.amount_reversed >= self.amount > 0


@dataclass(frozen=True)
class ProviderPayout:
    """Money Stripe sent from a provider's account to the provider's bank."""

    payout_id: str
    amount: int
    currency: str
    status: str
    arrival_date: int


class ConnectProvider(Protocol):
    def account_create(self, *, organisation_id: int, email: str, country: str = "FR") -> ConnectAccount: ...

    def account_link_create(
        self, *, organisation_id: int, account_id: str, refresh_url: str, return_url: str
    ) -> OnboardingLink: ...

    def account_retrieve(self, *, account_id: str) -> ConnectAccount: ...

    def transfer_create(
        self,
        *,
        milestone_id: int,
        engagement_id: int,
        amount: int,
        destination: str,
        source_charge_id: str = "",
    ) -> ProviderTransfer:
        """Send `amount` to the provider's account; keyed by our milestone, so a retry never pays twice."""
        ...

    def transfer_retrieve(self, *, transfer_id: str) -> ProviderTransfer: ...

    def payout_list(self, *, account_id: str, limit: int = 20) -> list[ProviderPayout]: ...
