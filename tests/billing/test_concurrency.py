"""Rules where exactly one of simultaneous requests may win, on PostgreSQL with real threads."""

import pytest
from django.utils import timezone

from billing.errors import OutOfStock, QuotaExceeded
from billing.models import Invoice, Order
from billing.services.orders import order_create, order_mark_paid

from ..concurrency import race
from .factories import ProductFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_invoices_paid_at_once_get_consecutive_numbers_without_gaps(member, association):
    orders = [
        order_create(
            user=member, organisation=association, product_id=ProductFactory().pk, quantity=1, payment_method="transfer"
        )
        for _ in range(8)
    ]

    results = race(
        *[lambda pk=order.pk: order_mark_paid(order_id=pk, source="transfer", reference="VIR") for order in orders]
    )

    assert all(isinstance(result, Order) for result in results), results
    year = timezone.localtime().year
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [f"FAC-{year}-{n:06d}" for n in range(1, 9)]


def test_the_same_order_paid_twice_at_once_gets_one_invoice(member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )

    race(
        lambda: order_mark_paid(order_id=order.pk, source="stripe", reference="pi"),
        lambda: order_mark_paid(order_id=order.pk, source="transfer", reference="VIR"),
    )

    assert Invoice.objects.filter(order=order).count() == 1


def test_two_orders_for_the_last_unit_one_wins(member, association):
    product = ProductFactory(kind="hardware", stock=1)

    results = race(
        *[
            lambda: order_create(
                user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
            )
            for _ in range(2)
        ]
    )

    assert sum(isinstance(r, Order) for r in results) == 1
    assert sum(isinstance(r, OutOfStock) for r in results) == 1
    product.refresh_from_db()
    assert product.stock == 0


def test_two_orders_for_the_last_unit_of_a_quota_one_wins(member, association):
    product = ProductFactory(yearly_quota=1)

    results = race(
        *[
            lambda: order_create(
                user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
            )
            for _ in range(2)
        ]
    )

    assert sum(isinstance(r, Order) for r in results) == 1
    assert sum(isinstance(r, QuotaExceeded) for r in results) == 1


def test_orders_paid_at_once_never_share_a_licence_code(member, association):
    from billing.models import LicenceCode, OrderState

    # Rows written directly: the "Finance" group that may import is migration data, flushed in this kind of test.
    product = ProductFactory(delivers_codes=True, stock=5)
    LicenceCode.objects.bulk_create([LicenceCode(product=product, code=f"CODE-{n}") for n in range(5)])
    orders = [
        order_create(
            user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
        )
        for _ in range(5)
    ]

    race(*[lambda pk=order.pk: order_mark_paid(order_id=pk, source="transfer", reference="VIR") for order in orders])

    given = list(LicenceCode.objects.values_list("order_line__order_id", flat=True))
    assert sorted(given) == sorted(order.pk for order in orders)
    assert set(Order.objects.values_list("state", flat=True)) == {OrderState.FULFILLED}
