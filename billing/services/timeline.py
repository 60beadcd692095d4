"""Every change of an order goes on its own timeline and on the platform's audit trail."""

from marketplace.services.audit import audit_record

from ..models import Order, OrderEvent


def order_event(*, order: Order, action: str, actor=None, data: dict | None = None) -> OrderEvent:
    """Call inside the service's transaction, so the change and its record land together."""
    actor = actor if actor is not None and actor.is_authenticated else None
    audit_record(actor=actor, action=action, organisation=order.organisation, target=order, data=data)
    return OrderEvent.objects.create(order=order, action=action, actor=actor, data=data or {})
