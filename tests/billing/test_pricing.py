"""`price_for`: solidarity price by budget bracket, reasons, and every refusal a buyer can meet."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from billing.errors import BadQuantity, NotEligible, OutOfStock, QuotaExceeded
from billing.models import Eligibility, OrderState, PaymentMethod
from billing.pricing import civil_year, price_for, vat_of
from billing.services.orders import order_cancel, order_create
from marketplace.models.profiles import BudgetBracket

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_verified_association_gets_its_brackets_price_and_the_reasons(product, association):
    quote = price_for(product=product, organisation=association, quantity=3)

    assert quote.solidarity
    assert quote.unit_ht_cents == 40_00
    assert quote.total_ht_cents == 120_00
    assert quote.vat_cents == 24_00
    assert quote.total_ttc_cents == 144_00
    assert quote.discount_per_unit_cents == 60_00
    assert quote.discount_percent == 60
    assert quote.budget_bracket == BudgetBracket.FROM_10K_TO_50K
    assert "Prix solidaire pour un budget annuel 10 à 50 k€." in quote.reasons
    assert "Remise de 60 % sur le prix public." in quote.reasons


def test_vat_is_rounded_half_up_on_the_line_total():
    assert vat_of(1_05, 550) == 6  # 5,775 cents
    assert vat_of(99, 2000) == 20  # 19,8 cents
    assert vat_of(0, 2000) == 0


def test_a_bracket_without_a_grid_price_pays_the_public_price(association):
    product = ProductFactory(grid={BudgetBracket.LT_10K: 10_00})

    quote = price_for(product=product, organisation=association, quantity=1)

    assert not quote.solidarity
    assert quote.unit_ht_cents == 100_00
    assert "pas de prix solidaire" in quote.reasons[0]


def test_an_unverified_association_cannot_buy_a_product_reserved_to_verified_ones(product, unverified_association):
    with pytest.raises(NotEligible, match="réservé aux associations vérifiées"):
        price_for(product=product, organisation=unverified_association, quantity=1)


def test_anyone_may_buy_an_open_product_at_the_public_price(unverified_association):
    product = ProductFactory(eligibility=Eligibility.ANYONE)

    quote = price_for(product=product, organisation=unverified_association, quantity=2)

    assert not quote.solidarity
    assert quote.unit_ht_cents == 100_00
    assert quote.total_ttc_cents == 240_00


def test_without_an_organisation_nobody_can_buy(product):
    with pytest.raises(NotEligible):
        price_for(product=product, organisation=None, quantity=1)


def test_a_product_off_sale_is_refused(association):
    with pytest.raises(NotEligible, match="plus en vente"):
        price_for(product=ProductFactory(is_active=False), organisation=association, quantity=1)


@pytest.mark.parametrize("quantity", [0, -1, "2", 2.5, True, None, 101])
def test_bad_quantities_are_refused(product, association, quantity):
    with pytest.raises(BadQuantity) as caught:
        price_for(product=product, organisation=association, quantity=quantity)
    assert caught.value.field == "quantity"


def test_the_yearly_quota_counts_this_civil_years_live_orders(association, member):
    product = ProductFactory(yearly_quota=10)
    first = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=6, payment_method=PaymentMethod.TRANSFER
    )

    quote = price_for(product=product, organisation=association, quantity=4)
    assert (quote.quota.used, quote.quota.left, quote.quota.limit) == (6, 4, 10)

    with pytest.raises(QuotaExceeded, match="4 unité\\(s\\) restante\\(s\\) sur 10"):
        price_for(product=product, organisation=association, quantity=5)

    order_cancel(user=member, order_id=first.pk, organisation=association)
    assert price_for(product=product, organisation=association, quantity=10).quota.left == 10


def test_orders_of_last_year_do_not_count_against_this_years_quota(association, member):
    product = ProductFactory(yearly_quota=2)
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=2, payment_method=PaymentMethod.TRANSFER
    )
    order.created_at = datetime(2020, 12, 31, 22, 30, tzinfo=ZoneInfo("UTC"))  # 23:30 in Paris: still 2020
    order.save(update_fields=["created_at"])

    assert price_for(product=product, organisation=association, quantity=2).quota.used == 0
    assert civil_year(datetime(2020, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))) == 2021


def test_the_quota_is_per_association(association, member, other_association, outsider):
    product = ProductFactory(yearly_quota=1, grid={BudgetBracket.FROM_10K_TO_50K: 10_00})
    order_create(user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer")

    assert price_for(product=product, organisation=other_association, quantity=1).quota.left == 1


def test_stock_left_and_out_of_stock(association):
    product = ProductFactory(kind="hardware", stock=2)

    assert price_for(product=product, organisation=association, quantity=2).stock_left == 2
    with pytest.raises(OutOfStock, match="ne reste que 2"):
        price_for(product=product, organisation=association, quantity=3)
    product.stock = 0
    with pytest.raises(OutOfStock, match="épuisé"):
        price_for(product=product, organisation=association, quantity=1)


def test_orders_states_that_free_the_quota_are_not_counted(association, member):
    product = ProductFactory(yearly_quota=1)
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    order.state = OrderState.REFUNDED
    order.save(update_fields=["state"])

    assert price_for(product=product, organisation=association, quantity=1).quota.used == 0
