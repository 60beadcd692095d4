"""Billing's domain errors: translated messages shown as they are, turned into form errors or 4xx at the edge."""

from marketplace.errors import DomainError, NotFound, PermissionDenied


class PricingError(DomainError):
    """The product cannot be sold to this organisation in this quantity."""


class NotEligible(PricingError):
    status_code = 403


class QuotaExceeded(PricingError):
    status_code = 409


class OutOfStock(PricingError):
    status_code = 409


class BadQuantity(PricingError):
    pass


class OrderError(DomainError):
    status_code = 409


class InvalidCard(OrderError):
    """A test card typed with a wrong number, date or code."""

    status_code = 400


class RefundError(DomainError):
    """The refund asked for is not possible (unpaid order, amount over what is left...)."""

    status_code = 409


class PaymentError(DomainError):
    """The payment provider refused or could not be reached; nothing was charged."""

    status_code = 502


__all__ = [
    "BadQuantity",
    "DomainError",
    "NotEligible",
    "NotFound",
    "OrderError",
    "OutOfStock",
    "PaymentError",
    "PermissionDenied",
    "PricingError",
    "QuotaExceeded",
    "RefundError",
]
