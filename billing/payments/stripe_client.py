"""The one place that builds a Stripe client, pointed at Stripe or at localstripe by settings."""

import stripe
from django.conf import settings

NETWORK_TIMEOUT_SECONDS = 10


def stripe_client(*, timeout: float = NETWORK_TIMEOUT_SECONDS, retries: int = 2) -> stripe.StripeClient:
    """A client for the configured account; `STRIPE_API_BASE` sends it to localstripe."""
    options = {}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        http_client=stripe.RequestsClient(timeout=timeout),
        max_network_retries=retries,
        **options,
    )
