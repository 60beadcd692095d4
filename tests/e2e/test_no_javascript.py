"""Every page works without JavaScript: a browser with JavaScript turned off logs in, posts a project through
the wizard, writes in a conversation (the page reloads with the message), removes a member behind a
confirmation (the form posts without the dialog), filters the directory, switches the language and reads a page
with tabs, whose sections all stay visible with links to each."""

import re

import pytest
from playwright.sync_api import expect

from tests.main_pages import DEMO_PROVIDER, prepare_demo

from .browsing import DEMO_MARKS, log_in

pytestmark = DEMO_MARKS

PROJECT_TITLE = "Un agenda en ligne pour nos maraudes"


@pytest.fixture
def demo():
    prepare_demo()


@pytest.fixture
def no_js(page, live_server):
    """A page in a browser context where JavaScript is turned off (its own cookies, so its own session)."""
    context = page.context.browser.new_context(base_url=live_server.url, locale="fr-FR", java_script_enabled=False)
    plain = context.new_page()
    plain.set_default_timeout(10_000)
    yield plain
    context.close()


def test_javascript_is_really_off(demo, no_js):
    no_js.goto("/compte/connexion/")
    expect(no_js.get_by_role("button", name="Changer")).to_be_visible()  # the layout's <noscript> content


def test_log_in_and_post_a_project_through_the_wizard(demo, no_js):
    log_in(no_js, "asso@demo.test")
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Les Restos du Quartier — Lyon")

    no_js.goto("/projets/nouveau/")
    no_js.locator("a.type-card[href$='type=website']").click()
    no_js.locator("#id_title").fill(PROJECT_TITLE)
    no_js.locator("#id_description").fill(
        "Nos bénévoles ont besoin d'un agenda partagé des maraudes, consultable sur téléphone, avec les inscriptions."
    )
    no_js.locator("#id_budget_min").fill("1000")
    no_js.locator("#id_budget_max").fill("3000")
    no_js.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)

    no_js.get_by_role("button", name="Publier le projet").click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    expect(no_js.get_by_text("Publié", exact=True).first).to_be_visible()


def test_a_message_is_sent_and_shown_after_the_reload(demo, no_js):
    log_in(no_js, "asso@demo.test")
    no_js.goto("/messages/")
    no_js.get_by_role("link", name=DEMO_PROVIDER).first.click()
    no_js.wait_for_url(re.compile(r"/messages/\d+/$"))
    conversation_url = no_js.url

    no_js.get_by_label("Votre message").fill("Pouvez-vous passer mardi pour en parler ?")
    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Envoyer", exact=True).click()

    assert no_js.url.split("#")[0] == conversation_url
    expect(no_js.locator(".messages")).to_contain_text("Pouvez-vous passer mardi pour en parler ?")
    expect(no_js.get_by_label("Votre message")).to_have_value("")


def test_a_confirmation_protected_action_posts_without_the_dialog(demo, no_js):
    log_in(no_js, "asso@demo.test")
    no_js.goto("/organisations/parametres/")
    remove = no_js.get_by_role("button", name="Retirer benevole@demo.test")

    with no_js.expect_navigation():
        remove.click()

    assert no_js.get_by_role("dialog").count() == 0
    expect(no_js.get_by_role("button", name="Retirer benevole@demo.test")).to_have_count(0)
    expect(no_js.get_by_role("status")).to_be_visible()  # the server's message, as a plain list


def test_the_tabs_page_shows_every_section_with_links_to_each(demo, no_js):
    log_in(no_js, "asso@demo.test")
    no_js.goto("/organisations/parametres/")

    tabs = no_js.get_by_role("navigation", name="Réglages de l'organisation")
    expect(tabs.get_by_role("link")).to_have_text(["Membres", "Inviter un collègue", "Informations"])
    assert no_js.get_by_role("tab").count() == 0
    for heading in ("Membres", "Inviter un collègue", "Informations"):
        expect(no_js.get_by_role("heading", name=heading, exact=True)).to_be_visible()

    tabs.get_by_role("link", name="Inviter un collègue").click()
    assert no_js.url.endswith("#settings-invite")
    expect(no_js.get_by_role("button", name="Envoyer l'invitation")).to_be_in_viewport()


def test_the_directory_filters_and_sorts_with_plain_forms(demo, no_js):
    no_js.goto("/prestataires/")
    filters = no_js.locator("#directory-filters")
    filters.get_by_label("Région couverte").select_option("auvergne-rhone-alpes")
    filters.get_by_role("button", name="Filtrer").click()

    no_js.wait_for_url(re.compile(r"region=auvergne-rhone-alpes"))
    expect(no_js.get_by_role("heading", name=re.compile(r"prestataires? trouvés?"))).to_be_visible()
    expect(no_js.get_by_role("link", name="Retirer le filtre « Région couverte »").first).to_be_visible()

    no_js.get_by_label("Trier par").select_option(index=1)
    no_js.get_by_role("button", name="Trier").click()
    no_js.wait_for_url(re.compile(r"sort="))
    assert "region=auvergne-rhone-alpes" in no_js.url  # sorting keeps the filters


def test_the_language_switcher_works_with_its_button(demo, no_js):
    no_js.goto("/prestataires/")
    no_js.get_by_label("Langue").select_option("en")
    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Changer").click()

    assert no_js.locator("html").get_attribute("lang") == "en"
    expect(no_js.get_by_role("heading", level=1)).not_to_have_text("Annuaire des prestataires")
