"""Posting, editing, deleting and reading messages: the rules the socket and the pages share."""

import datetime
import json

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from marketplace.errors import DomainError, NotFound
from messaging import services
from messaging.models import Conversation, Message, MessageRevision
from messaging.realtime import conversation_group, user_group
from messaging.selectors import conversation_get_for, inbox_for, messages_after, unread_count_for
from messaging.services import (
    MessageRateLimited,
    conversation_mark_read,
    conversation_open,
    message_delete,
    message_edit,
    message_payload,
    message_post,
)

from ..factories import UserFactory
from ..project_factories import VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def post(membership, conversation, body="Bonjour", **kwargs):
    return message_post(user=membership.user, conversation_id=conversation.pk, body=body, **kwargs)[0]


def test_one_conversation_per_project_and_provider_and_one_direct_per_pair(parties):
    conversation, association, provider = parties
    again = conversation_open(
        association=association.organisation, provider=provider.organisation, project=conversation.project
    )
    direct = conversation_open(association=association.organisation, provider=provider.organisation)
    assert again == conversation
    assert direct != conversation and direct.project is None
    assert conversation_open(association=association.organisation, provider=provider.organisation) == direct
    with pytest.raises(DomainError):
        conversation_open(association=provider.organisation, provider=association.organisation)


def test_each_side_speaks_for_its_organisation_others_get_not_found(parties):
    conversation, association, provider = parties
    assert conversation_get_for(user=association.user, conversation_id=conversation.pk)[1] == association.organisation
    assert conversation_get_for(user=provider.user, conversation_id=conversation.pk)[1] == provider.organisation
    both = member_of(provider.organisation, user=association.user)
    assert conversation_get_for(user=both.user, conversation_id=conversation.pk)[1] == association.organisation
    outsiders = [quoting_provider().user, member_of(VerifiedAssociationFactory()).user]
    for outsider in outsiders:
        with pytest.raises(NotFound):
            conversation_get_for(user=outsider, conversation_id=conversation.pk)
        with pytest.raises(NotFound):
            message_post(user=outsider, conversation_id=conversation.pk, body="Intrus")
        with pytest.raises(NotFound):
            conversation_mark_read(user=outsider, conversation_id=conversation.pk, seq=1)
    with pytest.raises(NotFound):
        conversation_get_for(user=association.user, conversation_id=conversation.pk + 1000)


def test_staff_read_any_conversation_and_post_as_the_platform(parties):
    conversation, association, _provider = parties
    staff = UserFactory(is_staff=True)
    assert conversation_get_for(user=staff, conversation_id=conversation.pk) == (conversation, None)
    message = message_post(user=staff, conversation_id=conversation.pk, body="Rappel des règles")[0]
    assert message.sender_org is None
    assert message_payload(message)["sender_name"] == "Équipe Passerelle"
    assert conversation_mark_read(user=staff, conversation_id=conversation.pk, seq=1) == 0


def test_sequence_numbers_increase_strictly(parties):
    conversation, association, provider = parties
    seqs = [post(member, conversation, f"Message {n}").seq for n, member in enumerate([association, provider] * 3)]
    assert seqs == [1, 2, 3, 4, 5, 6]
    conversation.refresh_from_db()
    assert conversation.last_seq == 6 and conversation.last_message_at is not None
    assert [m.seq for m in messages_after(conversation=conversation, after_seq=4)] == [5, 6]
    assert [m.seq for m in messages_after(conversation=conversation, after_seq=0, limit=2)] == [1, 2]


def test_the_same_client_id_twice_stores_one_message(parties):
    conversation, association, _provider = parties
    first, created = message_post(user=association.user, conversation_id=conversation.pk, body="Salut", client_id="abc")
    again, created_again = message_post(
        user=association.user, conversation_id=conversation.pk, body="Salut", client_id="abc"
    )
    assert created and not created_again
    assert first == again
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_body_is_required_and_bounded(parties):
    conversation, association, _provider = parties
    for body in ("", "   \n ", "x" * 5001):
        with pytest.raises(DomainError):
            post(association, conversation, body)
    assert post(association, conversation, "  ok  ").body == "ok"


def test_html_is_escaped_and_links_are_clickable(parties):
    conversation, association, _provider = parties
    message = post(association, conversation, '<script>alert("x")</script>\nVoir https://exemple.org/devis?a=1&b=2.')
    payload = message_payload(message)
    assert "<script>" not in payload["html"]
    assert "&lt;script&gt;" in payload["html"]
    assert '<a href="https://exemple.org/devis?a=1&amp;b=2" rel="nofollow noopener" target="_blank">' in payload["html"]
    assert "</a>." in payload["html"]
    assert "<br>" in payload["html"]
    assert payload["body"].startswith("<script>")
    assert payload["seq"] == 1 and payload["sender_org_id"] == association.organisation_id
    assert datetime.datetime.fromisoformat(payload["created_at"])


def test_the_author_edits_within_ten_minutes_and_a_revision_is_kept(parties, monkeypatch):
    conversation, association, provider = parties
    message = post(association, conversation, "Rendez-vous mardi")
    edited = message_edit(user=association.user, message_id=message.pk, body="Rendez-vous mercredi")
    assert edited.body == "Rendez-vous mercredi" and edited.edited_at
    assert MessageRevision.objects.get(message=message).body == "Rendez-vous mardi"
    with pytest.raises(DomainError):
        message_edit(user=provider.user, message_id=message.pk, body="Piraté")

    later = timezone.now() + datetime.timedelta(minutes=11)
    monkeypatch.setattr(services.timezone, "now", lambda: later)
    with pytest.raises(DomainError, match="dix minutes"):
        message_edit(user=association.user, message_id=message.pk, body="Trop tard")


def test_a_deleted_message_shows_as_deleted_and_its_text_stays_for_moderation(parties):
    conversation, association, provider = parties
    message = post(association, conversation, "Numéro de carte 1234")
    with pytest.raises(DomainError):
        message_delete(user=provider.user, message_id=message.pk)
    message_delete(user=association.user, message_id=message.pk)
    message.refresh_from_db()
    payload = message_payload(message)
    assert payload["deleted"] and payload["body"] == "" and "Message supprimé" in payload["html"]
    assert MessageRevision.objects.get(message=message, action="deleted").body == "Numéro de carte 1234"
    with pytest.raises(DomainError):
        message_edit(user=association.user, message_id=message.pk, body="Revenu")


def test_read_state_only_moves_forward_and_counts_unread(parties):
    conversation, association, provider = parties
    for n in range(3):
        post(provider, conversation, f"Question {n}")
    assert unread_count_for(user=association.user) == 3
    assert unread_count_for(user=provider.user) == 0  # its own messages
    assert conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=2) == 2
    assert conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=1) == 2
    assert unread_count_for(user=association.user) == 1
    assert conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=99) == 3
    assert unread_count_for(user=association.user) == 0


def test_twenty_messages_a_minute_then_wait(parties):
    conversation, association, _provider = parties
    for n in range(20):
        post(association, conversation, f"Message {n}")
    with pytest.raises(MessageRateLimited, match="patientez"):
        post(association, conversation, "Un de trop")
    assert Message.objects.filter(conversation=conversation).count() == 20


def test_attachments_are_checked_by_content(parties):
    conversation, association, _provider = parties
    fake = SimpleUploadedFile("devis.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError):
        post(association, conversation, "", attachments=[fake])
    message = post(association, conversation, "", attachments=[SimpleUploadedFile("devis.pdf", PDF)])
    payload = message_payload(message)
    assert payload["body"] == ""
    assert payload["attachments"][0]["name"] == "devis.pdf" and payload["attachments"][0]["size"] == len(PDF)


def test_inbox_sorts_by_activity_filters_unread_and_searches(parties):
    conversation, association, provider = parties
    other_provider = quoting_provider(name="Atelier Codeurs")
    other = conversation_open(association=association.organisation, provider=other_provider.organisation)
    post(other_provider, other, "Bonjour, une question sur l'hébergement")
    post(provider, conversation, "Voici le calendrier")
    assert list(inbox_for(user=association.user)) == [conversation, other]
    post(association, conversation, "Merci")
    assert list(inbox_for(user=association.user, unread_only=True)) == [other]
    assert list(inbox_for(user=association.user, q="hébergement")) == [other]
    assert list(inbox_for(user=association.user, q="codeurs")) == [other]
    assert list(inbox_for(user=association.user, q=conversation.project.title)) == [conversation]
    assert list(inbox_for(user=quoting_provider().user)) == []


def test_posting_broadcasts_to_the_conversation_and_the_other_side_after_commit(
    parties, django_capture_on_commit_callbacks
):
    conversation, association, provider = parties
    layer = get_channel_layer()
    room = async_to_sync(layer.new_channel)()
    inbox = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(conversation_group(conversation.pk), room)
    async_to_sync(layer.group_add)(user_group(association.user_id), inbox)

    with django_capture_on_commit_callbacks(execute=True):
        message = post(provider, conversation, "Bonjour")
    event = async_to_sync(layer.receive)(room)
    assert event["type"] == "conversation.message" and event["message"]["seq"] == message.seq
    assert async_to_sync(layer.receive)(inbox)["data"] == {"conversation_id": conversation.pk, "seq": 1}

    with django_capture_on_commit_callbacks(execute=True):
        message_edit(user=provider.user, message_id=message.pk, body="Bonjour à tous")
    assert async_to_sync(layer.receive)(room)["type"] == "conversation.message_changed"

    with django_capture_on_commit_callbacks(execute=True):
        conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=1)
    read = async_to_sync(layer.receive)(room)
    assert {key: value for key, value in read.items() if key != "frame"} == {
        "type": "conversation.read",
        "organisation_id": association.organisation_id,
        "seq": 1,
    }
    # The browser frame is encoded once for every socket, with the browser's event name.
    assert json.loads(read["frame"]) == {"type": "read", "organisation_id": association.organisation_id, "seq": 1}
    assert Conversation.objects.count() == 1


def test_staff_hide_a_message_others_may_not(parties):
    conversation, association, provider = parties
    message = post(provider, conversation, "Contenu douteux")
    with pytest.raises(DomainError):
        services.message_hide(user=association.user, message_id=message.pk)
    services.message_hide(user=UserFactory(is_staff=True), message_id=message.pk)
    message.refresh_from_db()
    payload = message_payload(message)
    assert payload["deleted"] and payload["body"] == "" and "modération" in payload["html"]
    assert message.body == "Contenu douteux"
    assert list(inbox_for(user=association.user, q="douteux")) == []
