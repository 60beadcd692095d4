"""Which page types go where: editors only see the page types that make sense under a page."""

import pytest

from cms.models import (
    ArticlePage,
    ContentPage,
    EventIndexPage,
    EventPage,
    FaqPage,
    HomePage,
    ResourceIndexPage,
)

from .pages import make_article

pytestmark = pytest.mark.django_db


def test_sections_go_under_the_home_page(home):
    for page_type in (ResourceIndexPage, EventIndexPage, FaqPage, ContentPage):
        assert page_type.can_create_at(home), page_type
    for page_type in (ArticlePage, EventPage, HomePage):
        assert not page_type.can_create_at(home), page_type


def test_articles_go_only_under_the_resource_centre(resource_index, event_index):
    assert ArticlePage.can_create_at(resource_index)
    assert not ArticlePage.can_create_at(event_index)
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(resource_index)
    assert not ContentPage.can_create_at(resource_index)


def test_there_is_one_resource_centre_one_agenda_and_one_faq(home, resource_index, event_index):
    assert not ResourceIndexPage.can_create_at(home)
    assert not EventIndexPage.can_create_at(home)
    home.add_child(instance=FaqPage(title="FAQ", slug="faq", body=[]))
    assert not FaqPage.can_create_at(home)


def test_legal_pages_can_nest(home):
    legal = home.add_child(instance=ContentPage(title="Informations légales", slug="legal", body=[]))
    assert ContentPage.can_create_at(legal)
    assert not ArticlePage.can_create_at(legal)


def test_articles_have_no_children(resource_index):
    article = make_article(resource_index, title="Un guide", slug="un-guide")
    assert ArticlePage.allowed_subpage_models() == []
    assert not ContentPage.can_create_at(article)


def test_event_times_are_checked():
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    start = timezone.now()
    event = EventPage(title="Atelier", slug="atelier", intro="x", start=start, end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventPage(title="Atelier", slug="atelier", intro="x", start=start, is_online=False).clean()
    assert "place" in error.value.message_dict


def test_the_editor_screens_open(admin_client, resource_index, article):
    """The article's tabs, the managed lists and search promotions are reachable in the admin."""
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    # Wagtail shows the settings tab only when it has fields of its own; scheduling is in the status panel.
    for tab in ("Contenu", "Classement", "Promotion"):
        assert tab in content
    assert "image de partage" in content.lower()
    assert "go_live_at" in content  # scheduled publishing
    assert admin_client.get(f"/admin/pages/add/cms/articlepage/{resource_index.pk}/").status_code == 200
    assert admin_client.get("/admin/snippets/cms/theme/").status_code == 200
    assert admin_client.get("/admin/snippets/cms/audience/").status_code == 200
    assert admin_client.get("/admin/searchpicks/").status_code == 200
    assert admin_client.get("/admin/redirects/").status_code == 200
