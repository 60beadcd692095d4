"""The Factur-X builder on its own: any seller's invoice or credit note described as a `TradeDocument`.

The shop fills it from its rows (`test_facturx.py`); a provider's invoice issued by the platform on its behalf
fills it the same way, with the provider as seller and its own numbering: that case is checked here, on a
freelancer in franchise en base (no VAT, article 293 B of the CGI).
"""

from dataclasses import replace
from datetime import date

import pytest
from facturx import xml_check_xsd
from lxml import etree

from billing.facturx.cii import cii_xml
from billing.facturx.document import (
    DocumentMismatch,
    DocumentReference,
    DocumentType,
    Line,
    Party,
    PaymentMeans,
    PaymentMeansCode,
    PostalAddress,
    TradeDocument,
    VatExemption,
    VatSubtotal,
    postal_address,
)

from .facturx_xml import value, values

PROVIDER = Party(
    name="Claire Martin Conseil",
    address=PostalAddress("8 rue des Tanneurs", "67000", "Strasbourg"),
    siret="98765432100017",
    tax_registration_id="FR98765432100",
    email="claire@martin-conseil.test",
    legal_info="Entrepreneur individuel",
)
ASSOCIATION = Party(
    name="Les Amis du Quartier",
    address=postal_address("3 place Bellecour, 69002 Lyon"),
    rna="W691234567",
)
FRANCHISE = VatExemption(reason="TVA non applicable, art. 293 B du CGI", code="VATEX-FR-FRANCHISE")


def provider_invoice(**changes) -> TradeDocument:
    """A freelancer in franchise en base (no VAT at all) invoicing the association for a website's two milestones."""
    document = TradeDocument(
        type=DocumentType.INVOICE,
        number="PRE-42-2026-0007",
        issued_on=date(2026, 3, 2),
        seller=PROVIDER,
        buyer=ASSOCIATION,
        lines=(
            Line(1, "Jalon 1 : maquettes du site", 1, 1200_00, 0, 1200_00, 0),
            Line(2, "Jalon 2 : intégration et mise en ligne", 1, 1800_00, 0, 1800_00, 0),
        ),
        vat_breakdown=(VatSubtotal(0, 3000_00, 0),),
        total_ht_cents=3000_00,
        total_vat_cents=0,
        total_ttc_cents=3000_00,
        paid_cents=3000_00,
        vat_exemption=FRANCHISE,
        payment_means=PaymentMeans(PaymentMeansCode.BANK_CARD, "Carte bancaire"),
        payment_terms="Payée par la plateforme Passerelle pour le compte du prestataire.",
        order_reference="ENG-2026-000012",
    )
    return replace(document, **changes)


def test_the_builder_writes_a_provider_invoice_in_franchise_en_base(schematron):
    xml = cii_xml(provider_invoice())

    assert schematron(xml) == []
    tree = etree.fromstring(xml)
    seller = "//ram:SellerTradeParty"
    assert value(tree, f"{seller}/ram:Name") == "Claire Martin Conseil"
    assert value(tree, f"{seller}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']") == "FR98765432100"
    assert values(tree, f"{seller}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == []
    assert value(tree, "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == "W691234567"
    tax = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
    assert (value(tree, f"{tax}/ram:CategoryCode"), value(tree, f"{tax}/ram:ExemptionReason")) == (
        "E",
        "TVA non applicable, art. 293 B du CGI",
    )
    assert value(tree, f"{tax}/ram:ExemptionReasonCode") == "VATEX-FR-FRANCHISE"


def test_an_exempt_seller_without_any_tax_number_breaks_the_rules(schematron):
    """What the schematron adds to the XSD: a rule on the content (BR-E-02), not on the structure."""
    xml = cii_xml(provider_invoice(seller=replace(PROVIDER, tax_registration_id="")))

    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert {rule.split(":")[0] for rule in schematron(xml)} == {"BR-E-02"}  # once per exempt line


@pytest.mark.parametrize(
    "changes",
    [
        {"total_ht_cents": 2999_00, "total_ttc_cents": 2999_00},
        {"total_ttc_cents": 3000_01},
        {"vat_breakdown": (VatSubtotal(0, 2000_00, 0),)},
        {"vat_breakdown": (VatSubtotal(0, 3000_00, 0), VatSubtotal(2000, 0, 0))},
        {"vat_exemption": None},
        {"type": DocumentType.CREDIT_NOTE},
        {"paid_cents": 3000_01},
        {"lines": ()},
    ],
    ids=["lines-vs-total", "ht-plus-vat", "vat-base", "unused-rate", "exemption", "credited-invoice", "paid", "empty"],
)
def test_a_document_that_does_not_add_up_is_refused(changes):
    with pytest.raises(DocumentMismatch):
        provider_invoice(**changes)


def test_a_credit_note_names_the_invoice_it_corrects():
    note = provider_invoice(
        type=DocumentType.CREDIT_NOTE,
        number="PRE-42-AV-2026-0001",
        preceding_invoice=DocumentReference("PRE-42-2026-0007", date(2026, 3, 2)),
    )

    tree = etree.fromstring(cii_xml(note))

    assert value(tree, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert value(tree, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == "PRE-42-2026-0007"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 rue de la Solidarité, 69002 Lyon, France", ("12 rue de la Solidarité", "69002", "Lyon")),
        ("Bâtiment B, 4 allée des Lilas, 35000 Rennes", ("Bâtiment B, 4 allée des Lilas", "35000", "Rennes")),
        (", 69001 Lyon", ("", "69001", "Lyon")),
        ("Quelque part en Bretagne", ("Quelque part en Bretagne", "", "")),
    ],
)
def test_an_address_written_on_one_line_is_split_for_the_xml(text, expected):
    address = postal_address(text)

    assert (address.line_one, address.postcode, address.city, address.country_code) == (*expected, "FR")
