"""Money is an integer number of cents everywhere; this module is the one place that turns it into text.

Pages use it through the `euros` template filter (`frontend/templatetags/money.py`), e-mails through the same
filter, PDFs and messages by calling `format_money`, the API and forms by `to_euros` where a field is in whole euros.
"""

from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format

CURRENCY_SYMBOLS = {"EUR": "€"}


def format_money(cents, *, currency: str = "EUR", decimals: int | None = None, language: str | None = None) -> str:
    """1234550 -> "12 345,50 €" in French, "12,345.50 €" in English (no-break spaces); None -> "".

    `decimals=None` drops ",00" from whole amounts; `decimals=0` rounds to whole euros (day rates, budgets);
    `decimals=2` always shows the cents (orders, invoices). `language` formats in that language rather than the
    active one: invoices are French documents whoever downloads them.
    """
    if cents is None or cents == "":
        return ""
    cents = int(cents)
    places = decimals if decimals is not None else (0 if cents % 100 == 0 else 2)
    # Whole euros round half to even, as the directory always showed day rates.
    amount = round(cents / 100) if places == 0 else Decimal(cents) / 100
    if language is None:
        number = number_format(amount, places, use_l10n=True, force_grouping=True)
    else:
        with translation.override(language):
            number = number_format(amount, places, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0{CURRENCY_SYMBOLS[currency]}"


def to_decimal_euros(cents: int) -> Decimal:
    """Euros to the cent for a field people type with decimals (a quote's unit price): 12050 -> Decimal("120.5")."""
    return Decimal(cents) / 100


def to_euros(cents: int | None) -> int | None:
    """Whole euros for a field people type in euros (a form's or the API's day rate, a budget): 45099 -> 450."""
    return None if cents is None else cents // 100
