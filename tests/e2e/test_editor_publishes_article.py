"""A staff editor writes an article in the Wagtail admin (a paragraph and an image with its text alternative),
publishes it, and readers find it at its URL: in a real browser."""

import re

import pytest

from cms.models import ArticlePage, HomePage
from marketplace.models import User
from tests.cms.conftest import RENDITION_WARNING
from tests.cms.pages import make_image, make_resource_index
from tests.factories import UserFactory
from tests.second_factor import authenticator_code, give_authenticator

# The chooser renders thumbnails: Wagtail's rendition ResourceWarning is accepted, as in tests/cms.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(RENDITION_WARNING),
]

PASSWORD = "Un-mot-de-passe-editorial-2026"
TITLE = "Installer un gestionnaire de mots de passe"


def french_home() -> HomePage:
    """The French home page and the default site: made by migrations, but an earlier browser test's flush may
    have removed them (serialized rollback cannot restore them once content types were recreated)."""
    from wagtail.models import Collection, Locale, Page, Site

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale__language_code="fr").first()
    if home is not None:
        return home
    locale, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil", locale=locale, hero_title="Accueil"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Passerelle"}
    )
    return home


@pytest.fixture
def newsroom(settings):
    # Wagtail 8 autosaves the form every 500 ms of idle time, and on the "new page" form its first save
    # navigates to the edit form: a click landing during that navigation is lost. Editors are not racing
    # a robot, so the test turns autosave off rather than sleeping.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    from cms.models import Theme

    index = make_resource_index(french_home())
    # Vocabularies come from a migration too: make sure the theme the editor ticks is there.
    Theme.objects.get_or_create(slug="cybersecurite", defaults={"name": "Cybersécurité"})
    image = make_image("Capture du coffre partagé")
    editor = UserFactory(email="editrice@passerelle.test", is_staff=True, is_superuser=True, password=PASSWORD)
    return index, image, editor


def log_in_to_admin(page, email):
    """The admin's two steps: password, then the code of the editor's authenticator app."""
    device = give_authenticator(User.objects.get(email=email))
    page.goto("/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("#id_code").fill(authenticator_code(device))
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def add_block(page, label):
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def test_an_editor_creates_and_publishes_an_article(newsroom, page):
    index, image, editor = newsroom
    log_in_to_admin(page, editor.email)

    page.goto(f"/admin/pages/add/cms/articlepage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_intro").fill("Un coffre partagé pour les accès de l'association, en une heure.")

    add_block(page, "Texte")
    page.locator(".public-DraftEditor-content").last.click()
    page.keyboard.type("Commencez par recenser les comptes partagés de l'association.")

    add_block(page, "Image")
    # The block's own chooser (its "image" child), not the cover's chooser higher in the form.
    page.locator("[data-contentpath='image'] [data-chooser-action-choose]").last.click()
    page.locator(".modal").get_by_role("link", name=image.title).click()
    page.locator("input[name$='-value-alt']").last.fill("Le coffre partagé, avec un dossier par équipe")

    page.get_by_role("tab", name="Classement").click()
    page.get_by_label("Cybersécurité").check()

    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    publish = page.locator("button[name='action-publish']")
    publish.wait_for(state="visible")
    publish.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))  # back to the explorer: published, not a form error

    article = ArticlePage.objects.get(title=TITLE)
    assert article.live
    assert [block.block_type for block in article.body] == ["paragraph", "image"]
    page.goto(article.url)
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text("Commencez par recenser les comptes partagés").is_visible()
    assert page.get_by_alt_text("Le coffre partagé, avec un dossier par équipe").is_visible()

    # Readers find it in the resource search at once, without accents in the query.
    index.refresh_from_db()
    page.goto(index.search_url())
    page.get_by_role("searchbox").fill("coffre partage")
    page.get_by_role("searchbox").press("Enter")
    assert page.get_by_role("link", name=TITLE).is_visible()
