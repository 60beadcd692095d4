"""What a paid order delivers, once: licence codes from the product's pool, hardware set aside, services booked.

Codes are imported by finance staff only, shown to the buying organisation's members only, and a pool that ran
dry makes paid orders wait until the next import delivers them, oldest first.
"""

import pytest
from django.core import mail

from billing.errors import OrderError, PermissionDenied
from billing.models import LicenceCode, OrderEvent, OrderState, ProductKind
from billing.services.fulfilment import licence_codes_import, orders_fulfil_waiting
from billing.services.orders import order_cancel, order_create, order_mark_paid
from tests.second_factor import verified_login

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(finance):
    """A licence delivered by code, with a pool of three codes (so a stock of three)."""
    product = ProductFactory(name="Suite bureautique", delivers_codes=True, stock=0)
    licence_codes_import(actor=finance, product_id=product.pk, text="AAAA-1111\nBBBB-2222\nCCCC-3333\n")
    product.refresh_from_db()
    return product


def _paid(member, association, product, quantity=1):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=quantity, payment_method="transfer"
    )
    order_mark_paid(order_id=order.pk, source="transfer", reference="VIR")
    order.refresh_from_db()
    return order


def test_an_import_fills_the_pool_and_sets_the_stock_from_it(licence, finance):
    assert licence.stock == 3

    result = licence_codes_import(actor=finance, product_id=licence.pk, text="  CCCC-3333 \n\nDDDD-4444\nDDDD-4444")

    assert (result.added, result.duplicates, result.stock) == (1, 1, 4)
    assert sorted(LicenceCode.objects.filter(product=licence).values_list("code", flat=True)) == [
        "AAAA-1111",
        "BBBB-2222",
        "CCCC-3333",
        "DDDD-4444",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "au moins un code"),
        ("   \n \n", "au moins un code"),
        ("A" * 201, "200 caractères"),
        ("AB\x07CD", "invalide"),
    ],
)
def test_a_bad_import_says_why_and_stores_nothing(licence, finance, text, message):
    with pytest.raises(OrderError, match=message):
        licence_codes_import(actor=finance, product_id=licence.pk, text=text)
    assert LicenceCode.objects.filter(product=licence).count() == 3


def test_only_finance_staff_import_codes_and_only_for_a_code_product(licence, editor, member, finance, product):
    for user in (editor, member):
        with pytest.raises(PermissionDenied):
            licence_codes_import(actor=user, product_id=licence.pk, text="EEEE-5555")
    with pytest.raises(OrderError, match="pas livré avec des codes"):
        licence_codes_import(actor=finance, product_id=product.pk, text="EEEE-5555")


def test_a_paid_order_gets_its_codes_once_and_is_fulfilled(
    licence, member, association, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = _paid(member, association, licence, quantity=2)

    assert order.state == OrderState.FULFILLED
    codes = list(LicenceCode.objects.filter(order_line__order=order).values_list("code", flat=True))
    assert codes == ["AAAA-1111", "BBBB-2222"]
    assert order.lines.get().fulfilled_at is not None
    # The payment reported again (a replayed webhook, staff clicking twice) delivers nothing more.
    order_mark_paid(order_id=order.pk, source="transfer", reference="VIR")
    assert LicenceCode.objects.filter(order_line__isnull=False).count() == 2
    assert OrderEvent.objects.filter(order=order, action="licence.codes_allocated").count() == 1
    assert OrderEvent.objects.filter(order=order, action="order.fulfilled").count() == 1
    assert [m.subject for m in mail.outbox if order.number in m.subject] == [
        f"Votre commande {order.number} est livrée"
    ]


def test_codes_show_on_the_order_page_to_members_only(licence, member, association, member_client, client, outsider):
    order = _paid(member, association, licence)

    page = member_client.get(f"/boutique/commandes/{order.pk}/")
    assert page.status_code == 200
    assert "AAAA-1111" in page.text
    assert "Vos codes de licence" in page.text

    client.force_login(outsider)
    stranger = client.get(f"/boutique/commandes/{order.pk}/")
    assert stranger.status_code == 404
    assert "AAAA-1111" not in stranger.text


def test_an_unpaid_order_holds_stock_but_no_code_and_a_cancel_gives_the_stock_back(licence, member, association):
    order = order_create(
        user=member, organisation=association, product_id=licence.pk, quantity=2, payment_method="transfer"
    )
    licence.refresh_from_db()
    assert licence.stock == 1
    assert not LicenceCode.objects.filter(order_line__isnull=False).exists()

    order_cancel(user=member, order_id=order.pk, organisation=association)

    licence.refresh_from_db()
    assert licence.stock == 3


def test_a_dry_pool_leaves_the_order_paid_until_an_import_delivers_it(licence, member, association, finance):
    # The stock was raised by hand past the pool (the help text says not to): the pool cannot deliver.
    licence.__class__.objects.filter(pk=licence.pk).update(stock=10)
    first = _paid(member, association, licence, quantity=2)
    waiting = _paid(member, association, licence, quantity=2)

    assert first.state == OrderState.FULFILLED
    assert waiting.state == OrderState.PAID
    assert waiting.invoice.number.startswith("FAC-")
    assert not LicenceCode.objects.filter(order_line__order=waiting).exists()
    assert OrderEvent.objects.filter(order=waiting, action="licence.codes_waiting").count() == 1
    assert orders_fulfil_waiting(product_id=licence.pk) == 0  # still one code only: all or nothing
    assert OrderEvent.objects.filter(order=waiting, action="licence.codes_waiting").count() == 1

    result = licence_codes_import(actor=finance, product_id=licence.pk, text="DDDD-4444\nEEEE-5555\nFFFF-6666")

    waiting.refresh_from_db()
    assert result.orders_fulfilled == 1
    assert waiting.state == OrderState.FULFILLED
    assert LicenceCode.objects.filter(order_line__order=waiting).count() == 2
    assert result.stock == 2  # six codes, four given


def test_hardware_and_services_are_delivered_with_the_payment(member, association):
    hardware = ProductFactory(kind=ProductKind.HARDWARE, stock=5)
    service = ProductFactory(kind=ProductKind.SERVICE)

    for product, action in ((hardware, "hardware.reserved"), (service, "service.booked")):
        order = _paid(member, association, product)
        assert order.state == OrderState.FULFILLED
        assert OrderEvent.objects.filter(order=order, action=action).count() == 1
    hardware.refresh_from_db()
    assert hardware.stock == 4


def test_only_a_licence_can_be_delivered_by_code():
    from django.core.exceptions import ValidationError

    product = ProductFactory.build(kind=ProductKind.HARDWARE, delivers_codes=True)
    with pytest.raises(ValidationError):
        product.clean()


def test_the_admin_pool_is_for_finance_staff_only(licence, finance, editor, client):
    verified_login(client, editor)
    assert client.get("/admin/billing_licence_codes/").status_code in (302, 403)
    assert client.get("/admin/billing_licence_code_import/").status_code in (302, 403)

    verified_login(client, finance)
    listing = client.get("/admin/billing_licence_codes/")
    assert listing.status_code == 200
    assert "AAAA-1111" in listing.text
    assert "/admin/billing_licence_code_import/" in listing.text

    response = client.post("/admin/billing_licence_code_import/", {"product": licence.pk, "codes": "GGGG-7777"})
    assert response.status_code == 302
    assert LicenceCode.objects.filter(product=licence, code="GGGG-7777").exists()

    bad = client.post("/admin/billing_licence_code_import/", {"product": licence.pk, "codes": "A" * 201})
    assert bad.status_code == 200
    assert "200 caractères" in bad.text
