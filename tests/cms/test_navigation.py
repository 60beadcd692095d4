"""The header's sections and the footer's legal pages come from the page tree the editors manage."""

import pytest

from cms.models import ContentPage, OfferIndexPage

from .test_i18n import translate

pytestmark = pytest.mark.django_db


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def sections(home, resource_index):
    resource_index.show_in_menus = True
    resource_index.save_revision().publish()
    offers = _publish(home, OfferIndexPage(title="Offres solidaires", slug="offres", show_in_menus=True))
    hidden = _publish(home, OfferIndexPage(title="Anciennes offres", slug="anciennes-offres"))
    legal = _publish(home, ContentPage(title="Mentions légales", slug="mentions-legales", body=[]))
    return {"resources": resource_index, "offers": offers, "hidden": hidden, "legal": legal}


def _nav(html: str, label: str) -> str:
    return html.split(f'aria-label="{label}"', 1)[1].split("</nav>", 1)[0]


def test_sections_ticked_for_menus_are_in_the_header_in_tree_order(client, sections):
    html = client.get("/prestataires/").content.decode()

    main = _nav(html, "Navigation principale")
    assert main.index('href="/prestataires/" aria-current="page">Prestataires') < main.index(
        'href="/ressources/" >Ressources'
    )
    assert main.index("Ressources") < main.index('href="/offres/" >Offres solidaires') < main.index("Boutique")
    assert "Anciennes offres" not in html  # not ticked "Afficher dans les menus"
    assert 'href="/mentions-legales/" >Mentions légales' in _nav(html, "Informations pratiques")
    assert "Mentions légales" not in main


def test_the_section_being_read_is_marked_current(client, sections, article):
    html = client.get(article.url).content.decode()

    assert 'href="/ressources/" aria-current="page">Ressources' in _nav(html, "Navigation principale")


def test_an_unpublished_section_leaves_the_menu(client, sections):
    sections["offers"].unpublish()

    assert "Offres solidaires" not in client.get("/prestataires/").content.decode()


def test_english_pages_get_the_english_sections_and_fall_back_to_french_ones(client, home, sections):
    client.cookies["django_language"] = "en"
    assert 'href="/ressources/" >Ressources' in client.get("/prestataires/").content.decode()  # no English tree yet

    translate(home, title="Passerelle", hero_title="Digital tools for associations")
    translate(sections["resources"], title="Resource centre")
    html = client.get("/prestataires/").content.decode()

    main = _nav(html, "Main navigation")
    assert 'href="/en/ressources/" >Resource centre' in main
    assert "Offres solidaires" not in main  # not translated yet: English readers see the English tree only


def test_menus_are_cached_until_a_page_changes(client, sections, django_assert_max_num_queries):
    client.get("/prestataires/")
    with django_assert_max_num_queries(0):
        from django.test import RequestFactory

        from cms.navigation import site_menus

        menus = site_menus(RequestFactory().get("/prestataires/"))
    assert [link.title for link in menus.main] == ["Ressources", "Offres solidaires"]

    sections["offers"].title = "Bons plans"
    sections["offers"].save_revision().publish()

    assert "Bons plans" in client.get("/prestataires/").content.decode()
