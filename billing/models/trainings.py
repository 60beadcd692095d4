"""Training sessions of the catalogue's training seats: who registered, who waits, who attended."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organisation
from marketplace.states import StateSet

from .catalogue import Product, ProductKind
from .orders import Order


class SessionMode(models.TextChoices):
    ON_SITE = "on_site", _("En présentiel")
    ONLINE = "online", _("En ligne")


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmée")
    CANCELLED = "cancelled", _("Annulée")


class TrainingSessionQuerySet(models.QuerySet):
    def with_seats_left(self, *, now=None) -> "TrainingSessionQuerySet":
        """Annotate the seats anyone could hold now, as `seats_left()` counts them, in the same query.

        For lists of sessions (training pages, the self-assessment's advice): two subqueries instead
        of two queries per session. Holding a seat still counts under the row lock (`registration_hold`).
        """
        now = now or timezone.now()
        taken = (
            Registration.objects.filter(session=models.OuterRef("pk"), state__in=RegistrationState.HOLDS_SEATS)
            .values("session")
            .annotate(n=models.Sum("seats"))
            .values("n")
        )
        offered = (
            WaitlistEntry.objects.filter(
                session=models.OuterRef("pk"), state=WaitlistState.OFFERED, offered_until__gt=now
            )
            .values("session")
            .annotate(n=models.Sum("seats"))
            .values("n")
        )
        return self.annotate(
            annotated_seats_left=Greatest(
                models.F("capacity") - Coalesce(models.Subquery(taken), 0) - Coalesce(models.Subquery(offered), 0),
                0,
            )
        )


class TrainingSession(models.Model):
    """One dated session of a training product; its capacity is the rule `registration_hold` keeps under a row lock.

    The online link is a seat's privilege: it is shown only to organisations with a confirmed registration.
    """

    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        limit_choices_to={"kind": ProductKind.TRAINING},
        verbose_name=_("formation"),
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    mode = models.CharField(_("modalité"), max_length=10, choices=SessionMode.choices, default=SessionMode.ON_SITE)
    address = models.TextField(_("adresse"), blank=True)
    online_url = models.URLField(_("lien de la visioconférence"), blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(_("date limite d'inscription"))
    trainer = models.CharField(_("formateur ou formatrice"), max_length=200)
    state = models.CharField(_("état"), max_length=10, choices=SessionState.choices, default=SessionState.SCHEDULED)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["product", "state", "starts_at"])]

    def __str__(self):
        start = timezone.localtime(self.starts_at) if self.starts_at else None
        return f"{self.product} — {start:%d/%m/%Y %H:%M}" if start else str(self.product)

    def clean(self):
        errors = {}
        product = getattr(self, "product", None)
        if product is not None and product.kind != ProductKind.TRAINING:
            errors["product"] = _("Choisissez un produit de type « Place de formation ».")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fin doit suivre le début.")
        if self.starts_at and self.registration_deadline and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("Les inscriptions doivent fermer avant le début de la session.")
        if self.mode == SessionMode.ON_SITE and not self.address.strip():
            errors["address"] = _("Indiquez l'adresse d'une session en présentiel.")
        if self.mode == SessionMode.ONLINE and not self.online_url:
            errors["online_url"] = _("Indiquez le lien d'une session en ligne.")
        if errors:
            raise ValidationError(errors)

    def seats_taken(self) -> int:
        taken = self.registrations.filter(state__in=RegistrationState.HOLDS_SEATS).aggregate(n=models.Sum("seats"))["n"]
        return taken or 0

    def seats_offered(self, *, now=None, except_organisation=None) -> int:
        """Seats kept for waiting-list offers still running (an organisation's own offer is available to it)."""
        offers = self.waitlist.filter(state=WaitlistState.OFFERED, offered_until__gt=now or timezone.now())
        if except_organisation is not None:
            offers = offers.exclude(organisation=except_organisation)
        return offers.aggregate(n=models.Sum("seats"))["n"] or 0

    def seats_left(self, *, now=None, organisation=None) -> int:
        """Seats `organisation` could hold now; exact only under the session's row lock (see `registration_hold`)."""
        left = self.capacity - self.seats_taken() - self.seats_offered(now=now, except_organisation=organisation)
        return max(left, 0)

    @property
    def seats_left_now(self) -> int:
        """Seats left now: read from `with_seats_left()` when the list was annotated, else counted."""
        annotated = self.__dict__.get("annotated_seats_left")
        return annotated if annotated is not None else self.seats_left()

    @property
    def is_open_for_registration(self) -> bool:
        now = timezone.now()
        return self.state == SessionState.SCHEDULED and now < self.registration_deadline and now < self.starts_at

    @property
    def is_online(self) -> bool:
        return self.mode == SessionMode.ONLINE

    @property
    def is_cancelled(self) -> bool:
        return self.state == SessionState.CANCELLED

    @property
    def duration_hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 1)


class RegistrationState(models.TextChoices):
    HELD = "held", _("Places réservées, en attente de paiement")
    CONFIRMED = "confirmed", _("Confirmée")
    RELEASED = "released", _("Libérée (paiement non reçu)")
    CANCELLED = "cancelled", _("Annulée")

    # Registrations whose seats count against the session's capacity.
    HOLDS_SEATS = StateSet("HELD", "CONFIRMED")


class Registration(models.Model):
    """An organisation's seats in a session, paid through one order: held while paying, then confirmed or released."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="registrations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_registrations")
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="training_registration")
    seats = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    state = models.CharField(
        _("état"), max_length=10, choices=RegistrationState.choices, default=RegistrationState.HELD
    )
    held_until = models.DateTimeField(_("places réservées jusqu'au"), null=True, blank=True)
    refund_due_cents = models.PositiveIntegerField(_("remboursement dû (centimes)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["session", "created_at", "id"]
        indexes = [models.Index(fields=["session", "state"]), models.Index(fields=["state", "held_until"])]

    def __str__(self):
        return f"{self.organisation} — {self.session} ({self.seats})"

    @property
    def holds_seats(self) -> bool:
        return self.state in RegistrationState.HOLDS_SEATS

    @property
    def is_confirmed(self) -> bool:
        return self.state == RegistrationState.CONFIRMED


class Participant(models.Model):
    """A named person taking one seat; `attended` is set by staff after the session (None: not yet recorded)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="participants")
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("adresse e-mail"))
    attended = models.BooleanField(_("présent"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["registration", "last_name", "first_name", "id"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def certificate_number(self) -> str:
        """Stable and unique: derived from the row, so a certificate downloaded twice carries the same number."""
        year = timezone.localtime(self.registration.session.starts_at).year
        return f"ATT-{year}-{self.pk:06d}"


class WaitlistState(models.TextChoices):
    WAITING = "waiting", _("En attente")
    OFFERED = "offered", _("Place proposée")
    ACCEPTED = "accepted", _("Place réservée")
    EXPIRED = "expired", _("Proposition expirée")
    CANCELLED = "cancelled", _("Annulée")

    # Still in the queue: waiting for seats, or offered some.
    ACTIVE = StateSet("WAITING", "OFFERED")


class WaitlistEntry(models.Model):
    """An organisation waiting for seats in a full session, served in `position` order.

    While `offered`, the entry's seats are kept for it until `offered_until`; then the next in line gets them.
    """

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="waitlist")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="training_waitlist")
    seats = models.PositiveIntegerField(_("places souhaitées"), validators=[MinValueValidator(1)])
    position = models.PositiveIntegerField(_("rang"))
    state = models.CharField(_("état"), max_length=10, choices=WaitlistState.choices, default=WaitlistState.WAITING)
    offered_until = models.DateTimeField(_("proposition valable jusqu'au"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inscription en liste d'attente")
        verbose_name_plural = _("liste d'attente")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="billing_waitlist_unique_position"),
            models.UniqueConstraint(
                fields=["session", "organisation"],
                condition=models.Q(state__in=list(WaitlistState.ACTIVE)),
                name="billing_waitlist_one_active_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.session} — {self.position}. {self.organisation}"
