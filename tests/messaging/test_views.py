"""The pages work without JavaScript: post and redirect, poll for news, download attachments, edit, delete."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from messaging.models import Conversation, Message, MessageAttachment
from messaging.services import conversation_mark_read, message_post

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def url(name, **kwargs):
    return reverse(f"messaging:{name}", kwargs=kwargs)


def outsiders():
    return [quoting_provider(), member_of(VerifiedAssociationFactory())]


def test_the_conversation_page_shows_messages_escaped_and_marks_them_read(client, parties):
    conversation, association, provider = parties
    message_post(user=provider.user, conversation_id=conversation.pk, body="<b>Bonjour</b> https://exemple.org")
    client.force_login(association.user)
    response = client.get(url("conversation", conversation_id=conversation.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;Bonjour&lt;/b&gt;" in content and "<b>Bonjour" not in content
    assert 'rel="nofollow noopener"' in content
    assert f'data-conversation-id="{conversation.pk}"' in content
    assert 'data-last-seq="1"' in content
    assert f'data-ws-url="/ws/conversations/{conversation.pk}/"' in content
    assert f'data-poll-url="{url("poll", conversation_id=conversation.pk)}"' in content
    inbox = client.get(url("inbox"))
    assert "non lu" not in inbox.content.decode()


def test_posting_without_javascript_redirects_to_the_message(client, parties):
    conversation, association, _provider = parties
    client.force_login(association.user)
    response = client.post(
        url("conversation", conversation_id=conversation.pk), {"body": "Bonjour !", "client_id": "c1"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#message-1")
    client.post(url("conversation", conversation_id=conversation.pk), {"body": "Bonjour !", "client_id": "c1"})
    assert Message.objects.filter(conversation=conversation).count() == 1

    empty = client.post(url("conversation", conversation_id=conversation.pk), {"body": "  "})
    assert empty.status_code == 400
    assert "Le message est vide." in empty.content.decode()


def test_posting_as_json_answers_the_payload(client, parties):
    conversation, association, _provider = parties
    client.force_login(association.user)
    response = client.post(
        url("conversation", conversation_id=conversation.pk), {"body": "Salut"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 201
    assert response.json()["message"]["body"] == "Salut"


def test_polling_returns_messages_after_a_sequence_number(client, parties):
    conversation, association, provider = parties
    for n in range(3):
        message_post(user=provider.user, conversation_id=conversation.pk, body=f"Message {n}")
    client.force_login(association.user)
    data = client.get(url("poll", conversation_id=conversation.pk), {"after": 1}).json()
    assert [m["seq"] for m in data["messages"]] == [2, 3]
    assert data["last_seq"] == 3
    assert client.get(url("poll", conversation_id=conversation.pk), {"after": "x"}).status_code == 400


def test_polling_tells_how_far_the_other_side_has_read(client, parties):
    conversation, association, provider = parties
    message_post(user=provider.user, conversation_id=conversation.pk, body="Bonjour")
    conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=1)
    client.force_login(provider.user)
    reads = client.get(url("poll", conversation_id=conversation.pk), {"after": 0}).json()["reads"]
    assert {"organisation_id": association.organisation_id, "seq": 1} in reads


def test_outsiders_get_404_everywhere(client, parties):
    conversation, association, _provider = parties
    message = message_post(user=association.user, conversation_id=conversation.pk, body="Privé")[0]
    for outsider in outsiders():
        client.force_login(outsider.user)
        assert client.get(url("conversation", conversation_id=conversation.pk)).status_code == 404
        assert client.post(url("conversation", conversation_id=conversation.pk), {"body": "Intrus"}).status_code == 404
        assert client.get(url("poll", conversation_id=conversation.pk)).status_code == 404
        assert client.post(url("mark_read", conversation_id=conversation.pk), {"seq": 1}).status_code == 404
        assert client.get(url("edit", message_id=message.pk)).status_code == 404
        assert client.post(url("delete", message_id=message.pk)).status_code == 404
        assert "Privé" not in client.get(url("inbox")).content.decode()
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_attachments_are_served_to_the_two_sides_only(client, parties):
    conversation, association, provider = parties
    client.force_login(association.user)
    client.post(
        url("conversation", conversation_id=conversation.pk),
        {"body": "", "attachments": [SimpleUploadedFile("devis.pdf", PDF)]},
    )
    attachment = MessageAttachment.objects.get()
    for allowed in (association, provider):
        client.force_login(allowed.user)
        response = client.get(url("attachment", attachment_id=attachment.pk))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF
    for refused in outsiders():
        client.force_login(refused.user)
        assert client.get(url("attachment", attachment_id=attachment.pk)).status_code == 404


def test_a_renamed_executable_is_refused(client, parties):
    conversation, association, _provider = parties
    client.force_login(association.user)
    response = client.post(
        url("conversation", conversation_id=conversation.pk),
        {"body": "Ci-joint", "attachments": [SimpleUploadedFile("devis.pdf", b"MZ\x90\x00binary")]},
    )
    assert response.status_code == 400
    assert not MessageAttachment.objects.exists()


def test_edit_and_delete_forms(client, parties):
    conversation, association, _provider = parties
    message = message_post(user=association.user, conversation_id=conversation.pk, body="Mardi")[0]
    client.force_login(association.user)
    assert client.get(url("edit", message_id=message.pk)).status_code == 200
    client.post(url("edit", message_id=message.pk), {"body": "Mercredi"})
    message.refresh_from_db()
    assert message.body == "Mercredi"
    client.post(url("delete", message_id=message.pk))
    page = client.get(url("conversation", conversation_id=conversation.pk)).content.decode()
    assert "Message supprimé" in page and "Mercredi" not in page


def test_inbox_filters_unread_and_searches(client, parties):
    conversation, association, provider = parties
    message_post(user=provider.user, conversation_id=conversation.pk, body="Le calendrier est prêt")
    client.force_login(association.user)
    page = client.get(url("inbox"), {"non-lues": "1"}).content.decode()
    assert provider.organisation.name in page and "1 non lu" in page
    assert provider.organisation.name in client.get(url("inbox"), {"q": "calendrier"}).content.decode()
    assert provider.organisation.name not in client.get(url("inbox"), {"q": "introuvable"}).content.decode()


def test_write_to_the_provider_from_a_project_opens_or_creates_the_conversation(client):
    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    project = ProjectFactory(organisation=association.organisation, published=True)
    link = url("project_conversation", project_id=project.pk, provider_id=provider.organisation_id)

    client.force_login(association.user)
    first = client.get(link)
    conversation = Conversation.objects.get(project=project, provider=provider.organisation)
    assert first.status_code == 302 and first["Location"] == url("conversation", conversation_id=conversation.pk)
    client.force_login(provider.user)
    assert client.get(link)["Location"] == first["Location"]
    assert Conversation.objects.count() == 1

    for outsider in outsiders():
        client.force_login(outsider.user)
        assert client.get(link).status_code == 404
    client.force_login(association.user)
    assert (
        client.get(
            url("project_conversation", project_id=project.pk, provider_id=association.organisation_id)
        ).status_code
        == 404
    )
    draft = ProjectFactory(organisation=association.organisation)
    client.force_login(provider.user)
    assert (
        client.get(url("project_conversation", project_id=draft.pk, provider_id=provider.organisation_id)).status_code
        == 404
    )
