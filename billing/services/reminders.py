"""One reminder for a bank-transfer order still unpaid after `BILLING_TRANSFER_REMINDER_DAYS` days."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.models import Membership
from marketplace.models.organisations import MANAGER_ROLES
from marketplace.plain_text import render_plain, render_subject
from marketplace.tasks import send_email

from .. import conf
from ..models import Order, OrderState, PaymentMethod
from .timeline import order_event


def reminder_delay() -> timedelta:
    return timedelta(days=max(int(conf.billing_transfer_reminder_days()), 0))


def transfer_orders_due_for_reminder(*, now=None):
    """Transfer orders awaiting payment for longer than the delay, never reminded."""
    now = now or timezone.now()
    return Order.objects.filter(
        payment_method=PaymentMethod.TRANSFER,
        state=OrderState.AWAITING_PAYMENT,
        transfer_reminded_at__isnull=True,
        created_at__lte=now - reminder_delay(),
    ).order_by("pk")


def transfer_reminders_send(*, now=None) -> int:
    """Send every reminder that is due (cron: `manage.py billing_send_reminders`); returns how many went out.

    Each order is reminded in its own transaction under its row lock, so two
    runs at once (cron and a task) still send one reminder per order.
    """
    due = list(transfer_orders_due_for_reminder(now=now).values_list("pk", flat=True))
    return sum(1 for order_id in due if _transfer_remind(order_id=order_id))


def _recipients(order: Order) -> list[str]:
    if order.created_by and order.created_by.is_active and order.created_by.email:
        return [order.created_by.email]
    managers = Membership.objects.filter(organisation=order.organisation, role__in=MANAGER_ROLES, user__is_active=True)
    return sorted(set(managers.values_list("user__email", flat=True)))


@transaction.atomic
def _transfer_remind(*, order_id: int) -> bool:
    order = Order.objects.select_for_update(of=("self",)).select_related("organisation", "created_by").get(pk=order_id)
    if order.transfer_reminded_at is not None or order.state != OrderState.AWAITING_PAYMENT:
        return False
    recipients = _recipients(order)
    order.transfer_reminded_at = timezone.now()
    order.save(update_fields=["transfer_reminded_at"])
    order_event(order=order, action="transfer.reminder_sent", data={"to": recipients})
    if recipients:
        subject, body = _render(order)
        transaction.on_commit(lambda: send_email.enqueue(to=recipients, subject=subject, body=body))
    return True


def _render(order: Order) -> tuple[str, str]:
    context = {
        "order": order,
        "days": reminder_delay().days,
        "seller": conf.billing_seller(),
        "order_url": conf.site_url() + reverse("billing:order", kwargs={"order_id": order.pk}),
    }
    with translation.override("fr"):
        return (
            render_subject("billing/emails/transfer_reminder_subject.txt", context),
            render_plain("billing/emails/transfer_reminder.txt", context),
        )
