"""An association volunteer posts a website project with the guided form, publishes it,
and a verified provider finds it on the projects board: in a real browser."""

import pytest

from demo.data import DEMO_PASSWORD
from tests.demo_snapshot import demo_database

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Un site simple pour nos ateliers cuisine"


@pytest.fixture
def demo():
    demo_database()


def log_in(page, email):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/tableau-de-bord/")


def test_post_publish_and_find_a_project(demo, page):
    log_in(page, "asso@demo.test")
    page.goto("/projets/nouveau/")
    page.locator("a.type-card[href$='type=website']").click()

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill(
        "Nous voulons présenter nos ateliers cuisine, leurs horaires et recevoir des dons en ligne."
    )
    page.locator("#id_budget_min").fill("1500")
    page.locator("#id_budget_max").fill("4000")
    page.get_by_role("button", name="Enregistrer le brouillon").click()

    page.get_by_role("button", name="Publier le projet").click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text("Publié", exact=True).first.is_visible()

    page.context.clear_cookies()
    log_in(page, "presta@demo.test")
    page.goto("/projets/tableau/")
    assert page.get_by_role("link", name=TITLE).is_visible()
