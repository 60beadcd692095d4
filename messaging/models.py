"""Conversations between an association and a provider, about a project or direct, and their messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organisation, Project
from marketplace.models.verification import get_private_storage


class Conversation(models.Model):
    """One thread per (project, provider), or one direct thread per (association, provider).

    `last_seq` is the sequence number of the last message: posting locks this row
    and takes the next number, so every message of a conversation has its own.
    """

    association = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="association_conversations")
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="provider_conversations")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="conversations")
    last_seq = models.PositiveIntegerField(default=0)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "provider"],
                condition=models.Q(project__isnull=False),
                name="conversation_one_per_project_provider",
            ),
            models.UniqueConstraint(
                fields=["association", "provider"],
                condition=models.Q(project__isnull=True),
                name="conversation_one_direct_per_pair",
            ),
        ]

    def __str__(self):
        about = f" — {self.project}" if self.project_id else ""
        return f"{self.association} ↔ {self.provider}{about}"

    def other_side(self, organisation_id: int | None) -> int | None:
        """The other organisation's id, seen from one side (None for staff, who belong to neither)."""
        if organisation_id == self.association_id:
            return self.provider_id
        if organisation_id == self.provider_id:
            return self.association_id
        return None


class MessageKind(models.TextChoices):
    TEXT = "text", _("Message")
    SYSTEM = "system", _("Événement")


class Message(models.Model):
    """A message, numbered in its conversation; never deleted, only marked deleted or hidden by moderation."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    client_id = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=10, choices=MessageKind.choices, default=MessageKind.TEXT)
    body = models.TextField(blank=True)
    system_event = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sender_org = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="message_unique_seq"),
            # A client retrying after a lost answer sends the same id again: the database keeps one.
            models.UniqueConstraint(
                fields=["conversation", "sender_user", "client_id"],
                condition=~models.Q(client_id=""),
                name="message_unique_client_id",
            ),
        ]
        # The digest run looks for messages in a window of creation dates.
        indexes = [models.Index(fields=["created_at"], name="message_created_at_idx")]

    def __str__(self):
        return f"#{self.seq} {self.body[:40]}"

    @property
    def is_removed(self) -> bool:
        return self.deleted_at is not None or self.hidden_at is not None


class Question(models.Model):
    """A side waits for the other's reply: the response rule of conversations, and what its figures count.

    A text message written for one side opens a question to the other side, unless it answers a
    question waiting for its own side (an answer is not a new question) or its side already
    waits for an answer in this conversation (a follow-up belongs to the same question). The other
    side's next message closes the question (`answered_at`, `answer`). So a conversation holds at
    most one open question per side. The answer is due `RESPONSE_DEADLINE_WORKING_DAYS` working days
    after `asked_at` (`respond_by`); the side that must answer is reminded once before
    (`reminded_at`). System messages and messages the staff write as the platform never count.
    """

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    awaited_from = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="awaited_questions")
    message = models.ForeignKey("Message", on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField(_("posée le"))
    respond_by = models.DateTimeField(_("réponse attendue avant le"))
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answer = models.ForeignKey("Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("question en attente de réponse")
        verbose_name_plural = _("questions en attente de réponse")
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "awaited_from"],
                condition=models.Q(answered_at__isnull=True),
                name="question_one_open_per_side",
            ),
        ]
        indexes = [
            # An organisation's figures read its questions of the last months by deadline.
            models.Index(fields=["awaited_from", "respond_by"], name="question_awaited_due_idx"),
            # The reminder run looks only at open questions.
            models.Index(fields=["respond_by"], condition=models.Q(answered_at__isnull=True), name="question_open_idx"),
        ]

    def __str__(self):
        return f"{self.asked_by_id} → {self.awaited_from_id} @ {self.conversation_id}"


class RevisionAction(models.TextChoices):
    EDITED = "edited", _("Modifié")
    DELETED = "deleted", _("Supprimé")


class MessageRevision(models.Model):
    """The text a message had before an edit or a deletion, kept for moderation."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=10, choices=RevisionAction.choices)
    body = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.message_id} {self.action}"


class ReadState(models.Model):
    """How far an organisation has read a conversation; it only ever moves forward."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="read_states")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    last_read_seq = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "organisation"], name="read_state_unique"),
        ]

    def __str__(self):
        return f"{self.organisation_id} @ {self.conversation_id}: {self.last_read_seq}"


class MessageAttachment(models.Model):
    """A file sent in a conversation: private storage, served to its two organisations only."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=get_private_storage, upload_to="messages/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


# Moderation


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam ou publicité non sollicitée")
    ABUSE = "abuse", _("Harcèlement ou propos injurieux")
    FRAUD = "fraud", _("Fraude ou tentative d'arnaque")
    INAPPROPRIATE = "inappropriate", _("Contenu inapproprié")
    OTHER = "other", _("Autre motif")


class ReportState(models.TextChoices):
    OPEN = "open", _("À traiter")
    CLOSED = "closed", _("Traité")


class ReportOutcome(models.TextChoices):
    MESSAGE_HIDDEN = "message_hidden", _("Message masqué")
    DISMISSED = "dismissed", _("Classé sans suite")
    AUTHOR_SUSPENDED = "author_suspended", _("Auteur suspendu")


class Report(models.Model):
    """A participant asks the staff to look at a message, or at a whole conversation when `message` is empty.

    A user has at most one open report per target: asking twice would only
    lengthen the queue. Closing records who decided, when, and what was done.
    """

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_org = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.CharField(_("motif"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("précisions"), blank=True)
    state = models.CharField(_("état"), max_length=10, choices=ReportState.choices, default=ReportState.OPEN)
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("décision"), max_length=20, choices=ReportOutcome.choices, blank=True)
    staff_note = models.TextField(_("note de la modération"), blank=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "message"],
                condition=models.Q(state="open", message__isnull=False),
                name="report_one_open_per_user_message",
            ),
            models.UniqueConstraint(
                fields=["reporter", "conversation"],
                condition=models.Q(state="open", message__isnull=True),
                name="report_one_open_per_user_conversation",
            ),
        ]

    def __str__(self):
        target = f"#{self.message.seq}" if self.message_id else str(self.conversation_id)
        return f"{self.get_reason_display()} — {target}"

    @property
    def is_open(self) -> bool:
        return self.state == ReportState.OPEN


class UserSuspension(models.Model):
    """Why, when and by whom an account was suspended (`is_active=False`), and when it was restored.

    The account flag is what keeps the person out; this row is the record the
    flag lacks. At most one suspension per user is in force at a time.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.TextField(_("motif"))
    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    suspended_at = models.DateTimeField(_("suspendu le"), default=timezone.now)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("levée le"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lift_note = models.TextField(_("note de levée"), blank=True)

    class Meta:
        verbose_name = _("suspension de compte")
        verbose_name_plural = _("suspensions de compte")
        ordering = ["-suspended_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(lifted_at__isnull=True), name="suspension_one_active_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.suspended_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


# Email digests


class DigestEntry(models.Model):
    """A message already announced to a user by an unread-messages email: never announce it twice.

    The unique pair is the guard when two digest runs overlap: the second one
    cannot record, hence cannot send, what the first one did.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="digest_entries")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "message"], name="digest_entry_unique")]

    def __str__(self):
        return f"{self.user_id} ← {self.message_id}"
