"""The end of an article: the offer and the training to go further, priced live for the reader, and providers."""

import datetime

import pytest
from django.utils import timezone

from billing.models import Eligibility, ProductKind
from cms.models import ArticleRelatedOffer, ArticleRelatedTraining
from marketplace.models import Skill
from marketplace.models.organisations import Role
from marketplace.models.profiles import BudgetBracket
from tests.billing.factories import ProductFactory, TrainingSessionFactory
from tests.factories import MembershipFactory
from tests.profile_factories import AssociationProfileFactory
from tests.project_factories import VerifiedAssociationFactory

from .pages import make_article, make_offer, make_offer_index, make_training, make_training_index

pytestmark = pytest.mark.django_db

GRID = {BudgetBracket.LT_10K: 9_00, BudgetBracket.FROM_10K_TO_50K: 12_00, BudgetBracket.FROM_50K_TO_200K: 15_00}


@pytest.fixture
def catalogue(home):
    licence = ProductFactory(code="m365", name="Microsoft 365", public_price_cents=36_00, grid=GRID)
    seat = ProductFactory(
        code="formation-m365",
        kind=ProductKind.TRAINING,
        eligibility=Eligibility.ANYONE,
        public_price_cents=350_00,
        vat_rate_bp=0,
        grid={BudgetBracket.FROM_10K_TO_50K: 90_00},
    )
    offers, trainings = make_offer_index(home), make_training_index(home)
    return {
        "offer": make_offer(offers, title="Microsoft 365 Business Premium", product=licence),
        "other_offer": make_offer(offers, title="Canva Pro", slug="canva", publisher="Canva", themes=["communication"]),
        "training": make_training(trainings, title="Microsoft 365 au quotidien", product=seat),
        "seat": seat,
    }


@pytest.fixture
def migration_guide(resource_index, catalogue):
    article = make_article(resource_index, title="Migrer vers Microsoft 365", slug="migrer", themes=["communication"])
    ArticleRelatedOffer.objects.create(article=article, page=catalogue["offer"], sort_order=0)
    ArticleRelatedTraining.objects.create(article=article, page=catalogue["training"], sort_order=0)
    article.skills.set(Skill.objects.filter(slug__in=["microsoft-365", "migration-cloud"]))
    article.save_revision().publish()
    return article


def member_of_verified_association(client, bracket=BudgetBracket.FROM_10K_TO_50K):
    organisation = VerifiedAssociationFactory()
    AssociationProfileFactory(organisation=organisation, budget_bracket=bracket)
    client.force_login(MembershipFactory(organisation=organisation, role=Role.MEMBER).user)


def test_the_reader_sees_the_chosen_offer_and_training_at_their_associations_price(client, migration_guide, catalogue):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=30)).replace(hour=9, minute=0)
    TrainingSessionFactory(product=catalogue["seat"], starts_at=start, address="Maison des associations, Lyon")
    member_of_verified_association(client)

    content = client.get(migration_guide.url).content.decode()

    assert "L'offre associée" in content
    assert f'href="{catalogue["offer"].url}">Microsoft 365 Business Premium</a>' in content
    assert "<strong>12\u00a0€ HT</strong>" in content  # the grid's price for a 10-50 k€ budget, not 36 €
    assert "Canva Pro" not in content  # the editors chose: no theme fallback
    assert "La formation associée" in content
    assert f'href="{catalogue["training"].url}">Microsoft 365 au quotidien</a>' in content
    assert "<strong>90\u00a0€ HT</strong>" in content
    assert "Prochaine session :" in content and start.strftime("%Y") in content
    assert "Maison des associations, Lyon" in content and "10 places restantes" in content
    assert "Trouver un prestataire" in content and "Microsoft 365" in content


def test_anonymous_readers_see_the_public_price(client, migration_guide):
    content = client.get(migration_guide.url).content.decode()
    assert "Prix public 36\u00a0€ HT, prix solidaires selon le budget" in content
    assert "Votre prix" not in content


def test_without_a_choice_offers_and_trainings_sharing_a_theme_are_proposed(client, resource_index, catalogue):
    article = make_article(resource_index, title="Une affiche en une heure", slug="affiche", themes=["communication"])
    unrelated = make_article(resource_index, title="Sauvegardes", slug="sauvegardes", themes=["cybersecurite"])

    assert article.related_offers() == [catalogue["other_offer"]]
    assert article.related_trainings() == []
    content = client.get(article.url).content.decode()
    assert "Canva Pro" in content and "L'offre associée" in content
    assert "La formation associée" not in content
    assert "Passer à l'action" not in client.get(unrelated.url).content.decode()


def test_a_withdrawn_or_unpublished_page_is_not_shown(client, migration_guide, catalogue):
    catalogue["offer"].unpublish()
    type(catalogue["seat"]).objects.filter(pk=catalogue["seat"].pk).update(is_active=False)

    content = client.get(migration_guide.url).content.decode()

    assert "Business Premium" not in content
    assert "Microsoft 365 au quotidien" in content  # still a page to read, without a price
    assert "90\u00a0€" not in content


def test_queries_do_not_grow_with_themes_skills_and_links(
    client, migration_guide, catalogue, django_assert_max_num_queries
):
    member_of_verified_association(client)
    client.get(migration_guide.url)  # warm the site and locale caches
    with django_assert_max_num_queries(60) as captured:
        client.get(migration_guide.url)
    baseline = len(captured.captured_queries)

    migration_guide.themes.set(migration_guide.themes.model.objects.all())
    migration_guide.skills.set(Skill.objects.filter(is_active=True)[:8])
    migration_guide.save_revision().publish()
    client.get(migration_guide.url)  # publishing dropped the cached menus: warm them again
    with django_assert_max_num_queries(baseline) as captured:
        client.get(migration_guide.url)
