"""The demo resource centre: real guides across themes and formats, events, FAQ and legal pages; idempotent."""

import io

import pytest
from django.core.management.base import OutputWrapper
from wagtail.images.models import Image
from wagtail.models import Page

from cms.demo import seed_cms
from cms.demo.articles import ARTICLES
from cms.models import ArticlePage, ContentPage, EventPage, FaqPage, ResourceFormat, Theme

pytestmark = pytest.mark.django_db


def run() -> dict[str, int]:
    return seed_cms(OutputWrapper(io.StringIO()))


@pytest.fixture
def seeded():
    return run()


def test_articles_are_real_guides_across_themes_and_formats(seeded):
    articles = ArticlePage.objects.live()
    assert articles.count() == len(ARTICLES) >= 25
    assert {a.format for a in articles} == set(ResourceFormat.values)
    assert set(Theme.objects.filter(articles__isnull=False).values_list("slug", flat=True)) == set(
        Theme.objects.values_list("slug", flat=True)
    )
    for article in articles:
        assert article.table_of_contents() or article.format == "webinar", article.slug
        assert "lorem" not in article.body_text().lower()
        assert article.cover is not None
    assert ArticlePage.objects.get(slug="microsoft-365-associations").provider_directory_url()


def test_events_faq_and_legal_pages(seeded):
    assert EventPage.objects.live().count() == 3
    assert FaqPage.objects.live().count() == 1
    assert set(ContentPage.objects.values_list("slug", flat=True)) == {
        "mentions-legales",
        "confidentialite",
        "accessibilite",
    }
    assert Image.objects.filter(collection__name="Centre de ressources").count() == Theme.objects.count()


def test_second_run_creates_nothing(seeded):
    pages = Page.objects.count()
    assert not any(run().values())
    assert Page.objects.count() == pages


def test_a_missing_article_is_seeded_again(seeded):
    ArticlePage.objects.get(slug="canva-visuels-association").delete()
    assert run()["articles"] == 1


def test_demo_pages_render_and_searches_find_the_guides(client, seeded):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url
    search = "/ressources/recherche/"
    tableur = [a.slug for a in client.get(search, {"q": "tableur"}).context["page_obj"].object_list]
    assert tableur[0] in {"tableur-suivi-adherents", "choisir-crm-associatif"}
    assert "tableur-suivi-adherents" in tableur
    securite = [a.slug for a in client.get(search, {"q": "securite"}).context["page_obj"].object_list]
    assert "mises-a-jour-postes" in securite
    assert "mots-de-passe-gestionnaire" in securite
    cyber = [a.slug for a in client.get(search, {"q": "cybersecurite"}).context["page_obj"].object_list]
    assert "etude-cybersecurite-associations" in cyber
