"""Billing's data: the catalogue, orders, payments received from Stripe, invoices."""

from .catalogue import Eligibility, Product, ProductKind, ProductPrice
from .fulfilment import LicenceCode
from .invoices import Invoice, InvoiceLine, InvoiceSequence
from .orders import Order, OrderEvent, OrderLine, OrderState, PaymentMethod
from .payments import StripeEvent
from .refunds import CreditNote, CreditNoteLine, CreditNoteSequence, Refund, RefundSource, RefundState  # noqa: F401
from .trainings import Participant, Registration, TrainingSession, WaitlistEntry  # noqa: F401

__all__ = [
    "Eligibility",
    "Invoice",
    "InvoiceLine",
    "InvoiceSequence",
    "LicenceCode",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderState",
    "PaymentMethod",
    "Product",
    "ProductKind",
    "ProductPrice",
    "StripeEvent",
]
