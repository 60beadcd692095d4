"""Payment providers behind one small interface (`base.PaymentProvider`), chosen by `BILLING_PAYMENT_PROVIDER`."""

from django.core.exceptions import ImproperlyConfigured

from .. import conf


def get_provider():
    """The configured provider; only Stripe (or localstripe in its place) exists today."""
    name = conf.billing_payment_provider()
    if name == "stripe":
        from .stripe_provider import StripeProvider

        return StripeProvider()
    raise ImproperlyConfigured(f"Unknown BILLING_PAYMENT_PROVIDER {name!r}")


def get_connect_provider():
    """The provider that holds the providers' accounts and pays them; Stripe Connect (stripe-mock in tests)."""
    name = conf.billing_payment_provider()
    if name == "stripe":
        from .stripe_connect import StripeConnect

        return StripeConnect()
    raise ImproperlyConfigured(f"Unknown BILLING_PAYMENT_PROVIDER {name!r}")
