"""Messages left unread for a while are emailed once, grouped by conversation, to those who want it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from marketplace.models.organisations import VerificationStatus
from marketplace.notification_kinds import GROUP_KEYS
from marketplace.services.notifications import notification_email_groups_set
from messaging import digests
from messaging.digests import unread_digests_send
from messaging.models import DigestEntry, Message
from messaging.moderation import message_report, report_hide_message
from messaging.services import conversation_mark_read, conversation_open, message_delete, message_post

from ..concurrency import race
from ..factories import UserFactory
from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = pytest.mark.django_db


def post(membership, conversation, body="Bonjour"):
    return message_post(user=membership.user, conversation_id=conversation.pk, body=body)[0]


def later(minutes=16):
    return timezone.now() + datetime.timedelta(minutes=minutes)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the digest as cron would, `minutes` from now, with the emails actually sent."""

    def run(minutes=16):
        with django_capture_on_commit_callbacks(execute=True):
            return unread_digests_send(now=later(minutes))

    return run


def html_of(email) -> str:
    return next(content for content, mimetype in email.alternatives if mimetype == "text/html")


def test_an_unread_message_is_emailed_once_after_the_delay(parties, send, mailoutbox, settings):
    settings.MESSAGING_DIGEST_DELAY_MINUTES = 15
    conversation, association, provider = parties
    post(provider, conversation, "Pouvez-vous préciser le budget ?")

    assert send(minutes=5) == 0
    assert mailoutbox == []

    assert send() == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [association.user.email]
    assert email.subject == "Vous avez 1 message non lu sur Passerelle"
    assert "Pouvez-vous préciser le budget ?" in email.body
    assert provider.organisation.name in email.body
    link = reverse("messaging:conversation", kwargs={"conversation_id": conversation.pk})
    assert f"{settings.SITE_URL}{link}" in email.body
    assert f"{settings.SITE_URL}{link}" in html_of(email)

    assert send(minutes=30) == 0
    assert len(mailoutbox) == 1
    assert DigestEntry.objects.count() == 1


def test_read_messages_and_ones_own_are_not_emailed(parties, send, mailoutbox):
    conversation, association, provider = parties
    post(provider, conversation, "Premier")
    post(association, conversation, "Réponse")  # posting marks the association's side read up to here
    post(provider, conversation, "Deuxième")
    conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=3)
    assert send() == 0
    assert mailoutbox == []


def test_only_what_is_still_unread_is_listed(parties, send, mailoutbox):
    conversation, association, provider = parties
    post(provider, conversation, "Lu")
    conversation_mark_read(user=association.user, conversation_id=conversation.pk, seq=1)
    post(provider, conversation, "Pas encore lu")
    assert send() == 1
    assert "Pas encore lu" in mailoutbox[0].body
    assert "Lu\n" not in mailoutbox[0].body


def test_hidden_and_deleted_messages_are_never_emailed(parties, send, mailoutbox):
    conversation, association, provider = parties
    hidden = post(provider, conversation, "Message masqué")
    deleted = post(provider, conversation, "Message retiré")
    report = message_report(user=association.user, message_id=hidden.pk, reason="spam")
    report_hide_message(staff=UserFactory(is_staff=True), report_id=report.pk)
    message_delete(user=provider.user, message_id=deleted.pk)
    assert send() == 0
    assert mailoutbox == []


def test_a_provider_that_lost_its_verification_is_not_emailed_what_it_may_no_longer_read(parties, send, mailoutbox):
    conversation, association, provider = parties
    post(association, conversation, "Voici notre budget détaillé")
    provider.organisation.verification_status = VerificationStatus.REJECTED
    provider.organisation.save(update_fields=["verification_status"])

    assert send() == 0
    assert mailoutbox == []


def test_each_member_of_the_other_side_is_emailed_unless_they_turned_it_off(parties, send, mailoutbox):
    conversation, association, provider = parties
    colleague = member_of(association.organisation)
    quiet = member_of(association.organisation)
    notification_email_groups_set(user=quiet.user, enabled=set(GROUP_KEYS) - {"messages"})
    member_of(association.organisation, user=UserFactory(is_active=False))
    provider_colleague = member_of(provider.organisation)
    post(provider, conversation, "Bonjour à toute l'équipe")

    assert send() == 2
    assert sorted(email.to[0] for email in mailoutbox) == sorted([association.user.email, colleague.user.email])
    assert provider_colleague.user.email not in [email.to[0] for email in mailoutbox]


def test_one_email_per_person_grouped_by_conversation(parties, send, mailoutbox):
    conversation, association, provider = parties
    other_provider = quoting_provider(name="Atelier Voisin")
    project = ProjectFactory(organisation=association.organisation, published=True, title="Nouveau site")
    second = conversation_open(
        association=association.organisation, provider=other_provider.organisation, project=project
    )
    post(provider, conversation, "Message A1")
    post(provider, conversation, "Message A2")
    post(other_provider, second, "Message B1")

    assert send() == 1
    email = mailoutbox[0]
    assert email.subject == "Vous avez 3 messages non lus sur Passerelle"
    body = email.body
    assert body.count(f"== {provider.organisation.name}") == 1
    assert body.count("== Atelier Voisin — Projet : Nouveau site ==") == 1
    a1, a2, b1 = body.index("Message A1"), body.index("Message A2"), body.index("Message B1")
    first, other = body.index(f"== {provider.organisation.name}"), body.index("== Atelier Voisin")
    assert (first < a1 < a2 < other < b1) or (other < b1 < first < a1 < a2)
    for conversation_id in (conversation.pk, second.pk):
        assert reverse("messaging:conversation", kwargs={"conversation_id": conversation_id}) in body


def test_the_html_email_escapes_what_people_wrote(parties, send, mailoutbox):
    conversation, _association, provider = parties
    provider.organisation.name = "Pixel <Solidaire>"
    provider.organisation.save()
    post(provider, conversation, '<img src=x onerror="alert(1)"> & merci')
    send()
    html = html_of(mailoutbox[0])
    assert "<img" not in html and "&lt;img src=x" in html
    assert "Pixel &lt;Solidaire&gt;" in html
    assert '<img src=x onerror="alert(1)"> & merci' in mailoutbox[0].body  # plain text stays as written


def test_messages_older_than_the_lookback_are_left_alone(parties, send, mailoutbox):
    conversation, _association, provider = parties
    message = post(provider, conversation, "Très ancien")
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    assert send() == 0


def test_the_cron_command_sends_what_is_due(parties, mailoutbox, django_capture_on_commit_callbacks):
    conversation, _association, provider = parties
    message = post(provider, conversation, "Pour la commande")
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=20))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_message_digests", stdout=out)
    assert "1 e-mail" in out.getvalue()
    assert len(mailoutbox) == 1


def test_a_run_overlapping_another_does_not_send_twice(parties, send, mailoutbox):
    """Run B starts while run A is between its scan and its sending: A finds B's record and says nothing."""
    conversation, association, provider = parties
    post(provider, conversation, "Une fois seulement")
    stale_scan = digests._pending(later())  # run A scanned...
    assert send() == 1  # ...run B did everything...
    for user_id, message_ids in stale_scan.items():  # ...then run A goes on with its stale list
        assert not digests._digest_send_to(user_id=user_id, message_ids=message_ids, now=later())
    assert len(mailoutbox) == 1


def test_the_unique_record_is_the_last_guard(parties, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    """If both runs passed the check at the same instant, the (user, message) constraint stops the second."""
    conversation, association, provider = parties
    message = post(provider, conversation, "Course")
    original = digests._still_unread_for

    def other_run_records_first(user_id, messages):
        DigestEntry.objects.create(user_id=user_id, message=message)
        return original(user_id, messages)

    monkeypatch.setattr(digests, "_still_unread_for", other_run_records_first)
    with django_capture_on_commit_callbacks(execute=True):
        sent = digests._digest_send_to(user_id=association.user_id, message_ids=[message.pk], now=later())
    assert not sent
    assert mailoutbox == []


def test_posting_asks_for_a_delayed_run_when_the_backend_can_wait(
    parties, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MESSAGING_DIGEST_DELAY_MINUTES = 15
    conversation, association, provider = parties
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        post(provider, conversation, "Un")
        post(association, conversation, "Deux")
    results = task_backends["default"].results
    assert [result.task.name for result in results] == ["send_unread_digests"]
    run_after = results[0].task.run_after
    assert before + datetime.timedelta(minutes=15) < run_after <= before + datetime.timedelta(minutes=17)


def test_the_immediate_backend_leaves_the_work_to_cron(parties, mailoutbox, django_capture_on_commit_callbacks):
    conversation, _association, provider = parties
    with django_capture_on_commit_callbacks(execute=True):
        post(provider, conversation, "Tout de suite ?")
    assert mailoutbox == []
    assert not DigestEntry.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_one_email(mailoutbox):
    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    conversation = conversation_open(association=association.organisation, provider=provider.organisation)
    post(provider, conversation, "Course réelle")
    results = race(lambda: unread_digests_send(now=later()), lambda: unread_digests_send(now=later()))
    assert not [result for result in results if isinstance(result, Exception)]
    assert sorted(results) == [0, 1]
    assert len(mailoutbox) == 1
    assert DigestEntry.objects.count() == 1
