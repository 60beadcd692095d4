"""Billing's reads: what the catalogue shows, and an organisation's own orders and invoices only."""

from django.db.models import QuerySet

from marketplace.models import Organisation

from .models import CreditNote, Invoice, Order, Product


def product_list_on_sale() -> QuerySet[Product]:
    return Product.objects.filter(is_active=True).order_by("kind", "name")


def product_get_on_sale(*, code: str) -> Product | None:
    return Product.objects.filter(is_active=True, code=code).first()


def order_list_for(*, organisation: Organisation) -> QuerySet[Order]:
    return Order.objects.filter(organisation=organisation).prefetch_related("lines").select_related("invoice")


def order_get_for(*, organisation: Organisation | None, order_id: int) -> Order | None:
    """The order if it belongs to `organisation`; None otherwise, so that another's order is a plain 404."""
    if organisation is None:
        return None
    return (
        Order.objects.filter(pk=order_id, organisation=organisation)
        .select_related("organisation")
        .prefetch_related("lines", "events")
        .first()
    )


def invoice_get_for(*, user, organisation: Organisation | None, invoice_id: int) -> Invoice | None:
    """Staff see every invoice; members only their active organisation's."""
    invoices = Invoice.objects.select_related("order", "order__organisation").prefetch_related("lines")
    if user.is_authenticated and user.is_active and user.is_staff:
        return invoices.filter(pk=invoice_id).first()
    if organisation is None:
        return None
    return invoices.filter(pk=invoice_id, order__organisation=organisation).first()


def credit_note_get_for(*, user, organisation: Organisation | None, credit_note_id: int) -> CreditNote | None:
    """Like invoices: staff see every credit note; members only their active organisation's."""
    notes = CreditNote.objects.select_related("order", "invoice", "order__organisation").prefetch_related("lines")
    if user.is_authenticated and user.is_active and user.is_staff:
        return notes.filter(pk=credit_note_id).first()
    if organisation is None:
        return None
    return notes.filter(pk=credit_note_id, order__organisation=organisation).first()
