"""Stripe Connect for providers: Express accounts, onboarding links, transfers to them and their payouts.

Every call that writes at Stripe carries an idempotency key built from our own ids, so a retried request
(the library's own retry after a lost answer, a task run twice, a double click) is answered with the first
result instead of making a second account or a second transfer. Reads carry none: Stripe ignores the key on
GET, and reading twice changes nothing. Only `transfer_create` moves money.

Tests run these calls against stripe-mock, which checks each request against Stripe's OpenAPI description;
charges and refunds stay on localstripe (`stripe_provider.py`).
"""

from datetime import datetime

import stripe
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from ..errors import PaymentError
from .base import ConnectAccount, OnboardingLink, ProviderPayout, ProviderTransfer
from .stripe_client import stripe_client

# An onboarding link is single-use and expires after a few minutes: a double click within the same minute gets
# the same link back, a later visit a new one.
ACCOUNT_LINK_WINDOW_SECONDS = 60


def account_idempotency_key(organisation_id: int) -> str:
    """One Connect account per provider organisation, however often its creation is asked for."""
    return f"passerelle-provider-{organisation_id}-connect-account"


def account_link_idempotency_key(organisation_id: int, account_id: str, now: datetime) -> str:
    window = int(now.timestamp()) // ACCOUNT_LINK_WINDOW_SECONDS
    return f"passerelle-provider-{organisation_id}-account-link-{account_id}-{window}"


def transfer_idempotency_key(milestone_id: int) -> str:
    """A milestone is paid to its provider once: the same transfer asked twice is made once."""
    return f"passerelle-milestone-{milestone_id}-transfer"


def transfer_group(engagement_id: int) -> str:
    """Ties the funding charges and the transfers of one engagement together in Stripe's reports."""
    return f"passerelle-engagement-{engagement_id}"


def _metadata_int(metadata, key: str) -> int | None:
    try:
        return int((metadata or {}).get(key))
    except (TypeError, ValueError):
        return None


def connect_account(account) -> ConnectAccount:
    """Our reading of a Stripe account object: what is still due blocks payments, what is eventually due not yet."""
    requirements = account.get("requirements") or {}
    due = tuple(dict.fromkeys([*(requirements.get("past_due") or ()), *(requirements.get("currently_due") or ())]))
    capabilities = account.get("capabilities") or {}
    return ConnectAccount(
        account_id=account["id"],
        charges_enabled=bool(account.get("charges_enabled")),
        payouts_enabled=bool(account.get("payouts_enabled")),
        details_submitted=bool(account.get("details_submitted")),
        transfers_capability=capabilities.get("transfers") or "",
        requirements_due=due,
        disabled_reason=requirements.get("disabled_reason") or "",
        organisation_id=_metadata_int(account.get("metadata"), "passerelle_organisation_id"),
    )


def _transfer(transfer) -> ProviderTransfer:
    return ProviderTransfer(
        transfer_id=transfer["id"],
        amount=transfer["amount"],
        currency=transfer["currency"],
        destination=transfer.get("destination") or "",
        transfer_group=transfer.get("transfer_group") or "",
        amount_reversed=transfer.get("amount_reversed") or 0,
        milestone_id=_metadata_int(transfer.get("metadata"), "passerelle_milestone_id"),
    )


class StripeConnect:
    name = "stripe"

    def __init__(self, client: stripe.StripeClient | None = None):
        self.client = client or stripe_client(api_base=conf.stripe_connect_api_base())

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (stripe.InvalidRequestError, stripe.PermissionError) as error:
            # Stripe answered and said no (unknown account, amount over the balance...): not an outage.
            message = getattr(error, "user_message", None) or str(getattr(error, "_message", "") or error)
            raise PaymentError(_("Stripe a refusé la demande : %(reason)s") % {"reason": message}) from error
        except stripe.StripeError as error:
            raise PaymentError(_("Le service de paiement est indisponible, réessayez dans un instant.")) from error

    def account_create(self, *, organisation_id: int, email: str, country: str = "FR") -> ConnectAccount:
        """An Express account for a provider organisation; the provider completes it through `account_link_create`."""
        account = self._call(
            self.client.v1.accounts.create,
            params={
                "type": "express",
                "country": country,
                "email": email,
                "capabilities": {"card_payments": {"requested": True}, "transfers": {"requested": True}},
                "metadata": {"passerelle_organisation_id": str(organisation_id)},
            },
            options={"idempotency_key": account_idempotency_key(organisation_id)},
        )
        return connect_account(account)

    def account_link_create(
        self,
        *,
        organisation_id: int,
        account_id: str,
        refresh_url: str,
        return_url: str,
        now: datetime | None = None,
    ) -> OnboardingLink:
        """Where to send the provider to fill in (or update) what Stripe needs; `refresh_url` asks for a new link."""
        link = self._call(
            self.client.v1.account_links.create,
            params={
                "account": account_id,
                "type": "account_onboarding",
                "refresh_url": refresh_url,
                "return_url": return_url,
            },
            options={
                "idempotency_key": account_link_idempotency_key(organisation_id, account_id, now or timezone.now())
            },
        )
        return OnboardingLink(url=link["url"], expires_at=link["expires_at"])

    def account_retrieve(self, *, account_id: str) -> ConnectAccount:
        return connect_account(self._call(self.client.v1.accounts.retrieve, account_id))

    def transfer_create(
        self,
        *,
        milestone_id: int,
        engagement_id: int,
        amount: int,
        destination: str,
        source_charge_id: str = "",
    ) -> ProviderTransfer:
        """Pay an accepted milestone to its provider from the platform's balance (separate charges and transfers).

        `source_charge_id`, the charge that funded the milestone, makes Stripe wait for that charge's funds
        instead of drawing on whatever else the balance holds.
        """
        params = {
            "amount": amount,
            "currency": "eur",
            "destination": destination,
            "transfer_group": transfer_group(engagement_id),
            "metadata": {
                "passerelle_milestone_id": str(milestone_id),
                "passerelle_engagement_id": str(engagement_id),
            },
        }
        if source_charge_id:
            params["source_transaction"] = source_charge_id
        transfer = self._call(
            self.client.v1.transfers.create,
            params=params,
            options={"idempotency_key": transfer_idempotency_key(milestone_id)},
        )
        return _transfer(transfer)

    def transfer_retrieve(self, *, transfer_id: str) -> ProviderTransfer:
        return _transfer(self._call(self.client.v1.transfers.retrieve, transfer_id))

    def payout_list(self, *, account_id: str, limit: int = 20) -> list[ProviderPayout]:
        """The provider's latest payouts to its bank, newest first, read on its own account."""
        payouts = self._call(
            self.client.v1.payouts.list, params={"limit": limit}, options={"stripe_account": account_id}
        )
        return [
            ProviderPayout(
                payout_id=payout["id"],
                amount=payout["amount"],
                currency=payout["currency"],
                status=payout["status"],
                arrival_date=payout["arrival_date"],
            )
            for payout in payouts.data
        ]
