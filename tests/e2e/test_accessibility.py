"""Every main page passes axe-core's WCAG 2.1 A/AA rules in Chromium, logged out and as each kind of member.

The pages are those of the demo (`seed_demo`), so they carry realistic content:
long names, images, prices, chat messages. Each test visits all its pages and
reports every violation at once, so one run shows the whole list to fix.
"""

import pytest

from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls

from .accessibility import axe_violations, describe
from .browsing import DEMO_MARKS, log_in

pytestmark = DEMO_MARKS


@pytest.fixture
def demo():
    prepare_demo()


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
