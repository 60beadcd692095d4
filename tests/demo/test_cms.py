"""The demo resource centre: real guides across themes and formats, events, FAQ and legal pages; idempotent."""

import io

import pytest
from django.core.management.base import OutputWrapper
from wagtail.images.models import Image
from wagtail.models import Page

from cms.models import ArticlePage, ContentPage, EventPage, FaqPage, ResourceFormat, Theme
from demo.cms import seed_cms
from demo.cms.articles import ARTICLES
from tests.cms.test_search import index_for_search

pytestmark = pytest.mark.django_db


def run() -> dict[str, int]:
    return seed_cms(OutputWrapper(io.StringIO()))


@pytest.fixture
def seeded():
    return run()


def test_articles_are_real_guides_across_themes_and_formats(seeded):
    articles = ArticlePage.objects.live().filter(locale__language_code="fr")
    assert articles.count() == len(ARTICLES) >= 25
    assert {a.format for a in articles} == set(ResourceFormat.values)
    assert set(Theme.objects.filter(articles__isnull=False).values_list("slug", flat=True)) == set(
        Theme.objects.values_list("slug", flat=True)
    )
    for article in articles:
        assert article.table_of_contents() or article.format == "webinar", article.slug
        assert "lorem" not in article.body_text().lower()
        assert article.cover is not None
    assert ArticlePage.objects.get(
        slug="microsoft-365-associations", locale__language_code="fr"
    ).provider_directory_url()


def test_events_faq_and_legal_pages(seeded):
    assert EventPage.objects.live().count() == 3
    assert FaqPage.objects.live().count() == 1
    assert set(ContentPage.objects.values_list("slug", flat=True)) == {
        "mentions-legales",
        "confidentialite",
        "accessibilite",
    }
    assert Image.objects.filter(collection__name="Centre de ressources").count() == Theme.objects.count()


def test_second_run_creates_nothing(seeded):
    pages = Page.objects.count()
    assert not any(run().values())
    assert Page.objects.count() == pages


def test_a_missing_article_is_seeded_again(seeded):
    ArticlePage.objects.get(slug="canva-visuels-association").delete()
    assert run()["articles"] == 1


def test_demo_pages_render_and_searches_find_the_guides(client, seeded):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url
    # On a cluster, Wagtail indexes a page after its transaction commits, which the module's never does.
    index_for_search()
    search = "/ressources/recherche/"
    tableur = [a.slug for a in client.get(search, {"q": "tableur"}).context["page_obj"].object_list]
    assert tableur[0] in {"tableur-suivi-adherents", "choisir-crm-associatif"}
    assert "tableur-suivi-adherents" in tableur
    securite = [a.slug for a in client.get(search, {"q": "securite"}).context["page_obj"].object_list]
    assert "mises-a-jour-postes" in securite
    assert "mots-de-passe-gestionnaire" in securite
    cyber = [a.slug for a in client.get(search, {"q": "cybersecurite"}).context["page_obj"].object_list]
    assert "etude-cybersecurite-associations" in cyber


def test_offers_and_trainings_are_linked_to_billings_demo_products():
    from cms.models import OfferPage, TrainingPage
    from demo.billing import seed_billing
    from demo.cms.offers import OFFERS, TRAININGS

    seed_billing(OutputWrapper(io.StringIO()))
    counts = run()

    assert (counts["offres"], counts["formations"]) == (10, 6)
    french = {"locale__language_code": "fr"}
    assert OfferPage.objects.live().filter(**french).count() == len(OFFERS) == 10
    assert TrainingPage.objects.live().filter(**french).count() == len(TRAININGS) == 6
    m365 = OfferPage.objects.get(slug="microsoft-365-business-premium", **french)
    assert m365.product.code == "microsoft-365-business-premium"
    assert {o.product.kind for o in OfferPage.objects.exclude(product=None)} <= {"licence", "hardware", "service"}
    assert {t.product.kind for t in TrainingPage.objects.all()} == {"training"}  # every training can be booked
    assert all(t.product.training_sessions.exists() for t in TrainingPage.objects.all())
    antivirus = OfferPage.objects.get(slug="antivirus-bitdefender", **french).product
    assert antivirus.delivers_codes and antivirus.stock == antivirus.licence_codes.count() == 60
    assert {"Microsoft", "Google", "Canva"} <= set(OfferPage.objects.values_list("publisher", flat=True))


def test_the_demo_has_english_versions_of_a_few_pages(client, seeded):
    from demo.cms.translations import ENGLISH

    english = Page.objects.live().filter(locale__language_code="en")
    assert english.count() == len(ENGLISH)
    article = ArticlePage.objects.get(slug="microsoft-365-associations", locale__language_code="en")
    assert article.title.startswith("Microsoft 365 for associations")
    assert article.url == "/en/ressources/microsoft-365-associations/"
    assert "Microsoft 365 for associations" in client.get(article.url).content.decode()
    assert client.get("/en/").status_code == 200


def test_the_microsoft_365_migration_guide_leads_to_the_offer_the_training_and_providers(client):
    from demo.billing import seed_billing
    from marketplace.models.organisations import Role
    from marketplace.models.profiles import BudgetBracket
    from tests.factories import MembershipFactory
    from tests.profile_factories import AssociationProfileFactory
    from tests.project_factories import VerifiedAssociationFactory

    seed_billing(OutputWrapper(io.StringIO()))
    run()
    guide = ArticlePage.objects.get(slug="migrer-vers-microsoft-365", locale__language_code="fr")
    assert [p.slug for p in guide.related_offers()] == ["microsoft-365-business-premium"]
    assert [p.slug for p in guide.related_trainings()] == ["microsoft-365-au-quotidien"]
    assert {"migration-cloud", "microsoft-365"} <= set(guide.skills.values_list("slug", flat=True))
    association = VerifiedAssociationFactory()
    AssociationProfileFactory(organisation=association, budget_bracket=BudgetBracket.LT_10K)
    client.force_login(MembershipFactory(organisation=association, role=Role.MEMBER).user)

    content = client.get(guide.url).content.decode()

    assert "Microsoft 365 Business Premium pour les associations</a>" in content
    assert "<strong>9\u00a0€ HT</strong>" in content
    assert "Microsoft 365 au quotidien</a>" in content
    assert "Prochaine session :" in content
    assert "Trouver un prestataire" in content
    assert guide.get_latest_revision_as_object().related_offers_links.count() == 1  # editors start from it


def test_every_theme_and_audience_has_an_english_name(seeded):
    from cms.models import Audience

    assert not Theme.objects.filter(name_en="").exists()
    assert not Audience.objects.filter(name_en="").exists()


def test_english_readers_of_the_microsoft_365_article_reach_the_english_offer_and_training(client):
    from cms.models import OfferPage, TrainingPage
    from demo.billing import seed_billing

    seed_billing(OutputWrapper(io.StringIO()))
    run()
    article = ArticlePage.objects.get(slug="microsoft-365-associations", locale__language_code="en")
    offer = OfferPage.objects.get(slug="microsoft-365-business-premium", locale__language_code="en")
    training = TrainingPage.objects.get(slug="microsoft-365-au-quotidien", locale__language_code="en")
    assert offer.product.code == "microsoft-365-business-premium"  # the same product, so the same live price

    content = client.get(article.url).content.decode()

    assert f'href="{offer.url}">Microsoft 365 Business Premium for associations</a>' in content
    assert f'href="{training.url}">Microsoft 365 day to day</a>' in content
    assert offer.url.startswith("/en/")
    offer_page = client.get(offer.url).content.decode()
    assert "Ten Business Premium licences donated by Microsoft" in offer_page
    assert "Dix licences" not in offer_page
