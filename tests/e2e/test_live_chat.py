"""An association and a provider chat on one conversation, each in their own browser, without reloading.

pytest-django's live server speaks WSGI, so the WebSocket cannot connect there:
the first test exercises the page's fallback (three failed connections, then
polling and posting with fetch). The second runs the site under daphne to use
the socket; daphne runs in another process, so it needs a database both can
reach (PostgreSQL), like the two-process Redis test whose helper it borrows.
"""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from messaging.models import Message
from messaging.services import conversation_open

from ..messaging.test_multiprocess_redis import daphne_processes
from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Three failed connections with backoff, then a poll every 5 s: generous, the CI machine may be slow.
FALLBACK_TIMEOUT_MS = 20_000
DELIVERY_TIMEOUT_MS = 20_000


@pytest.fixture
def parties():
    """(conversation, association membership, provider membership) about a published project."""
    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    project = ProjectFactory(organisation=association.organisation, published=True)
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    return conversation, association, provider


def close_this_context_connection():
    """Queries made while Playwright's sync API runs get a connection of their own (Django keeps one per context),
    which pytest-django does not close: left open, it keeps PostgreSQL from dropping the test database."""
    connections["default"].close()


def stored_messages(conversation) -> list[Message]:
    messages = list(Message.objects.filter(conversation=conversation).order_by("seq"))
    close_this_context_connection()
    return messages


def serve_static_from_the_sources(route):
    """daphne under the test settings (DEBUG off, nothing collected) serves no static file: read them here."""
    relative = route.request.url.split(settings.STATIC_URL, 1)[1].split("?", 1)[0]
    found = finders.find(relative)
    if found:
        route.fulfill(path=found)
    else:
        route.fulfill(status=404)


def signed_in_page(page, base_url, user):
    """A page in a context of its own (its own cookies), logged in as `user`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    close_this_context_connection()
    context = page.context.browser.new_context(base_url=base_url, locale="fr-FR")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    context.route(f"**{settings.STATIC_URL}**", serve_static_from_the_sources)
    signed_in = context.new_page()
    signed_in.set_default_timeout(10_000)
    return signed_in


def open_conversation(page, conversation, transport="polling"):
    page.goto(reverse("messaging:conversation", kwargs={"conversation_id": conversation.pk}))
    if page.locator("script[src*='js/conversation.js']").count() == 0:
        # Until the conversation template loads the script itself, load it the way that tag would.
        page.add_script_tag(url="/static/js/conversation.js", type="module")
    expect(page.locator("#conversation")).to_have_attribute("data-transport", transport, timeout=FALLBACK_TIMEOUT_MS)


def send(page, text):
    page.get_by_label("Votre message").fill(text)
    page.get_by_role("button", name="Envoyer").click()


def test_two_organisations_chat_through_the_polling_fallback(parties, page, live_server):
    conversation, association, provider = parties
    association_page = signed_in_page(page, live_server.url, association.user)
    provider_page = signed_in_page(page, live_server.url, provider.user)
    open_conversation(association_page, conversation)
    open_conversation(provider_page, conversation)
    url_before = association_page.url

    send(association_page, "Bonjour, pouvez-vous nous aider pour le site ?")

    mine = association_page.locator(".message--mine").filter(has_text="Bonjour, pouvez-vous")
    expect(mine.locator(".message-state")).to_have_text("envoyé", timeout=DELIVERY_TIMEOUT_MS)
    assert association_page.url == url_before  # no reload: the form was sent with fetch
    expect(association_page.get_by_label("Votre message")).to_have_value("")
    expect(provider_page.locator("#conversation .messages")).to_contain_text(
        "Bonjour, pouvez-vous nous aider pour le site ?", timeout=DELIVERY_TIMEOUT_MS
    )

    send(provider_page, "Avec plaisir : <b>voici</b> nos références https://exemple.org")

    reply = association_page.locator("#conversation .messages .message").filter(has_text="Avec plaisir")
    expect(reply).to_have_count(1, timeout=DELIVERY_TIMEOUT_MS)
    # The server's escaped html is what is shown: the tag stays text, the address becomes a link.
    expect(reply.locator(".message__body")).to_contain_text("<b>voici</b>")
    expect(reply.locator("a[href='https://exemple.org']")).to_have_count(1)

    stored = stored_messages(conversation)
    assert [message.sender_org_id for message in stored] == [association.organisation_id, provider.organisation_id]
    assert all(message.client_id for message in stored)  # posted by the script, not by the plain form
    association_page.context.close()
    provider_page.context.close()


@pytest.mark.postgres
def test_two_organisations_chat_live_over_the_websocket(parties, page):
    conversation, association, provider = parties
    with daphne_processes(1) as (port,):
        base_url = f"http://127.0.0.1:{port}"
        association_page = signed_in_page(page, base_url, association.user)
        provider_page = signed_in_page(page, base_url, provider.user)
        open_conversation(association_page, conversation, transport="websocket")
        open_conversation(provider_page, conversation, transport="websocket")

        provider_page.get_by_label("Votre message").press_sequentially("Bon")
        expect(association_page.locator(".conversation-typing")).to_be_visible()
        expect(association_page.locator(".conversation-typing")).to_contain_text("écrit…")

        send(provider_page, "Bonjour, voici notre proposition.")

        incoming = association_page.locator("#conversation .messages .message").filter(has_text="voici notre")
        expect(incoming).to_have_count(1)
        expect(association_page.locator(".conversation-typing")).to_be_hidden()
        # The association's page is visible, so it says it has read: the provider sees "lu".
        mine = provider_page.locator(".message--mine").filter(has_text="voici notre")
        expect(mine).to_have_count(1)
        expect(mine.locator(".message-state")).to_have_text("lu")

        send(association_page, "Merci, nous regardons.")
        expect(provider_page.locator("#conversation .messages")).to_contain_text("Merci, nous regardons.")
        association_page.context.close()
        provider_page.context.close()
    assert [message.body for message in stored_messages(conversation)] == [
        "Bonjour, voici notre proposition.",
        "Merci, nous regardons.",
    ]
