"""Offer and training pages: prices, stock and quotas read live from billing, for the visitor's organisation."""

import pytest
from django.db.models import ProtectedError
from wagtail.models import Page

from billing.models import Eligibility, ProductKind
from cms import selectors
from cms.models import HomePageOffer, OfferIndexPage, OfferPage, TrainingIndexPage, TrainingPage
from marketplace.models.organisations import Role
from marketplace.models.profiles import BudgetBracket
from tests.billing.factories import ProductFactory
from tests.factories import MembershipFactory
from tests.profile_factories import AssociationProfileFactory
from tests.project_factories import AssociationFactory, VerifiedAssociationFactory, VerifiedProviderFactory

from .pages import make_offer, make_offer_index, make_training, make_training_index

pytestmark = pytest.mark.django_db

GRID = {BudgetBracket.LT_10K: 9_00, BudgetBracket.FROM_10K_TO_50K: 12_00, BudgetBracket.FROM_50K_TO_200K: 15_00}


@pytest.fixture
def offer_index(home):
    return make_offer_index(home)


@pytest.fixture
def training_index(home):
    return make_training_index(home)


@pytest.fixture
def licence():
    return ProductFactory(
        code="m365", name="Microsoft 365", public_price_cents=36_00, yearly_quota=10, stock=25, grid=GRID
    )


def member_of(organisation, client):
    user = MembershipFactory(organisation=organisation, role=Role.MEMBER).user
    client.force_login(user)
    return user


def verified_association(bracket=BudgetBracket.FROM_10K_TO_50K):
    organisation = VerifiedAssociationFactory()
    AssociationProfileFactory(organisation=organisation, budget_bracket=bracket)
    return organisation


def test_anonymous_visitors_see_the_whole_grid_and_who_is_eligible(client, offer_index, licence):
    offer = make_offer(offer_index, title="Microsoft 365 Business Premium", product=licence)

    content = client.get(offer.url).content.decode()

    assert "Réservé aux associations vérifiées" in content
    for price in ("9\u00a0€", "12\u00a0€", "15\u00a0€", "36\u00a0€"):
        assert price in content
    assert "Moins de 10 k€" in content
    assert "25 unités en stock" in content
    assert "Au plus 10 par association et par année civile" in content
    assert 'href="/boutique/m365/"' in content
    assert "Votre prix" not in content


@pytest.mark.parametrize(
    ("bracket", "price"), [(BudgetBracket.LT_10K, "9\u00a0€"), (BudgetBracket.FROM_50K_TO_200K, "15\u00a0€")]
)
def test_a_verified_association_sees_its_own_solidarity_price_and_quota(client, offer_index, licence, bracket, price):
    offer = make_offer(offer_index, title="Microsoft 365", product=licence)
    member_of(verified_association(bracket), client)

    response = client.get(offer.url)
    content = response.content.decode()

    assert response.context["offer"].quote.unit_ht_cents == GRID[bracket]
    assert f"<strong>{price} HT</strong>" in content
    assert "Quota " in content and ": 10 restante(s) sur 10" in content
    assert '<table class="price-grid">' not in content


def test_quota_left_counts_this_years_orders(client, offer_index, licence):
    from billing.models import PaymentMethod
    from billing.services.orders import order_create

    organisation = verified_association()
    user = member_of(organisation, client)
    order_create(
        user=user, organisation=organisation, product_id=licence.pk, quantity=3, payment_method=PaymentMethod.TRANSFER
    )
    offer_page = make_offer(offer_index, title="Microsoft 365", product=licence)

    offer = selectors.product_offer_for(product=licence, organisation=organisation)

    assert (offer.quota.used, offer.quota.left) == (3, 7)
    assert ": 7 restante(s) sur 10" in client.get(offer_page.url).content.decode()
    assert "22 unités en stock" in client.get(offer_page.url).content.decode()


def test_providers_and_unverified_associations_see_the_grid_and_the_public_price(client, offer_index):
    laptop = ProductFactory(
        code="laptop", kind=ProductKind.HARDWARE, eligibility=Eligibility.ANYONE, public_price_cents=329_00, stock=4
    )
    offer = make_offer(offer_index, title="Ordinateur reconditionné", product=laptop, publisher="Ateliers du Bocage")
    member_of(VerifiedProviderFactory(), client)

    content = client.get(offer.url).content.decode()

    assert "<strong>329\u00a0€ HT</strong>" in content  # price_for: the public price for a provider
    assert "Ouvert à toutes les organisations" in content
    assert '<table class="price-grid">' in content
    assert "4 unités en stock" in content

    client.logout()
    member_of(AssociationFactory(), client)
    content = client.get(offer.url).content.decode()
    assert '<table class="price-grid">' in content


def test_an_exhausted_product_says_why(client, offer_index):
    product = ProductFactory(code="rupture", stock=0)
    offer = make_offer(offer_index, title="Antivirus", product=product)
    member_of(verified_association(), client)

    content = client.get(offer.url).content.decode()

    assert "Ce produit est épuisé." in content


def test_an_offer_without_product_still_renders(client, offer_index):
    offer = make_offer(offer_index, title="Google Workspace for Nonprofits", publisher="Google")
    content = client.get(offer.url).content.decode()
    assert "pas encore commandable" in content


def test_a_linked_product_cannot_be_deleted(offer_index, licence):
    make_offer(offer_index, title="Microsoft 365", product=licence)
    with pytest.raises(ProtectedError):
        licence.delete()


def test_offer_index_filters_without_javascript_and_paginates(client, offer_index, licence):
    from cms.models import offers

    laptop = ProductFactory(code="laptop", kind=ProductKind.HARDWARE)
    make_offer(offer_index, title="Microsoft 365", product=licence, themes=["collaboration-cloud"])
    make_offer(offer_index, title="Ordinateur reconditionné", product=laptop, publisher="Ateliers du Bocage")
    for n in range(offers.PER_PAGE):
        make_offer(offer_index, title=f"Offre Canva {n:02d}", publisher="Canva", slug=f"canva-{n}")

    def titles(**params):
        return [p.title for p in client.get(offer_index.url, params).context["page_obj"].object_list]

    assert titles(kind="hardware") == ["Ordinateur reconditionné"]
    assert titles(publisher="Ateliers du Bocage") == ["Ordinateur reconditionné"]
    assert titles(theme="collaboration-cloud") == ["Microsoft 365"]
    assert len(titles()) == offers.PER_PAGE
    assert len(titles(page=2)) == 2
    assert len(titles(publisher="Inconnu")) == offers.PER_PAGE  # unknown value ignored, not an error
    content = client.get(offer_index.url, {"publisher": "Canva", "page": 2}).content.decode()
    assert 'name="publisher"' in content and "Offre Canva 11" in content


def test_training_page_shows_live_price_and_no_sessions_until_billing_has_them(client, training_index):
    seat = ProductFactory(code="formation-cyber", kind=ProductKind.TRAINING, eligibility=Eligibility.ANYONE, grid=GRID)
    training = make_training(
        training_index, title="Sécuriser les outils numériques", product=seat, certification="Qualiopi"
    )
    member_of(verified_association(BudgetBracket.LT_10K), client)

    response = client.get(training.url)
    content = response.content.decode()

    assert "<strong>9\u00a0€ HT</strong>" in content
    assert "Qualiopi" in content
    assert "1 jour (7 heures)" in content
    if selectors._training_session_model() is None:
        assert response.context["sessions"] == []
        assert "Les prochaines dates seront bientôt annoncées." in content


def test_training_sessions_are_read_lazily_and_shown_with_seats_left(client, training_index, monkeypatch):
    seat = ProductFactory(code="formation-rgpd", kind=ProductKind.TRAINING)
    training = make_training(training_index, title="RGPD en pratique", product=seat)
    import datetime

    from django.utils import timezone

    start = timezone.now() + datetime.timedelta(days=10)
    sessions = [selectors.SessionView(start=start, end=None, place="Lyon", is_online=False, seats_left=3)]
    monkeypatch.setattr(selectors, "training_session_list_upcoming", lambda *, product, limit=6: sessions)

    content = client.get(training.url).content.decode()

    assert "3 places restantes" in content
    assert "Lyon" in content


def test_training_sessions_are_empty_while_the_model_does_not_exist(monkeypatch):
    monkeypatch.setattr(selectors, "_training_session_model", lambda: None)
    assert selectors.training_session_list_upcoming(product=ProductFactory()) == []


def test_training_index_filters_certified_trainings(client, training_index):
    make_training(training_index, title="Qualiopi", certification="Organisme certifié Qualiopi")
    make_training(training_index, title="Atelier libre", slug="atelier-libre")
    titles = [p.title for p in client.get(training_index.url, {"certified": "true"}).context["page_obj"].object_list]
    assert titles == ["Qualiopi"]


def test_page_rules_for_offers_and_trainings(home):
    assert OfferIndexPage.can_create_at(home)
    assert TrainingIndexPage.can_create_at(home)
    assert OfferPage.allowed_parent_page_models() == [OfferIndexPage]
    assert TrainingPage.allowed_parent_page_models() == [TrainingIndexPage]
    assert not OfferPage.can_create_at(home)
    offer_index = make_offer_index(home)
    assert not OfferIndexPage.can_create_at(home)  # one catalogue only
    assert OfferPage.can_create_at(offer_index)
    assert not TrainingPage.can_create_at(offer_index)
    assert Page.objects.type(OfferIndexPage).count() == 1


def test_home_shows_picked_offers_then_latest_and_latest_trainings(client, home, offer_index, training_index):
    older = make_offer(offer_index, title="Offre choisie", slug="choisie")
    for n in range(3):
        make_offer(offer_index, title=f"Offre récente {n}", slug=f"recente-{n}")
    make_training(training_index, title="Formation tableur")
    HomePageOffer.objects.create(home=home, page=older, sort_order=0)

    assert [p.title for p in home.highlighted_offers()] == ["Offre choisie", "Offre récente 2", "Offre récente 1"]
    content = client.get("/").content.decode()
    assert "Offre choisie" in content
    assert "Formation tableur" in content
    assert 'href="/offres/"' in content and 'href="/formations/"' in content


def test_training_page_lists_billing_sessions_with_seats_left(client, training_index):
    import datetime

    from django.utils import timezone

    model = selectors._training_session_model()
    if model is None:
        pytest.skip("billing has no TrainingSession yet")
    seat = ProductFactory(code="formation-m365", kind=ProductKind.TRAINING)
    training = make_training(training_index, title="Microsoft 365 au quotidien", product=seat)
    start = timezone.now() + datetime.timedelta(days=20)
    common = {"product": seat, "capacity": 12, "trainer": "Camille", "address": "Maison des associations, Lyon"}
    model.objects.create(
        starts_at=start, ends_at=start + datetime.timedelta(hours=7), registration_deadline=start, **common
    )
    past = timezone.now() - datetime.timedelta(days=3)
    model.objects.create(starts_at=past, ends_at=past, registration_deadline=past, **common)

    response = client.get(training.url)

    assert [s.seats_left for s in response.context["sessions"]] == [12]
    assert "12 places restantes" in response.content.decode()
    assert "Maison des associations, Lyon" in response.content.decode()
