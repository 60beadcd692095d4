"""What search keeps in the main database: the indexing queue, the database engine's own index, and the
providers' saved searches and alerts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexKind(models.TextChoices):
    PROVIDER = "provider", "provider"
    PROJECT = "project", "project"


class IndexQueueItem(models.Model):
    """An object whose search document must be written (or removed) in the engine.

    One row per object, whatever the number of changes: a burst of edits is indexed once. Rows leave the
    table only after the engine acknowledged the write, so an engine that is down loses nothing; `attempts`
    and `next_attempt_at` space the retries out.
    """

    kind = models.CharField(max_length=20, choices=IndexKind.choices)
    object_id = models.PositiveBigIntegerField()
    enqueued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="index_queue_item_unique")]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class IndexAlias(models.Model):
    """The database engine's aliases: which physical index answers for "providers" or "projects".

    A rebuild fills a new index and then points the alias at it in one update, as on the cluster engines.
    """

    alias = models.CharField(max_length=120, unique=True)
    index = models.CharField(max_length=120)

    def __str__(self):
        return f"{self.alias} -> {self.index}"


class StoredDocument(models.Model):
    """A search document in the database engine: the source the cluster engines store, without the long texts."""

    index = models.CharField(max_length=120)
    object_id = models.PositiveBigIntegerField()
    source = models.JSONField()
    # Field-weighted number of terms, the document length of BM25.
    length = models.FloatField(default=0)
    verified = models.BooleanField(default=False)
    open = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["index", "object_id"], name="stored_document_unique")]

    def __str__(self):
        return f"{self.index}:{self.object_id}"


class Posting(models.Model):
    """Inverted index of the database engine: which documents hold a term (skills are "#slug" terms)."""

    document = models.ForeignKey(StoredDocument, on_delete=models.CASCADE, related_name="postings")
    index = models.CharField(max_length=120)
    term = models.CharField(max_length=100)
    # The term's BM25 weight in the document (before IDF), or 1 for skills.
    weight = models.FloatField(default=1.0)

    class Meta:
        indexes = [models.Index(fields=["index", "term"], name="posting_index_term")]

    def __str__(self):
        return self.term


class AlertEmail(models.TextChoices):
    """How a provider wants an alert by e-mail."""

    NONE = "none", _("Pas d'e-mail")
    INSTANT = "instant", _("Un e-mail à chaque nouveau projet")
    DAILY = "daily", _("Un résumé par jour")


#: The match score (out of 100) the default alert starts with.
DEFAULT_ALERT_THRESHOLD = 60


class SavedSearch(models.Model):
    """A search of the project board a provider keeps, and the alerts it wants when a new project matches it.

    `query` holds only the board's own parameters, checked by its FilterSet when saved, so opening it again
    shows the same board. It belongs to the organisation (its members see and change it); alerts reach the
    member who saved it.
    """

    organisation = models.ForeignKey("marketplace.Organisation", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("Nom"), max_length=120)
    query = models.CharField(max_length=2000, blank=True)
    in_app = models.BooleanField(_("Alerte sur le site"), default=True)
    email = models.CharField(
        _("Alerte par e-mail"), max_length=10, choices=AlertEmail.choices, default=AlertEmail.INSTANT
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class DefaultAlert(models.Model):
    """The organisation's "Projets qui me correspondent" alert, when it changed the defaults.

    Without a row the defaults apply (on, threshold 60, on the site and in a daily e-mail), so every
    verified provider has the alert from the start.
    """

    organisation = models.OneToOneField("marketplace.Organisation", on_delete=models.CASCADE, related_name="+")
    enabled = models.BooleanField(_("Activée"), default=True)
    threshold = models.PositiveSmallIntegerField(
        _("Correspondance minimale (sur 100)"),
        default=DEFAULT_ALERT_THRESHOLD,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    in_app = models.BooleanField(_("Alerte sur le site"), default=True)
    email = models.CharField(
        _("Alerte par e-mail"), max_length=10, choices=AlertEmail.choices, default=AlertEmail.DAILY
    )

    def __str__(self):
        return f"default alert of {self.organisation_id}"


class SearchAlert(models.Model):
    """A provider organisation was alerted about a project: one row per pair, so an alert is sent once.

    `saved_searches` and `default_alert` say which of its alerts matched, so the digest and the e-mails
    follow each alert's settings at the time they are sent. `digest_sent_at`: the daily e-mail went out.
    """

    organisation = models.ForeignKey("marketplace.Organisation", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("marketplace.Project", on_delete=models.CASCADE, related_name="+")
    saved_searches = models.ManyToManyField(SavedSearch, blank=True, related_name="alerts")
    default_alert = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "project"], name="search_alert_once")]

    def __str__(self):
        return f"{self.organisation_id}:{self.project_id}"
