"""After an author deletes their account, both sides still read the conversation, signed « Compte supprimé »."""

from marketplace.services.personal_data import account_delete
from messaging.services import message_post

from ..factories import PASSWORD
from ..project_factories import member_of


def test_the_other_side_reads_the_message_signed_deleted_account(client, parties):
    conversation, association, provider = parties
    writer = member_of(association.organisation, "member").user
    message_post(user=writer, conversation_id=conversation.pk, body="Nous serons là lundi.")
    account_delete(user=writer, password=PASSWORD)

    client.force_login(provider.user)
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Nous serons là lundi." in page
    assert f"Compte supprimé ({association.organisation.name})" in page
