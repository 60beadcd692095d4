"""The organisation's timeline, built from the audit trail."""

from django.db.models import QuerySet

from ..models import AuditEntry


def activity_list_for_organisation(*, organisation, limit: int = 20) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(organisation=organisation).select_related("actor")[:limit]
