"""A message hidden by moderation keeps its text for the staff's moderation screens, and nowhere else.

Also: only the author may open a message's edit form, never for a removed one (`selectors.message_author_may`).
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from messaging.models import Message, MessageRevision
from messaging.moderation import message_report, report_hide_message
from messaging.services import message_delete, message_post

from ..factories import UserFactory
from ..second_factor import verified_login

pytestmark = pytest.mark.django_db

SECRET = "Mon IBAN perso : FR76 3000 6000 0112 3456 7890 189"


def url(name, **kwargs):
    return reverse(f"messaging:{name}", kwargs=kwargs)


@pytest.fixture
def staff():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


@pytest.fixture
def hidden(parties, staff):
    """(message, report, conversation, association, provider): the provider's message, reported and hidden."""
    conversation, association, provider = parties
    message = message_post(user=provider.user, conversation_id=conversation.pk, body=SECRET)[0]
    report = message_report(user=association.user, message_id=message.pk, reason="fraud", details="")
    report_hide_message(staff=staff, report_id=report.pk)
    return message, report, conversation, association, provider


def test_the_edit_form_of_a_hidden_message_is_not_found_for_anyone(client, hidden, staff):
    message, _report, _conversation, association, provider = hidden
    for user in (provider.user, association.user, staff):
        client.force_login(user)
        response = client.get(url("edit", message_id=message.pk))
        assert response.status_code == 404
        assert "FR76" not in response.content.decode()


def test_the_author_cannot_edit_nor_delete_a_hidden_message(client, hidden):
    message, _report, _conversation, _association, provider = hidden
    client.force_login(provider.user)

    assert client.post(url("edit", message_id=message.pk), {"body": "Rien à voir"}).status_code == 404
    assert client.post(url("delete", message_id=message.pk)).status_code == 404

    message.refresh_from_db()
    assert message.body == SECRET  # kept for the moderation record
    assert message.deleted_at is None
    assert not MessageRevision.objects.filter(message=message).exists()


def test_only_the_author_opens_the_edit_form(client, parties):
    conversation, association, provider = parties
    message = message_post(user=provider.user, conversation_id=conversation.pk, body="Rendez-vous mardi")[0]

    client.force_login(association.user)
    assert client.get(url("edit", message_id=message.pk)).status_code == 404
    assert client.post(url("edit", message_id=message.pk), {"body": "Piraté"}).status_code == 404
    assert client.post(url("delete", message_id=message.pk)).status_code == 404

    client.force_login(provider.user)
    page = client.get(url("edit", message_id=message.pk))
    assert page.status_code == 200
    assert "Rendez-vous mardi" in page.content.decode()
    message.refresh_from_db()
    assert message.body == "Rendez-vous mardi"


def test_the_edit_form_of_a_deleted_message_is_not_found(client, parties):
    conversation, _association, provider = parties
    message = message_post(user=provider.user, conversation_id=conversation.pk, body="Numéro 1234")[0]
    message_delete(user=provider.user, message_id=message.pk)
    client.force_login(provider.user)

    assert client.get(url("edit", message_id=message.pk)).status_code == 404


def test_past_ten_minutes_the_edit_form_says_why_instead(client, parties):
    conversation, _association, provider = parties
    message = message_post(user=provider.user, conversation_id=conversation.pk, body="Mardi")[0]
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    client.force_login(provider.user)

    response = client.get(url("edit", message_id=message.pk), follow=True)

    assert response.redirect_chain[-1][0].endswith(f"#message-{message.seq}")
    assert "Un message ne peut plus être modifié dix minutes après son envoi." in response.content.decode()


def test_the_report_form_of_a_hidden_message_does_not_show_its_text(client, hidden):
    message, _report, _conversation, association, _provider = hidden
    client.force_login(association.user)

    response = client.get(url("report_message", message_id=message.pk))

    assert "FR76" not in response.content.decode()


def test_the_hidden_text_is_only_in_the_moderation_screen(client, hidden, staff):
    message, report, conversation, association, provider = hidden
    for user in (association.user, provider.user, staff):
        client.force_login(user)
        page = client.get(url("conversation", conversation_id=conversation.pk)).content.decode()
        assert "FR76" not in page and "Message masqué par la modération" in page
        poll = client.get(url("poll", conversation_id=conversation.pk), {"after": 0}).json()
        assert "FR76" not in str(poll)
        assert [row["body"] for row in poll["messages"]] == [""]
    client.force_login(association.user)
    assert provider.organisation.name not in client.get(url("inbox"), {"q": "FR76"}).content.decode()

    verified_login(client, staff)
    assert "FR76" in client.get(f"/admin/signalements/{report.pk}/").content.decode()
