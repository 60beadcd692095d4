"""Billing's settings, read from Django settings with `marketplace.settings.payments` as the default.

`settings/base.py` imports only the Stripe names from `payments.py`; until it
imports the BILLING_* names too, they are taken from that module here, so the
environment still decides them and tests can still override them.
"""

from django.conf import settings

from marketplace.settings import payments as defaults


def billing_setting(name: str):
    return getattr(settings, name, getattr(defaults, name))


def seller_identity() -> dict:
    """`BILLING_SELLER` completed by the defaults' keys a project's own value may lack (an older settings file)."""
    return {**defaults.BILLING_SELLER, **billing_setting("BILLING_SELLER")}
