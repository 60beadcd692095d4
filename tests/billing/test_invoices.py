"""Invoices: one per paid order, numbered per year without gaps, frozen, readable by members and staff only."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from billing.invoice_pdf import money, rate
from billing.models import Invoice, InvoiceSequence
from billing.services.orders import order_create, order_mark_paid

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def _paid_order(user, organisation, product=None, quantity=1):
    order = order_create(
        user=user,
        organisation=organisation,
        product_id=(product or ProductFactory()).pk,
        quantity=quantity,
        payment_method="transfer",
    )
    return order_mark_paid(order_id=order.pk, source="transfer", reference="VIR")


def test_invoices_are_numbered_in_sequence_per_year(member, association):
    year = timezone.localtime().year
    first = _paid_order(member, association).invoice
    second = _paid_order(member, association).invoice

    assert first.number == f"FAC-{year}-000001"
    assert second.number == f"FAC-{year}-000002"
    assert InvoiceSequence.objects.get(year=year).last_number == 2


def test_paying_twice_issues_one_invoice(member, association):
    order = _paid_order(member, association)
    order_mark_paid(order_id=order.pk, source="stripe", reference="pi_again")

    assert Invoice.objects.filter(order=order).count() == 1
    assert InvoiceSequence.objects.get().last_number == 1


def test_an_invoice_carries_the_legal_mentions(member, association, product):
    invoice = _paid_order(member, association, product, quantity=3).invoice

    assert invoice.seller["siret"] and invoice.seller["vat_number"] and invoice.seller["address"]
    assert invoice.buyer["name"] == "Les Amis du Quartier"
    assert invoice.buyer["siret"] == "12345678900011"
    assert (invoice.total_ht_cents, invoice.total_vat_cents, invoice.total_ttc_cents) == (120_00, 24_00, 144_00)
    assert invoice.vat_breakdown == [{"rate_bp": 2000, "base_ht_cents": 120_00, "vat_cents": 24_00}]
    assert "40 €" in invoice.payment_terms and "escompte" in invoice.payment_terms
    assert invoice.operation_category == "Prestation de services"
    line = invoice.lines.get()
    assert (line.description, line.quantity, line.unit_price_ht_cents) == ("Microsoft 365 Business Premium", 3, 40_00)


def test_an_issued_invoice_cannot_be_changed_or_deleted(member, association):
    invoice = _paid_order(member, association).invoice
    invoice.total_ttc_cents = 1
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    with pytest.raises(ValidationError):
        invoice.lines.first().save()


def test_members_download_their_invoice_as_pdf(member_client, member, association):
    invoice = _paid_order(member, association).invoice

    response = member_client.get(f"/boutique/factures/{invoice.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="{invoice.number}.pdf"' in response["Content-Disposition"]
    assert invoice.number in member_client.get(f"/boutique/commandes/{invoice.order_id}/").text


def test_staff_download_any_invoice(client, staff, member, association):
    invoice = _paid_order(member, association).invoice
    client.force_login(staff)
    assert client.get(f"/boutique/factures/{invoice.pk}/pdf/").status_code == 200


def test_another_organisations_invoice_is_404(client, outsider, member, association):
    invoice = _paid_order(member, association).invoice
    client.force_login(outsider)
    assert client.get(f"/boutique/factures/{invoice.pk}/pdf/").status_code == 404
    assert client.get(f"/boutique/commandes/{invoice.order_id}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, member, association):
    invoice = _paid_order(member, association).invoice
    assert client.get(f"/boutique/factures/{invoice.pk}/pdf/").status_code == 302


def test_pdf_amounts_and_rates_are_written_the_french_way():
    assert money(1_234_50) == "1 234,50 EUR"
    assert money(5) == "0,05 EUR"
    assert rate(2000) == "20 %"
    assert rate(550) == "5,5 %"
    assert rate(210) == "2,1 %"
