"""What Stripe told us: each webhook event is recorded once, so a replayed event changes nothing."""

from django.db import models


class StripeEvent(models.Model):
    """One Stripe event, keyed by its id (unique): a second delivery finds the row and stops there."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True)
    order = models.ForeignKey(
        "billing.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="stripe_events"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
