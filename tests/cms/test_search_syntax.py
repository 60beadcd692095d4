"""What visitors type in a search box is words to look for, never query syntax: quotes, stars, brackets,
NEAR/AND/OR, unbalanced quotes and very long strings answer a page (or a 400 in the API), never a 500.

The resource centre (Wagtail search), the directory and the board (the search engine), and the inbox (SQL),
on the configured engines: run with SEARCH_ENGINE=opensearch to check the cluster backends too."""

import pytest
from django.test import Client

from marketplace.services.tokens import api_token_create
from messaging.services import conversation_open, message_post

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider
from .test_search import found, guides, index_for_search  # noqa: F401  (the `guides` fixture)

pytestmark = pytest.mark.django_db

QUERIES = [
    '"',
    'a"b',
    '"sécurité',
    '"sécurité informatique',
    "*",
    "sécu*",
    "(",
    "(sécurité",
    ")",
    "NEAR",
    "NEAR(sécurité informatique)",
    "AND",
    "sécurité AND",
    "OR NOT",
    "-sécurité",
    "^",
    "'",
    "\\",
    "title:sécurité",
    "{}[]~?!",
    "sécurité " * 60,
    "x" * 5000,
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_resource_search_reads_words_whatever_is_typed(client, resource_index, guides, query):  # noqa: F811
    response = client.get(resource_index.url + "recherche/", {"q": query})

    assert response.status_code == 200


def test_the_words_around_the_syntax_are_searched(client, resource_index, guides):  # noqa: F811
    for query in ('"sécurité', "sécurité*", "(sécurité)", "NEAR(sécurité informatique)", "sécurité AND"):
        response = client.get(resource_index.url + "recherche/", {"q": query})
        assert found(response) == [guides["security"].title], query


@pytest.fixture
def people(search_engine):
    association = member_of(VerifiedAssociationFactory(name="Les Amis du Quartier"))
    provider = quoting_provider(name="Atelier Numérique")
    project = ProjectFactory(organisation=association.organisation, published=True, title="Site de la sécurité")
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    message_post(user=provider.user, conversation_id=conversation.pk, body="La sécurité d'abord")
    index_for_search()
    return association, provider


def test_the_directory_board_and_inbox_take_any_text(people):
    association, provider = people
    _token, raw = api_token_create(user=provider.user, name="Intégration")
    token = {"authorization": f"Bearer {raw}"}
    visitor, provider_client, association_client = Client(), Client(), Client()
    provider_client.force_login(provider.user)
    association_client.force_login(association.user)
    for query in QUERIES:
        answers = {
            "directory": visitor.get("/prestataires/", {"q": query}),
            "directory api": visitor.get("/api/v1/directory/providers", {"q": query}),
            "board": provider_client.get("/projets/tableau/", {"q": query}),
            "board api": Client().get("/api/v1/projects", {"q": query}, headers=token),
            "inbox": association_client.get("/messages/", {"q": query}),
        }
        for where, response in answers.items():
            assert response.status_code in (200, 400, 422), (where, query, response.status_code)
            if where.endswith("api") and response.status_code != 200:
                assert set(response.json()) == {"message", "errors"}
