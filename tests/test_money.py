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
