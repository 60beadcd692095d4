"""The board's cards tell a provider how well each project matches it and where it stands with it.

The score is the one "Projets pour vous" gives (same function, same figure), with its strongest reasons; the
badges say whether the association invited the provider and what became of its quote.
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from marketplace.models import ProjectInvitation, Proposal
from marketplace.models.organisations import Role, VerificationStatus
from marketplace.models.projects import ProposalState
from search.matching import projects_for
from search.selectors.board import BOARD_REASONS
from tests.match_factories import index_everything, match_world
from tests.project_factories import ProjectFactory, member_of

pytestmark = pytest.mark.django_db

BOARD = "/projets/tableau/"


@pytest.fixture
def world(search_engine):
    return match_world()


def card_blocks(response) -> dict[str, str]:
    """Each card's HTML by project title."""
    page = response.content.decode()
    blocks = page.split('<li class="card board-card">')[1:]
    found = {}
    for block in blocks:
        title = html.unescape(re.search(r"<h2><a [^>]+>([^<]+)</a></h2>", block).group(1))
        found[title] = block
    return found


def cards(response) -> dict[str, str]:
    """Each card's text by project title."""
    return {
        title: " ".join(html.unescape(strip_tags(block)).replace("\u00a0", " ").split())
        for title, block in card_blocks(response).items()
    }


def reasons(response, title: str) -> list[str]:
    """The reasons listed under a card's score."""
    block = card_blocks(response)[title]
    listed = re.search(r'<ul class="match__reasons"[^>]*>(.*?)</ul>', block, re.S).group(1)
    return [html.unescape(item) for item in re.findall(r"<li>([^<]+)</li>", listed)]


def test_each_card_shows_the_dashboard_score_and_its_strongest_reasons(client, world):
    client.force_login(world.provider_member.user)

    response = client.get(BOARD)

    assert response.status_code == 200
    card = cards(response)[world.project.title]
    expected = projects_for(world.anjou)[0]
    assert expected.id == world.project.pk
    assert f"Correspondance : {expected.score:.0f} sur 100" in card
    shown = reasons(response, world.project.title)
    assert shown == expected.reasons[:BOARD_REASONS]
    assert len(shown) == BOARD_REASONS


def test_a_project_far_from_the_profile_scores_lower_than_a_close_one(client, world):
    far = ProjectFactory(
        organisation=world.association,
        published=True,
        title="Audit de sécurité du serveur de l'association",
        description="Un audit de sécurité et des tests d'intrusion sur notre serveur de fichiers.",
    )
    far.skills.set(far.skills.model.objects.filter(slug__in=["audit-securite"]))
    index_everything()
    client.force_login(world.provider_member.user)

    found = cards(client.get(BOARD))

    def score(title):
        return int(re.search(r"Correspondance : (\d+) sur 100", found[title]).group(1))

    assert score(world.project.title) > score(far.title)


def test_cards_say_when_the_provider_was_invited_and_what_became_of_its_quote(client, world):
    other = ProjectFactory(organisation=world.association, published=True, title="Application de gestion des adhérents")
    ProjectInvitation.objects.create(project=world.project, provider=world.anjou.organisation)
    Proposal.objects.create(project=other, provider=world.anjou.organisation, state=ProposalState.DECLINED)
    # Another provider's invitation is none of this provider's business.
    ProjectInvitation.objects.create(project=other, provider=world.cyber.organisation)
    index_everything()
    client.force_login(world.provider_member.user)

    found = cards(client.get(BOARD))

    assert "Vous êtes invité" in found[world.project.title]
    assert "Votre devis" not in found[world.project.title]
    assert "Votre devis : Décliné" in found[other.title]
    assert "Vous êtes invité" not in found[other.title]


def test_another_provider_sees_its_own_score_and_no_badge_of_the_first(client, world):
    ProjectInvitation.objects.create(project=world.project, provider=world.anjou.organisation)
    cyber_member = member_of(world.cyber.organisation, Role.OWNER, user__email="contact@cyber-nord.test")
    client.force_login(cyber_member.user)

    card = cards(client.get(BOARD))[world.project.title]

    assert "Vous êtes invité" not in card
    cyber_score = projects_for(world.cyber)
    expected = next(match for match in cyber_score if match.id == world.project.pk)
    assert f"Correspondance : {expected.score:.0f} sur 100" in card


def test_an_unverified_provider_sees_its_quote_but_no_score(client, world):
    Proposal.objects.create(project=world.project, provider=world.unverified.organisation)
    pending = member_of(world.unverified.organisation, Role.OWNER, user__email="contact@web-loire.test")
    assert world.unverified.organisation.verification_status == VerificationStatus.PENDING
    client.force_login(pending.user)

    card = cards(client.get(BOARD))[world.project.title]

    assert "Votre devis : Envoyé" in card
    assert "Correspondance" not in card


def test_with_the_cluster_down_the_cards_keep_their_score_from_the_tables(client, settings, world):
    client.force_login(world.provider_member.user)
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URLS = ["http://127.0.0.1:9"]

    response = client.get(BOARD)

    assert response.status_code == 200
    assert "Correspondance :" in cards(response)[world.project.title]


def test_the_page_costs_no_more_queries_with_twelve_projects_than_with_three(client, world):
    client.force_login(world.provider_member.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BOARD).status_code == 200
        return len(captured)

    for number in range(2):
        ProjectFactory(organisation=world.association, published=True, title=f"Petit projet {number}")
    index_everything()
    few = queries()
    for number in range(9):
        ProjectFactory(organisation=world.association, published=True, title=f"Autre projet {number}")
    index_everything()

    assert queries() <= few
