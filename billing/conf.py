"""Billing's settings, read from Django settings (`config/settings/payments.py` gives them from the environment)."""

from django.conf import settings


def billing_setting(name: str):
    return getattr(settings, name)


def seller_identity() -> dict:
    """The platform's identity as a seller, printed on the shop's invoices (`BILLING_SELLER_*` variables)."""
    return dict(billing_setting("BILLING_SELLER"))
