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
    assert figures == {
        "associations vérifiées": 5,
        "prestataires vérifiés": 1,
        "projets attribués": 2,
        "personnes formées": 0,
    }
    content = client.get("/").content.decode()
    assert "Passerelle en chiffres" in content
    assert (
        '<span class="key-figure__value">5</span> <span class="key-figure__label">associations vérifiées</span>'
        in content
    )


def test_people_trained_are_the_participants_marked_present(client):
    """Through billing's own services: seats held and paid, the session takes place, staff record who came."""
    import datetime

    from django.utils import timezone

    from billing.services.orders import order_mark_paid
    from billing.services.trainings import attendance_record, registration_hold
    from marketplace.models.organisations import Role
    from marketplace.models.profiles import BudgetBracket
    from tests.billing.factories import TrainingSessionFactory
    from tests.factories import MembershipFactory, UserFactory
    from tests.profile_factories import AssociationProfileFactory

    association = VerifiedAssociationFactory()
    AssociationProfileFactory(organisation=association, budget_bracket=BudgetBracket.FROM_10K_TO_50K)
    membership = MembershipFactory(organisation=association, role=Role.MEMBER)
    people = [
        {"first_name": name, "last_name": "Martin", "email": f"{name}@amis.test"} for name in ("ana", "bob", "zoe")
    ]
    session = TrainingSessionFactory()
    registration = registration_hold(membership=membership, session_id=session.pk, participants=people)
    order_mark_paid(order_id=registration.order_id, source="stripe", reference="pi_demo")
    type(session).objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=8), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    present = registration.participants.exclude(email="zoe@amis.test").values_list("pk", flat=True)
    attendance_record(actor=UserFactory(is_staff=True), session_id=session.pk, present_ids=list(present))
    TrainingSessionFactory()  # a session still to come: nobody trained there yet

    content = client.get("/").content.decode()

    assert (
        '<span class="key-figure__value">2</span> <span class="key-figure__label">personnes formées</span>' in content
    )


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


def test_home_queries_do_not_grow_with_cards(client, home, resource_index, django_assert_max_num_queries):
    """Cards read their cover and themes with the pages: picks and latest articles cost the same few queries."""
    from cms.models import Theme

    themes = list(Theme.objects.values_list("slug", flat=True)[:3])
    make_article(resource_index, title="Premier guide", themes=themes[:1])
    client.get("/")  # warm the site, locale and menu caches
    with django_assert_max_num_queries(40) as one_card:
        client.get("/")
    baseline = len(one_card.captured_queries)
    assert baseline > 0

    for n in range(5):
        article = make_article(resource_index, title=f"Guide {n}", themes=themes)
        HomePageHighlight.objects.create(home=home, page=article, sort_order=n)
    client.get("/")
    with django_assert_max_num_queries(baseline):
        content = client.get("/").content.decode()

    assert content.count('class="card resource-card"') == 3
