"""Who sees money in the Wagtail admin: the "Finance" group does; the resource centre's editors and writers do not."""

import pytest
from django.contrib.auth.models import Group

from billing.models import OrderState
from billing.services.orders import order_create, order_mark_paid
from billing.services.refunds import refund_create
from tests.second_factor import verified_login

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(db):
    user = UserFactory(email="redacteur@passerelle.test")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    return user


@pytest.fixture
def orders(member, association, product, finance):
    unpaid = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    paid = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    order_mark_paid(order_id=paid.pk, source="transfer", reference="VIR")
    refund = refund_create(actor=finance, order_id=paid.pk, amount_cents=5_00, reason="Geste")
    return {"unpaid": unpaid, "paid": paid, "refund": refund}


def money_urls(orders):
    paid, refund = orders["paid"], orders["refund"]
    return [
        "/admin/billing_orders/",
        f"/admin/billing_orders/inspect/{paid.pk}/",
        "/admin/billing_invoices/",
        f"/admin/billing_invoices/inspect/{paid.invoice.pk}/",
        "/admin/billing_refunds/",
        f"/admin/billing_refunds/inspect/{refund.pk}/",
        "/admin/billing_credit_notes/",
        f"/admin/billing_credit_notes/inspect/{refund.credit_note.pk}/",
        f"/admin/billing_transfers/{orders['unpaid'].pk}/",
        f"/admin/billing_refund_order/{paid.pk}/",
    ]


def test_the_finance_group_holds_the_billing_permissions():
    codenames = set(Group.objects.get(name="Finance").permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_order",
        "record_transfer",
        "view_invoice",
        "add_refund",
        "view_creditnote",
    } <= codenames
    money = {"order", "invoice", "refund", "creditnote", "registration", "licencecode", "orderline", "orderevent"}
    for name in ("Éditeurs", "Rédacteurs"):
        permissions = Group.objects.get(name=name).permissions.filter(content_type__app_label="billing")
        assert not permissions.filter(content_type__model__in=money).exists()
    assert not Group.objects.get(name="Rédacteurs").permissions.filter(content_type__app_label="billing").exists()


def test_editors_keep_the_catalogue_and_training_sessions(client, editor, product):
    from billing.models import TrainingSession

    from .factories import TrainingSessionFactory

    session = TrainingSessionFactory()
    verified_login(client, editor)

    assert client.get("/admin/billing_products/").status_code == 200
    assert client.get(f"/admin/billing_products/edit/{product.pk}/").status_code == 200
    assert client.get("/admin/billing_training_sessions/").status_code == 200
    response = client.get(f"/admin/billing_training_sessions/edit/{session.pk}/")
    assert response.status_code == 200
    assert TrainingSession.objects.filter(pk=session.pk).exists()
    assert client.get("/admin/billing_licence_codes/").status_code in (302, 403)
    assert client.get("/admin/billing_registrations/").status_code in (302, 403)


@pytest.mark.parametrize("who", ["editor", "writer"])
def test_editors_and_writers_do_not_see_payments(client, orders, who, request):
    verified_login(client, request.getfixturevalue(who))

    for url in money_urls(orders):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "/admin/billing_orders/" not in home.text
    assert "/admin/billing_invoices/" not in home.text


def test_an_editor_cannot_record_a_transfer_or_refund(client, editor, orders):
    verified_login(client, editor)

    client.post(f"/admin/billing_transfers/{orders['unpaid'].pk}/", {"reference": "VIR-X"})
    client.post(f"/admin/billing_refund_order/{orders['paid'].pk}/", {"amount": "", "reason": "Tout"})

    orders["unpaid"].refresh_from_db()
    orders["paid"].refresh_from_db()
    assert orders["unpaid"].state == OrderState.AWAITING_PAYMENT
    assert orders["paid"].refunded_cents == 5_00


def test_finance_sees_orders_invoices_refunds_and_credit_notes(client, finance, orders):
    verified_login(client, finance)

    for url in money_urls(orders):
        assert client.get(url).status_code == 200, url
    home = client.get("/admin/")
    assert "/admin/billing_orders/" in home.text
    assert f"/admin/billing_refund_order/{orders['paid'].pk}/" in client.get(money_urls(orders)[1]).text
    unpaid_page = client.get(f"/admin/billing_orders/inspect/{orders['unpaid'].pk}/").text
    assert f"/admin/billing_transfers/{orders['unpaid'].pk}/" in unpaid_page


def test_finance_records_a_transfer(client, finance, orders):
    verified_login(client, finance)

    response = client.post(f"/admin/billing_transfers/{orders['unpaid'].pk}/", {"reference": "VIR-2026-11"})

    assert response.status_code == 302
    orders["unpaid"].refresh_from_db()
    assert orders["unpaid"].state == OrderState.FULFILLED


def test_staff_without_the_finance_group_is_kept_out(client, orders):
    verified_login(client, UserFactory(is_staff=True))
    for url in money_urls(orders):
        assert client.get(url).status_code in (302, 403), url
