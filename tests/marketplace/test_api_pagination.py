"""Every paginated list of the API takes the same bounded pagination (marketplace/api/pagination.py):
out-of-range, negative or non-integer values answer 422 in the API's error shape, never a 500."""

import pytest
from django.test import Client

from marketplace.api.pagination import MAX_OFFSET, MAX_PAGE
from marketplace.services.tokens import api_token_create

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider

pytestmark = pytest.mark.django_db

API = "/api/v1"
INVALID = "Certaines valeurs envoyées ne sont pas valides."
HUGE = str(10**30)

# (path, its paging parameters, who calls: "association" or "provider")
LISTS = [
    ("/my-organisation/notifications", ("offset", "limit"), "association"),
    ("/projects", ("page", "page_size"), "association"),
    ("/projects", ("page", "page_size"), "provider"),
    ("/directory/providers", ("page", "per_page"), "association"),
    ("/providers/me/matches", ("limit",), "provider"),
]
BAD_VALUES = [HUGE, "-1", "-" + HUGE, "1.5", "abc", "1e3", "0x10"]


@pytest.fixture
def callers(search_engine):
    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    ProjectFactory(organisation=association.organisation, published=True)
    tokens = {}
    for name, membership in (("association", association), ("provider", provider)):
        _token, raw = api_token_create(user=membership.user, name="Intégration")
        tokens[name] = {"authorization": f"Bearer {raw}"}
    return tokens


def assert_refused(response, parameter):
    assert response.status_code in (400, 422), (parameter, response.status_code, response.content[:300])
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert body["message"]
    assert parameter in body["errors"], body


@pytest.mark.parametrize(("path", "parameters", "caller"), LISTS)
def test_bad_paging_values_are_refused_in_the_api_shape(callers, path, parameters, caller):
    client = Client()
    for parameter in parameters:
        for value in BAD_VALUES:
            response = client.get(f"{API}{path}", {parameter: value}, headers=callers[caller])
            assert_refused(response, parameter)


@pytest.mark.parametrize(("path", "parameters", "caller"), LISTS)
def test_the_deepest_window_allowed_answers(callers, path, parameters, caller):
    deepest = {"offset": MAX_OFFSET, "page": MAX_OFFSET // 20 + 1, "page_size": 20, "per_page": 20}
    params = {parameter: deepest[parameter] for parameter in parameters if parameter in deepest}
    response = Client().get(f"{API}{path}", params, headers=callers[caller])
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("caller", ["association", "provider"])
def test_a_page_starting_past_the_window_is_refused(callers, caller):
    for params in ({"page": MAX_OFFSET // 20 + 2, "page_size": 20}, {"page": MAX_PAGE, "page_size": 2}):
        response = Client().get(f"{API}/projects", params, headers=callers[caller])
        assert response.status_code == 400
        assert_refused(response, "page")


def test_the_notifications_page_past_the_end_is_empty(callers):
    response = Client().get(f"{API}/my-organisation/notifications", {"offset": 5}, headers=callers["association"])

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_the_openapi_schema_shows_the_bounds(client):
    schema = client.get(f"{API}/openapi.json").json()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"][f"{API}/my-organisation/notifications"]["get"]["parameters"]
    }
    assert parameters["offset"]["maximum"] == MAX_OFFSET
    assert parameters["offset"]["minimum"] == 0
