"""How stored values are shown to people: a provider's day rate, a link that is safe to follow."""

from django.utils.translation import gettext as _

from .models import ProviderProfile
from .money import format_money


def day_rate(provider: ProviderProfile) -> str:
    """A provider's day rate in whole euros: "450 € à 600 € par jour", "À partir de 450 € par jour"..."""
    low, high = (
        format_money(cents, decimals=0) for cents in (provider.day_rate_min_cents, provider.day_rate_max_cents)
    )
    if low and high and low != high:
        return _("%(low)s à %(high)s par jour") % {"low": low, "high": high}
    if low and high:
        return _("%(rate)s par jour") % {"rate": low}
    if low:
        return _("À partir de %(rate)s par jour") % {"rate": low}
    if high:
        return _("Jusqu'à %(rate)s par jour") % {"rate": high}
    return ""


def safe_link(url: str) -> str:
    """Only web addresses become links: a stored `javascript:` URL would run in the visitor's browser."""
    return url if url.lower().startswith(("https://", "http://")) else ""
