"""A list with nothing in it says what is missing and what to do next.

Each list page is rendered for a brand-new association and a brand-new provider (no project, no quote, no
message, no order), and for a visitor on the public lists; each empty state must carry its words and a link to
the next step. The blocks come from includes/empty_state.html.
"""

import html
import re

import pytest

from marketplace.models.organisations import Role
from tests.cms.conftest import RENDITION_WARNING
from tests.cms.pages import make_event_index, make_resource_index
from tests.factories import MembershipFactory
from tests.project_factories import AssociationFactory, ProviderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings(RENDITION_WARNING)]

EMPTY_STATE = re.compile(r'<div class="empty-state"[^>]*>(.*?)</div>', re.S)


def empty_states(response) -> list[str]:
    """The text of each empty-state block of the page, tags removed, with the links kept as "text -> href"."""
    assert response.status_code == 200, response.status_code
    blocks = []
    for block in EMPTY_STATE.findall(response.content.decode()):
        block = re.sub(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', r"[\2 -> \1]", block, flags=re.S)
        blocks.append(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", block)).split()))
    return blocks


def assert_empty_state(response, title: str, link_text: str, href: str) -> None:
    blocks = empty_states(response)
    matching = [block for block in blocks if title in block]
    assert matching, f"no empty state saying {title!r} in {blocks}"
    assert f"[{link_text} -> {href}]" in matching[0], matching[0]


@pytest.fixture
def association_client(client):
    membership = MembershipFactory(organisation=AssociationFactory(), role=Role.OWNER)
    client.force_login(membership.user)
    return client


@pytest.fixture
def provider_client(client):
    membership = MembershipFactory(organisation=ProviderFactory(), role=Role.OWNER)
    client.force_login(membership.user)
    return client


@pytest.mark.parametrize(
    ("url", "title", "link_text", "href"),
    [
        ("/tableau-de-bord/", "Pas encore de projet en cours.", "Décrire un nouveau projet", "/projets/nouveau/"),
        (
            "/tableau-de-bord/",
            "Aucune notification non lue.",
            "Toutes les notifications",
            "/mon-organisation/notifications/",
        ),
        ("/tableau-de-bord/", "Aucune activité pour l'instant.", "Décrire un premier projet", "/projets/nouveau/"),
        ("/messages/", "Aucune conversation pour l'instant.", "Trouver un prestataire", "/prestataires/"),
        ("/messages/?q=zzz", "Aucune conversation ne correspond.", "Voir toutes les conversations", "/messages/"),
        (
            "/boutique/commandes/",
            "Votre organisation n'a encore rien commandé.",
            "Découvrir la boutique solidaire",
            "/boutique/",
        ),
        (
            "/boutique/formations/inscriptions/",
            "Votre organisation n'est inscrite à aucune session.",
            "Voir les formations",
            "/boutique/",
        ),
        (
            "/mon-organisation/verification/",
            "Aucune demande pour l'instant.",
            "Envoyer ma demande",
            "#verification-form",
        ),
        ("/compte/jetons/", "Vous n'avez encore aucun jeton.", "Créer un jeton", "#id_name"),
        (
            "/prestataires/",
            "Aucun prestataire vérifié n'est encore inscrit dans l'annuaire.",
            "Décrire votre projet",
            "/projets/nouveau/",
        ),
        (
            "/prestataires/?region=corse",
            "Aucun prestataire ne correspond à votre recherche.",
            "Effacer tous les filtres",
            "/prestataires/",
        ),
    ],
)
def test_a_new_association_sees_what_to_do_on_each_empty_list(association_client, url, title, link_text, href):
    assert_empty_state(association_client.get(url), title, link_text, href)


@pytest.mark.parametrize(
    ("url", "title", "link_text", "href"),
    [
        ("/tableau-de-bord/", "Aucune invitation en attente.", "Compléter le profil", "/mon-organisation/profil/"),
        (
            "/tableau-de-bord/",
            "Aucun devis envoyé pour l'instant.",
            "Parcourir les projets ouverts",
            "/projets/tableau/",
        ),
        (
            "/tableau-de-bord/",
            "Aucun projet ne vous est confié pour l'instant.",
            "Parcourir les projets ouverts",
            "/projets/tableau/",
        ),
        (
            "/tableau-de-bord/",
            "Complétez votre profil de prestataire",
            "Compléter le profil",
            "/mon-organisation/profil/",
        ),
        ("/tableau-de-bord/", "Aucune activité pour l'instant.", "Trouver des projets", "/projets/tableau/"),
        ("/messages/", "Aucune conversation pour l'instant.", "Trouver des projets", "/projets/tableau/"),
        ("/mon-organisation/profil/", "Aucune réalisation pour l'instant.", "Remplir le profil", "#profile-form"),
        (
            "/prestataires/",
            "Aucun prestataire vérifié n'est encore inscrit dans l'annuaire.",
            "Compléter votre profil de prestataire",
            "/mon-organisation/profil/",
        ),
    ],
)
def test_a_new_provider_sees_what_to_do_on_each_empty_list(provider_client, url, title, link_text, href):
    assert_empty_state(provider_client.get(url), title, link_text, href)


def test_a_visitor_sees_what_to_do_on_the_empty_public_lists(client):
    from cms.models import HomePage

    home = HomePage.objects.get(locale__language_code="fr")
    resources = make_resource_index(home)
    make_event_index(home)

    assert_empty_state(
        client.get("/prestataires/"),
        "Aucun prestataire vérifié n'est encore inscrit dans l'annuaire.",
        "Vous êtes prestataire ? Inscrivez votre structure",
        "/compte/inscription/",
    )
    assert_empty_state(
        client.get(resources.url), "Aucune ressource n'est encore publiée.", "Trouver un prestataire", "/prestataires/"
    )
    assert_empty_state(
        client.get(resources.url, {"theme": "cybersecurite"}),
        "Aucune ressource ne correspond à ces filtres.",
        "Voir toutes les ressources",
        resources.url,
    )
    assert_empty_state(
        client.get(f"{resources.url}recherche/", {"q": "zythologie"}),
        "Aucune ressource ne correspond à « zythologie ».",
        "Voir toutes les ressources",
        resources.url,
    )
    assert_empty_state(
        client.get("/agenda/"), "Aucun événement programmé pour le moment.", "Voir les formations", "/boutique/"
    )


def test_the_conversation_with_no_message_leads_to_the_form(client):
    from messaging.services import conversation_open
    from tests.project_factories import VerifiedAssociationFactory, VerifiedProviderFactory

    association, provider = VerifiedAssociationFactory(), VerifiedProviderFactory()
    membership = MembershipFactory(organisation=association, role=Role.OWNER)
    conversation = conversation_open(association=association, provider=provider, project=None)
    client.force_login(membership.user)

    page = client.get(f"/messages/{conversation.pk}/").content.decode()

    assert "Aucun message pour l'instant." in page
    assert '<a href="#id_body">Écrire le premier message</a>' in page
