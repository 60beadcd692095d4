"""With the search cluster down, the directory, the board and matching answer from the database, and say so.

Two ways down: a port where nothing listens (no cluster needed, so this runs on every CI run), and the real
cluster behind `SlowCluster`, refusing every request or answering after the client's timeout.
"""

import html
import re

import pytest
from django.utils.html import strip_tags

from tests.match_factories import match_world

from .slow_cluster import SlowCluster

NOTICE = "La recherche avancée est momentanément indisponible"

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).replace("\u00a0", " ").split())


def matched_names(response) -> list[str]:
    return re.findall(r'<h3 class="match__name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def world(settings, search_engine):
    return match_world()


def cluster_off(settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URLS = ["http://127.0.0.1:9", "http://127.0.0.1:7"]


def assert_answers_with_notice(client, world):
    """Every search page still answers, from the database, with the notice; what the user needs is there."""
    directory = client.get("/prestataires/", {"q": "wordpress"})
    assert directory.status_code == 200
    assert NOTICE in text(directory)
    assert "Anjou Web" in text(directory)
    assert "Web Loire" not in text(directory)  # not verified: never listed, down or not

    api = client.get("/api/v1/directory/providers", {"q": "wordpress"}).json()
    assert [hit["name"] for hit in api["results"]] == ["Anjou Web"]
    assert api["notice"].startswith(NOTICE)

    suggestions = client.get("/api/v1/directory/suggest", {"q": "anj"}).json()
    assert [item["name"] for item in suggestions["providers"]] == ["Anjou Web"]

    client.force_login(world.association_member.user)
    project = client.get(f"/projets/{world.project.pk}/")
    assert project.status_code == 200
    assert matched_names(project)[0] == "Anjou Web"
    assert "Web Loire" not in matched_names(project)
    assert NOTICE in text(project)

    client.force_login(world.provider_member.user)
    dashboard = client.get("/tableau-de-bord/")
    assert "Refonte du site WordPress de l'association" in text(dashboard)
    assert NOTICE in text(dashboard)
    board = client.get("/projets/tableau/", {"q": "wordpress"})
    assert board.status_code == 200
    assert "Refonte du site WordPress de l'association" in text(board)
    assert NOTICE in text(board)
    matches = client.get("/api/v1/providers/me/matches").json()
    assert [match["title"] for match in matches["results"]] == ["Refonte du site WordPress de l'association"]
    assert matches["notice"].startswith(NOTICE)


def test_with_no_cluster_listening_the_pages_answer_from_the_database_with_a_notice(client, settings, world):
    cluster_off(settings)

    assert_answers_with_notice(client, world)


def test_the_notice_is_not_shown_while_the_engine_answers(client, world):
    directory = client.get("/prestataires/", {"q": "wordpress"})
    client.force_login(world.association_member.user)
    project = client.get(f"/projets/{world.project.pk}/")

    assert "Anjou Web" in text(directory) and NOTICE not in text(directory)
    assert matched_names(project)[0] == "Anjou Web" and NOTICE not in text(project)


@pytest.fixture
def proxied_cluster(settings, search_engine):
    """The real cluster behind a proxy, with a one-second request timeout; the world is indexed through it."""
    settings.SEARCH_TIMEOUT_SECONDS = 1
    with SlowCluster(settings.SEARCH_URLS[0]) as proxy:
        settings.SEARCH_URLS = [proxy.url]
        world = match_world()
        yield proxy, world


@pytest.mark.opensearch
def test_a_cluster_refusing_every_request_leaves_the_pages_answering_with_a_notice(client, proxied_cluster):
    proxy, world = proxied_cluster
    refused = proxy.fail(r"", status=503)

    assert_answers_with_notice(client, world)
    assert refused.applied > 0


@pytest.mark.opensearch
def test_a_cluster_slower_than_the_timeout_leaves_the_project_page_answering_with_a_notice(client, proxied_cluster):
    proxy, world = proxied_cluster
    proxy.delay(r"_search", seconds=2)
    client.force_login(world.association_member.user)

    project = client.get(f"/projets/{world.project.pk}/")

    assert project.status_code == 200
    assert matched_names(project)[0] == "Anjou Web"
    assert NOTICE in text(project)
