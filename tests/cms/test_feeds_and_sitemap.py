"""What machines read: RSS and Atom feeds of the resources, sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest

from cms.models import ContentPage

from .pages import make_article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


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
