"""Amounts are shown the French way: 1 234,50 € (non-breaking spaces), whole euros without ",00"."""

from django.utils import translation

from frontend.templatetags.money import euros


def test_amounts_in_french():
    assert euros(123450) == "1\u00a0234,50\u00a0€"
    assert euros(150000) == "1\u00a0500\u00a0€"
    assert euros(5) == "0,05\u00a0€"
    assert euros(None) == ""


def test_amounts_in_english():
    with translation.override("en"):
        assert euros(123450) == "1,234.50\u00a0€"


def test_whole_euros_round_and_invoices_stay_french():
    from marketplace.money import format_money

    assert format_money(12_345_67, decimals=0) == "12\u00a0346\u00a0€"
    assert format_money(150000, decimals=2) == "1\u00a0500,00\u00a0€"
    with translation.override("en"):
        assert format_money(123450, decimals=2, language="fr") == "1\u00a0234,50\u00a0€"
