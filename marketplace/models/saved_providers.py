"""An association's own list of providers it likes, with a private note: "Mes prestataires"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class SavedProvider(models.Model):
    """A provider an association keeps at hand to invite later; the note is read by the association's members only."""

    association = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="saved_providers")
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="saved_by_associations")
    note = models.TextField(_("note privée"), blank=True, max_length=1000)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("prestataire enregistré")
        verbose_name_plural = _("prestataires enregistrés")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["association", "provider"], name="saved_provider_once")]

    def __str__(self):
        return f"{self.association_id} ♥ {self.provider_id}"
