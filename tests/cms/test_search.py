"""Resource search on the configured Wagtail backend (the database backend in the embedded default)."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms.templatetags.cms_tags import highlight

from .pages import heading, make_article, paragraph

pytestmark = pytest.mark.django_db


def index_for_search() -> None:
    """On a cluster backend, (re)build Wagtail's index and make it searchable; the database backend indexes on save."""
    from django.conf import settings
    from django.core.management import call_command

    if "database" not in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        call_command("update_index", verbosity=0)


@pytest.fixture
def guides(resource_index):
    made = {
        "security": make_article(
            resource_index,
            title="La sécurité informatique en cinq gestes",
            slug="securite-cinq-gestes",
            themes=["cybersecurite"],
            intro="Mots de passe, mises à jour, sauvegardes : l'hygiène numérique de base.",
            body=[heading("Activer la double authentification"), paragraph("Un code reçu par SMS ou une application.")],
        ),
        "spreadsheet": make_article(
            resource_index,
            title="Bien utiliser un tableur pour suivre ses adhésions",
            slug="tableur-adhesions",
            themes=["gestion-organisation"],
            format="tutorial",
            intro="Un fichier partagé par toute l'association, des colonnes claires et des filtres.",
        ),
        "canva": make_article(
            resource_index,
            title="Créer ses visuels avec Canva",
            slug="canva",
            themes=["communication"],
            intro="Des affiches et des publications aux couleurs de l'association.",
        ),
    }
    index_for_search()
    return made


def search(client, index, **params):
    response = client.get(index.url + "recherche/", params)
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    return [article.title for article in response.context["page_obj"].object_list]


def test_search_without_accents_finds_the_accented_guide(client, resource_index, guides):
    assert found(search(client, resource_index, q="securite")) == [guides["security"].title]
    assert found(search(client, resource_index, q="sécurité")) == [guides["security"].title]


def test_tableur_finds_the_spreadsheet_guide(client, resource_index, guides):
    assert found(search(client, resource_index, q="tableur")) == [guides["spreadsheet"].title]


def test_search_reads_the_body(client, resource_index, guides):
    assert found(search(client, resource_index, q="authentification")) == [guides["security"].title]


def test_matched_words_are_highlighted(client, resource_index, guides):
    content = search(client, resource_index, q="securite").content.decode()
    assert "La <mark>sécurité</mark> informatique en cinq gestes" in content


def test_highlight_escapes_the_text():
    assert highlight("<b>Sécurité</b> & co", "securite") == "&lt;b&gt;<mark>Sécurité</mark>&lt;/b&gt; &amp; co"
    assert highlight("Tableurs partagés", "tableur") == "<mark>Tableurs</mark> partagés"
    assert highlight("<i>rien</i>", "") == "&lt;i&gt;rien&lt;/i&gt;"


def test_filters_narrow_the_results(client, resource_index, guides):
    q = "association"
    assert set(found(search(client, resource_index, q=q))) >= {guides["spreadsheet"].title, guides["canva"].title}
    assert found(search(client, resource_index, q=q, format="tutorial")) == [guides["spreadsheet"].title]
    assert found(search(client, resource_index, q=q, theme="communication")) == [guides["canva"].title]


def test_nothing_found_suggests_themes_and_guides(client, resource_index, guides):
    response = search(client, resource_index, q="zythologie")
    content = response.content.decode()
    assert found(response) == []
    assert "Aucune ressource ne correspond à « zythologie »." in content
    assert "Explorer un thème" in content and "?theme=cybersecurite" in content
    assert "Nos dernières ressources" in content and guides["canva"].title in content


def test_user_text_is_escaped(client, resource_index, guides):
    content = search(client, resource_index, q='<script>alert("x")</script>').content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;" in content


def test_bad_parameters_never_fail(client, resource_index, guides):
    search(client, resource_index, q="x" * 500, theme="???", page="-1")
    search(client, resource_index, q="   ")


def test_search_promotions_come_first(client, resource_index, guides):
    query = Query.get("cotisation")
    SearchPromotion.objects.create(query=query, page=guides["spreadsheet"], sort_order=0)
    content = search(client, resource_index, q="cotisation").content.decode()
    assert "La sélection de la rédaction" in content
    assert guides["spreadsheet"].title in content


def test_searches_are_counted_for_popular_queries(client, resource_index, guides):
    search(client, resource_index, q="tableur")
    assert Query.get("tableur").hits == 1
