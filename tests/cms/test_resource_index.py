"""The resource centre's index: filters from GET parameters, pagination, no error on a bad URL."""

import pytest

from cms.models import Audience

from .pages import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(resource_index):
    guide = make_article(resource_index, title="Guide RGPD", slug="guide-rgpd", themes=["donnees-rgpd"])
    tutorial = make_article(
        resource_index,
        title="Tutoriel Canva",
        slug="tutoriel-canva",
        themes=["communication"],
        format="tutorial",
        level="intermediate",
    )
    replay = make_article(
        resource_index, title="Replay cybersécurité", slug="replay-cyber", themes=["cybersecurite"], format="webinar"
    )
    replay.audiences.set(Audience.objects.filter(slug="dirigeants"))
    replay.save_revision().publish()
    draft = make_article(
        resource_index, title="Brouillon secret", slug="brouillon", themes=["communication"], publish=False
    )
    return {"guide": guide, "tutorial": tutorial, "replay": replay, "draft": draft}


def titles(response) -> list[str]:
    return [article.title for article in response.context["page_obj"].object_list]


def test_lists_live_articles_newest_first(client, resource_index, library):
    response = client.get(resource_index.url)
    assert response.status_code == 200
    assert titles(response) == ["Replay cybersécurité", "Tutoriel Canva", "Guide RGPD"]
    assert "Brouillon secret" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "communication"}, ["Tutoriel Canva"]),
        ({"format": "webinar"}, ["Replay cybersécurité"]),
        ({"level": "intermediate"}, ["Tutoriel Canva"]),
        ({"audience": "dirigeants"}, ["Replay cybersécurité"]),
        ({"theme": "communication", "format": "guide"}, []),
    ],
)
def test_filters(client, resource_index, library, params, expected):
    response = client.get(resource_index.url, params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filters_work_without_javascript(client, resource_index, library):
    content = client.get(resource_index.url, {"theme": "communication"}).content.decode()
    assert '<form class="resource-filters" method="get" action="/ressources/">' in content
    assert '<option value="communication" selected>Communication</option>' in content
    assert "Tout effacer" in content


@pytest.mark.parametrize(
    "params",
    [{"theme": "n-existe-pas"}, {"format": "<script>"}, {"level": "expert"}, {"page": "abc"}, {"page": "999"}],
)
def test_bad_parameters_are_ignored_never_an_error(client, resource_index, library, params):
    response = client.get(resource_index.url, params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    if "page" not in params:
        assert len(titles(response)) == 3
        assert "Filtre non reconnu, ignoré" in response.content.decode()


def test_pagination(client, resource_index):
    for n in range(14):
        make_article(resource_index, title=f"Fiche pratique {n}", slug=f"fiche-{n}", themes=["equipement"])
    first = client.get(resource_index.url)
    assert len(titles(first)) == 12
    second = client.get(resource_index.url, {"page": 2, "theme": "equipement"})
    assert len(titles(second)) == 2
    assert 'rel="prev"' in second.content.decode()
