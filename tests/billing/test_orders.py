"""Orders: prices recomputed by the server, quota and stock reserved, pages reachable by the owner only."""

import pytest

from billing.errors import OrderError, PermissionDenied
from billing.models import Invoice, Order, OrderLine, OrderState, PaymentMethod
from billing.services.orders import order_cancel, order_create, order_record_transfer
from marketplace.models import AuditEntry
from tests.second_factor import verified_login

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def _checkout(client, product, **data):
    return client.post(f"/boutique/{product.code}/commander/", {"quantity": 1, "payment_method": "transfer", **data})


def test_the_catalogue_and_the_product_page_show_the_visitors_price(member_client, product):
    page = member_client.get("/boutique/")
    assert page.status_code == 200
    assert "Microsoft 365 Business Premium" in page.text
    assert "40\u00a0€" in page.text and "100\u00a0€" in page.text

    detail = member_client.get("/boutique/m365/")
    assert "Prix solidaire pour un budget annuel 10 à 50 k€." in detail.text
    assert "Commander" in detail.text


def test_an_anonymous_visitor_sees_the_public_price_and_is_asked_to_log_in(client, product):
    page = client.get("/boutique/m365/")
    assert page.status_code == 200
    assert "Se connecter pour commander" in page.text
    assert client.post("/boutique/m365/commander/", {"quantity": 1}).status_code == 302


def test_unknown_or_inactive_products_are_404(member_client):
    assert member_client.get("/boutique/nothing-here/").status_code == 404
    inactive = ProductFactory(is_active=False)
    assert member_client.get(f"/boutique/{inactive.code}/").status_code == 404


def test_checkout_ignores_any_price_sent_by_the_client(member_client, product, association):
    response = _checkout(
        member_client, product, quantity=2, unit_price_ht_cents=1, total_ttc_cents=1, price="0.01", amount=1
    )

    order = Order.objects.get(organisation=association)
    assert response.status_code == 302
    assert response["Location"] == f"/boutique/commandes/{order.pk}/"
    assert (order.total_ht_cents, order.total_vat_cents, order.total_ttc_cents) == (80_00, 16_00, 96_00)
    line = order.lines.get()
    assert (line.quantity, line.unit_price_ht_cents, line.public_unit_price_ht_cents) == (2, 40_00, 100_00)
    assert order.state == OrderState.AWAITING_PAYMENT
    assert order.number.startswith("CMD-") and order.number.endswith(f"{order.pk:06d}")
    assert AuditEntry.objects.filter(action="order.created", organisation=association).exists()


@pytest.mark.parametrize("quantity", ["0", "-3", "abc", "", "99999999999"])
def test_bad_quantities_are_form_errors(member_client, product, quantity):
    response = _checkout(member_client, product, quantity=quantity)
    assert response.status_code == 400
    assert "field__error" in response.text
    assert not Order.objects.exists()


def test_an_unknown_payment_method_is_a_form_error(member_client, product):
    assert _checkout(member_client, product, payment_method="bitcoin").status_code == 400
    assert not Order.objects.exists()


def test_quota_exceeded_is_a_clear_error(member_client, association):
    product = ProductFactory(yearly_quota=3)
    assert _checkout(member_client, product, quantity=2).status_code == 302

    response = _checkout(member_client, product, quantity=2)

    assert response.status_code == 409
    assert "Quota annuel atteint : 1 unité(s) restante(s) sur 3" in response.text
    assert Order.objects.count() == 1


def test_stock_is_reserved_by_orders_and_exhausted_stock_refused(member_client, association):
    product = ProductFactory(kind="hardware", stock=3)
    assert _checkout(member_client, product, quantity=3).status_code == 302
    product.refresh_from_db()
    assert product.stock == 0

    response = _checkout(member_client, product, quantity=1)

    assert response.status_code == 409
    assert "Ce produit est épuisé." in response.text


def test_cancelling_gives_the_stock_back(member, association):
    product = ProductFactory(kind="hardware", stock=3)
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=2, payment_method="transfer"
    )

    order_cancel(user=member, order_id=order.pk, organisation=association)

    product.refresh_from_db()
    order.refresh_from_db()
    assert product.stock == 3
    assert order.state == OrderState.CANCELLED
    assert list(order.events.values_list("action", flat=True)) == ["order.created", "order.cancelled"]
    with pytest.raises(OrderError):
        order_cancel(user=member, order_id=order.pk, organisation=association)


def test_an_unverified_association_cannot_order_a_reserved_product(client, product, unverified_association):
    from marketplace.models.organisations import Role

    from ..factories import MembershipFactory

    client.force_login(MembershipFactory(organisation=unverified_association, role=Role.OWNER).user)
    response = _checkout(client, product)
    assert response.status_code == 403
    assert "réservé aux associations vérifiées" in response.text


def test_a_non_member_cannot_order_for_an_organisation(outsider, association, product):
    with pytest.raises(PermissionDenied):
        order_create(user=outsider, organisation=association, product_id=product.pk, quantity=1, payment_method="card")


def test_my_orders_lists_only_my_organisations_orders(member_client, member, association, outsider, other_association):
    mine = order_create(
        user=member, organisation=association, product_id=ProductFactory().pk, quantity=1, payment_method="transfer"
    )
    theirs = order_create(
        user=outsider,
        organisation=other_association,
        product_id=ProductFactory().pk,
        quantity=1,
        payment_method="transfer",
    )

    page = member_client.get("/boutique/commandes/")

    assert mine.number in page.text
    assert theirs.number not in page.text


def test_my_orders_come_a_page_at_a_time_newest_first(member_client, member, association, settings):
    from billing.views import shop as views

    product = ProductFactory()
    numbers = [
        order_create(
            user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
        ).number
        for _ in range(views.ORDERS_PER_PAGE + 2)
    ]

    first = member_client.get("/boutique/commandes/").text
    second = member_client.get("/boutique/commandes/?page=2").text

    assert numbers[-1] in first and numbers[0] not in first
    assert "Page 1 sur 2" in first and 'href="?page=2" rel="next"' in first
    assert numbers[0] in second and numbers[1] in second and numbers[-1] not in second
    assert member_client.get("/boutique/commandes/?page=abc").status_code == 200  # a bad page number shows page 1


def test_another_organisations_order_is_404(member_client, outsider, other_association, product):
    theirs = order_create(
        user=outsider, organisation=other_association, product_id=product.pk, quantity=1, payment_method="transfer"
    )

    assert member_client.get(f"/boutique/commandes/{theirs.pk}/").status_code == 404
    assert member_client.post(f"/boutique/commandes/{theirs.pk}/annuler/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == OrderState.AWAITING_PAYMENT


def test_the_transfer_order_page_shows_the_bank_details_and_a_timeline(member_client, member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )

    page = member_client.get(f"/boutique/commandes/{order.pk}/")

    assert page.status_code == 200
    assert "IBAN" in page.text and order.number in page.text
    assert "Commande passée." in page.text


def test_product_names_are_escaped(member_client):
    ProductFactory(code="xss", name="<script>alert(1)</script>")
    page = member_client.get("/boutique/xss/")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_staff_record_a_transfer_and_the_order_is_paid_and_invoiced(client, staff, member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    verified_login(client, staff)

    assert client.get(f"/admin/billing_transfers/{order.pk}/").status_code == 200
    empty = client.post(f"/admin/billing_transfers/{order.pk}/", {"reference": ""})
    assert empty.status_code == 200
    response = client.post(f"/admin/billing_transfers/{order.pk}/", {"reference": "VIR 2026-0042"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == OrderState.FULFILLED
    assert order.transfer_reference == "VIR 2026-0042"
    assert Invoice.objects.filter(order=order).count() == 1


def test_only_staff_record_transfers(member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method=PaymentMethod.TRANSFER
    )
    with pytest.raises(PermissionDenied):
        order_record_transfer(actor=member, order_id=order.pk, reference="VIR")


def test_non_staff_cannot_open_the_transfer_screen(client, member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    client.force_login(member)
    response = client.post(f"/admin/billing_transfers/{order.pk}/", {"reference": "VIR"})
    assert response.status_code in (302, 403)
    order.refresh_from_db()
    assert order.state == OrderState.AWAITING_PAYMENT


def test_admin_screens_list_products_orders_and_invoices_for_staff(client, staff, product):
    verified_login(client, staff)
    for url in (
        "/admin/billing_products/",
        "/admin/billing_orders/",
        "/admin/billing_invoices/",
        f"/admin/billing_products/edit/{product.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    assert OrderLine.objects.count() == 0


def test_a_user_without_an_organisation_gets_a_form_error(client, product):
    from ..factories import UserFactory

    client.force_login(UserFactory())
    response = _checkout(client, product)

    assert response.status_code == 400
    assert "Choisissez ou créez d&#x27;abord l&#x27;organisation" in response.text
    assert not Order.objects.exists()
    assert client.get("/boutique/commandes/").status_code == 200


def test_training_seats_cannot_be_bought_without_a_session(member_client):
    """A training seat is bought for a session with named participants; a plain checkout gets a clear error."""
    from billing.models.catalogue import ProductKind

    training = ProductFactory(code="formation-rgpd", kind=ProductKind.TRAINING, vat_rate_bp=0)
    response = _checkout(member_client, training)
    assert response.status_code == 400
    assert "Choisissez une session de formation" in response.text
    assert not Order.objects.exists()
