"""Training seats: held while paying, confirmed on payment, released on expiry, offered to the waiting list.

Every change of a session's seats happens with the session row locked
(`select_for_update`), so two associations taking the last seat at once are
served one after the other and exactly one gets it. Locks are always taken
in the same order: order, then session, then registration.

Seats counted against the capacity: held and confirmed registrations, plus
the seats kept for a waiting-list offer that has not expired yet. A seat
freed by an expiry or a cancellation therefore goes to the waiting list first.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import Membership, Organisation
from marketplace.plain_text import render_plain, render_subject
from marketplace.services.audit import audit_record
from marketplace.tasks import send_email

from .. import conf
from ..errors import DomainError, NotFound, OrderError, PermissionDenied
from ..models import Order, OrderState, PaymentMethod
from ..models.trainings import (
    Participant,
    Registration,
    RegistrationState,
    SessionState,
    TrainingSession,
    WaitlistEntry,
    WaitlistState,
)
from ..pricing import price_for
from .orders import order_cancel, order_create
from .timeline import order_event

logger = logging.getLogger(__name__)


class TrainingError(OrderError):
    """A registration rule refused the request (closed, already cancelled, ...)."""


class SessionFull(TrainingError):
    """Not enough seats left: the page offers the waiting list instead."""


# Reads ---------------------------------------------------------------------------------------------------------------


def seats_left(*, session: TrainingSession, now=None, organisation: Organisation | None = None) -> int:
    return session.seats_left(now=now, organisation=organisation)


def session_list_upcoming(*, product) -> list[TrainingSession]:
    """The product's scheduled sessions still open for registration."""
    now = timezone.now()
    return list(
        TrainingSession.objects.filter(
            product=product, state=SessionState.SCHEDULED, registration_deadline__gt=now
        ).order_by("starts_at")
    )


def session_get_open(*, session_id: int) -> TrainingSession | None:
    return (
        TrainingSession.objects.filter(pk=session_id, state=SessionState.SCHEDULED, product__is_active=True)
        .select_related("product")
        .first()
    )


def organisation_has_confirmed_seat(*, session: TrainingSession, organisation: Organisation | None) -> bool:
    """Only a confirmed registration reveals the online link: a held seat may still be released."""
    if organisation is None:
        return False
    return session.registrations.filter(organisation=organisation, state=RegistrationState.CONFIRMED).exists()


def registration_list_for(*, organisation: Organisation):
    return (
        Registration.objects.filter(organisation=organisation)
        .select_related("session", "session__product", "order")
        .prefetch_related("participants")
        .order_by("-session__starts_at", "-id")
    )


def registration_get_for(*, organisation: Organisation | None, registration_id: int) -> Registration | None:
    """The registration if it belongs to `organisation`; None (a plain 404) otherwise."""
    if organisation is None:
        return None
    return registration_list_for(organisation=organisation).filter(pk=registration_id).first()


def waitlist_offer_get_for(*, organisation: Organisation | None, entry_id: int) -> WaitlistEntry | None:
    if organisation is None:
        return None
    return WaitlistEntry.objects.filter(pk=entry_id, organisation=organisation).select_related("session").first()


def participant_certificate_get(*, user, organisation: Organisation | None, participant_id: int) -> Participant | None:
    """A participant who attended a session: staff see all; members only their active organisation's."""
    participants = Participant.objects.filter(
        pk=participant_id, attended=True, registration__state=RegistrationState.CONFIRMED
    ).select_related("registration__session__product", "registration__organisation")
    if user.is_authenticated and user.is_active and user.is_staff:
        return participants.first()
    if organisation is None:
        return None
    return participants.filter(registration__organisation=organisation).first()


# Policies ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefundDecision:
    amount_cents: int
    reason: str


def refund_decision(*, registration: Registration, now=None, session_cancelled: bool = False) -> RefundDecision:
    """How much goes back to the association when a confirmed registration is cancelled.

    Staff cancelling the session refund everything; the association gets a full
    refund until `conf.training_full_refund_days()` before the start, nothing after.
    """
    order = registration.order
    remaining = max(order.total_ttc_cents - order.refunded_cents, 0)
    if session_cancelled:
        return RefundDecision(remaining, "session_cancelled")
    now = now or timezone.now()
    if now <= registration.session.starts_at - timedelta(days=conf.training_full_refund_days()):
        return RefundDecision(remaining, "full_refund_period")
    return RefundDecision(0, "late_cancellation")


# Holding seats -------------------------------------------------------------------------------------------------------


def _clean_participants(participants) -> list[dict]:
    """Named participants, 1 to `conf.training_max_participants()`, each with a valid and distinct email."""
    if not isinstance(participants, list | tuple) or not participants:
        raise TrainingError(_("Indiquez au moins un participant."), field="participants")
    if len(participants) > conf.training_max_participants():
        raise TrainingError(
            _("Vous pouvez inscrire au plus %(max)d participants à la fois.")
            % {"max": conf.training_max_participants()},
            field="participants",
        )
    cleaned, emails = [], set()
    for person in participants:
        if not isinstance(person, dict):
            raise TrainingError(_("Participant illisible."), field="participants")
        first = str(person.get("first_name") or "").strip()[:100]
        last = str(person.get("last_name") or "").strip()[:100]
        email = str(person.get("email") or "").strip().lower()[:254]
        if not first or not last:
            raise TrainingError(_("Indiquez le prénom et le nom de chaque participant."), field="participants")
        try:
            validate_email(email)
        except ValidationError as error:
            raise TrainingError(
                _("Adresse e-mail invalide : %(email)s") % {"email": email}, field="participants"
            ) from error
        if email in emails:
            raise TrainingError(_("Chaque participant doit avoir sa propre adresse e-mail."), field="participants")
        emails.add(email)
        cleaned.append({"first_name": first, "last_name": last, "email": email})
    return cleaned


def _check_open(session: TrainingSession, now) -> None:
    if session.state != SessionState.SCHEDULED:
        raise TrainingError(_("Cette session a été annulée."))
    if now >= session.registration_deadline or now >= session.starts_at:
        raise TrainingError(_("Les inscriptions à cette session sont closes."))


def _check_not_registered_yet(session: TrainingSession, people: list[dict]) -> None:
    taken = Participant.objects.filter(
        registration__session=session,
        registration__state__in=RegistrationState.HOLDS_SEATS,
        email__in=[person["email"] for person in people],
    ).values_list("email", flat=True)
    if taken:
        raise TrainingError(
            _("Déjà inscrit à cette session : %(emails)s") % {"emails": ", ".join(sorted(set(taken)))},
            field="participants",
        )


def _lock_session(session_id) -> TrainingSession:
    session = TrainingSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise NotFound(_("Cette session n'existe pas."))
    return session


def registration_hold(*, membership: Membership, session_id: int, participants) -> Registration:
    """Hold seats for named participants for `conf.training_hold_minutes()`, with the card order that pays for them.

    The price is the server's (`price_for` through `order_create`). Refused when
    the session is closed, full (then the waiting list is offered), or the
    association may not buy this training.
    """
    people = _clean_participants(participants)
    now = timezone.now()
    organisation = membership.organisation
    with transaction.atomic():
        session = _lock_session(session_id)
        _check_open(session, now)
        left = seats_left(session=session, now=now, organisation=organisation)
        if len(people) > left:
            raise SessionFull(
                _("Il ne reste que %(left)d place(s) pour cette session : inscrivez-vous sur la liste d'attente.")
                % {"left": left}
            )
        _check_not_registered_yet(session, people)
        order = order_create(
            user=membership.user,
            organisation=organisation,
            product_id=session.product_id,
            quantity=len(people),
            payment_method=PaymentMethod.CARD,
        )
        start = timezone.localtime(session.starts_at)
        line = order.lines.get()
        line.description = f"{line.description} — session du {start:%d/%m/%Y}"[:255]
        line.save(update_fields=["description"])
        registration = Registration(
            session=session,
            organisation=organisation,
            order=order,
            seats=len(people),
            held_until=now + timedelta(minutes=conf.training_hold_minutes()),
            created_by=membership.user,
        )
        registration.full_clean()
        registration.save()
        Participant.objects.bulk_create(Participant(registration=registration, **person) for person in people)
        WaitlistEntry.objects.filter(
            session=session, organisation=organisation, state=WaitlistState.OFFERED, offered_until__gt=now
        ).update(state=WaitlistState.ACCEPTED)
        order_event(
            order=order,
            action="training.seats_held",
            actor=membership.user,
            data={"session": session.pk, "seats": len(people), "held_until": registration.held_until.isoformat()},
        )
    return registration


def waitlist_join(*, membership: Membership, session_id: int, seats) -> WaitlistEntry:
    """Queue for a full session; refused when the seats are there to take (then register directly)."""
    if isinstance(seats, bool) or not isinstance(seats, int) or not 1 <= seats <= conf.training_max_participants():
        raise TrainingError(
            _("Indiquez un nombre de places entre 1 et %(max)d.") % {"max": conf.training_max_participants()},
            field="seats",
        )
    now = timezone.now()
    organisation = membership.organisation
    with transaction.atomic():
        session = _lock_session(session_id)
        _check_open(session, now)
        price_for(product=session.product, organisation=organisation, quantity=seats)  # refuses who may not buy
        if seats_left(session=session, now=now, organisation=organisation) >= seats:
            raise TrainingError(_("Des places sont disponibles : inscrivez-vous directement."))
        if session.waitlist.filter(organisation=organisation, state__in=WaitlistState.ACTIVE).exists():
            raise TrainingError(_("Votre organisation est déjà sur la liste d'attente de cette session."))
        position = (session.waitlist.aggregate(n=Max("position"))["n"] or 0) + 1
        entry = WaitlistEntry(
            session=session, organisation=organisation, seats=seats, position=position, created_by=membership.user
        )
        entry.full_clean()
        entry.save()
        audit_record(
            actor=membership.user,
            action="training.waitlist_joined",
            organisation=organisation,
            target=entry,
            data={"session": session.pk, "seats": seats, "position": position},
        )
    return entry


# Payment -------------------------------------------------------------------------------------------------------------


def registration_confirm_for_order(*, order: Order) -> Registration | None:
    """Fulfilment of a paid training order: its held seats become confirmed, once.

    Called by `billing.services.fulfilment.order_fulfil` with the order row locked. A payment for seats
    no longer held (session cancelled meanwhile) is recorded as a refund due.
    """
    session_id = Registration.objects.filter(order=order).values_list("session_id", flat=True).first()
    if session_id is None:
        return None
    session = TrainingSession.objects.select_for_update().get(pk=session_id)
    registration = Registration.objects.select_for_update().get(order=order)
    if registration.state == RegistrationState.CONFIRMED:
        return registration
    if registration.state != RegistrationState.HELD or session.state != SessionState.SCHEDULED:
        order_event(
            order=order,
            action="refund.due",
            data={"amount_cents": order.total_ttc_cents, "reason": "paid_after_seats_released"},
        )
        return registration
    registration.state = RegistrationState.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.held_until = None
    registration.save(update_fields=["state", "confirmed_at", "held_until"])
    order_event(order=order, action="training.registration_confirmed", data={"session": session.pk})
    return registration


# Expiry and the waiting list -----------------------------------------------------------------------------------------


def _offer_freed_seats(session: TrainingSession, now) -> list[int]:
    """Offer free seats to the waiting list in order (call with the session locked); the entries offered.

    An entry that wants more seats than are free is skipped for now, so a large
    request never blocks the smaller ones behind it.
    """
    if session.state != SessionState.SCHEDULED or now >= session.registration_deadline:
        return []
    free = seats_left(session=session, now=now)
    offered = []
    for entry in session.waitlist.filter(state=WaitlistState.WAITING).order_by("position"):
        if free <= 0:
            break
        if entry.seats > free:
            continue
        entry.state = WaitlistState.OFFERED
        entry.offered_until = min(now + timedelta(hours=conf.training_offer_hours()), session.registration_deadline)
        entry.save(update_fields=["state", "offered_until"])
        audit_record(
            actor=None,
            action="training.waitlist_offered",
            organisation=entry.organisation,
            target=entry,
            data={"session": session.pk, "seats": entry.seats, "offered_until": entry.offered_until.isoformat()},
        )
        free -= entry.seats
        offered.append(entry.pk)
        transaction.on_commit(lambda pk=entry.pk: waitlist_offer_notify(entry_id=pk))
    return offered


def waitlist_offer_notify(*, entry_id: int) -> None:
    """Email the offer's link to who queued (or the organisation's members if that person left)."""
    entry = WaitlistEntry.objects.select_related("session__product", "organisation", "created_by").get(pk=entry_id)
    recipients = [entry.created_by.email] if entry.created_by and entry.created_by.email else []
    if not recipients:
        recipients = list(
            Membership.objects.filter(organisation=entry.organisation).values_list("user__email", flat=True)
        )
    context = {
        "entry": entry,
        "session": entry.session,
        "starts_at": timezone.localtime(entry.session.starts_at),
        "offered_until": timezone.localtime(entry.offered_until),
        "url": conf.site_url() + reverse("billing:training_offer", args=[entry.pk]),
    }
    subject = render_subject("billing/emails/waitlist_offer_subject.txt", context)
    body = render_plain("billing/emails/waitlist_offer.txt", context)
    for email in recipients:
        send_email.enqueue(to=[email], subject=subject, body=body)


def _registration_release(registration_id: int, now) -> bool:
    """Release one expired hold: its unpaid order is cancelled first (at Stripe too), then the seats go back.

    A payment already taken or in progress keeps the hold: the webhook will confirm it.
    """
    registration = Registration.objects.select_related("order").get(pk=registration_id)
    order = registration.order
    if order.is_unpaid:
        try:
            order_cancel(user=None, order_id=order.pk, staff=True)
        except OrderError:
            pass  # a payment in progress, or the order was cancelled meanwhile: the row below says which
    order.refresh_from_db()
    if order.state != OrderState.CANCELLED:
        return False
    with transaction.atomic():
        session = _lock_session(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.state != RegistrationState.HELD:
            return False
        registration.state = RegistrationState.RELEASED
        registration.save(update_fields=["state"])
        order_event(order=order, action="training.seats_released", data={"seats": registration.seats})
        _offer_freed_seats(session, now)
    return True


def registrations_release_expired(*, now=None) -> int:
    """Release holds past `held_until`, expire waiting-list offers, and offer the freed seats to the next in line.

    Run every minute (`manage.py billing_release_holds` from cron, or the task of the same name).
    """
    now = now or timezone.now()
    released = 0
    expired = Registration.objects.filter(state=RegistrationState.HELD, held_until__lte=now).values_list(
        "pk", flat=True
    )
    for registration_id in list(expired):
        released += _registration_release(registration_id, now)
    stale_offers = WaitlistEntry.objects.filter(state=WaitlistState.OFFERED, offered_until__lte=now)
    session_ids = set(stale_offers.values_list("session_id", flat=True))
    session_ids |= set(
        WaitlistEntry.objects.filter(
            state=WaitlistState.WAITING,
            session__state=SessionState.SCHEDULED,
            session__registration_deadline__gt=now,
        ).values_list("session_id", flat=True)
    )
    for session_id in sorted(session_ids):
        with transaction.atomic():
            session = _lock_session(session_id)
            for entry in session.waitlist.filter(state=WaitlistState.OFFERED, offered_until__lte=now):
                entry.state = WaitlistState.EXPIRED
                entry.save(update_fields=["state"])
                audit_record(
                    actor=None, action="training.waitlist_offer_expired", organisation=entry.organisation, target=entry
                )
            _offer_freed_seats(session, now)
    return released


# Cancellation --------------------------------------------------------------------------------------------------------


def _refund(*, order_id: int, amount_cents: int, actor, reason: str) -> None:
    """Refund what the policy decided, through the provider, with its credit note.

    The policy (or staff cancelling the session) decided the amount, so no finance
    permission is asked of the association's member. When the provider refuses or
    cannot be reached, the amount stays on the timeline as "refund due" for finance
    staff to refund from the admin: the cancellation itself is never undone.
    """
    if amount_cents <= 0:
        return
    from .refunds import refund_issue

    try:
        refund_issue(actor=actor, order_id=order_id, amount_cents=amount_cents, reason=_refund_reason(reason))
    except DomainError as error:
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            order_event(
                order=order,
                action="refund.due",
                actor=actor,
                data={"amount_cents": amount_cents, "reason": reason, "error": str(error.message)},
            )


def _refund_reason(policy: str) -> str:
    """The credit note's reason, in words the association's accountant understands."""
    reasons = {
        "session_cancelled": _("Session de formation annulée par l'organisateur"),
        "full_refund_period": _("Inscription annulée dans le délai de remboursement intégral"),
    }
    return str(reasons.get(policy, _("Annulation d'une inscription à une formation")))


def _registration_cancel(*, registration_id: int, actor, session_cancelled: bool) -> Registration:
    registration = Registration.objects.select_related("order", "session").get(pk=registration_id)
    now = timezone.now()
    if not session_cancelled and now >= registration.session.starts_at:
        raise TrainingError(_("La session a commencé : l'inscription ne peut plus être annulée."))
    if registration.state == RegistrationState.HELD and registration.order.is_unpaid:
        # Cancelling the unpaid order first closes its PaymentIntent; refused while a payment is in progress.
        order_cancel(user=actor, order_id=registration.order_id, staff=True)
    decision = RefundDecision(0, "unpaid")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=registration.order_id)
        session = _lock_session(registration.session_id)
        registration = (
            Registration.objects.select_for_update().select_related("order", "session").get(pk=registration_id)
        )
        if registration.state not in RegistrationState.HOLDS_SEATS:
            raise TrainingError(_("Cette inscription est déjà annulée."))
        if registration.state == RegistrationState.CONFIRMED:
            decision = refund_decision(registration=registration, now=now, session_cancelled=session_cancelled)
        elif order.state != OrderState.CANCELLED:
            raise TrainingError(_("Un paiement est en cours pour cette inscription : réessayez dans un instant."))
        registration.state = RegistrationState.CANCELLED
        registration.cancelled_at = now
        registration.refund_due_cents = decision.amount_cents
        registration.save(update_fields=["state", "cancelled_at", "refund_due_cents"])
        order_event(
            order=order,
            action="training.registration_cancelled",
            actor=actor,
            data={"refund_cents": decision.amount_cents, "policy": decision.reason, "by_staff": session_cancelled},
        )
        _offer_freed_seats(session, now)
    _refund(order_id=order.pk, amount_cents=decision.amount_cents, actor=actor, reason=decision.reason)
    return registration


def registration_cancel(*, membership: Membership, registration_id: int) -> Registration:
    """The association cancels its seats before the session; the refund follows `refund_decision`."""
    registration = Registration.objects.filter(pk=registration_id, organisation=membership.organisation).first()
    if registration is None:
        raise NotFound(_("Cette inscription n'existe pas."))
    return _registration_cancel(registration_id=registration.pk, actor=membership.user, session_cancelled=False)


def session_cancel(*, actor, session_id: int) -> TrainingSession:
    """Staff cancel a session: every registration is cancelled and refunded in full, the waiting list closed."""
    if not (actor.is_authenticated and actor.is_active and actor.is_staff):
        raise PermissionDenied(_("Seule l'équipe de la plateforme annule une session."))
    with transaction.atomic():
        session = _lock_session(session_id)
        if session.state == SessionState.CANCELLED:
            raise TrainingError(_("Cette session est déjà annulée."))
        session.state = SessionState.CANCELLED
        session.cancelled_at = timezone.now()
        session.save(update_fields=["state", "cancelled_at"])
        session.waitlist.filter(state__in=WaitlistState.ACTIVE).update(state=WaitlistState.CANCELLED)
        audit_record(actor=actor, action="training.session_cancelled", target=session, data={"session": session.pk})
    for registration_id in session.registrations.filter(state__in=RegistrationState.HOLDS_SEATS).values_list(
        "pk", flat=True
    ):
        try:
            _registration_cancel(registration_id=registration_id, actor=actor, session_cancelled=True)
        except DomainError as error:
            # A payment in flight: its webhook finds the session cancelled and records the refund due.
            logger.warning("Registration %s not cancelled with its session: %s", registration_id, error.message)
    return session


# Attendance ----------------------------------------------------------------------------------------------------------


def attendance_record(*, actor, session_id: int, present_ids) -> int:
    """Staff record who attended (the others of confirmed registrations are marked absent); returns the present."""
    if not (actor.is_authenticated and actor.is_active and actor.is_staff):
        raise PermissionDenied(_("Seule l'équipe de la plateforme enregistre les présences."))
    with transaction.atomic():
        session = _lock_session(session_id)
        if session.state != SessionState.SCHEDULED:
            raise TrainingError(_("Cette session a été annulée."))
        if timezone.now() < session.starts_at:
            raise TrainingError(_("Les présences s'enregistrent une fois la session commencée."))
        participants = Participant.objects.filter(
            registration__session=session, registration__state=RegistrationState.CONFIRMED
        )
        present = {int(pk) for pk in present_ids}
        unknown = present - set(participants.values_list("pk", flat=True))
        if unknown:
            raise TrainingError(_("Participant inconnu pour cette session."))
        participants.filter(pk__in=present).update(attended=True)
        participants.exclude(pk__in=present).update(attended=False)
        audit_record(
            actor=actor, action="training.attendance_recorded", target=session, data={"present": sorted(present)}
        )
    return len(present)
