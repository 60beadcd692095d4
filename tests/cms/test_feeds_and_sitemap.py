"""What machines read: RSS and Atom feeds of the resources, sitemap.xml in both languages."""

import xml.etree.ElementTree as ET

import pytest

from cms.models import ContentPage

from .pages import make_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314  (our own feed, in a test)


@pytest.fixture
def articles(resource_index):
    return [
        make_article(resource_index, title="Choisir un CRM", slug="choisir-un-crm", themes=["gestion-organisation"]),
        make_article(resource_index, title="Tenir son registre RGPD", slug="registre-rgpd", author="Léa Dupont"),
        make_article(resource_index, title="Article en préparation", slug="brouillon", publish=False),
    ]


def test_rss_feed_lists_published_resources(client, resource_index, articles):
    response = client.get(resource_index.url + "flux/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Tenir son registre RGPD", "Choisir un CRM"]
    assert items[1].findtext("link").endswith("/ressources/choisir-un-crm/")
    assert items[1].findtext("category") == "Gestion & organisation"
    assert items[0].findtext("description").startswith("Ce qu'il faut savoir")


def test_atom_feed(client, resource_index, articles):
    response = client.get(resource_index.url + "flux/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Tenir son registre RGPD", "Choisir un CRM"]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Léa Dupont"


def test_sitemap_lists_live_pages(client, home, resource_index, articles):
    legal = home.add_child(instance=ContentPage(title="Mentions légales", slug="mentions-legales", body=[]))
    legal.save_revision().publish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = [loc.text for loc in parse(response.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(url.endswith("/ressources/choisir-un-crm/") for url in urls)
    assert any(url.endswith("/mentions-legales/") for url in urls)
    assert not any("brouillon" in url for url in urls)


def test_sitemap_lists_english_pages_with_hreflang_alternates(client, home, resource_index, articles):
    from .test_i18n import translate

    translate(home, title="Passerelle", hero_title="Digital tools for associations")
    translate(resource_index, title="Resource centre", slug="resources")
    english_crm = translate(articles[0], title="Choosing a CRM")
    untranslated = articles[1]

    response = client.get("/sitemap.xml")
    urls = {
        url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        for url in parse(response.content).iter(f"{SITEMAP}url")
    }

    french_crm = "http://localhost/ressources/choisir-un-crm/"
    english = "http://localhost/en/resources/choisir-un-crm/"
    assert english_crm.url == "/en/resources/choisir-un-crm/"
    assert {"http://localhost/en/", "http://localhost/en/resources/", english} <= set(urls)
    expected = {"fr": french_crm, "en": english, "x-default": french_crm}
    assert urls[french_crm] == expected
    assert urls[english] == expected  # each version lists all of them, itself included
    assert urls["http://localhost/"]["en"] == "http://localhost/en/"
    assert urls[f"http://localhost{untranslated.url}"] == {}  # no translation: no alternate
    assert not any("brouillon" in url for url in urls)
