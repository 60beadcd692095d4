"""Every main page passes axe-core's WCAG 2.1 A/AA rules in Chromium, logged out and as each kind of member.

The pages are those of the demo (`seed_demo`), so they carry realistic content:
long names, images, prices, chat messages. Each test visits all its pages and
reports every violation at once, so one run shows the whole list to fix.
"""

import pytest
from django.core.management import call_command

from marketplace.demo.data import DEMO_PASSWORD
from tests.cms.conftest import RENDITION_WARNING

from .accessibility import axe_violations, describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(RENDITION_WARNING),
]


@pytest.fixture
def demo():
    """The demo, plus a conversation between the demo association and the demo provider about a project."""
    from marketplace.models import Organisation, Project, User
    from messaging.services import conversation_open, message_post

    call_command("seed_demo", verbosity=0)
    association = Organisation.objects.get(name="Les Restos du Quartier — Lyon")
    provider = Organisation.objects.get(name="Atelier Numérique Solidaire")
    project = Project.objects.filter(organisation=association, state="published").first()
    conversation = conversation_open(association=association, provider=provider, project=project)
    for email, body in (
        ("presta@demo.test", "Bonjour, le site doit-il permettre les adhésions en ligne ?"),
        ("asso@demo.test", "Oui, avec HelloAsso si possible. Merci !"),
    ):
        message_post(user=User.objects.get(email=email), conversation_id=conversation.pk, body=body)


def log_in(page, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/tableau-de-bord/")


def audit(page, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status in (200, 404), f"{url} answered {response and response.status}"
        problems += describe(url, axe_violations(page))
    return problems


def public_urls() -> list[str]:
    from billing.models import Product
    from cms.models import ArticlePage, EventPage, OfferPage, TrainingPage
    from marketplace.models import Organisation

    french = {"locale__language_code": "fr"}
    provider = Organisation.objects.get(name="Atelier Numérique Solidaire")
    return [
        "/",
        "/ressources/",
        "/ressources/?theme=cybersecurite",
        ArticlePage.objects.live().get(slug="migrer-vers-microsoft-365", **french).url,
        "/ressources/recherche/?q=tableur",
        "/ressources/recherche/?q=zzzzqqq",
        "/offres/",
        OfferPage.objects.live().get(slug="microsoft-365-business-premium", **french).url,
        "/formations/",
        TrainingPage.objects.live().get(slug="microsoft-365-au-quotidien", **french).url,
        "/agenda/",
        EventPage.objects.live().filter(**french).first().url,
        "/faq/",
        "/mentions-legales/",
        "/accessibilite/",
        "/prestataires/",
        f"/prestataires/{provider.slug}/",
        "/boutique/",
        f"/boutique/{Product.objects.get(code='formation-microsoft-365').code}/",
        "/compte/connexion/",
        "/compte/inscription/",
        "/compte/mot-de-passe/oublie/",
        "/cette-page-n-existe-pas/",
        "/en/",
        "/en/ressources/",
    ]


def test_public_pages_have_no_accessibility_violations(demo, page):
    problems = audit(page, public_urls())

    assert not problems, "\n".join(problems)


def association_urls() -> list[str]:
    from billing.models import PaymentMethod, Product, TrainingSession
    from billing.services.orders import order_create
    from marketplace.models import Organisation, Project, User
    from messaging.models import Conversation

    association = Organisation.objects.get(name="Les Restos du Quartier — Lyon")
    user = User.objects.get(email="asso@demo.test")
    projects = Project.objects.filter(organisation=association)
    compared = projects.filter(proposals__isnull=False).distinct().first()
    seat = Product.objects.get(code="formation-microsoft-365")
    laptop = Product.objects.get(code="ordinateur-portable-reconditionne")
    order = order_create(
        user=user, organisation=association, product_id=laptop.pk, quantity=1, payment_method=PaymentMethod.TRANSFER
    )
    return [
        "/tableau-de-bord/",
        "/projets/",
        "/projets/tableau/",
        "/projets/nouveau/",
        *[f"/projets/{project.pk}/" for project in projects],
        f"/projets/devis/{compared.proposals.first().pk}/",
        "/messages/",
        f"/messages/{Conversation.objects.filter(association=association).first().pk}/",
        "/mon-organisation/profil/",
        "/mon-organisation/verification/",
        "/mon-organisation/notifications/",
        "/organisations/parametres/",
        "/compte/profil/",
        "/compte/jetons/",
        "/compte/e-mails/",
        "/compte/mot-de-passe/",
        f"/boutique/{laptop.code}/",
        f"/boutique/formations/sessions/{TrainingSession.objects.filter(product=seat).first().pk}/",
        "/boutique/commandes/",
        f"/boutique/commandes/{order.pk}/",
        "/boutique/formations/inscriptions/",
    ]


def test_association_pages_have_no_accessibility_violations(demo, page):
    urls = association_urls()
    log_in(page, "asso@demo.test")

    problems = audit(page, urls)

    assert not problems, "\n".join(problems)


def provider_urls() -> list[str]:
    from marketplace.models import Organisation, ProjectInvitation, Proposal
    from messaging.models import Conversation

    provider = Organisation.objects.get(name="Atelier Numérique Solidaire")
    invited = ProjectInvitation.objects.filter(provider=provider).exclude(project__proposals__provider=provider)
    proposal = Proposal.objects.filter(provider=provider).first()
    return [
        "/tableau-de-bord/",
        "/projets/",
        *[f"/projets/{invitation.project_id}/" for invitation in invited[:2]],  # with the quote form
        f"/projets/devis/{proposal.pk}/",
        f"/projets/devis/{proposal.pk}/modifier/",
        "/messages/",
        f"/messages/{Conversation.objects.filter(provider=provider).first().pk}/",
        "/mon-organisation/profil/",
        "/mon-organisation/realisations/nouvelle/",
        "/mon-organisation/verification/",
        f"/prestataires/{provider.slug}/",
    ]


def test_provider_pages_have_no_accessibility_violations(demo, page):
    urls = provider_urls()
    log_in(page, "presta@demo.test")

    problems = audit(page, urls)

    assert not problems, "\n".join(problems)
