"""Twenty people writing at the same moment (messages, quotes, orders paid) on the embedded default.

SQLite has one writer at a time: each transaction must wait for the lock (immediate mode, busy timeout)
instead of failing with "database is locked" or "database table is locked", and no write may be lost.
The same scenario runs on PostgreSQL when DATABASE_URL points at it.
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from billing.models import Invoice, Order
from billing.models.orders import OrderState
from billing.services.orders import order_create, order_mark_paid
from marketplace.models import Proposal
from marketplace.models.organisations import Role
from messaging.models import Message
from messaging.services import conversation_open, message_post

from .billing.factories import ProductFactory
from .profile_factories import AssociationProfileFactory
from .project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider, submit_proposal

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = 10  # ten association members and ten providers: twenty users
MESSAGES_EACH = 3


def _run_at_once(calls):
    """Start every call at the same moment, each in its own thread (its own connection); return the errors."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait(timeout=30)
            call()
        except Exception as error:  # noqa: BLE001 - every failure must reach the assertion, not vanish in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a writer is still blocked"
    return errors


@pytest.fixture
def people():
    """One association with ten members, ten verified providers, a published project and a product."""
    association = VerifiedAssociationFactory(name="Les Amis du Quartier")
    AssociationProfileFactory(organisation=association, siret="12345678900011")
    members = [member_of(association, Role.MEMBER) for _ in range(PAIRS)]
    providers = [quoting_provider() for _ in range(PAIRS)]
    project = ProjectFactory(organisation=association, published=True)
    product = ProductFactory(code="m365", name="Microsoft 365 Business Premium")
    conversations = [
        conversation_open(association=association, provider=provider.organisation, project=project)
        for provider in providers
    ]
    return association, members, providers, project, product, conversations


def test_twenty_users_writing_at_once_all_succeed_and_nothing_is_lost(people):
    association, members, providers, project, product, conversations = people

    def association_member(member, conversation):
        for n in range(MESSAGES_EACH):
            message_post(user=member.user, conversation_id=conversation.pk, body=f"Question {n}")
        order = order_create(
            user=member.user, organisation=association, product_id=product.pk, quantity=1, payment_method="transfer"
        )
        order_mark_paid(order_id=order.pk, source="transfer", reference=f"VIR-{member.pk}")

    def provider(member, conversation):
        submit_proposal(member, project)
        for n in range(MESSAGES_EACH):
            message_post(user=member.user, conversation_id=conversation.pk, body=f"Réponse {n}")

    calls = []
    for member, quoting, conversation in zip(members, providers, conversations, strict=True):
        calls.append(lambda m=member, c=conversation: association_member(m, c))
        calls.append(lambda m=quoting, c=conversation: provider(m, c))

    errors = _run_at_once(calls)

    assert errors == []
    for conversation in conversations:
        messages = Message.objects.filter(conversation=conversation)
        assert messages.filter(body__regex=r"^(Question|Réponse) ").count() == 2 * MESSAGES_EACH
        assert sorted(messages.values_list("seq", flat=True)) == list(range(1, messages.count() + 1))
    assert Proposal.objects.filter(project=project).count() == PAIRS
    assert Order.objects.filter(organisation=association, state__in=OrderState.PAID_ONWARDS).count() == PAIRS
    year = timezone.localtime().year
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"FAC-{year}-{n:06d}" for n in range(1, PAIRS + 1)]
