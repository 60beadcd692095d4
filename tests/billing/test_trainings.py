"""Training sessions: seats held while paying, confirmed on payment, released on expiry, the waiting list,
cancellation policy, attendance and certificates, and pages reachable by the registered organisation only."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing.errors import NotEligible, NotFound, OrderError, PermissionDenied
from billing.models import Invoice, OrderEvent, OrderState, PaymentMethod
from billing.models.trainings import Registration, RegistrationState, SessionState, WaitlistEntry, WaitlistState
from billing.services.orders import order_mark_paid
from billing.services.trainings import (
    SessionFull,
    TrainingError,
    attendance_record,
    refund_decision,
    registration_cancel,
    registration_hold,
    registrations_release_expired,
    session_cancel,
    waitlist_join,
)
from marketplace.models import Membership
from tests.second_factor import verified_login

from ..factories import MembershipFactory
from .factories import ProductFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

ANA = {"first_name": "Ana", "last_name": "Lopez", "email": "ana@amis.test"}
BOB = {"first_name": "Bob", "last_name": "Martin", "email": "bob@amis.test"}
ZOE = {"first_name": "Zoé", "last_name": "Petit", "email": "zoe@voisin.test"}


@pytest.fixture
def membership(member, association):
    return Membership.objects.get(user=member, organisation=association)


@pytest.fixture
def other_membership(outsider, other_association):
    return Membership.objects.get(user=outsider, organisation=other_association)


@pytest.fixture
def session(db):
    """Public price 100 € HT, 40 € for 10-50 k€ budgets (the association's bracket), no VAT."""
    return TrainingSessionFactory()


def test_a_hold_creates_the_card_order_at_the_server_price_and_keeps_the_seats_15_minutes(membership, session):
    before = timezone.now()
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ANA, BOB])

    assert registration.state == RegistrationState.HELD
    assert registration.seats == 2
    assert before + timedelta(minutes=15) <= registration.held_until <= timezone.now() + timedelta(minutes=15)
    order = registration.order
    assert order.payment_method == PaymentMethod.CARD
    assert order.total_ttc_cents == 80_00
    assert "session du" in order.lines.get().description
    assert sorted(registration.participants.values_list("email", flat=True)) == ["ana@amis.test", "bob@amis.test"]
    assert session.seats_left() == 8
    assert OrderEvent.objects.filter(order=order, action="training.seats_held").exists()


@pytest.mark.parametrize(
    "participants",
    [
        [],
        "ana@amis.test",
        [{"first_name": "", "last_name": "Lopez", "email": "ana@amis.test"}],
        [{"first_name": "Ana", "last_name": "Lopez", "email": "not-an-email"}],
        [ANA, {**BOB, "email": "ANA@amis.test"}],
        [{"first_name": "P", "last_name": str(n), "email": f"p{n}@amis.test"} for n in range(21)],
        ["Ana Lopez"],
    ],
)
def test_bad_participants_are_refused_before_anything_is_created(membership, session, participants):
    with pytest.raises(TrainingError) as error:
        registration_hold(membership=membership, session_id=session.pk, participants=participants)

    assert error.value.field == "participants"
    assert not Registration.objects.exists()


def test_the_same_person_cannot_be_registered_twice(membership, session):
    registration_hold(membership=membership, session_id=session.pk, participants=[ANA])

    with pytest.raises(TrainingError, match="Déjà inscrit"):
        registration_hold(membership=membership, session_id=session.pk, participants=[ANA])


def test_a_full_session_refuses_and_offers_the_waiting_list(membership, other_membership):
    session = TrainingSessionFactory(capacity=1)
    registration_hold(membership=membership, session_id=session.pk, participants=[ANA])

    with pytest.raises(SessionFull, match="liste d'attente"):
        registration_hold(membership=other_membership, session_id=session.pk, participants=[ZOE])

    entry = waitlist_join(membership=other_membership, session_id=session.pk, seats=1)
    assert (entry.position, entry.state) == (1, WaitlistState.WAITING)
    with pytest.raises(TrainingError, match="déjà sur la liste"):
        waitlist_join(membership=other_membership, session_id=session.pk, seats=1)


def test_the_waiting_list_is_refused_while_seats_are_free(membership, session):
    with pytest.raises(TrainingError, match="inscrivez-vous directement"):
        waitlist_join(membership=membership, session_id=session.pk, seats=1)
    with pytest.raises(TrainingError):
        waitlist_join(membership=membership, session_id=session.pk, seats=0)


def test_registrations_close_at_the_deadline_and_on_cancelled_sessions(membership):
    closed = TrainingSessionFactory(registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(TrainingError, match="closes"):
        registration_hold(membership=membership, session_id=closed.pk, participants=[ANA])

    cancelled = TrainingSessionFactory(state=SessionState.CANCELLED)
    with pytest.raises(TrainingError, match="annulée"):
        registration_hold(membership=membership, session_id=cancelled.pk, participants=[ANA])

    with pytest.raises(NotFound):
        registration_hold(membership=membership, session_id=999_999, participants=[ANA])


def test_an_association_that_may_not_buy_the_training_is_refused(unverified_association, session):
    membership = MembershipFactory(organisation=unverified_association)

    with pytest.raises(NotEligible):
        registration_hold(membership=membership, session_id=session.pk, participants=[ANA])
    assert not Registration.objects.exists()


def test_payment_confirms_the_seats_once(membership, session):
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ANA])

    order_mark_paid(order_id=registration.order_id, source="stripe", reference="pi_1")
    order_mark_paid(order_id=registration.order_id, source="stripe", reference="pi_1")

    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED
    assert registration.held_until is None
    assert registration.order.state == OrderState.FULFILLED
    assert OrderEvent.objects.filter(order=registration.order, action="training.registration_confirmed").count() == 1
    assert Invoice.objects.filter(order=registration.order).count() == 1
    # A confirmed registration is never released by the expiry job.
    assert registrations_release_expired(now=timezone.now() + timedelta(hours=1)) == 0


def test_expiry_releases_the_seats_and_offers_them_to_the_first_in_line(
    membership, other_membership, django_capture_on_commit_callbacks, mailoutbox
):
    session = TrainingSessionFactory(capacity=1)
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ANA])
    first = waitlist_join(membership=other_membership, session_id=session.pk, seats=1)

    assert registrations_release_expired(now=timezone.now() + timedelta(minutes=5)) == 0  # still held

    later = timezone.now() + timedelta(minutes=16)
    with django_capture_on_commit_callbacks(execute=True):
        assert registrations_release_expired(now=later) == 1

    registration.refresh_from_db()
    assert registration.state == RegistrationState.RELEASED
    assert registration.order.state == OrderState.CANCELLED
    first.refresh_from_db()
    assert first.state == WaitlistState.OFFERED
    assert later + timedelta(hours=23) < first.offered_until <= later + timedelta(hours=24)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["boss@voisin.test"]
    assert f"/boutique/formations/offres/{first.pk}/" in mailoutbox[0].body

    # The freed seat is kept for the offer: nobody else may take it meanwhile; the offered organisation may.
    with pytest.raises(SessionFull):
        registration_hold(membership=membership, session_id=session.pk, participants=[BOB])
    taken = registration_hold(membership=other_membership, session_id=session.pk, participants=[ZOE])
    first.refresh_from_db()
    assert first.state == WaitlistState.ACCEPTED
    assert taken.state == RegistrationState.HELD


def test_an_expired_offer_goes_to_the_next_in_line(membership, other_membership, django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(capacity=1)
    registration_hold(membership=membership, session_id=session.pk, participants=[ANA])
    first = waitlist_join(membership=other_membership, session_id=session.pk, seats=1)
    second_organisation = MembershipFactory(organisation__name="Troisième", user__email="c@trois.test")
    second = WaitlistEntry.objects.create(
        session=session, organisation=second_organisation.organisation, seats=1, position=2
    )

    with django_capture_on_commit_callbacks(execute=True):
        registrations_release_expired(now=timezone.now() + timedelta(minutes=16))
        registrations_release_expired(now=timezone.now() + timedelta(hours=25))

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == WaitlistState.EXPIRED
    assert second.state == WaitlistState.OFFERED


def test_the_release_command_runs_for_cron(membership, session, capsys):
    call_command("billing_release_holds")
    assert "0 registration(s) released." in capsys.readouterr().out


# Cancellation -------------------------------------------------------------------------------------------------------


def _confirmed(membership, session, participants=(ANA,)):
    registration = registration_hold(membership=membership, session_id=session.pk, participants=list(participants))
    order_mark_paid(order_id=registration.order_id, source="stripe", reference="pi")
    registration.refresh_from_db()
    return registration


def test_the_refund_policy_full_until_7_days_before_none_after(membership, session):
    registration = _confirmed(membership, session)
    start = session.starts_at

    assert refund_decision(registration=registration, now=start - timedelta(days=8)).amount_cents == 40_00
    assert refund_decision(registration=registration, now=start - timedelta(days=7)).amount_cents == 40_00
    assert refund_decision(registration=registration, now=start - timedelta(days=6)).amount_cents == 0
    assert refund_decision(registration=registration, now=start, session_cancelled=True).amount_cents == 40_00


def test_an_early_cancellation_by_the_association_is_refunded_without_finance_staff(membership, session):
    registration = _confirmed(membership, session)
    registration.order.__class__.objects.filter(pk=registration.order_id).update(payment_method=PaymentMethod.TRANSFER)

    registration_cancel(membership=membership, registration_id=registration.pk)

    registration.refresh_from_db()
    order = registration.order
    assert registration.state == RegistrationState.CANCELLED
    assert registration.refund_due_cents == 40_00
    assert (order.state, order.refunded_cents) == (OrderState.REFUNDED, 40_00)
    note = order.credit_notes.get()
    assert note.total_ttc_cents == 40_00
    assert "délai de remboursement intégral" in note.reason
    assert not OrderEvent.objects.filter(order=order, action="refund.due").exists()
    assert session.seats_left() == session.capacity


def test_a_refund_the_provider_cannot_make_stays_due_for_finance_staff(membership, session):
    registration = _confirmed(membership, session)  # a card order whose payment Stripe never saw

    registration_cancel(membership=membership, registration_id=registration.pk)

    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED
    due = OrderEvent.objects.get(order=registration.order, action="refund.due")
    assert due.data["amount_cents"] == 40_00
    assert due.data["reason"] == "full_refund_period"
    assert registration.order.refunded_cents == 0


def test_a_late_cancellation_refunds_nothing(membership):
    session = TrainingSessionFactory(
        starts_at=timezone.now() + timedelta(days=5), registration_deadline=timezone.now() + timedelta(days=4)
    )
    registration = _confirmed(membership, session)

    registration_cancel(membership=membership, registration_id=registration.pk)

    registration.refresh_from_db()
    assert (registration.state, registration.refund_due_cents) == (RegistrationState.CANCELLED, 0)
    assert not OrderEvent.objects.filter(order=registration.order, action="refund.due").exists()


def test_a_held_registration_is_cancelled_with_its_unpaid_order(membership, other_membership, session):
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ANA])

    with pytest.raises(NotFound):
        registration_cancel(membership=other_membership, registration_id=registration.pk)
    registration_cancel(membership=membership, registration_id=registration.pk)

    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED
    assert registration.order.state == OrderState.CANCELLED
    with pytest.raises(OrderError, match="déjà annulée"):
        registration_cancel(membership=membership, registration_id=registration.pk)


def test_no_cancellation_once_the_session_has_started(membership, session):
    registration = _confirmed(membership, session)
    session.__class__.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(TrainingError, match="commencé"):
        registration_cancel(membership=membership, registration_id=registration.pk)


def test_staff_cancelling_a_session_cancels_and_refunds_everyone(membership, other_membership, session, staff):
    confirmed = _confirmed(membership, session, participants=(ANA, BOB))
    confirmed.order.__class__.objects.filter(pk=confirmed.order_id).update(payment_method=PaymentMethod.TRANSFER)
    held = registration_hold(membership=other_membership, session_id=session.pk, participants=[ZOE])

    with pytest.raises(PermissionDenied):
        session_cancel(actor=membership.user, session_id=session.pk)
    session_cancel(actor=staff, session_id=session.pk)

    session.refresh_from_db()
    confirmed.refresh_from_db()
    held.refresh_from_db()
    assert session.state == SessionState.CANCELLED
    assert (confirmed.state, confirmed.refund_due_cents) == (RegistrationState.CANCELLED, 80_00)
    assert (confirmed.order.state, confirmed.order.refunded_cents) == (OrderState.REFUNDED, 80_00)
    assert "annulée par l'organisateur" in confirmed.order.credit_notes.get().reason
    assert held.state == RegistrationState.CANCELLED
    assert held.order.state == OrderState.CANCELLED
    assert not held.order.credit_notes.exists()


# Attendance and certificates ----------------------------------------------------------------------------------------


@pytest.fixture
def attended(membership, session, staff):
    registration = _confirmed(membership, session, participants=(ANA, BOB))
    session.__class__.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=8), ends_at=timezone.now() - timedelta(hours=1)
    )
    ana = registration.participants.get(email=ANA["email"])
    attendance_record(actor=staff, session_id=session.pk, present_ids=[ana.pk])
    return registration


def test_attendance_is_recorded_by_staff_only(attended, membership, staff, session):
    ana, bob = attended.participants.order_by("first_name")
    assert (ana.attended, bob.attended) == (True, False)
    with pytest.raises(PermissionDenied):
        attendance_record(actor=membership.user, session_id=session.pk, present_ids=[bob.pk])
    with pytest.raises(TrainingError, match="inconnu"):
        attendance_record(actor=staff, session_id=session.pk, present_ids=[999_999])


def test_certificates_for_who_attended_to_members_and_staff_only(attended, member_client, client, outsider, staff):
    ana, bob = attended.participants.order_by("first_name")
    url = f"/boutique/formations/attestations/{ana.pk}/pdf/"

    response = member_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ana.certificate_number in response["Content-Disposition"]
    assert member_client.get(f"/boutique/formations/attestations/{bob.pk}/pdf/").status_code == 404

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    verified_login(client, staff)
    assert client.get(url).status_code == 200


def test_the_admin_screen_records_attendance(attended, client, staff, session):
    verified_login(client, staff)
    ana, bob = attended.participants.order_by("first_name")
    url = f"/admin/billing_training_attendance/{session.pk}/"

    page = client.get(url)
    assert page.status_code == 200
    assert "Ana Lopez" in page.text
    response = client.post(url, {"action": "attendance", "present": [str(ana.pk), str(bob.pk), "x"]})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.attended is True


# Pages --------------------------------------------------------------------------------------------------------------


def test_the_product_page_lists_the_next_sessions_with_seats_and_price(member_client, session):
    TrainingSessionFactory(product=session.product, state=SessionState.CANCELLED, trainer="Annulé")

    page = member_client.get(f"/boutique/{session.product.code}/")

    assert page.status_code == 200
    assert f"/boutique/formations/sessions/{session.pk}/" in page.text
    assert "10 places restantes" in page.text
    assert "40\u00a0€ HT la place" in page.text
    assert "Commander" not in page.text


def test_registering_through_the_form_redirects_to_the_payment(member_client, session):
    response = member_client.post(
        f"/boutique/formations/sessions/{session.pk}/inscription/",
        {
            "p-TOTAL_FORMS": "2",
            "p-INITIAL_FORMS": "0",
            "p-0-first_name": "Ana",
            "p-0-last_name": "Lopez",
            "p-0-email": "ana@amis.test",
            "p-1-first_name": "",
            "p-1-last_name": "",
            "p-1-email": "",
            "total_ttc_cents": "1",
        },
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/boutique/commandes/{registration.order_id}/"
    assert registration.seats == 1
    assert registration.order.total_ttc_cents == 40_00


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-0-first_name": "<b>A</b>", "p-0-email": "bad"},
        {"p-TOTAL_FORMS": "abc", "p-INITIAL_FORMS": "0"},
        {"p-TOTAL_FORMS": "1000", "p-INITIAL_FORMS": "0"},
    ],
)
def test_bad_registration_forms_are_400_never_500(member_client, session, data):
    response = member_client.post(f"/boutique/formations/sessions/{session.pk}/inscription/", data)

    assert response.status_code == 400
    assert "<b>A</b>" not in response.text
    assert not Registration.objects.exists()


def test_a_full_session_page_answers_409_with_the_waiting_list(member_client, other_membership):
    session = TrainingSessionFactory(capacity=1)
    registration_hold(membership=other_membership, session_id=session.pk, participants=[ZOE])

    response = member_client.post(
        f"/boutique/formations/sessions/{session.pk}/inscription/",
        {
            "p-TOTAL_FORMS": "1",
            "p-INITIAL_FORMS": "0",
            "p-0-first_name": "A",
            "p-0-last_name": "L",
            "p-0-email": "a@a.fr",
        },
    )
    assert response.status_code == 409
    assert "M'inscrire sur la liste d'attente" in response.text

    joined = member_client.post(f"/boutique/formations/sessions/{session.pk}/liste-attente/", {"seats": "1"})
    assert joined.status_code == 302
    assert WaitlistEntry.objects.get().position == 1
    assert (
        member_client.post(f"/boutique/formations/sessions/{session.pk}/liste-attente/", {"seats": "x"}).status_code
        == 400
    )


def test_the_online_link_is_shown_to_confirmed_organisations_only(member_client, client, outsider, membership):
    session = TrainingSessionFactory(mode="online", address="", online_url="https://visio.example/secret-room")
    url = f"/boutique/formations/sessions/{session.pk}/"

    assert "secret-room" not in member_client.get(url).text
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ANA])
    assert "secret-room" not in member_client.get(url).text  # held, not paid yet
    assert "secret-room" not in member_client.get(f"/boutique/formations/inscriptions/{registration.pk}/").text

    order_mark_paid(order_id=registration.order_id, source="stripe", reference="pi")
    assert "secret-room" in member_client.get(url).text
    assert "secret-room" in member_client.get(f"/boutique/formations/inscriptions/{registration.pk}/").text

    client.force_login(outsider)
    assert "secret-room" not in client.get(url).text


def test_another_organisations_registration_and_offer_are_404(member_client, other_membership, session):
    registration = registration_hold(membership=other_membership, session_id=session.pk, participants=[ZOE])
    entry = WaitlistEntry.objects.create(
        session=session, organisation=other_membership.organisation, seats=1, position=1
    )

    assert member_client.get(f"/boutique/formations/inscriptions/{registration.pk}/").status_code == 404
    assert member_client.post(f"/boutique/formations/inscriptions/{registration.pk}/annuler/").status_code == 404
    assert member_client.get(f"/boutique/formations/offres/{entry.pk}/").status_code == 404
    assert member_client.get("/boutique/formations/sessions/999999/").status_code == 404
    registrations = member_client.get("/boutique/formations/inscriptions/")
    assert registrations.status_code == 200
    assert "Zoé" not in registrations.text


def test_my_registrations_and_cancelling_from_the_page(member_client, membership, session):
    registration = registration_hold(membership=membership, session_id=session.pk, participants=[ANA])

    assert "Ana Lopez" in member_client.get("/boutique/formations/inscriptions/").text
    response = member_client.post(f"/boutique/formations/inscriptions/{registration.pk}/annuler/")

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED


def test_a_training_product_is_not_sold_without_a_session(member_client):
    product = ProductFactory(kind="training")
    assert "Commander" not in member_client.get(f"/boutique/{product.code}/").text


def test_the_release_task_runs_the_expiry(db):
    """The task a scheduler enqueues every minute runs the same release as the cron command."""
    from billing.tasks import release_expired_training_holds

    assert release_expired_training_holds.call() == 0
