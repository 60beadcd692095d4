"""Every main page passes axe-core's WCAG 2.1 A/AA rules in Chromium, logged out and as each kind of member.

The pages are those of the demo (`seed_demo`), so they carry realistic content:
long names, images, prices, chat messages. Each test visits all its pages and
reports every violation at once, so one run shows the whole list to fix.
"""

import pytest

from marketplace.demo.data import DEMO_PASSWORD
from tests.cms.conftest import RENDITION_WARNING
from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls

from .accessibility import axe_violations, describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(RENDITION_WARNING),
]


@pytest.fixture
def demo():
    prepare_demo()


def log_in(page, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/tableau-de-bord/")


def audit(page, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status in (200, 404), f"{url} answered {response and response.status}"
        problems += describe(url, axe_violations(page))
    return problems


def test_public_pages_have_no_accessibility_violations(demo, page):
    problems = audit(page, public_urls())

    assert not problems, "\n".join(problems)


def test_association_pages_have_no_accessibility_violations(demo, page):
    urls = association_urls()
    log_in(page, "asso@demo.test")

    problems = audit(page, urls)

    assert not problems, "\n".join(problems)


def test_provider_pages_have_no_accessibility_violations(demo, page):
    urls = provider_urls()
    log_in(page, "presta@demo.test")

    problems = audit(page, urls)

    assert not problems, "\n".join(problems)
