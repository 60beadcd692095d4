"""The editorial demo seeder: index pages, 27 articles, 10 offers, 6 trainings, 3 events, FAQ and legal pages.

Idempotent like the core's seeders: pages are found by slug under their
parent, images and documents by title, and only what is missing is created.
Illustrations are drawn with Pillow (one per theme), so nothing is downloaded.
"""

import datetime
import io
import zoneinfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from billing.models import Product
from cms.models import (
    ApprovedSearch,
    ArticlePage,
    ArticleRelatedOffer,
    ArticleRelatedTraining,
    Audience,
    ContentPage,
    EventIndexPage,
    EventPage,
    FaqPage,
    HomePage,
    HomePageHighlight,
    OfferIndexPage,
    OfferPage,
    ResourceIndexPage,
    Theme,
    TrainingIndexPage,
    TrainingPage,
)
from marketplace.models import Skill

from . import pages
from .articles import ARTICLES
from .offers import OFFERS, TRAININGS
from .translations import ENGLISH, seed_translations

# After the core (100), profiles (150), projects (200) and billing (210): skills exist, so articles can link to
# them, and billing's demo products exist, so offers and trainings link to them by code.
CMS_ORDER = 300
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
COLLECTION = "Centre de ressources"
PALETTE = [(31, 79, 191), (24, 113, 58), (179, 38, 30), (120, 60, 160), (0, 110, 130), (200, 110, 0), (60, 60, 80)]
HIGHLIGHTS = ["microsoft-365-associations", "registre-rgpd-association", "mots-de-passe-gestionnaire"]


def _body(spec) -> list[dict]:
    blocks = []
    for item in spec:
        kind = item[0]
        if kind in ("h", "h3"):
            blocks.append({"type": "heading", "value": {"text": item[1], "level": "h3" if kind == "h3" else "h2"}})
        elif kind == "p":
            blocks.append({"type": "paragraph", "value": item[1]})
        elif kind in ("tip", "info", "warning"):
            blocks.append({"type": "callout", "value": {"kind": kind, "title": item[1], "text": item[2]}})
        elif kind == "quote":
            blocks.append({"type": "quote", "value": {"quote": item[1], "attribution": item[2]}})
        elif kind == "faq":
            items = [{"question": q, "answer": a} for q, a in item[1]]
            blocks.append({"type": "faq", "value": {"title": "", "items": items}})
    return blocks


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=name).first()
    return found or root.add_child(name=name)


def _illustration(theme: Theme, colour) -> bytes:
    """A flat illustration: coloured background, a few shapes, the theme's name."""
    width, height = 1200, 630
    picture = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    light = tuple(min(255, c + 90) for c in colour)
    draw.ellipse((760, -120, 1320, 440), fill=light)
    draw.rectangle((80, 420, 520, 460), fill=(255, 255, 255))
    draw.rounded_rectangle((860, 360, 1120, 560), radius=30, outline=(255, 255, 255), width=8)
    font = ImageFont.load_default(size=72)
    draw.text((80, 300), theme.name, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _theme_images(collection) -> tuple[dict[str, Image], int]:
    images, created = {}, 0
    for position, theme in enumerate(Theme.objects.all()):
        title = f"Illustration : {theme.name}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = _illustration(theme, PALETTE[position % len(PALETTE)])
            image = Image(title=title, collection=collection)
            image.file = ImageFile(io.BytesIO(data), name=f"illustration-{theme.slug}.png")
            image.save()
            created += 1
        images[theme.slug] = image
    return images, created


def _registry_template(collection) -> tuple[Document, int]:
    title = "Modèle de registre des traitements (tableur)"
    document = Document.objects.filter(title=title).first()
    if document:
        return document, 0
    rows = [
        "Traitement;Finalité;Données;Personnes concernées;Accès;Durée de conservation;Sécurité",
        "Adhésions;Gérer les adhésions et cotisations;Identité, coordonnées, cotisation;Adhérents;Bureau;"
        "Adhésion + 3 ans;Fichier partagé à accès restreint",
        "Dons;Émettre les reçus fiscaux;Identité, adresse, montant;Donateurs;Trésorier;6 ans;Plateforme de dons",
    ]
    document = Document(title=title, collection=collection)
    document.file = ContentFile(("\n".join(rows) + "\n").encode("utf-8"), name="registre-rgpd-modele.csv")
    document.save()
    return document, 1


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page, *, published_at=None):
    parent.add_child(instance=page)
    page.save_revision().publish()
    if published_at:
        type(page).objects.filter(pk=page.pk).update(first_published_at=published_at, last_published_at=published_at)
    return page


def _ensure_index(home, model, slug, **fields):
    page = _child(home, model, slug)
    if page:
        return page, 0
    return _publish(home, model(slug=slug, show_in_menus=True, **fields)), 1


def _related(parent, page_model, link_model, slugs) -> list:
    """Links to the demo pages named by `slugs` under `parent`, in that order; missing ones are skipped."""
    pages = [page for slug in slugs if (page := _child(parent, page_model, slug))]
    return [link_model(page=page, sort_order=position) for position, page in enumerate(pages)]


def _ensure_articles(index, images, document, offer_index, training_index) -> int:
    created = 0
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    now = timezone.now().replace(microsecond=0)
    for position, seed in enumerate(ARTICLES):
        if _child(index, ArticlePage, seed.slug):
            continue
        body = _body(seed.body)
        if seed.slug == "registre-rgpd-association":
            body.append({"type": "document", "value": {"document": document.pk, "label": "Télécharger le modèle"}})
        cover = images.get(seed.themes[0])
        page = ArticlePage(
            title=seed.title,
            slug=seed.slug,
            intro=seed.intro,
            body=body,
            author=seed.author,
            format=seed.format,
            level=seed.level,
            cover=cover,
            search_description=seed.intro[:160],
        )
        page.themes = [themes[slug] for slug in seed.themes if slug in themes]
        page.audiences = [audiences[slug] for slug in seed.audiences if slug in audiences]
        page.skills = [skills[slug] for slug in seed.skills if slug in skills]
        page.related_offers_links = _related(offer_index, OfferPage, ArticleRelatedOffer, seed.offers)
        page.related_trainings_links = _related(training_index, TrainingPage, ArticleRelatedTraining, seed.trainings)
        # Spread over the last months, newest last in the list: the index shows a living resource centre.
        _publish(index, page, published_at=now - datetime.timedelta(days=4 * (len(ARTICLES) - position)))
        created += 1
    return created


def _event_start(spec) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=spec["days_ahead"])
    return datetime.datetime.combine(day, datetime.time(spec["hour"]), tzinfo=PARIS)


def _ensure_events(agenda) -> int:
    created = 0
    for spec in pages.EVENTS:
        if _child(agenda, EventPage, spec["slug"]):
            continue
        start = _event_start(spec)
        _publish(
            agenda,
            EventPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                start=start,
                end=start + datetime.timedelta(minutes=spec["minutes"]),
                is_online=spec["is_online"],
                place=spec["place"],
                registration_url=f"https://passerelle.example/inscriptions/{spec['slug']}",
                body=_body(spec["body"]),
            ),
        )
        created += 1
    return created


def _ensure_content_pages(home) -> int:
    created = 0
    if not _child(home, FaqPage, pages.FAQ["slug"]):
        spec = pages.FAQ
        _publish(home, FaqPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=_body(spec["body"])))
        created += 1
    for spec in pages.LEGAL:
        if not _child(home, ContentPage, spec["slug"]):
            page = ContentPage(
                title=spec["title"], slug=spec["slug"], body=_body(spec["body"]), last_reviewed=timezone.localdate()
            )
            _publish(home, page)
            created += 1
    return created


def _ensure_highlights(home, index) -> None:
    if home.highlights.exists():
        return
    for position, slug in enumerate(HIGHLIGHTS):
        article = _child(index, ArticlePage, slug)
        if article:
            HomePageHighlight.objects.create(home=home, page=article, sort_order=position)


def _ensure_priced_pages(index, model, specs, fill) -> int:
    created = 0
    products = {product.code: product for product in Product.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in specs:
        if _child(index, model, spec["slug"]):
            continue
        page = model(title=spec["title"], slug=spec["slug"], product=products.get(spec["product"]), **fill(spec))
        page.themes = [themes[slug] for slug in spec["themes"] if slug in themes]
        _publish(index, page)
        created += 1
    return created


def _offer_fields(spec) -> dict:
    return {
        "publisher": spec["publisher"],
        "summary": spec["summary"],
        "offer_details": spec["details"],
        "eligibility_conditions": spec["eligibility"],
        "how_to_order": spec.get("how", ""),
        "search_description": spec["summary"][:160],
    }


def _training_fields(spec) -> dict:
    return {
        "summary": spec["summary"],
        "objectives": spec["objectives"],
        "programme": _body(spec["programme"]),
        "prerequisites": spec["prerequisites"],
        "duration": spec["duration"],
        "certification": spec["certification"],
        "search_description": spec["summary"][:160],
    }


# Searches the public "Recherches fréquentes" list may show once visitors make them (see ApprovedSearch).
APPROVED_SEARCHES = ("tableur", "mot de passe", "rgpd", "site internet", "canva", "cybersécurité")


def _ensure_approved_searches() -> int:
    return sum(ApprovedSearch.objects.get_or_create(query_string=query)[1] for query in APPROVED_SEARCHES)


def seed_cms(stdout) -> dict[str, int]:
    home = HomePage.objects.filter(locale__language_code="fr").first() or HomePage.objects.first()
    if home is None:
        stdout.write("Pas de page d'accueil Wagtail : centre de ressources non créé.")
        return {}
    collection = _collection(COLLECTION)
    images, images_created = _theme_images(collection)
    document, documents_created = _registry_template(_collection("Modèles à télécharger"))
    index, index_created = _ensure_index(
        home,
        ResourceIndexPage,
        "ressources",
        title="Centre de ressources",
        intro="Guides, tutoriels, replays et études pour faire avancer le numérique de votre association.",
    )
    agenda, agenda_created = _ensure_index(
        home, EventIndexPage, "agenda", title="Agenda", intro="Webinaires, ateliers et cafés numériques."
    )
    offer_index, offer_index_created = _ensure_index(
        home,
        OfferIndexPage,
        "offres",
        title="Offres partenaires",
        intro="Logiciels, matériel reconditionné et services à prix solidaires, selon le budget de votre association.",
    )
    training_index, training_index_created = _ensure_index(
        home,
        TrainingIndexPage,
        "formations",
        title="Catalogue des formations",
        intro="Des formations courtes, en ligne ou près de chez vous, pour les bénévoles et les salariés.",
    )
    # Offers and trainings first: articles link to them from their first revision.
    offers = _ensure_priced_pages(offer_index, OfferPage, OFFERS, _offer_fields)
    trainings = _ensure_priced_pages(training_index, TrainingPage, TRAININGS, _training_fields)
    articles = _ensure_articles(index, images, document, offer_index, training_index)
    events = _ensure_events(agenda)
    content = _ensure_content_pages(home)
    _ensure_highlights(home, index)
    translated = [
        *(index, offer_index, training_index),
        *[p for slug in ENGLISH if (p := _child(index, ArticlePage, slug))],
        *[p for slug in ENGLISH if (p := _child(offer_index, OfferPage, slug))],
        *[p for slug in ENGLISH if (p := _child(training_index, TrainingPage, slug))],
    ]
    translations = seed_translations(home, translated)
    approved_searches = _ensure_approved_searches()
    return {
        "pages de rubrique": index_created + agenda_created + offer_index_created + training_index_created,
        "articles": articles,
        "offres": offers,
        "formations": trainings,
        "traductions anglaises": translations,
        "recherches approuvées": approved_searches,
        "événements": events,
        "pages FAQ et légales": content,
        "images": images_created,
        "documents": documents_created,
    }
