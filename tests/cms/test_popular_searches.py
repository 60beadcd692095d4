"""The resource centre's public "Recherches fréquentes" list shows only searches editors approved
(`cms.models.ApprovedSearch`, managed in the Wagtail admin) that find resources: repeating a query
is not a way to publish text on the site."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query

from cms.models import ApprovedSearch

from ..factories import UserFactory
from ..second_factor import verified_login
from .test_search import guides  # noqa: F401  (the `guides` fixture)

pytestmark = pytest.mark.django_db

HEADING = "Recherches fréquentes"
SPAM = "achetez des pilules sur pilules point com"
ADMIN_LIST = "/admin/snippets/cms/approvedsearch/"


def nothing_found(client, index):
    """A search with no result: the page that shows the suggestions."""
    return client.get(index.url + "recherche/", {"q": "zythologie"}).content.decode()


def searched(client, index, query, times=1):
    for _ in range(times):
        client.get(index.url + "recherche/", {"q": query})


def test_a_query_repeated_by_visitors_is_not_shown(client, resource_index, guides):  # noqa: F811
    searched(client, resource_index, SPAM, times=20)
    searched(client, resource_index, "tableur", times=3)

    page = nothing_found(client, resource_index)

    assert SPAM not in page
    assert HEADING not in page  # nothing approved: no list at all


def test_approved_searches_that_find_resources_are_shown_most_frequent_first(
    client,
    resource_index,
    guides,  # noqa: F811
):
    ApprovedSearch.objects.create(query_string="  Canva ")
    ApprovedSearch.objects.create(query_string="tableur")
    searched(client, resource_index, "tableur", times=3)
    searched(client, resource_index, "canva", times=1)
    searched(client, resource_index, SPAM, times=20)

    page = nothing_found(client, resource_index)

    assert HEADING in page
    assert page.index("?q=tableur") < page.index("?q=canva")
    assert SPAM not in page


def test_an_approved_search_that_finds_nothing_is_not_shown(client, resource_index, guides):  # noqa: F811
    ApprovedSearch.objects.create(query_string="comptabilité analytique")
    searched(client, resource_index, "comptabilité analytique", times=5)
    assert Query.get("comptabilité analytique").hits == 5

    assert HEADING not in nothing_found(client, resource_index)


def test_editors_manage_the_approval_list_in_the_admin(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Éditeurs"))
    verified_login(client, editor)

    assert client.get(ADMIN_LIST).status_code == 200
    response = client.post(f"{ADMIN_LIST}add/", {"query_string": "  Mot de  passe "})

    assert response.status_code == 302
    assert list(ApprovedSearch.objects.values_list("query_string", flat=True)) == ["mot de passe"]
    duplicate = client.post(f"{ADMIN_LIST}add/", {"query_string": "MOT DE PASSE"})
    assert duplicate.status_code == 200
    assert ApprovedSearch.objects.count() == 1


def test_writers_cannot_approve_searches(client):
    writer = UserFactory()
    writer.groups.add(Group.objects.get(name="Rédacteurs"))
    verified_login(client, writer)

    client.post(f"{ADMIN_LIST}add/", {"query_string": SPAM})

    assert not ApprovedSearch.objects.exists()
