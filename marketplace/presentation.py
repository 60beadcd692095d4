"""How stored values are shown to people: a provider's day rate, a link that is safe to follow."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import ProviderProfile


def euros(cents: int) -> str:
    """12345600 -> "123 456 €" (whole euros, French grouping, no-break spaces)."""
    amount = number_format(round(cents / 100), use_l10n=True, force_grouping=True)
    return f"{amount}\u00a0€"


def day_rate(provider: ProviderProfile) -> str:
    low, high = provider.day_rate_min_cents, provider.day_rate_max_cents
    if low is not None and high is not None and low != high:
        return _("%(low)s à %(high)s par jour") % {"low": euros(low), "high": euros(high)}
    if low is not None and high is not None:
        return _("%(rate)s par jour") % {"rate": euros(low)}
    if low is not None:
        return _("À partir de %(rate)s par jour") % {"rate": euros(low)}
    if high is not None:
        return _("Jusqu'à %(rate)s par jour") % {"rate": euros(high)}
    return ""


def safe_link(url: str) -> str:
    """Only web addresses become links: a stored `javascript:` URL would run in the visitor's browser."""
    return url if url.lower().startswith(("https://", "http://")) else ""
