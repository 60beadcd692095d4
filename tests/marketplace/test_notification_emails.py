"""Users choose which notifications they also receive by email; the app still shows them all."""

import pytest
from django.core import mail

from marketplace.models import Notification
from marketplace.services.notifications import notifications_are_held, notifications_held, notify_users
from marketplace.signals import notification_created

from ..factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/compte/e-mails/"


def test_every_group_is_on_by_default(client):
    client.force_login(UserFactory())
    content = client.get(URL).content.decode()
    assert "Devis reçus et révisés" in content
    assert content.count("checked") == 8


def test_turning_a_group_off_stops_those_emails_but_not_the_in_app_notification(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client.force_login(user)
    others = ["verification", "invitations", "project_changes", "proposal_decisions", "project_steps", "reviews"]
    response = client.post(URL, {"email_groups": others}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Vos préférences d'e-mails sont enregistrées."]

    with django_capture_on_commit_callbacks(execute=True):
        notify_users(
            users=[user],
            kind="proposal.submitted",
            template="proposal_submitted",
            context={"project": {"title": "Site"}, "provider": {"name": "Atelier"}},
        )
        notify_users(
            users=[user],
            kind="proposal.accepted",
            template="proposal_accepted",
            context={"project": {"title": "Site"}, "association": {"name": "Asso"}},
        )

    assert Notification.objects.filter(user=user).count() == 2
    assert [message.subject for message in mail.outbox] == ["Votre devis pour « Site » est accepté !"]


def test_an_unknown_group_is_refused(client):
    client.force_login(UserFactory())
    response = client.post(URL, {"email_groups": ["spam"]}, follow=True)
    assert "Type de notification inconnu." in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/compte/connexion/")


def test_held_notifications_send_no_email_nor_live_event_and_reach_only_the_named_users(
    django_capture_on_commit_callbacks,
):
    kept, quiet = UserFactory(), UserFactory()
    pushed = []

    def listen(sender, **kwargs):
        pushed.append(kwargs["user_id"])

    notification_created.connect(listen, dispatch_uid="test-held")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            with notifications_held(in_app_for=[kept.pk]):
                assert notifications_are_held()
                notify_users(
                    users=[kept, quiet],
                    kind="proposal.submitted",
                    template="proposal_submitted",
                    context={"project": {"title": "Site"}, "provider": {"name": "Atelier"}},
                )
            assert not notifications_are_held()
            notify_users(
                users=[quiet],
                kind="proposal.submitted",
                template="proposal_submitted",
                context={"project": {"title": "Site"}, "provider": {"name": "Atelier"}},
            )
    finally:
        notification_created.disconnect(dispatch_uid="test-held")

    # Inside the block: one in-app notification for the named user, no e-mail, no live event.
    assert Notification.objects.filter(user=kept).count() == 1
    # After it, everything is sent again.
    assert Notification.objects.filter(user=quiet).count() == 1
    assert [message.to for message in mail.outbox] == [[quiet.email]]
    assert pushed == [quiet.pk]
