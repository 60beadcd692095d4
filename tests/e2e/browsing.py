"""What the browser tests share: the demo with its migration data, logging in, a second party's browser."""

import pytest

from demo.data import DEMO_PASSWORD
from tests.cms.conftest import RENDITION_WARNING
from tests.demo_snapshot import demo_database

from .content_security import watch_content_security

# The demo's pages show images: Wagtail's rendition ResourceWarning is accepted, as in tests/cms.
DEMO_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(RENDITION_WARNING),
]


def seed_demo() -> None:
    """The demo on a database an earlier browser test may have flushed (see tests/demo_snapshot.py)."""
    demo_database()


def log_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/tableau-de-bord/")


def new_party_page(page, base_url: str):
    """A page in a browser context of its own: its own cookies, so its own session.

    What its Content-Security-Policy blocks is added to `page`'s list, so the `page` fixture fails on it too.
    """
    context = page.context.browser.new_context(base_url=base_url, locale="fr-FR")
    other = context.new_page()
    other.set_default_timeout(10_000)
    watch_content_security(other, into=getattr(page, "csp_violations", None))
    return other
