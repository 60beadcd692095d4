"""The home page: figures computed live, upcoming events, resources chosen by the editors."""

import pytest

from cms.models import HomePageHighlight
from cms.selectors import platform_key_figures
from marketplace.models.projects import ProjectState
from tests.project_factories import (
    AssociationFactory,
    ProjectFactory,
    VerifiedAssociationFactory,
    VerifiedProviderFactory,
)

from .pages import make_article, make_event

pytestmark = pytest.mark.django_db


def test_key_figures_are_computed_from_the_marketplace(client):
    VerifiedAssociationFactory.create_batch(2)
    AssociationFactory()  # not verified: not counted
    VerifiedProviderFactory()
    ProjectFactory(state=ProjectState.AWARDED)
    ProjectFactory(state=ProjectState.CLOSED)
    ProjectFactory(published=True)

    figures = {str(figure.label): figure.value for figure in platform_key_figures()}

    # The two projects' own associations are verified too.
    assert figures == {"associations vérifiées": 5, "prestataires vérifiés": 1, "projets attribués": 2}
    content = client.get("/").content.decode()
    assert "Passerelle en chiffres" in content
    assert (
        '<span class="key-figure__value">5</span> <span class="key-figure__label">associations vérifiées</span>'
        in content
    )
    # No figure without data behind it: people trained wait for billing.
    assert "formées" not in content


def test_upcoming_events_only(client, event_index):
    make_event(event_index, title="Webinaire RGPD", days_ahead=10)
    make_event(event_index, title="Atelier passé", days_ahead=-3)
    content = client.get("/").content.decode()
    assert "Webinaire RGPD" in content
    assert "Atelier passé" not in content


def test_highlighted_resources_put_the_editors_picks_first(client, home, resource_index):
    older = make_article(resource_index, title="Guide ancien mais essentiel", slug="essentiel")
    for n in range(3):
        make_article(resource_index, title=f"Nouveauté {n}", slug=f"nouveaute-{n}")
    HomePageHighlight.objects.create(home=home, page=older, sort_order=0)

    picks = home.highlighted_resources()

    assert [p.title for p in picks] == ["Guide ancien mais essentiel", "Nouveauté 2", "Nouveauté 1"]
    assert "Guide ancien mais essentiel" in client.get("/").content.decode()


def test_event_page_shows_paris_time(client, event_index):
    import datetime
    import zoneinfo

    event = make_event(event_index, title="Café numérique", is_online=False, place="Maison des associations, Lyon")
    event.start = datetime.datetime(2030, 3, 5, 17, 30, tzinfo=datetime.UTC)
    event.registration_url = "https://example.org/inscription"
    event.save_revision().publish()
    content = client.get(event.url).content.decode()
    paris = event.start.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    assert paris.hour == 18
    assert "mardi 5 mars 2030, 18h30" in content
    assert "Maison des associations, Lyon" in content
    assert 'href="https://example.org/inscription"' in content
