"""Issuing invoices: one per paid order, numbered FAC-<year>-<n> in one gapless sequence per civil year."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.models import AssociationProfile

from .. import conf
from ..models import Invoice, InvoiceLine, InvoiceSequence, Order, PaymentMethod

PAYMENT_TERMS = gettext_lazy(
    "Facture acquittée à la commande, payée par %(method)s le %(date)s. Pas d'escompte pour paiement anticipé. "
    "En cas de retard de paiement, pénalités au taux de trois fois le taux d'intérêt légal et, pour les "
    "professionnels, indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce)."
)


def next_number(year: int, *, sequence_model=InvoiceSequence) -> int:
    """Take the next number of `year`, holding its counter row locked until the caller's transaction ends.

    A rolled-back payment rolls the counter back with it: no gap, and no two
    invoices share a number however many payments arrive at once.
    """
    sequence_model.objects.get_or_create(year=year)
    sequence = sequence_model.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def buyer_identity(order: Order) -> dict:
    organisation = order.organisation
    profile = AssociationProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        return {"name": organisation.name, "address": f"{organisation.postcode} {organisation.city}".strip()}
    return {
        "name": profile.legal_name or organisation.name,
        "address": f"{profile.address}, {profile.postcode} {profile.commune}",
        "siret": profile.siret,
        "siren": profile.siren,
        "rna": profile.rna_number,
        "legal_form": profile.get_legal_form_display(),
    }


def _vat_breakdown(lines) -> list[dict]:
    rates = defaultdict(lambda: {"base_ht_cents": 0, "vat_cents": 0})
    for line in lines:
        rates[line.vat_rate_bp]["base_ht_cents"] += line.total_ht_cents
        rates[line.vat_rate_bp]["vat_cents"] += line.vat_cents
    return [{"rate_bp": rate, **amounts} for rate, amounts in sorted(rates.items())]


def invoice_issue(*, order: Order) -> Invoice:
    """Write the invoice of a paid order; called inside `order_mark_paid`'s transaction, and only once per order.

    Its texts are written in French whoever triggers it (a webhook, staff in English): it is a French legal document.
    """
    with translation.override("fr"):
        return _invoice_issue(order)


def _invoice_issue(order: Order) -> Invoice:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("invoice_issue must run inside the payment's transaction")
    existing = Invoice.objects.filter(order=order).first()
    if existing is not None:
        return existing
    issued_at = timezone.now()
    local = timezone.localtime(issued_at)
    sequence = next_number(local.year)
    lines = list(order.lines.select_related("product"))
    paid_on = timezone.localtime(order.paid_at or issued_at).date()
    invoice = Invoice(
        order=order,
        number=f"FAC-{local.year}-{sequence:06d}",
        year=local.year,
        sequence=sequence,
        issued_at=issued_at,
        sale_date=paid_on,
        seller=dict(conf.billing_seller()),
        buyer=buyer_identity(order),
        total_ht_cents=order.total_ht_cents,
        total_vat_cents=order.total_vat_cents,
        total_ttc_cents=order.total_ttc_cents,
        vat_breakdown=_vat_breakdown(lines),
        payment_method=order.payment_method,
        payment_terms=PAYMENT_TERMS
        % {"method": PaymentMethod(order.payment_method).label.lower(), "date": paid_on.strftime("%d/%m/%Y")},
        operation_category=_("Livraison de biens")
        if any(line.product.is_goods for line in lines)
        else _("Prestation de services"),
    )
    invoice.full_clean()
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=position,
            description=line.description,
            quantity=line.quantity,
            unit_price_ht_cents=line.unit_price_ht_cents,
            vat_rate_bp=line.vat_rate_bp,
            total_ht_cents=line.total_ht_cents,
            vat_cents=line.vat_cents,
            total_ttc_cents=line.total_ttc_cents,
        )
        for position, line in enumerate(lines, start=1)
    )
    return invoice
