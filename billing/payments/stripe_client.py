"""The one place that builds a Stripe client, pointed at Stripe, localstripe or stripe-mock by settings."""

import stripe

from .. import conf

NETWORK_TIMEOUT_SECONDS = 10


def stripe_client(
    *, timeout: float = NETWORK_TIMEOUT_SECONDS, retries: int = 2, api_base: str | None = None
) -> stripe.StripeClient:
    """A client for the configured account; `STRIPE_API_BASE` (or `api_base`) sends it to a stand-in.

    Connect calls pass `api_base=conf.stripe_connect_api_base()`: stripe-mock answers them in tests,
    because localstripe, which answers charges and refunds, has no Connect.
    """
    options = {}
    base = api_base or conf.stripe_api_base()
    if base:
        options["base_addresses"] = {"api": base, "connect": base}
    return stripe.StripeClient(
        conf.stripe_secret_key(),
        http_client=stripe.RequestsClient(timeout=timeout),
        max_network_retries=retries,
        **options,
    )
