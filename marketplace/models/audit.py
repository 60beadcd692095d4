from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """Who did what, when: one row per state change, shown as a timeline.

    `action` is a dotted name such as `membership.role_changed`; `target` is a
    "model:id" reference so that any object can have a timeline without a
    generic foreign key.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation", on_delete=models.CASCADE, null=True, related_name="audit_entries"
    )
    action = models.CharField(max_length=80)
    target = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"
