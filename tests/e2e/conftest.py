import os

import pytest

from ..services import chromium_path
from .content_security import watch_content_security

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def page(live_server, monkeypatch):
    """A page in headless system Chromium, driven by Playwright (no browser download).

    Any test using it fails if the page's Content-Security-Policy blocked anything: the product's
    pages must run under their policy, whatever the journey. Playwright's sync API keeps an event
    loop running in this thread, which makes Django refuse database calls from the test; the test
    itself runs no async code, so that guard is lifted for the browser test only.
    """
    from playwright.sync_api import sync_playwright

    monkeypatch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(10_000)
        violations = watch_content_security(page)
        yield page
        context.close()
        browser.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
