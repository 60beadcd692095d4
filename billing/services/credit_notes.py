"""Issuing credit notes (avoirs): one per refund, numbered AV-<year>-<n> in their own gapless yearly sequence."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import conf
from ..models import CreditNote, CreditNoteLine, CreditNoteSequence, Invoice, PaymentMethod, Refund
from .invoices import buyer_identity, next_number


def _ht_of(ttc: int, rate_bp: int) -> int:
    """The HT part of a TTC amount at `rate_bp`, rounded to the cent (the VAT is the rest)."""
    return (ttc * 10000 * 2 + (10000 + rate_bp)) // ((10000 + rate_bp) * 2)


def _already_credited(invoice: Invoice) -> dict[int, dict[str, int]]:
    """What earlier credit notes of this invoice gave back, per invoice line."""
    totals = (
        CreditNoteLine.objects.filter(credit_note__invoice=invoice)
        .values("invoice_position")
        .annotate(ttc=Sum("total_ttc_cents"), ht=Sum("total_ht_cents"), vat=Sum("vat_cents"))
    )
    return {row["invoice_position"]: row for row in totals}


def credit_lines(*, invoice: Invoice, amount_cents: int) -> list[dict]:
    """Split a refunded TTC amount over the invoice's lines, in proportion to what each has left.

    When the refund takes everything that is left, each line gives back exactly
    its remaining HT and VAT, so that the invoice and its credit notes cancel out to the cent.
    """
    credited = _already_credited(invoice)
    remaining = []
    for line in invoice.lines.all():
        done = credited.get(line.position, {})
        remaining.append(
            (
                line,
                line.total_ttc_cents - (done.get("ttc") or 0),
                line.total_ht_cents - (done.get("ht") or 0),
                line.vat_cents - (done.get("vat") or 0),
            )
        )
    left = sum(ttc for _line, ttc, _ht, _vat in remaining)
    shares = []
    if amount_cents >= left:
        shares = [(line, ttc, ht, vat) for line, ttc, ht, vat in remaining if ttc > 0]
    else:
        given = 0
        for index, (line, ttc_left, ht_left, _vat) in enumerate(remaining):
            is_last = index == len(remaining) - 1
            ttc = amount_cents - given if is_last else amount_cents * ttc_left // left
            given += ttc
            if ttc <= 0:
                continue
            ht = min(_ht_of(ttc, line.vat_rate_bp), ht_left)
            shares.append((line, ttc, ht, ttc - ht))
    return [
        {
            "invoice_position": line.position,
            "description": line.description,
            "quantity": line.quantity if ttc == line.total_ttc_cents else 1,
            "unit_price_ht_cents": line.unit_price_ht_cents if ttc == line.total_ttc_cents else ht,
            "vat_rate_bp": line.vat_rate_bp,
            "total_ht_cents": ht,
            "vat_cents": vat,
            "total_ttc_cents": ttc,
        }
        for line, ttc, ht, vat in shares
    ]


def _vat_breakdown(lines: list[dict]) -> list[dict]:
    rates = defaultdict(lambda: {"base_ht_cents": 0, "vat_cents": 0})
    for line in lines:
        rates[line["vat_rate_bp"]]["base_ht_cents"] += line["total_ht_cents"]
        rates[line["vat_rate_bp"]]["vat_cents"] += line["vat_cents"]
    return [{"rate_bp": rate, **amounts} for rate, amounts in sorted(rates.items())]


def credit_note_issue(*, refund: Refund) -> CreditNote | None:
    """Write the credit note of a refund that succeeded; inside the refund's transaction, once per refund.

    Written in French whoever triggers it: like the invoice, it is a French legal document. It never
    credits more than the invoice has left: a refund beyond that (only possible when made outside the
    platform) gets a credit note for what was left, or none, and the caller flags it for staff.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("credit_note_issue must run inside the refund's transaction")
    existing = CreditNote.objects.filter(refund=refund).first()
    if existing is not None:
        return existing
    with translation.override("fr"):
        return _credit_note_issue(refund)


def _credit_note_issue(refund: Refund) -> CreditNote:
    order = refund.order
    invoice = Invoice.objects.get(order=order)
    issued_at = timezone.now()
    local = timezone.localtime(issued_at)
    sequence = next_number(local.year, sequence_model=CreditNoteSequence)
    lines = credit_lines(invoice=invoice, amount_cents=refund.amount_cents)
    if not lines:
        return None
    refunded_on = timezone.localtime(refund.completed_at or issued_at).date()
    note = CreditNote(
        refund=refund,
        order=order,
        invoice=invoice,
        number=f"AV-{local.year}-{sequence:06d}",
        year=local.year,
        sequence=sequence,
        issued_at=issued_at,
        seller=dict(conf.billing_seller()),
        buyer=buyer_identity(order),
        reason=refund.reason,
        total_ht_cents=sum(line["total_ht_cents"] for line in lines),
        total_vat_cents=sum(line["vat_cents"] for line in lines),
        total_ttc_cents=sum(line["total_ttc_cents"] for line in lines),
        vat_breakdown=_vat_breakdown(lines),
        payment_method=refund.method,
        refund_terms=_("Avoir sur la facture %(invoice)s du %(date)s, remboursé par %(method)s le %(refunded)s.")
        % {
            "invoice": invoice.number,
            "date": timezone.localtime(invoice.issued_at).strftime("%d/%m/%Y"),
            "method": PaymentMethod(refund.method).label.lower(),
            "refunded": refunded_on.strftime("%d/%m/%Y"),
        },
    )
    note.full_clean()
    note.save()
    CreditNoteLine.objects.bulk_create(
        CreditNoteLine(credit_note=note, position=position, **line) for position, line in enumerate(lines, start=1)
    )
    return note
