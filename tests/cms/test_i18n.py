"""Pages in French (default, unprefixed URLs) and English (/en/...), with the site's language switcher."""

import pytest
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from .pages import make_article

pytestmark = pytest.mark.django_db

SWITCHER = "/langue/"


def translate(page, *, title, **fields):
    """What an editor does with "Traduire" (simple_translation), then the English text, then publish."""
    english = Locale.objects.get(language_code="en")
    CopyPageForTranslationAction(page=page, locale=english).execute(skip_permission_checks=True)
    translation = page.get_translation(english).specific
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def english_article(home, resource_index, article):
    translate(home, title="Passerelle", hero_title="Digital tools for associations")
    translate(resource_index, title="Resource centre", intro="Practical guides.")
    return translate(article, title="Securing your passwords", intro="What you need to know.")


def test_the_english_page_is_served_at_its_english_url(client, article, english_article):
    assert article.url == "/ressources/securiser-ses-mots-de-passe/"
    assert english_article.url == "/en/ressources/securiser-ses-mots-de-passe/"

    response = client.get(english_article.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Securing your passwords" in content
    assert '<html lang="en">' in content

    french = client.get(article.url).content.decode()
    assert "Sécuriser ses mots de passe" in french
    assert '<html lang="fr">' in french
    assert f'hreflang="en" href="http://localhost{english_article.url}"' in french
    assert "Digital tools for associations" in client.get("/en/").content.decode()


def test_french_remains_the_default(client, english_article):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in content
    assert "Digital tools for associations" not in content
    assert client.get("/ressources/").context["page"].locale.language_code == "fr"


def test_the_switcher_links_the_two_versions(client, article, english_article):
    to_english = client.post(SWITCHER, {"language": "en", "next": article.url})
    assert to_english.status_code == 302
    assert to_english["Location"] == english_article.url

    to_french = client.post(SWITCHER, {"language": "fr", "next": english_article.url})
    assert to_french["Location"] == article.url


def test_an_untranslated_page_in_english_falls_back_to_the_french_page(client, resource_index, english_article):
    other = make_article(resource_index, title="Choisir un tableur", slug="choisir-un-tableur")
    response = client.get("/en/ressources/choisir-un-tableur/")
    assert response.status_code == 302
    assert response["Location"] == other.url
    assert client.get("/en/nulle-part/").status_code == 404


def test_a_translation_with_its_own_slug_is_found_from_the_french_slug(client, home, resource_index, article):
    translate(home, title="Passerelle", hero_title="Digital tools")
    translate(resource_index, title="Resources", slug="resources")
    english_index = resource_index.get_translation(Locale.objects.get(language_code="en"))
    assert english_index.url == "/en/resources/"
    assert client.get("/en/ressources/")["Location"] == "/en/resources/"


def test_application_urls_have_no_english_variant_and_keep_the_switchers_cookie(client):
    assert client.get("/en/compte/connexion/").status_code == 404
    client.post(SWITCHER, {"language": "en", "next": "/compte/connexion/"})
    assert '<html lang="en">' in client.get("/compte/connexion/").content.decode()


def test_english_pages_stay_out_of_french_lists(client, home, english_article):
    assert [p.title for p in home.highlighted_resources()] == ["Sécuriser ses mots de passe"]


def test_related_articles_stay_in_the_pages_language(resource_index, article, english_article):
    from cms.models import ArticlePage

    other = make_article(resource_index, title="Double authentification", themes=["cybersecurite"], slug="double")
    assert article.related_articles() == [other]
    assert ArticlePage.objects.get(pk=english_article.pk).related_articles() == []


def test_editors_may_translate_and_work_on_the_english_tree(client):
    import io

    from django.contrib.auth.models import Group
    from django.core.management.base import OutputWrapper
    from wagtail.models import GroupPagePermission

    from cms.models import HomePage
    from demo.cms import seed_cms

    seed_cms(OutputWrapper(io.StringIO()))
    editors = Group.objects.get(name="Éditeurs")
    assert editors.permissions.filter(codename="submit_translation").exists()
    english_home = HomePage.objects.get(locale__language_code="en")
    assert GroupPagePermission.objects.filter(group=editors, page=english_home, permission__codename="publish_page")


def test_an_english_resource_index_shows_english_theme_and_audience_names(client, resource_index, english_article):
    from cms.models import ArticlePage, Audience

    english_article.audiences.set(Audience.objects.filter(slug="benevoles"))
    english_article.save_revision().publish()
    english_index = ArticlePage.objects.get(pk=english_article.pk).get_parent()

    content = client.get(english_index.url).content.decode()
    assert '<option value="cybersecurite">Cybersecurity</option>' in content  # the filter keeps the French slug
    assert '<option value="donnees-rgpd">Data &amp; GDPR</option>' in content
    assert "Cybersecurity · " in content  # the article card
    assert "Cybersécurité" not in content
    filtered = client.get(english_index.url, {"theme": "cybersecurite"})
    assert [a.title for a in filtered.context["page_obj"].object_list] == ["Securing your passwords"]
    assert "Volunteers" in client.get(english_article.url).content.decode()

    french = client.get(resource_index.url).content.decode()
    assert '<option value="cybersecurite">Cybersécurité</option>' in french
    assert "Cybersecurity" not in french


def test_a_theme_without_english_name_shows_its_french_name(client, resource_index, english_article):
    from cms.models import Theme

    Theme.objects.filter(slug="cybersecurite").update(name_en="")
    english_index_url = "/en/ressources/"
    assert '<option value="cybersecurite">Cybersécurité</option>' in client.get(english_index_url).content.decode()


def test_an_english_article_links_to_the_english_offer(client, home, english_article):
    from cms.models import ArticleRelatedOffer

    from .pages import make_offer, make_offer_index

    offers = make_offer_index(home)
    offer = make_offer(offers, title="Microsoft 365 pour les associations", slug="m365")
    french_article = english_article.get_translation(Locale.objects.get(language_code="fr"))
    ArticleRelatedOffer.objects.create(article=french_article, page=offer, sort_order=0)
    translate(offers, title="Partner offers")
    english_offer = translate(offer, title="Microsoft 365 for associations", summary="Licences for the whole team.")
    ArticleRelatedOffer.objects.create(article=english_article, page=offer, sort_order=0)  # as a copy would carry it

    content = client.get(english_article.url).content.decode()
    assert f'href="{english_offer.url}">Microsoft 365 for associations</a>' in content
    assert "Microsoft 365 pour les associations" not in content


def test_open_graph_says_which_language_a_page_is_in(client, article, english_article):
    assert '<meta property="og:locale" content="fr_FR">' in client.get(article.url).content.decode()
    assert '<meta property="og:locale" content="en_GB">' in client.get(english_article.url).content.decode()
