"""Refunds from the admin with their credit notes (avoirs): transfer orders here, card ones in test_refunds_stripe."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from billing.errors import PermissionDenied, RefundError
from billing.invoice_pdf import credit_note_pdf
from billing.models import CreditNote, CreditNoteSequence, OrderState, Refund, RefundState
from billing.services.orders import order_create, order_mark_paid
from billing.services.refunds import refund_create
from marketplace.models import AuditEntry
from tests.second_factor import verified_login

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def paid_transfer_order(user, organisation, product=None, quantity=3):
    order = order_create(
        user=user,
        organisation=organisation,
        product_id=(product or ProductFactory()).pk,
        quantity=quantity,
        payment_method="transfer",
    )
    return order_mark_paid(order_id=order.pk, source="transfer", reference="VIR-1")


def test_a_full_refund_of_a_transfer_order_issues_a_credit_note(finance, member, association):
    order = paid_transfer_order(member, association)  # 3 × 40 € HT, 20 % VAT: 144 € TTC

    refund = refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Commande en double")

    order.refresh_from_db()
    assert (order.state, order.refunded_cents) == (OrderState.REFUNDED, 144_00)
    assert (refund.state, refund.method, refund.stripe_refund_id) == (RefundState.SUCCEEDED, "transfer", "")
    note = refund.credit_note
    year = timezone.localtime().year
    assert note.number == f"AV-{year}-000001"
    assert note.invoice == order.invoice
    assert (note.total_ht_cents, note.total_vat_cents, note.total_ttc_cents) == (120_00, 24_00, 144_00)
    assert note.vat_breakdown == [{"rate_bp": 2000, "base_ht_cents": 120_00, "vat_cents": 24_00}]
    assert note.seller == order.invoice.seller and note.buyer["siret"] == "12345678900011"
    assert order.invoice.number in note.refund_terms and "virement" in note.refund_terms
    assert [(line.quantity, line.total_ttc_cents) for line in note.lines.all()] == [(3, 144_00)]
    assert list(order.events.values_list("action", flat=True))[-2:] == ["refund.requested", "order.refunded"]
    audit = AuditEntry.objects.filter(action="order.refunded").get()
    assert audit.actor == finance and audit.data["refund"] == refund.pk


def test_partial_refunds_then_the_rest_cancel_the_invoice_to_the_cent(finance, member, association):
    order = paid_transfer_order(member, association)

    first = refund_create(actor=finance, order_id=order.pk, amount_cents=33_33, reason="Geste commercial")
    order.refresh_from_db()
    assert (order.state, order.refunded_cents) == (OrderState.PARTIALLY_REFUNDED, 33_33)
    second = refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Retour du reste")

    order.refresh_from_db()
    assert (order.state, order.refunded_cents) == (OrderState.REFUNDED, 144_00)
    year = timezone.localtime().year
    assert [first.credit_note.number, second.credit_note.number] == [f"AV-{year}-000001", f"AV-{year}-000002"]
    notes = CreditNote.objects.filter(order=order)
    assert sum(n.total_ht_cents for n in notes) == order.invoice.total_ht_cents
    assert sum(n.total_vat_cents for n in notes) == order.invoice.total_vat_cents
    assert first.credit_note.total_ht_cents + first.credit_note.total_vat_cents == 33_33
    assert CreditNoteSequence.objects.get(year=year).last_number == 2
    # Invoices keep their own sequence.
    assert order.invoice.number == f"FAC-{year}-000001"


def test_a_refund_larger_than_what_remains_is_refused_clearly(finance, member, association):
    order = paid_transfer_order(member, association)
    refund_create(actor=finance, order_id=order.pk, amount_cents=100_00, reason="Partiel")

    with pytest.raises(RefundError, match=r"dépasse ce qui reste à rembourser \(44,00\s€\)"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=50_00, reason="Trop")

    order.refresh_from_db()
    assert order.refunded_cents == 100_00
    assert Refund.objects.count() == CreditNote.objects.count() == 1


def test_a_fully_refunded_order_cannot_be_refunded_again(finance, member, association):
    order = paid_transfer_order(member, association)
    refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Tout")

    with pytest.raises(RefundError, match="Seule une commande payée"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=1, reason="Encore")


def test_an_unpaid_order_cannot_be_refunded(finance, member, association, product):
    order = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    with pytest.raises(RefundError, match="Seule une commande payée"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="?")


@pytest.mark.parametrize("amount", [0, -5])
def test_a_refund_must_be_positive_and_have_a_reason(finance, member, association, amount):
    order = paid_transfer_order(member, association)
    with pytest.raises(RefundError, match="positif"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=amount, reason="Motif")
    with pytest.raises(RefundError, match="motif"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=10_00, reason="   ")


def test_only_finance_staff_refund(editor, member, association):
    order = paid_transfer_order(member, association)
    for user in (editor, member):
        with pytest.raises(PermissionDenied):
            refund_create(actor=user, order_id=order.pk, amount_cents=None, reason="Non")


def test_returned_hardware_goes_back_to_stock_once(finance, member, association):
    laptop = ProductFactory(kind="hardware", stock=10)
    order = paid_transfer_order(member, association, laptop, quantity=2)
    laptop.refresh_from_db()
    assert laptop.stock == 8

    refund = refund_create(actor=finance, order_id=order.pk, amount_cents=10_00, reason="Retour", restock=True)

    laptop.refresh_from_db()
    assert (laptop.stock, refund.restocked_units) == (10, 2)
    with pytest.raises(RefundError, match="déjà été remis en stock"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=10_00, reason="Retour", restock=True)
    refund_create(actor=finance, order_id=order.pk, amount_cents=10_00, reason="Sans retour")
    laptop.refresh_from_db()
    assert laptop.stock == 10


def test_restocking_an_order_without_hardware_is_refused(finance, member, association):
    order = paid_transfer_order(member, association)
    with pytest.raises(RefundError, match="pas de matériel"):
        refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Retour", restock=True)
    assert not Refund.objects.exists()


def test_a_credit_note_cannot_be_changed_or_deleted(finance, member, association):
    order = paid_transfer_order(member, association)
    note = refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Tout").credit_note
    note.total_ttc_cents = 1
    with pytest.raises(ValidationError):
        note.save()
    with pytest.raises(ValidationError):
        note.delete()
    with pytest.raises(ValidationError):
        note.lines.first().save()


def test_the_credit_note_pdf_references_the_invoice(finance, member, association):
    order = paid_transfer_order(member, association)
    note = refund_create(actor=finance, order_id=order.pk, amount_cents=12_00, reason="Geste").credit_note

    pdf = credit_note_pdf(note)

    assert pdf.startswith(b"%PDF")


def test_members_and_staff_download_the_credit_note_others_do_not(
    client, finance, member, association, outsider, staff
):
    order = paid_transfer_order(member, association)
    note = refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Tout").credit_note
    url = f"/boutique/avoirs/{note.pk}/pdf/"

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{note.number}.pdf"' in response["Content-Disposition"]
    page = client.get(f"/boutique/commandes/{order.pk}/").text
    assert note.number in page and "Remboursé" in page
    verified_login(client, finance)
    assert client.get(url).status_code == 200
    assert client.get("/boutique/avoirs/999999/pdf/").status_code == 404


def test_finance_refunds_from_the_admin(client, finance, member, association):
    order = paid_transfer_order(member, association)
    verified_login(client, finance)
    url = f"/admin/billing_refund_order/{order.pk}/"

    page = client.get(url)
    assert page.status_code == 200
    assert "reste à rembourser : <strong>144,00\xa0€</strong>" in page.text

    response = client.post(url, {"amount": "20,50", "reason": "Licence non utilisée"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.state, order.refunded_cents) == (OrderState.PARTIALLY_REFUNDED, 20_50)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "500", "reason": "Trop"}, "dépasse ce qui reste"),
        ({"amount": "abc", "reason": "x"}, "nombre"),
        ({"amount": "-3", "reason": "x"}, "supérieure ou égale"),
        ({"amount": "10", "reason": ""}, "Champ requis"),
        ({"amount": "", "reason": "x", "restock": "on"}, "pas de matériel"),
    ],
    ids=["too-much", "not-a-number", "negative", "no-reason", "restock-without-hardware"],
)
def test_bad_refund_input_in_the_admin_is_a_form_error(client, finance, member, association, data, message):
    order = paid_transfer_order(member, association)
    verified_login(client, finance)

    response = client.post(f"/admin/billing_refund_order/{order.pk}/", data)

    assert response.status_code == 400
    assert message in response.text
    assert not Refund.objects.exists()


def test_the_refund_form_of_an_unknown_order_is_404(client, finance):
    verified_login(client, finance)
    assert client.get("/admin/billing_refund_order/999999/").status_code == 404


def test_other_services_refund_without_an_admin_user(member, association):
    from billing.services.refunds import refund_issue

    order = paid_transfer_order(member, association)

    refund = refund_issue(order_id=order.pk, amount_cents=48_00, reason="Session de formation annulée")

    assert refund.state == RefundState.SUCCEEDED and refund.created_by is None
    assert refund.credit_note.total_ttc_cents == 48_00
