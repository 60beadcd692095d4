"""The audit trail: every state change says who did what, and when."""

from ..models import AuditEntry


def audit_record(*, actor, action: str, organisation=None, target=None, data: dict | None = None) -> AuditEntry:
    """Write one timeline entry; call it inside the service's transaction so both land or neither."""
    reference = ""
    if target is not None:
        reference = f"{target._meta.label_lower}:{target.pk}"
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        action=action,
        target=reference,
        data=data or {},
    )
