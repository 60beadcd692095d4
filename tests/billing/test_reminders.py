"""One reminder for a bank transfer that has not arrived after BILLING_TRANSFER_REMINDER_DAYS days."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing.models import Order, OrderState
from billing.services.orders import order_cancel, order_create, order_record_transfer
from billing.services.reminders import transfer_reminders_send
from billing.tasks import send_transfer_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer_order(member, association, product):
    return order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )


def age(order, days):
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_an_old_unpaid_transfer_gets_one_reminder(transfer_order, mailoutbox, django_capture_on_commit_callbacks):
    age(transfer_order, 8)

    with django_capture_on_commit_callbacks(execute=True):
        assert transfer_reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert transfer_reminders_send() == 0

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["member@amis.test"]
    assert transfer_order.number in mail.subject
    assert "FR76 3000 1007 9412 3456 7890 185" in mail.body
    assert "48,00" in mail.body and f"/boutique/commandes/{transfer_order.pk}/" in mail.body
    transfer_order.refresh_from_db()
    assert transfer_order.transfer_reminded_at is not None
    assert transfer_order.state == OrderState.AWAITING_PAYMENT
    event = transfer_order.events.get(action="transfer.reminder_sent")
    assert event.data == {"to": ["member@amis.test"]}


def test_no_reminder_before_the_delay(transfer_order, mailoutbox, django_capture_on_commit_callbacks):
    age(transfer_order, 6)
    with django_capture_on_commit_callbacks(execute=True):
        assert transfer_reminders_send() == 0
    assert mailoutbox == []


def test_the_delay_comes_from_the_setting(transfer_order, settings, django_capture_on_commit_callbacks, mailoutbox):
    settings.BILLING_TRANSFER_REMINDER_DAYS = 2
    age(transfer_order, 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert transfer_reminders_send() == 1
    assert len(mailoutbox) == 1


def test_paid_cancelled_and_card_orders_are_not_reminded(
    transfer_order, member, association, product, staff, mailoutbox, django_capture_on_commit_callbacks
):
    cancelled = order_create(
        user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
    )
    order_cancel(user=member, order_id=cancelled.pk, organisation=association)
    card = order_create(user=member, organisation=association, product_id=product.pk, quantity=1, payment_method="card")
    Order.objects.filter(pk=card.pk).update(state=OrderState.AWAITING_PAYMENT)
    order_record_transfer(actor=staff, order_id=transfer_order.pk, reference="VIR-42")
    for order in (transfer_order, cancelled, card):
        age(order, 30)

    with django_capture_on_commit_callbacks(execute=True):
        assert transfer_reminders_send() == 0
    assert mailoutbox == []


def test_without_its_author_the_organisations_managers_are_reminded(
    transfer_order, association, mailoutbox, django_capture_on_commit_callbacks
):
    from marketplace.models.organisations import Role

    from ..factories import MembershipFactory

    MembershipFactory(organisation=association, role=Role.OWNER, user__email="owner@amis.test")
    Order.objects.filter(pk=transfer_order.pk).update(created_by=None)
    age(transfer_order, 10)

    with django_capture_on_commit_callbacks(execute=True):
        transfer_reminders_send()

    assert [mail.to for mail in mailoutbox] == [["owner@amis.test"]]


def test_the_cron_command_and_the_task(transfer_order, capsys, mailoutbox, django_capture_on_commit_callbacks):
    age(transfer_order, 8)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("billing_send_reminders")
    assert "1 relance(s)" in capsys.readouterr().out
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        result = send_transfer_reminders.enqueue()
    assert result.return_value == 0
