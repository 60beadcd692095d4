"""What search keeps in the main database: the indexing queue, and the database engine's own index."""

from django.db import models
from django.utils import timezone


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
