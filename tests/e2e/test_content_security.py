"""The main pages run under their Content-Security-Policy in Chromium: nothing is blocked, for any audience.

The `page` fixture (conftest.py) fails a test on any violation the page reports; this test only has to
visit every main page as each kind of visitor and wait for the page's scripts to have run.
"""

import pytest

from demo.data import DEMO_PASSWORD
from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls

from .browsing import DEMO_MARKS, log_in

pytestmark = DEMO_MARKS


@pytest.fixture
def demo():
    prepare_demo()


def visit(page, urls: list[str]) -> None:
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status in (200, 404), f"{url} answered {response and response.status}"
        page.wait_for_load_state("networkidle")


def test_public_pages_run_under_the_policy(demo, page):
    visit(page, public_urls())

    assert page.csp_violations == []


def test_association_pages_run_under_the_policy(demo, page):
    urls = association_urls()
    log_in(page, "asso@demo.test")

    visit(page, urls)

    assert page.csp_violations == []


def test_provider_pages_run_under_the_policy(demo, page):
    urls = provider_urls()
    log_in(page, "presta@demo.test")

    visit(page, urls)

    assert page.csp_violations == []


def test_a_blocked_inline_script_is_noticed(demo, page):
    """The watch itself can fail: an inline script added to a page is blocked and reported."""
    page.goto("/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }")
    page.wait_for_timeout(200)

    assert any("script-src" in line for line in page.csp_violations)
    page.csp_violations.clear()


def test_staff_pages_and_the_admin_run_under_their_policies(demo, page):
    """Staff log in with their code; the admin's own policy (looser for Wagtail's inline widgets) still
    blocks nothing Wagtail needs, and the account security pages run under the site's."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cms.models import ArticlePage
    from tests.second_factor import authenticator_code

    article = ArticlePage.objects.live().first()
    device = TOTPDevice.objects.get(user__email="staff@demo.test")
    page.goto("/admin/login/")
    page.locator("#id_username").fill("staff@demo.test")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("#id_code").fill(authenticator_code(device))
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")

    visit(page, ["/admin/", "/admin/pages/", f"/admin/pages/{article.pk}/edit/", "/admin/images/", "/compte/securite/"])

    assert page.csp_violations == []


def test_the_second_factor_pages_run_under_the_policy(demo, page):
    log_in(page, "benevole@demo.test")

    visit(page, ["/compte/profil/", "/compte/securite/", "/compte/securite/activer/"])

    assert page.csp_violations == []
