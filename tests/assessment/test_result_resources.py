"""The result page leads somewhere: the advice of a weak axis lists the article to read, the training with its next
session and the offer, each at the price of the association that took the assessment (two budget brackets, two
prices), and only the weak axes get them."""

import datetime

import pytest
from django.utils import timezone

from assessment.models import Recommendation
from billing.models import ProductKind
from cms.models import HomePage
from marketplace.models.profiles import BudgetBracket
from tests.billing.factories import ProductFactory, TrainingSessionFactory
from tests.cms.pages import (
    make_article,
    make_offer,
    make_offer_index,
    make_resource_index,
    make_training,
    make_training_index,
)

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db

SEAT_GRID = {BudgetBracket.LT_10K: 20_00, BudgetBracket.FROM_10K_TO_50K: 45_00, BudgetBracket.FROM_50K_TO_200K: 90_00}
LAPTOP_GRID = {BudgetBracket.LT_10K: 149_00, BudgetBracket.FROM_10K_TO_50K: 189_00}


@pytest.fixture
def version():
    """The equipment axis's first-question advice links an article, a training and an offer."""
    home = HomePage.objects.get(locale__language_code="fr")
    article = make_article(make_resource_index(home), title="Faire l'inventaire de son parc informatique")
    seat = ProductFactory(
        code="formation-parc",
        name="Gérer son parc",
        kind=ProductKind.TRAINING,
        vat_rate_bp=0,
        public_price_cents=250_00,
        grid=SEAT_GRID,
    )
    TrainingSessionFactory(
        product=seat,
        starts_at=timezone.make_aware(datetime.datetime(2030, 3, 14, 9, 30)),
        ends_at=timezone.make_aware(datetime.datetime(2030, 3, 14, 17, 0)),
        registration_deadline=timezone.make_aware(datetime.datetime(2030, 3, 10, 12, 0)),
        capacity=12,
    )
    training = make_training(make_training_index(home), title="Gérer le parc informatique", product=seat)
    laptop = ProductFactory(
        code="portable-reconditionne",
        name="Portable",
        kind=ProductKind.HARDWARE,
        public_price_cents=329_00,
        grid=LAPTOP_GRID,
        stock=8,
    )
    offer = make_offer(make_offer_index(home), title="Ordinateurs portables reconditionnés", product=laptop)

    version = build_version()
    advice = Recommendation.objects.get(question__axis__version=version, question__axis__key="equipment")
    advice.articles.set([article])
    advice.trainings.set([training])
    advice.offers.set([offer])
    advice.save()  # parental many-to-many: kept in memory until saved
    return version


def result_page(client, membership, version, labels_by_axis) -> str:
    assessment = take(membership, version, labels_by_axis)
    client.force_login(membership.user)
    response = client.get(f"/diagnostic/{assessment.pk}/resultats/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_weak_axis_leads_to_the_article_the_training_and_the_offer_at_the_associations_price(client, version):
    small = association_member(budget_bracket=BudgetBracket.LT_10K)

    page = result_page(client, small, version, {"equipment": "Non"})

    assert "Faire l&#x27;inventaire de son parc informatique" in page
    assert "Gérer le parc informatique" in page
    assert 'Prochaine session : <time datetime="2030-03-14T09:30:00+0100">14 mars 2030</time>' in page
    assert "12 places restantes" in page
    assert "Votre prix : <strong>20\u00a0€ HT</strong>" in page
    assert "Ordinateurs portables reconditionnés" in page
    assert "Votre prix : <strong>149\u00a0€ HT</strong>" in page
    advice = page[page.index("<h4>Conseil pour équipement et réseaux</h4>") :]
    assert "Pourquoi : votre réponse</summary>" in advice  # which answer led there
    assert "Question 1 sur équipement et réseaux ? — <strong>Non</strong>" in advice


def test_a_larger_association_sees_its_own_prices(client, version):
    larger = association_member(budget_bracket=BudgetBracket.FROM_10K_TO_50K)

    page = result_page(client, larger, version, {"equipment": "Non"})

    assert "Votre prix : <strong>45\u00a0€ HT</strong>" in page
    assert "Votre prix : <strong>189\u00a0€ HT</strong>" in page
    assert "20\u00a0€ HT" not in page


def test_a_strong_axis_gets_no_resources(client, version):
    member = association_member(budget_bracket=BudgetBracket.LT_10K)

    page = result_page(client, member, version, {"equipment": "Oui", "collaboration": "Non"})

    assert "Gérer le parc informatique" not in page
    assert "Ordinateurs portables reconditionnés" not in page


def test_the_result_page_reads_the_same_number_of_queries_for_one_weak_axis_or_three(client):
    """Every weak axis brings its article, training and offer: read together, not one query per link."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = HomePage.objects.get(locale__language_code="fr")
    articles, trainings, offers = make_resource_index(home), make_training_index(home), make_offer_index(home)
    version = build_version()
    for number, advice in enumerate(Recommendation.objects.filter(question__axis__version=version)):
        seat = ProductFactory(code=f"seat-{number}", kind=ProductKind.TRAINING, vat_rate_bp=0, grid=SEAT_GRID)
        TrainingSessionFactory(product=seat)
        kit = ProductFactory(code=f"kit-{number}", kind=ProductKind.HARDWARE, grid=LAPTOP_GRID)
        advice.articles.set([make_article(articles, title=f"Guide {number}")])
        advice.trainings.set([make_training(trainings, title=f"Formation {number}", product=seat)])
        advice.offers.set([make_offer(offers, title=f"Offre {number}", product=kit)])
        advice.save()

    def queries(labels) -> tuple[int, str]:
        membership = association_member(budget_bracket=BudgetBracket.LT_10K)
        assessment = take(membership, version, labels)
        client.force_login(membership.user)
        client.get(f"/diagnostic/{assessment.pk}/resultats/")
        with CaptureQueriesContext(connection) as captured:
            page = client.get(f"/diagnostic/{assessment.pk}/resultats/").content.decode()
        return len(captured), page

    one, one_page = queries({"equipment": "Non"})
    three, three_page = queries({"equipment": "Non", "collaboration": "Non", "skills": "Non"})

    assert "Formation 0" in one_page and "Formation 1" not in one_page
    assert all(f"Formation {n}" in three_page and f"Offre {n}" in three_page for n in range(3))
    assert three == one
    assert three <= 30
