"""Article pages: blocks, table of contents, reading time, links to providers, social tags."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError

from cms.models import ArticlePage, Audience
from marketplace.models import Skill

from .pages import heading, make_article, make_image, paragraph

pytestmark = pytest.mark.django_db


def image_block(image, alt):
    return {"type": "image", "value": {"image": image.pk, "alt": alt, "caption": ""}}


def test_an_image_without_alternative_text_is_refused():
    image = make_image()
    stream_block = ArticlePage._meta.get_field("body").stream_block
    value = stream_block.to_python([image_block(image, "")])
    with pytest.raises((ValidationError, StreamBlockValidationError)):
        stream_block.clean(value)
    stream_block.clean(stream_block.to_python([image_block(image, "Un graphique des dons en ligne")]))


def test_an_image_without_alternative_text_fails_in_the_editor(admin_user, resource_index):
    """Through the admin's own page form: the body is refused, so the page cannot be saved."""
    image = make_image()
    form_class = ArticlePage.get_edit_handler().get_form_class()

    def submit(alt):
        data = {
            "title": "Guide illustré",
            "slug": "guide-illustre",
            "intro": "Chapô.",
            "format": "guide",
            "level": "beginner",
            "themes": [],
            "body-count": "1",
            "body-0-type": "image",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "b1",
            "body-0-value-image": str(image.pk),
            "body-0-value-alt": alt,
            "body-0-value-caption": "",
        }
        for prefix, maximum in (("related_resources", 6),):
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
            data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": str(maximum)})
        return form_class(data, instance=ArticlePage(), parent_page=resource_index, for_user=admin_user)

    refused = submit("")
    assert not refused.is_valid()
    assert "body" in refused.errors
    accepted = submit("Capture de l'écran d'accueil de HelloAsso")
    accepted.is_valid()
    assert "body" not in accepted.errors


def test_headings_make_a_table_of_contents_with_unique_anchors(client, resource_index):
    article = make_article(
        resource_index,
        title="Choisir un CRM",
        slug="choisir-un-crm",
        body=[
            heading("Définir ses besoins"),
            paragraph("Texte"),
            heading("Comparer", "h3"),
            heading("Définir ses besoins"),
        ],
    )
    toc = article.table_of_contents()
    assert [entry["anchor"] for entry in toc] == ["definir-ses-besoins", "comparer", "definir-ses-besoins-2"]
    content = client.get(article.url).content.decode()
    assert '<a href="#comparer">Comparer</a>' in content
    assert '<h3 id="comparer">Comparer</h3>' in content
    assert 'id="definir-ses-besoins-2"' in content


def test_reading_time_is_computed_from_the_text(resource_index):
    words = " ".join(["mot"] * 450)
    article = make_article(
        resource_index, title="Long guide", slug="long-guide", intro="Court.", body=[paragraph(words)]
    )
    assert article.reading_time == 3
    short = make_article(resource_index, title="Court", slug="court")
    assert short.reading_time == 1


def test_find_a_provider_links_to_the_directory_filtered_by_skills(client, resource_index):
    article = make_article(resource_index, title="Migrer vers Microsoft 365", slug="migrer-m365")
    article.skills.set(Skill.objects.filter(slug__in=["microsoft-365", "migration-cloud"]))
    article.save_revision().publish()
    content = client.get(article.url).content.decode()
    assert "Trouver un prestataire" in content
    link = re.search(r'href="(/prestataires/\?[^"]+)"', content).group(1)
    assert "skills=microsoft-365" in link and "skills=migration-cloud" in link
    assert client.get(link.replace("&amp;", "&")).status_code == 200


def test_no_provider_box_without_skills(client, article):
    assert "Trouver un prestataire" not in client.get(article.url).content.decode()


def test_dates_author_audience_and_related_resources(client, resource_index):
    first = make_article(resource_index, title="Sauvegarder ses données", slug="sauvegardes", themes=["cybersecurite"])
    second = make_article(
        resource_index, title="Repérer le phishing", slug="phishing", themes=["cybersecurite"], author="Camille Martin"
    )
    second.audiences.set(Audience.objects.filter(slug="benevoles"))
    second.save_revision().publish()
    content = client.get(second.url).content.decode()
    assert "Par Camille Martin" in content
    assert "Publié le" in content
    assert "Bénévoles" in content
    assert "À lire aussi" in content and first.title in content


def test_open_graph_tags(client, resource_index):
    cover = make_image("Cadenas")
    article = make_article(
        resource_index,
        title="Des mots de passe <solides>",
        slug="mots-de-passe",
        cover=cover,
        cover_alt="Un cadenas",
        search_description="Phrases de passe & gestionnaire : la méthode.",
    )
    content = client.get(article.url).content.decode()
    assert '<meta property="og:title" content="Des mots de passe &lt;solides&gt;">' in content
    assert '<meta property="og:description" content="Phrases de passe &amp; gestionnaire : la méthode.">' in content
    assert '<meta property="og:type" content="article">' in content
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.png">', content)
    assert '<meta property="og:url" content="http://testserver/ressources/mots-de-passe/">' in content
    assert 'type="application/rss+xml"' in content


def test_home_page_has_open_graph_tags(client):
    content = client.get("/").content.decode()
    assert '<meta property="og:type" content="website">' in content
    assert '<meta property="og:title" content="Accueil">' in content
