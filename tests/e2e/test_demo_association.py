"""A volunteer of the demo association logs in with a real browser and finds their dashboard."""

import pytest

from demo.data import DEMO_PASSWORD
from tests.cms.conftest import RENDITION_WARNING
from tests.demo_snapshot import demo_database

# The demo's pages show images: Wagtail's rendition ResourceWarning is accepted, as in tests/cms.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(RENDITION_WARNING),
]


@pytest.fixture
def demo():
    demo_database()


def test_demo_association_logs_in_and_sees_its_dashboard(demo, page):
    page.goto("/")
    page.get_by_role("link", name="Se connecter").first.click()
    page.get_by_label("Adresse e-mail").fill("asso@demo.test")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url("**/tableau-de-bord/")
    assert page.get_by_role("heading", level=1).inner_text() == "Les Restos du Quartier — Lyon"
    assert page.get_by_text("Vous êtes Propriétaire.").is_visible()
    assert page.get_by_role("link", name="Mon organisation").is_visible()


def test_wrong_password_shows_an_error_next_to_the_form(demo, page):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill("asso@demo.test")
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("alert").inner_text().strip() == "Adresse e-mail ou mot de passe incorrect."
