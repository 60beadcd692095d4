"""The shop's invoices and credit notes described for Factur-X, from their frozen rows only.

Seller and buyer are the identities frozen on the row when it was issued; lines, VAT per rate and totals are
the row's own. Nothing is read from the order or the organisation as they are now.
"""

from django.utils import timezone

from ..conf import seller_identity
from ..models import CreditNote, Invoice, PaymentMethod
from .document import (
    DocumentReference,
    DocumentType,
    Line,
    Note,
    NoteSubject,
    Party,
    PaymentMeans,
    PaymentMeansCode,
    TradeDocument,
    VatExemption,
    VatSubtotal,
    postal_address,
)


def _seller(identity: dict) -> Party:
    return Party(
        name=identity["name"],
        address=postal_address(identity.get("address", "")),
        siret=identity.get("siret", ""),
        vat_number=identity.get("vat_number", ""),
        email=identity.get("email", ""),
        legal_info=" - ".join(filter(None, (identity.get("legal_form"), identity.get("rcs")))),
    )


def _buyer(identity: dict) -> Party:
    return Party(
        name=identity["name"],
        address=postal_address(identity.get("address", "")),
        siret=identity.get("siret") or "",
        siren=identity.get("siren") or "",
        rna=identity.get("rna") or "",
    )


def vat_exemption(seller: dict) -> VatExemption:
    """The mention for the shop's lines without VAT, frozen on the row; rows issued before it was, use today's."""
    current = seller_identity()
    return VatExemption(
        reason=seller.get("vat_exemption") or current["vat_exemption"],
        code=seller.get("vat_exemption_code") or current["vat_exemption_code"],
    )


def _lines(row) -> tuple[Line, ...]:
    return tuple(
        Line(
            position=line.position,
            description=line.description,
            quantity=line.quantity,
            unit_price_ht_cents=line.unit_price_ht_cents,
            vat_rate_bp=line.vat_rate_bp,
            total_ht_cents=line.total_ht_cents,
            vat_cents=line.vat_cents,
        )
        for line in row.lines.all()
    )


def _common(row) -> dict:
    lines = _lines(row)
    return {
        "number": row.number,
        "issued_on": timezone.localtime(row.issued_at).date(),
        "seller": _seller(row.seller),
        "buyer": _buyer(row.buyer),
        "lines": lines,
        "vat_breakdown": tuple(
            VatSubtotal(rate_bp=vat["rate_bp"], base_ht_cents=vat["base_ht_cents"], vat_cents=vat["vat_cents"])
            for vat in row.vat_breakdown
        ),
        "total_ht_cents": row.total_ht_cents,
        "total_vat_cents": row.total_vat_cents,
        "total_ttc_cents": row.total_ttc_cents,
        # Both are issued once the money moved: the invoice of a paid order, the credit note of a refund made.
        "paid_cents": row.total_ttc_cents,
        "vat_exemption": vat_exemption(row.seller) if any(line.vat_rate_bp == 0 for line in lines) else None,
        "order_reference": row.order.number or "",
    }


def _payment_means(invoice: Invoice) -> PaymentMeans | None:
    """How the invoice was paid: by card, or by transfer to the seller's IBAN (a transfer needs the account)."""
    method = PaymentMethod(invoice.payment_method)
    if method == PaymentMethod.CARD:
        return PaymentMeans(code=PaymentMeansCode.BANK_CARD, label=str(method.label))
    iban = invoice.seller.get("iban", "")
    return (
        PaymentMeans(code=PaymentMeansCode.SEPA_CREDIT_TRANSFER, label=str(method.label), iban=iban) if iban else None
    )


def invoice_document(invoice: Invoice) -> TradeDocument:
    return TradeDocument(
        type=DocumentType.INVOICE,
        delivered_on=invoice.sale_date,
        payment_means=_payment_means(invoice),
        payment_terms=invoice.payment_terms,
        notes=(Note(f"Catégorie de l'opération : {invoice.operation_category}"),) + _legal_notes(invoice.seller),
        **_common(invoice),
    )


def credit_note_document(note: CreditNote) -> TradeDocument:
    """The refund was already made (its means and date are in the terms): no payment instruction is given."""
    return TradeDocument(
        type=DocumentType.CREDIT_NOTE,
        preceding_invoice=DocumentReference(
            number=note.invoice.number, issued_on=timezone.localtime(note.invoice.issued_at).date()
        ),
        # What is credited was supplied on the invoice's sale date.
        delivered_on=note.invoice.sale_date,
        payment_terms=note.refund_terms,
        notes=(Note(f"Motif : {note.reason}"),) + _legal_notes(note.seller),
        **_common(note),
    )


def _legal_notes(seller: dict) -> tuple[Note, ...]:
    legal = " - ".join(filter(None, (seller.get("name"), seller.get("legal_form"), seller.get("rcs"))))
    return (Note(legal, NoteSubject.REGULATORY),) if legal else ()
