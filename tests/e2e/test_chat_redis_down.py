"""Redis stops under an open conversation: both pages switch to polling, a message still goes through, and once
Redis is back they return to the socket on their own and messages arrive live again.

The site runs under daphne (WebSockets) with its channel layer and cache on a Redis of this test's own, which
the test stops and starts; daphne is another process, hence PostgreSQL (see test_live_chat.py).
"""

import pytest
from playwright.sync_api import expect

from ..messaging.test_multiprocess_redis import daphne_processes
from ..messaging.test_redis_down import PrivateRedis
from ..services import missing
from .test_live_chat import (
    DELIVERY_TIMEOUT_MS,
    FALLBACK_TIMEOUT_MS,
    open_conversation,
    parties,  # noqa: F401  the fixture
    send,
    signed_in_page,
    stored_messages,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# The page tries the socket again about every 20 s while it polls.
BACK_LIVE_TIMEOUT_MS = 45_000


def transport(page):
    return expect(page.locator("#conversation"))


def test_the_chat_polls_while_redis_is_down_and_goes_live_again_when_it_returns(parties, page, settings):  # noqa: F811
    conversation, association, provider = parties
    redis = PrivateRedis()
    if redis.binary is None:
        missing("needs redis-server (make services installs it)")
    redis.start()
    settings.REDIS_URL = f"redis://127.0.0.1:{redis.port}/0"
    try:
        with daphne_processes(1) as (port,):
            base_url = f"http://127.0.0.1:{port}"
            association_page = signed_in_page(page, base_url, association.user)
            provider_page = signed_in_page(page, base_url, provider.user)
            for each in (association_page, provider_page):
                each.set_default_navigation_timeout(60_000)  # a fresh daphne's first page, on a busy machine
            open_conversation(association_page, conversation, transport="websocket")
            open_conversation(provider_page, conversation, transport="websocket")

            redis.stop()
            transport(association_page).to_have_attribute("data-transport", "polling", timeout=FALLBACK_TIMEOUT_MS)
            transport(provider_page).to_have_attribute("data-transport", "polling", timeout=FALLBACK_TIMEOUT_MS)
            send(provider_page, "Envoyé pendant la panne de Redis.")
            mine = provider_page.locator(".message--mine").filter(has_text="pendant la panne")
            expect(mine.locator(".message-state")).to_have_text("envoyé", timeout=DELIVERY_TIMEOUT_MS)
            expect(association_page.locator("#conversation .messages")).to_contain_text(
                "Envoyé pendant la panne de Redis.", timeout=DELIVERY_TIMEOUT_MS
            )

            redis.start()
            transport(association_page).to_have_attribute("data-transport", "websocket", timeout=BACK_LIVE_TIMEOUT_MS)
            transport(provider_page).to_have_attribute("data-transport", "websocket", timeout=BACK_LIVE_TIMEOUT_MS)
            send(provider_page, "De retour en direct.")
            expect(association_page.locator("#conversation .messages")).to_contain_text(
                "De retour en direct.", timeout=DELIVERY_TIMEOUT_MS
            )
            association_page.context.close()
            provider_page.context.close()
    finally:
        redis.stop()
    assert [message.body for message in stored_messages(conversation)] == [
        "Envoyé pendant la panne de Redis.",
        "De retour en direct.",
    ]
