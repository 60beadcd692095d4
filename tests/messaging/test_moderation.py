"""Participants report messages and conversations; staff hide, dismiss or suspend in the Wagtail admin."""

import html

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from marketplace.errors import DomainError, NotFound, PermissionDenied
from marketplace.models import AuditEntry
from messaging.models import Report, ReportOutcome, ReportState, UserSuspension
from messaging.moderation import (
    conversation_report,
    message_report,
    report_dismiss,
    report_hide_message,
    report_suspend_author,
    user_suspend,
    user_suspension_lift,
)
from messaging.realtime import conversation_group
from messaging.services import conversation_open, message_post
from tests.second_factor import verified_login

from ..factories import PASSWORD, UserFactory
from ..project_factories import VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ADMIN = "/admin/signalements/"


def url(name, **kwargs):
    return reverse(f"messaging:{name}", kwargs=kwargs)


def post(membership, conversation, body="Bonjour", **kwargs):
    return message_post(user=membership.user, conversation_id=conversation.pk, body=body, **kwargs)[0]


def content(response) -> str:
    return html.unescape(response.content.decode())


def flashes(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def with_admin_access(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


@pytest.fixture
def staff():
    return with_admin_access(UserFactory(is_staff=True, first_name="Modé", last_name="Ratrice"))


@pytest.fixture
def staff_client(client, staff):
    verified_login(client, staff)
    return client


@pytest.fixture
def reported(parties):
    """(report, message, conversation, association, provider): the association reported the provider's message."""
    conversation, association, provider = parties
    message = post(provider, conversation, "Payez-moi en liquide, hors plateforme.")
    report = message_report(user=association.user, message_id=message.pk, reason="fraud", details="Arnaque ?")
    return report, message, conversation, association, provider


# --- reporting from the conversation page ---------------------------------------------------------


def test_the_page_offers_to_report_the_other_sides_messages_and_the_conversation(client, parties):
    conversation, association, provider = parties
    theirs = post(provider, conversation, "Bonjour")
    mine = post(association, conversation, "Bonjour à vous")
    client.force_login(association.user)
    page = client.get(url("conversation", conversation_id=conversation.pk)).content.decode()
    assert url("report_message", message_id=theirs.pk) in page
    assert url("report_message", message_id=mine.pk) not in page
    assert url("report_conversation", conversation_id=conversation.pk) in page


def test_reporting_a_message_without_javascript(client, parties):
    conversation, association, provider = parties
    message = post(provider, conversation, "Offre spéciale !!!")
    client.force_login(association.user)
    response = client.post(url("report_message", message_id=message.pk), {"reason": "spam", "details": ""})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#message-{message.seq}")
    assert any("transmis à l'équipe de modération" in text for text in flashes(response))
    report = Report.objects.get()
    assert (report.message, report.reporter, report.reporter_org) == (
        message,
        association.user,
        association.organisation,
    )
    assert report.state == ReportState.OPEN
    assert AuditEntry.objects.filter(action="message.reported", target=f"messaging.report:{report.pk}").exists()


def test_reporting_twice_gives_a_clear_error_not_a_crash(client, reported):
    report, message, conversation, association, _provider = reported
    client.force_login(association.user)
    response = client.post(url("report_message", message_id=message.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert any("déjà signalé ce message" in text for text in flashes(response))
    assert Report.objects.count() == 1

    assert (
        client.post(url("report_conversation", conversation_id=conversation.pk), {"reason": "abuse"}).status_code == 302
    )
    again = client.post(url("report_conversation", conversation_id=conversation.pk), {"reason": "abuse"})
    assert any("déjà signalé cette conversation" in text for text in flashes(again))
    assert Report.objects.filter(message__isnull=True).count() == 1


def test_a_closed_report_allows_reporting_again(reported, staff):
    report, message, _conversation, association, _provider = reported
    report_dismiss(staff=staff, report_id=report.pk)
    again = message_report(user=association.user, message_id=message.pk, reason="spam")
    assert again.pk != report.pk


def test_bad_report_input_is_answered_on_the_form(client, parties):
    conversation, association, provider = parties
    message = post(provider, conversation, "Bonjour")
    client.force_login(association.user)
    target = url("report_message", message_id=message.pk)

    unknown = client.post(target, {"reason": "boring"})
    assert unknown.status_code == 400
    other = client.post(target, {"reason": "other", "details": "   "})
    assert other.status_code == 400 and "Précisez le motif du signalement." in content(other)
    too_long = client.post(target, {"reason": "spam", "details": "x" * 2001})
    assert too_long.status_code == 400
    assert client.get(target).status_code == 200
    as_json = client.post(target, {"reason": "other"}, headers={"accept": "application/json"})
    assert as_json.status_code == 400 and "Précisez" in as_json.json()["error"]
    assert not Report.objects.exists()

    created = client.post(target, {"reason": "spam"}, headers={"accept": "application/json"})
    assert created.status_code == 201
    duplicate = client.post(target, {"reason": "spam"}, headers={"accept": "application/json"})
    assert duplicate.status_code == 400 and "déjà signalé" in duplicate.json()["error"]


def test_own_side_platform_and_removed_messages_cannot_be_reported(parties, staff):
    conversation, association, provider = parties
    mine = post(association, conversation, "Le mien")
    colleague = member_of(association.organisation)
    with pytest.raises(DomainError, match="autre partie"):
        message_report(user=association.user, message_id=mine.pk, reason="spam")
    with pytest.raises(DomainError, match="autre partie"):
        message_report(user=colleague.user, message_id=mine.pk, reason="spam")
    hidden = post(provider, conversation, "Déjà masqué")
    report = message_report(user=association.user, message_id=hidden.pk, reason="spam")
    report_hide_message(staff=staff, report_id=report.pk)
    with pytest.raises(DomainError, match="plus affiché"):
        message_report(user=colleague.user, message_id=hidden.pk, reason="spam")


def test_another_organisation_cannot_report_a_conversation_it_is_not_in(client, reported):
    _report, message, conversation, _association, _provider = reported
    for outsider in (quoting_provider(), member_of(VerifiedAssociationFactory())):
        client.force_login(outsider.user)
        assert client.post(url("report_message", message_id=message.pk), {"reason": "spam"}).status_code == 404
        assert (
            client.post(url("report_conversation", conversation_id=conversation.pk), {"reason": "spam"}).status_code
            == 404
        )
        assert client.get(url("report_conversation", conversation_id=conversation.pk)).status_code == 404
        with pytest.raises(NotFound):
            conversation_report(user=outsider.user, conversation_id=conversation.pk, reason="spam")
    assert Report.objects.count() == 1


def test_staff_reading_a_conversation_moderate_rather_than_report(reported, staff):
    _report, message, _conversation, _association, _provider = reported
    with pytest.raises(PermissionDenied):
        message_report(user=staff, message_id=message.pk, reason="spam")


# --- staff decisions ------------------------------------------------------------------------------


def test_a_hidden_message_shows_a_placeholder_and_its_files_are_no_longer_served(
    client, parties, staff, django_capture_on_commit_callbacks
):
    conversation, association, provider = parties
    upload = SimpleUploadedFile("devis.pdf", PDF, content_type="application/pdf")
    message = post(provider, conversation, "Texte injurieux", attachments=[upload])
    attachment = message.attachments.get()
    report = message_report(user=association.user, message_id=message.pk, reason="abuse")
    colleague_report = message_report(
        user=member_of(association.organisation).user, message_id=message.pk, reason="spam"
    )

    layer = get_channel_layer()
    room = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(conversation_group(conversation.pk), room)
    with django_capture_on_commit_callbacks(execute=True):
        report_hide_message(staff=staff, report_id=report.pk, note="Propos injurieux")
    event = async_to_sync(layer.receive)(room)
    assert event["type"] == "conversation.message_changed"
    assert event["message"]["body"] == "" and event["message"]["attachments"] == []
    assert "Message masqué par la modération" in event["message"]["html"]

    message.refresh_from_db()
    assert message.hidden_at is not None and message.body == "Texte injurieux"  # kept for the record
    for user in (association.user, provider.user):
        client.force_login(user)
        page = content(client.get(url("conversation", conversation_id=conversation.pk)))
        assert "Message masqué par la modération" in page and "Texte injurieux" not in page
        assert client.get(url("attachment", attachment_id=attachment.pk)).status_code == 404
        polled = client.get(url("poll", conversation_id=conversation.pk), {"after": 0}).json()["messages"]
        assert polled[0]["body"] == "" and polled[0]["deleted"]

    report.refresh_from_db()
    colleague_report.refresh_from_db()
    for closed in (report, colleague_report):
        assert closed.state == ReportState.CLOSED and closed.outcome == ReportOutcome.MESSAGE_HIDDEN
        assert closed.closed_by == staff and closed.closed_at is not None
    assert report.staff_note == "Propos injurieux"
    assert AuditEntry.objects.filter(action="message.hidden", target=f"messaging.message:{message.pk}").exists()
    assert AuditEntry.objects.filter(action="report.closed").count() == 2


def test_dismissing_closes_the_report_and_keeps_the_message(reported, staff):
    report, message, *_ = reported
    report_dismiss(staff=staff, report_id=report.pk, note="Rien d'anormal")
    report.refresh_from_db()
    message.refresh_from_db()
    assert report.outcome == ReportOutcome.DISMISSED and report.state == ReportState.CLOSED
    assert message.hidden_at is None
    assert AuditEntry.objects.filter(action="report.closed", data__outcome="dismissed").exists()
    with pytest.raises(DomainError, match="déjà été traité"):
        report_dismiss(staff=staff, report_id=report.pk)


def test_only_staff_decide(reported):
    report, _message, _conversation, association, _provider = reported
    for call in (report_dismiss, report_hide_message):
        with pytest.raises(PermissionDenied):
            call(staff=association.user, report_id=report.pk)
    with pytest.raises(PermissionDenied):
        user_suspend(staff=association.user, user_id=association.user.pk, reason="x")


def test_a_suspended_author_can_neither_log_in_nor_post_until_lifted(client, reported, staff):
    report, message, conversation, _association, provider = reported
    author = provider.user
    author_client = type(client)()
    author_client.force_login(author)

    with pytest.raises(DomainError, match="motif"):
        report_suspend_author(staff=staff, report_id=report.pk, reason="  ")
    report_suspend_author(staff=staff, report_id=report.pk, reason="Arnaque répétée", hide_message=True)

    author.refresh_from_db()
    message.refresh_from_db()
    report.refresh_from_db()
    assert not author.is_active
    assert message.hidden_at is not None
    assert report.outcome == ReportOutcome.AUTHOR_SUSPENDED
    suspension = UserSuspension.objects.get(user=author)
    assert (suspension.reason, suspension.suspended_by, suspension.report) == ("Arnaque répétée", staff, report)
    assert AuditEntry.objects.filter(action="user.suspended", target=f"marketplace.user:{author.pk}").exists()

    assert not client.login(email=author.email, password=PASSWORD)
    login = client.post(reverse("accounts:login"), {"username": author.email, "password": PASSWORD})
    assert login.status_code == 400 and "_auth_user_id" not in client.session
    # A session opened before the suspension no longer counts.
    assert author_client.get(url("conversation", conversation_id=conversation.pk)).status_code == 302
    with pytest.raises(PermissionDenied, match="suspendu"):
        message_post(user=author, conversation_id=conversation.pk, body="Encore moi")
    with pytest.raises(DomainError, match="déjà suspendu"):
        user_suspend(staff=staff, user_id=author.pk, reason="Encore")

    user_suspension_lift(staff=staff, suspension_id=suspension.pk, note="Erreur de jugement")
    author.refresh_from_db()
    suspension.refresh_from_db()
    assert author.is_active and suspension.lifted_by == staff and suspension.lifted_at is not None
    assert AuditEntry.objects.filter(action="user.suspension_lifted").exists()
    assert client.login(email=author.email, password=PASSWORD)
    with pytest.raises(DomainError, match="déjà été levée"):
        user_suspension_lift(staff=staff, suspension_id=suspension.pk)


def test_staff_accounts_are_not_suspended_from_moderation(parties, staff):
    conversation, association, _provider = parties
    other_staff = UserFactory(is_staff=True)
    with pytest.raises(DomainError, match="équipe"):
        user_suspend(staff=staff, user_id=other_staff.pk, reason="Test")
    with pytest.raises(DomainError, match="équipe"):
        user_suspend(staff=staff, user_id=staff.pk, reason="Test")
    assert association.user.is_active


def test_a_conversation_report_needs_the_message_chosen(parties, staff):
    conversation, association, provider = parties
    first = post(provider, conversation, "Premier")
    report = conversation_report(user=association.user, conversation_id=conversation.pk, reason="abuse")
    with pytest.raises(DomainError, match="Choisissez le message"):
        report_hide_message(staff=staff, report_id=report.pk)
    direct = conversation_open(association=association.organisation, provider=provider.organisation)
    elsewhere = post(provider, direct, "Ailleurs")
    with pytest.raises(DomainError, match="n'appartient pas"):
        report_hide_message(staff=staff, report_id=report.pk, message_id=elsewhere.pk)
    report_hide_message(staff=staff, report_id=report.pk, message_id=first.pk)
    first.refresh_from_db()
    assert first.hidden_at is not None


# --- the Wagtail admin ----------------------------------------------------------------------------


def admin_pages(report, suspension=None):
    pages = [ADMIN, f"{ADMIN}results/", f"{ADMIN}{report.pk}/", f"{ADMIN}suspensions/", f"{ADMIN}suspensions/results/"]
    if suspension:
        pages.append(f"{ADMIN}suspensions/{suspension.pk}/")
    return pages


def test_staff_reach_every_moderation_page(staff_client, reported, staff):
    report = reported[0]
    other = UserFactory()
    suspension = user_suspend(staff=staff, user_id=other.pk, reason="Spam")
    for page in admin_pages(report, suspension):
        assert staff_client.get(page).status_code == 200, page
    conversation, association = reported[2], reported[3]
    whole = conversation_report(user=association.user, conversation_id=conversation.pk, reason="other", details="Ton")
    page = content(staff_client.get(f"{ADMIN}{whole.pk}/"))
    assert "Conversation entière" in page and "Payez-moi en liquide" in page


def test_non_staff_admin_users_and_members_are_refused(client, reported, staff):
    report = reported[0]
    suspension = user_suspend(staff=staff, user_id=UserFactory().pk, reason="Spam")
    editor = with_admin_access(UserFactory(is_staff=False))
    verified_login(client, editor)
    for page in admin_pages(report, suspension):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == reverse("wagtailadmin_home")
    assert client.post(f"{ADMIN}{report.pk}/", {"decision": "dismiss"}).status_code == 302
    client.force_login(reported[3].user)  # a member of the association, no admin access
    for page in admin_pages(report, suspension):
        assert client.get(page).status_code == 302, page
    report.refresh_from_db()
    assert report.state == ReportState.OPEN


def menu_labels(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return [str(item.render_component(request).label) for item in admin_menu.menu_items_for_request(request)]


def test_the_menu_counts_open_reports_for_staff_only(rf, reported, staff):
    assert "Signalements (1)" in menu_labels(rf, staff)
    editor = with_admin_access(UserFactory(is_staff=False))
    assert not [label for label in menu_labels(rf, editor) if label.startswith("Signalements")]


def test_the_queue_lists_open_reports_and_closed_ones_on_request(staff_client, reported, staff):
    report = reported[0]
    page = content(staff_client.get(ADMIN))
    assert "Fraude ou tentative d'arnaque" in page and f"{ADMIN}{report.pk}/" in page
    report_dismiss(staff=staff, report_id=report.pk)
    assert f"{ADMIN}{report.pk}/" not in staff_client.get(ADMIN).content.decode()
    closed = content(staff_client.get(ADMIN, {"state": "closed"}))
    assert f"{ADMIN}{report.pk}/" in closed and "Classé sans suite" in closed


def test_the_review_page_shows_the_message_in_context_escaped(staff_client, parties):
    conversation, association, provider = parties
    post(association, conversation, "Bonjour, voici le projet.")
    message = post(provider, conversation, "<script>alert('x')</script> Virement SVP")
    report = message_report(user=association.user, message_id=message.pk, reason="fraud", details="<b>louche</b>")
    response = staff_client.get(f"{ADMIN}{report.pk}/")
    raw = response.content.decode()
    assert "<script>alert" not in raw and "&lt;script&gt;" in raw
    assert "<b>louche</b>" not in raw
    page = content(response)
    assert "Bonjour, voici le projet." in page
    assert association.user.email in page


def test_staff_decide_through_the_admin_form(staff_client, reported, staff):
    report, message, *_ = reported
    missing_reason = staff_client.post(f"{ADMIN}{report.pk}/", {"decision": "suspend", "message": message.pk})
    assert missing_reason.status_code == 200
    assert "Indiquez le motif de la suspension" in content(missing_reason)
    assert staff_client.post(f"{ADMIN}{report.pk}/", {"decision": "nonsense"}).status_code == 200
    assert staff_client.post(f"{ADMIN}{report.pk}/", {"decision": "hide", "message": "abc"}).status_code == 200

    response = staff_client.post(f"{ADMIN}{report.pk}/", {"decision": "hide", "message": message.pk, "note": "Spam"})
    assert response.status_code == 302
    message.refresh_from_db()
    report.refresh_from_db()
    assert message.hidden_at is not None and report.state == ReportState.CLOSED
    assert "Masquer" not in content(staff_client.get(f"{ADMIN}{report.pk}/"))  # decided: no form any more
    assert staff_client.get(f"{ADMIN}999999/").status_code == 404


def test_staff_suspend_then_lift_through_the_admin(staff_client, reported):
    report, message, _conversation, _association, provider = reported
    response = staff_client.post(
        f"{ADMIN}{report.pk}/", {"decision": "suspend", "message": message.pk, "note": "Arnaque", "hide_message": "on"}
    )
    assert response.status_code == 302
    provider.user.refresh_from_db()
    assert not provider.user.is_active
    suspension = UserSuspension.objects.get(user=provider.user)
    listing = content(staff_client.get(f"{ADMIN}suspensions/"))
    assert provider.user.email in listing

    lifted = staff_client.post(f"{ADMIN}suspensions/{suspension.pk}/", {"note": "Levée après échange"})
    assert lifted.status_code == 302
    provider.user.refresh_from_db()
    assert provider.user.is_active
    again = staff_client.post(f"{ADMIN}suspensions/{suspension.pk}/", {"note": ""})
    assert again.status_code == 200 and "déjà été levée" in content(again)


# --- rate limit -----------------------------------------------------------------------------------


def test_the_rate_limit_says_what_to_do(client, parties):
    conversation, association, _provider = parties
    client.force_login(association.user)
    for n in range(20):
        client.post(url("conversation", conversation_id=conversation.pk), {"body": f"Message {n}"})
    response = client.post(url("conversation", conversation_id=conversation.pk), {"body": "Un de trop"})
    assert response.status_code == 429
    assert "patientez une minute" in content(response)
    as_json = client.post(
        url("conversation", conversation_id=conversation.pk), {"body": "Encore"}, headers={"accept": "application/json"}
    )
    assert as_json.status_code == 429 and "patientez une minute" in as_json.json()["error"]
