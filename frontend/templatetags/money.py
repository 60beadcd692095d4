"""Amounts are integer cents everywhere; this is the one place that shows them to people."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euros(cents, decimals="auto"):
    """1234550 -> "12 345,50 €" in French, "12,345.50 €" in English; whole amounts drop ",00"."""
    if cents in (None, ""):
        return ""
    amount = int(cents) / 100
    places = 0 if decimals == "auto" and int(cents) % 100 == 0 else 2
    return f"{number_format(amount, places, use_l10n=True, force_grouping=True)}\u00a0€"
