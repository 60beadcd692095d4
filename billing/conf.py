"""Billing's settings, one function per setting, read at each call (so tests and operators' overrides apply).

`config/settings/payments.py` gives them from the environment.
"""

from django.conf import settings


def billing_seller() -> dict:
    """The platform's identity as a seller, printed on the shop's invoices (`BILLING_SELLER_*` variables)."""
    return settings.BILLING_SELLER


def seller_identity() -> dict:
    """A copy of `billing_seller()`, frozen into an invoice's Factur-X data."""
    return dict(billing_seller())


def billing_payment_provider() -> str:
    return settings.BILLING_PAYMENT_PROVIDER


def billing_transfer_reminder_days() -> int:
    return settings.BILLING_TRANSFER_REMINDER_DAYS


def training_hold_minutes() -> int:
    """How long seats are held for a registration waiting for its payment."""
    return int(settings.BILLING_TRAINING_HOLD_MINUTES)


def training_offer_hours() -> int:
    """How long seats offered to the next organisation on a waiting list stay kept for it."""
    return int(settings.BILLING_TRAINING_OFFER_HOURS)


def training_full_refund_days() -> int:
    """Cancelling at least this many days before a session refunds it in full."""
    return int(settings.BILLING_TRAINING_FULL_REFUND_DAYS)


def training_max_participants() -> int:
    return int(settings.BILLING_TRAINING_MAX_PARTICIPANTS)


def site_url() -> str:
    return settings.SITE_URL


def tasks_backend() -> str:
    return settings.TASKS_BACKEND


def stripe_secret_key() -> str:
    return settings.STRIPE_SECRET_KEY


def stripe_publishable_key() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY


def stripe_webhook_secret() -> str:
    return settings.STRIPE_WEBHOOK_SECRET


def stripe_api_base() -> str:
    return settings.STRIPE_API_BASE


def stripe_connect_api_base() -> str:
    return settings.STRIPE_CONNECT_API_BASE
