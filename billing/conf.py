"""Billing's settings, read from Django settings (`config/settings/payments.py` gives them from the environment)."""

from django.conf import settings


def billing_setting(name: str):
    return getattr(settings, name)
