"""The product's main pages on the demo data, as the accessibility, layout and render-time checks visit them.

`prepare_demo()` puts the demo on the database (seeded once per test process,
then copied back: tests/demo_snapshot.py) and adds what the demo lacks for these pages
(a conversation between the demo association and the demo provider). The URL
lists are computed from the database, so they follow the demo's content.
"""

from tests.demo_snapshot import demo_database

DEMO_ASSOCIATION = "Les Restos du Quartier — Lyon"
DEMO_PROVIDER = "Atelier Numérique Solidaire"


def prepare_demo() -> None:
    """The demo, plus a conversation between the demo association and the demo provider about a project."""
    from marketplace.models import Organisation, Project, User
    from messaging.services import conversation_open, message_post

    demo_database()
    association = Organisation.objects.get(name=DEMO_ASSOCIATION)
    provider = Organisation.objects.get(name=DEMO_PROVIDER)
    project = Project.objects.filter(organisation=association, state="published").first()
    conversation = conversation_open(association=association, provider=provider, project=project)
    for email, body in (
        ("presta@demo.test", "Bonjour, le site doit-il permettre les adhésions en ligne ?"),
        ("asso@demo.test", "Oui, avec HelloAsso si possible. Merci !"),
    ):
        message_post(user=User.objects.get(email=email), conversation_id=conversation.pk, body=body)


def public_urls() -> list[str]:
    from billing.models import Product
    from cms.models import ArticlePage, EventPage, OfferPage, TrainingPage
    from marketplace.models import Organisation

    french = {"locale__language_code": "fr"}
    provider = Organisation.objects.get(name=DEMO_PROVIDER)
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


def association_urls() -> list[str]:
    """The demo association owner's pages; creates one order awaiting a bank transfer, to show its page."""
    from billing.models import PaymentMethod, Product, TrainingSession
    from billing.services.orders import order_create
    from marketplace.models import Organisation, Project, User
    from messaging.models import Conversation

    association = Organisation.objects.get(name=DEMO_ASSOCIATION)
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
        *assessment_urls(association),
    ]


def assessment_urls(association) -> list[str]:
    """The self-assessment's pages: its home, the latest result, a drafted project and a step of a new one.

    Starts an assessment (the demo association has none in progress), so the step is one it can answer.
    """
    from assessment.models import Assessment, AssessmentState
    from assessment.services import assessment_start
    from marketplace.models import Membership

    completed = Assessment.objects.filter(organisation=association, state=AssessmentState.COMPLETED)
    latest = completed.order_by("-completed_at").first()
    weakest = latest.axis_scores.filter(axis__project_type__gt="").order_by("score").first()
    ongoing = assessment_start(membership=Membership.objects.filter(organisation=association).first())
    return [
        "/diagnostic/",
        f"/diagnostic/{latest.pk}/resultats/",
        f"/diagnostic/{latest.pk}/projet/{weakest.axis_key}/",
        f"/diagnostic/{ongoing.pk}/etape/2/",
    ]


def provider_urls() -> list[str]:
    from marketplace.models import Organisation, ProjectInvitation, Proposal
    from marketplace.models.projects import ProjectState, ProposalState
    from messaging.models import Conversation

    provider = Organisation.objects.get(name=DEMO_PROVIDER)
    invited = ProjectInvitation.objects.filter(provider=provider).exclude(project__proposals__provider=provider)
    proposals = Proposal.objects.filter(provider=provider)
    proposal = proposals.first()
    editable = proposals.filter(state__in=ProposalState.OPEN, project__state=ProjectState.PUBLISHED).first()
    return [
        "/tableau-de-bord/",
        "/projets/tableau/",
        *[f"/projets/{invitation.project_id}/" for invitation in invited[:2]],  # with the quote form
        f"/projets/devis/{proposal.pk}/",
        *([f"/projets/devis/{editable.pk}/modifier/"] if editable else []),
        "/messages/",
        f"/messages/{Conversation.objects.filter(provider=provider).first().pk}/",
        "/mon-organisation/profil/",
        "/mon-organisation/realisations/nouvelle/",
        "/mon-organisation/verification/",
        f"/prestataires/{provider.slug}/",
    ]
