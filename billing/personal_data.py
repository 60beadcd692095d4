"""Billing's part of a person's data: the orders they placed, the registrations they made, the seats in their name.

Registered in `BillingConfig.ready()` (see `marketplace.personal_data`). Nothing is erased here: orders,
invoices and credit notes are accounting documents the platform must keep for ten years; they name the
organisation that bought (its legal identity, frozen on the invoice), never the person, and an order only
loses who placed it when the account goes (`created_by` is set to null).
"""

from marketplace.personal_data import ExportSection

from .models import Order, Participant, Registration, WaitlistEntry


def _when(value):
    return value.isoformat() if value else None


def billing_export_section(user) -> ExportSection:
    orders = Order.objects.filter(created_by=user).select_related("organisation").order_by("pk")
    placed = []
    for order in orders:
        invoice = getattr(order, "invoice", None) if order.is_paid else None
        placed.append(
            {
                "number": order.number,
                "organisation": order.organisation.name,
                "state": order.state,
                "total_ttc_cents": order.total_ttc_cents,
                "created_at": _when(order.created_at),
                "paid_at": _when(order.paid_at),
                "invoice": invoice.number if invoice is not None else None,
                "lines": [{"description": line.description, "quantity": line.quantity} for line in order.lines.all()],
            }
        )
    registrations = [
        {
            "session": str(registration.session),
            "organisation": registration.organisation.name,
            "seats": registration.seats,
            "state": registration.state,
            "created_at": _when(registration.created_at),
        }
        for registration in Registration.objects.filter(created_by=user)
        .select_related("session__product", "organisation")
        .order_by("pk")
    ]
    # Seats given in this person's name (by address), in a registration of one of their organisations.
    seats = [
        {
            "session": str(participant.registration.session),
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "email": participant.email,
            "attended": participant.attended,
        }
        for participant in Participant.objects.filter(
            email__iexact=user.email, registration__organisation__memberships__user=user
        )
        .select_related("registration__session__product")
        .order_by("pk")
    ]
    waitlist = [
        {
            "session": str(entry.session),
            "seats": entry.seats,
            "state": entry.state,
            "created_at": _when(entry.created_at),
        }
        for entry in WaitlistEntry.objects.filter(created_by=user).select_related("session__product").order_by("pk")
    ]
    return ExportSection(
        data={
            "orders_placed": placed,
            "training_registrations": registrations,
            "training_seats": seats,
            "waitlist": waitlist,
        }
    )
