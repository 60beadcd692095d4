"""Providers hear of new projects through their saved searches and their "Projets qui me correspondent" alert.

An alert is sent once per provider and project, never for a project the provider was invited to, never for a
project that closed before the e-mail left, never to an unverified provider; each e-mail unsubscribes from its
own alerts in one click (RFC 8058), without logging in.
"""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from marketplace.models import Notification, Project
from marketplace.models.projects import ProjectState
from marketplace.services.projects import project_invite, project_publish
from search.matching import projects_scored
from search.models import AlertEmail, DefaultAlert, SavedSearch, SearchAlert
from search.services.alerts import search_alerts_evaluate
from tests.match_factories import index_everything, match_world
from tests.project_factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_engine):
    """The Angers world with its WordPress project still a draft, and Anjou Web's saved search for it."""
    world = match_world(project_state_published=False)
    world.search = SavedSearch.objects.create(
        organisation=world.anjou.organisation,
        created_by=world.provider_member.user,
        name="WordPress",
        query="q=wordpress",
        email=AlertEmail.INSTANT,
    )
    # Only the saved search speaks, unless a test turns the default alert on.
    DefaultAlert.objects.create(organisation=world.anjou.organisation, enabled=False)
    return world


def publish(world, django_capture_on_commit_callbacks, project=None):
    with django_capture_on_commit_callbacks(execute=True):
        project_publish(membership=world.association_member, project_id=(project or world.project).pk)


def unsubscribe_link(message) -> str:
    return re.search(r"<https?://[^/]+(/[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)


def alerts_for(organisation):
    return Notification.objects.filter(kind="search.alert", user__memberships__organisation=organisation)


def test_a_published_project_matching_a_saved_search_is_told_once_on_the_site_and_by_email(
    world, django_capture_on_commit_callbacks
):
    publish(world, django_capture_on_commit_callbacks)

    assert SearchAlert.objects.filter(organisation=world.anjou.organisation, project=world.project).count() == 1
    notification = alerts_for(world.anjou.organisation).get()
    assert notification.user == world.provider_member.user
    assert world.project.title in notification.title
    [message] = mail.outbox
    assert message.to == [world.provider_member.user.email]
    assert world.project.title in message.subject
    assert f"/projets/{world.project.pk}/" in message.body
    assert "WordPress" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = unsubscribe_link(message)
    assert link.startswith("/projets/recherches/desabonnement/")
    assert link in message.body  # the visible link

    with django_capture_on_commit_callbacks(execute=True):
        assert search_alerts_evaluate(project_id=world.project.pk) == 0
    assert len(mail.outbox) == 1
    assert alerts_for(world.anjou.organisation).count() == 1


def test_a_project_that_closes_before_the_email_leaves_is_not_sent(world, django_capture_on_commit_callbacks):
    world.project.state = ProjectState.PUBLISHED
    world.project.save()
    index_everything()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        search_alerts_evaluate(project_id=world.project.pk)
    Project.objects.filter(pk=world.project.pk).update(state=ProjectState.CANCELLED)

    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_no_alert_for_a_project_the_provider_was_invited_to(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project_invite(
            membership=world.association_member, project_id=world.project.pk, provider_id=world.anjou.organisation_id
        )
    mail.outbox.clear()

    publish(world, django_capture_on_commit_callbacks)

    assert not SearchAlert.objects.filter(organisation=world.anjou.organisation).exists()
    assert not alerts_for(world.anjou.organisation).exists()
    assert not [message for message in mail.outbox if "List-Unsubscribe" in message.extra_headers]


def test_no_alert_for_an_unverified_provider(world, django_capture_on_commit_callbacks):
    from tests.project_factories import member_of

    member = member_of(world.unverified.organisation)
    SavedSearch.objects.create(
        organisation=world.unverified.organisation, created_by=member.user, name="WordPress", query="q=wordpress"
    )

    publish(world, django_capture_on_commit_callbacks)

    assert not SearchAlert.objects.filter(organisation=world.unverified.organisation).exists()
    assert member.user.email not in [address for message in mail.outbox for address in message.to]


def test_a_saved_search_that_does_not_match_stays_quiet(world, django_capture_on_commit_callbacks):
    world.search.query = "q=comptabilite"
    world.search.save()

    publish(world, django_capture_on_commit_callbacks)

    assert not SearchAlert.objects.exists()
    assert mail.outbox == []


def test_the_default_alert_respects_its_threshold(world, django_capture_on_commit_callbacks):
    world.search.delete()
    world.project.state = ProjectState.PUBLISHED
    world.project.save()
    index_everything()
    score = projects_scored(world.anjou, project_ids=[world.project.pk])[world.project.pk].score
    assert score > 1
    DefaultAlert.objects.filter(organisation=world.anjou.organisation).update(
        enabled=True, threshold=int(score) + 1, email=AlertEmail.INSTANT
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert search_alerts_evaluate(project_id=world.project.pk) == 0
    DefaultAlert.objects.filter(organisation=world.anjou.organisation).update(threshold=int(score))
    with django_capture_on_commit_callbacks(execute=True):
        assert search_alerts_evaluate(project_id=world.project.pk) == 1

    [message] = mail.outbox
    assert "Projets qui me correspondent" in message.body
    assert alerts_for(world.anjou.organisation).count() == 1


def test_the_daily_digest_lists_the_days_projects_in_one_email(world, django_capture_on_commit_callbacks):
    world.search.email = AlertEmail.DAILY
    world.search.save()
    second = ProjectFactory(
        organisation=world.association,
        title="Formation WordPress pour les bénévoles",
        description="Apprendre à mettre à jour notre site WordPress.",
    )
    publish(world, django_capture_on_commit_callbacks)
    publish(world, django_capture_on_commit_callbacks, project=second)
    assert mail.outbox == []
    assert SearchAlert.objects.count() == 2

    call_command("send_search_alert_digests", stdout=io.StringIO())

    [message] = mail.outbox
    assert message.to == [world.provider_member.user.email]
    assert "2 nouveaux projets" in message.subject
    assert world.project.title in message.body and second.title in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    call_command("send_search_alert_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_unsubscribe_without_logging_in_asks_then_turns_off_that_alert_only(
    world, client, django_capture_on_commit_callbacks
):
    other = SavedSearch.objects.create(
        organisation=world.anjou.organisation,
        created_by=world.provider_member.user,
        name="Comptabilité",
        query="q=comptabilite",
        email=AlertEmail.INSTANT,
    )
    publish(world, django_capture_on_commit_callbacks)
    link = unsubscribe_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Me désabonner" in page.content.decode() and "WordPress" in page.content.decode()
    world.search.refresh_from_db()
    assert world.search.email == AlertEmail.INSTANT  # a GET (a link preview) changes nothing

    response = client.post(link)

    assert response.status_code == 200
    assert "vous ne recevrez plus d'e-mails" in response.content.decode()
    world.search.refresh_from_db()
    other.refresh_from_db()
    assert world.search.email == AlertEmail.NONE and world.search.in_app
    assert other.email == AlertEmail.INSTANT


def test_one_click_unsubscribe_from_a_mail_client(world, client, django_capture_on_commit_callbacks):
    publish(world, django_capture_on_commit_callbacks)
    link = unsubscribe_link(mail.outbox[0])
    client.handler.enforce_csrf_checks = True

    response = client.post(link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    world.search.refresh_from_db()
    assert world.search.email == AlertEmail.NONE


def test_a_tampered_unsubscribe_link_is_refused_with_a_sentence(world, client, django_capture_on_commit_callbacks):
    publish(world, django_capture_on_commit_callbacks)
    link = unsubscribe_link(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    for response in (client.get(tampered), client.post(tampered), client.get("/projets/recherches/desabonnement/x/")):
        assert response.status_code == 400
        assert "lien de désabonnement est incomplet ou a été modifié" in response.content.decode()
    world.search.refresh_from_db()
    assert world.search.email == AlertEmail.INSTANT


def test_a_script_replaying_changes_with_indexing_held_alerts_nobody(world, django_capture_on_commit_callbacks):
    from search.indexing import indexing_held

    with indexing_held():
        publish(world, django_capture_on_commit_callbacks)

    assert not SearchAlert.objects.exists()
    assert mail.outbox == []


def test_unsubscribing_from_the_default_alert_keeps_the_saved_searches_emails(
    world, client, django_capture_on_commit_callbacks
):
    world.search.delete()
    DefaultAlert.objects.filter(organisation=world.anjou.organisation).update(
        enabled=True, threshold=0, email=AlertEmail.INSTANT
    )
    kept = SavedSearch.objects.create(
        organisation=world.anjou.organisation, created_by=world.provider_member.user, name="Audit", query="q=audit"
    )
    publish(world, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    link = unsubscribe_link(message)
    assert "Projets qui me correspondent" in client.get(link).content.decode()

    client.post(link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    alert = DefaultAlert.objects.get(organisation=world.anjou.organisation)
    assert (alert.enabled, alert.in_app, alert.email) == (True, True, AlertEmail.NONE)
    kept.refresh_from_db()
    assert kept.email == AlertEmail.INSTANT


def test_an_english_speaking_member_reads_the_alert_in_english(world, django_capture_on_commit_callbacks):
    user = world.provider_member.user
    user.preferred_language = "en"
    user.save()

    publish(world, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject.startswith("New project for you:")
    assert "To stop receiving these e-mails for these alerts:" in message.body
    assert alerts_for(world.anjou.organisation).get().title.startswith("New project for you:")


def test_a_provider_whose_alerts_are_all_silent_is_not_alerted(world, django_capture_on_commit_callbacks):
    world.search.in_app = False
    world.search.email = AlertEmail.NONE
    world.search.save()

    publish(world, django_capture_on_commit_callbacks)

    assert not SearchAlert.objects.exists()
    assert not alerts_for(world.anjou.organisation).exists()


def test_the_digest_leaves_out_a_project_closed_during_the_day(world, django_capture_on_commit_callbacks):
    world.search.email = AlertEmail.DAILY
    world.search.save()
    publish(world, django_capture_on_commit_callbacks)
    Project.objects.filter(pk=world.project.pk).update(state=ProjectState.CANCELLED)

    call_command("send_search_alert_digests", stdout=io.StringIO())

    assert mail.outbox == []
    assert SearchAlert.objects.get().digest_sent_at is not None
