"""Health of the payment provider and of background work."""

import stripe
from django_tasks import task_backends

from marketplace.health import ComponentDown

from . import conf
from .payments.stripe_client import stripe_client


def payments_configured() -> bool:
    return bool(conf.stripe_secret_key())


def payments_check() -> dict:
    """Reads the account balance: the cheapest authenticated call Stripe and localstripe both answer."""
    try:
        stripe_client(timeout=3, retries=0).v1.balance.retrieve()
    except stripe.StripeError as exc:
        raise ComponentDown(f"stripe unreachable: {exc.__class__.__name__}") from exc
    return {"provider": "stripe", "api_base": conf.stripe_api_base() or "https://api.stripe.com"}


def tasks_check() -> dict:
    backend = task_backends["default"]
    details = {"backend": backend.__class__.__name__}
    if conf.tasks_backend() == "database":
        from django_tasks_db.models import DBTaskResult

        details["ready"] = DBTaskResult.objects.ready().count()
    return details
