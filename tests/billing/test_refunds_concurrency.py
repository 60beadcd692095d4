"""Credit notes issued at once get consecutive numbers; two refunds of the same money, one wins (PostgreSQL)."""

import pytest
from django.utils import timezone

from billing.errors import RefundError
from billing.models import CreditNote, Refund
from billing.services.refunds import refund_create

from ..concurrency import race
from .test_refunds import paid_transfer_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_credit_notes_issued_at_once_get_consecutive_numbers_without_gaps(staff, member, association):
    orders = [paid_transfer_order(member, association, quantity=1) for _ in range(8)]

    results = race(
        *[
            lambda pk=order.pk: refund_create(actor=staff, order_id=pk, amount_cents=None, reason="Annulation")
            for order in orders
        ]
    )

    assert all(isinstance(result, Refund) for result in results), results
    year = timezone.localtime().year
    assert sorted(CreditNote.objects.values_list("number", flat=True)) == [f"AV-{year}-{n:06d}" for n in range(1, 9)]


def test_two_refunds_of_what_is_left_one_wins(staff, member, association):
    order = paid_transfer_order(member, association)

    results = race(
        *[lambda: refund_create(actor=staff, order_id=order.pk, amount_cents=100_00, reason="Double clic")] * 2
    )

    assert sum(isinstance(result, Refund) for result in results) == 1
    assert sum(isinstance(result, RefundError) for result in results) == 1
    order.refresh_from_db()
    assert order.refunded_cents == 100_00
    assert CreditNote.objects.count() == 1
