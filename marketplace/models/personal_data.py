"""A person's data archive, built in the background and downloadable by that person alone for a while."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .verification import get_private_storage


class ExportState(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En préparation")
    READY = "ready", _("Prête")
    FAILED = "failed", _("Échec")

    @classmethod
    def in_progress(cls) -> tuple[str, ...]:
        return (cls.PENDING, cls.RUNNING)


class PersonalDataExport(models.Model):
    """One archive of everything the platform holds about a person (RGPD, right of access and portability).

    The ZIP lives in private storage; only its owner may download it (`personal_data_export_for_download`),
    until `expires_at`, after which the retention run deletes the file and the row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    state = models.CharField(max_length=10, choices=ExportState.choices, default=ExportState.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=get_private_storage, upload_to="exports/%Y/%m/", blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("export de données personnelles")
        verbose_name_plural = _("exports de données personnelles")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def in_progress(self) -> bool:
        return self.state in ExportState.in_progress()

    @property
    def is_downloadable(self) -> bool:
        return (
            self.state == ExportState.READY
            and bool(self.file)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
