"""Messages posted at the same moment each get their own number; a retried client id is stored once."""

import pytest

from messaging.models import Message
from messaging.services import conversation_open, message_post

from ..concurrency import race
from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sides():
    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    project = ProjectFactory(organisation=association.organisation, published=True)
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    return conversation, association, provider


def test_simultaneous_messages_get_distinct_increasing_numbers(sides):
    conversation, association, provider = sides
    results = race(
        *[
            (lambda member=member, n=n: message_post(user=member.user, conversation_id=conversation.pk, body=f"{n}"))
            for n, member in enumerate([association, provider] * 4)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(message.seq for message, _created in results) == list(range(1, 9))
    conversation.refresh_from_db()
    assert conversation.last_seq == 8


def test_the_same_client_id_twice_at_once_is_stored_once(sides):
    conversation, association, _provider = sides

    def post():
        return message_post(user=association.user, conversation_id=conversation.pk, body="Bonjour", client_id="c-1")

    results = race(post, post)
    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(created for _message, created in results) == [False, True]
    assert Message.objects.filter(conversation=conversation).count() == 1
