"""Building editorial pages in tests, the way an editor would: as children of their parent, then published."""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms.models import (
    ArticlePage,
    EventIndexPage,
    EventPage,
    OfferIndexPage,
    OfferPage,
    ResourceIndexPage,
    Theme,
    TrainingIndexPage,
    TrainingPage,
)


def make_image(title="Illustration") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (31, 79, 191)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="illustration.png"))


def make_resource_index(home) -> ResourceIndexPage:
    index = home.add_child(instance=ResourceIndexPage(title="Ressources", slug="ressources", intro="Guides pratiques."))
    index.save_revision().publish()
    return index


def make_event_index(home) -> EventIndexPage:
    index = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    index.save_revision().publish()
    return index


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def make_article(index, *, title, themes=(), body=None, publish=True, **fields) -> ArticlePage:
    fields.setdefault("intro", f"Ce qu'il faut savoir : {title.lower()}.")
    page = ArticlePage(title=title, body=body or [paragraph("Un conseil pratique.")], live=publish, **fields)
    index.add_child(instance=page)
    page.themes.set(Theme.objects.filter(slug__in=themes))
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_event(index, *, title, days_ahead=7, **fields) -> EventPage:
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_ahead)
    fields.setdefault("intro", "Un atelier pratique.")
    fields.setdefault("is_online", True)
    page = EventPage(title=title, start=start, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_offer_index(home) -> OfferIndexPage:
    index = home.add_child(instance=OfferIndexPage(title="Offres", slug="offres"))
    index.save_revision().publish()
    return index


def make_training_index(home) -> TrainingIndexPage:
    index = home.add_child(instance=TrainingIndexPage(title="Formations", slug="formations"))
    index.save_revision().publish()
    return index


def _publish_child(index, page, themes):
    index.add_child(instance=page)
    page.themes.set(Theme.objects.filter(slug__in=themes))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_offer(index, *, title, product=None, themes=(), **fields) -> OfferPage:
    fields.setdefault("publisher", "Microsoft")
    fields.setdefault("summary", f"{title} à prix solidaire.")
    fields.setdefault("offer_details", "<p>Des licences pour toute l'équipe.</p>")
    fields.setdefault("eligibility_conditions", "<p>Associations loi 1901 vérifiées.</p>")
    return _publish_child(index, OfferPage(title=title, product=product, **fields), themes)


def make_training(index, *, title, product=None, themes=(), **fields) -> TrainingPage:
    fields.setdefault("summary", f"Se former : {title.lower()}.")
    fields.setdefault("objectives", "<ul><li>Savoir sécuriser les comptes</li></ul>")
    fields.setdefault("programme", [paragraph("Matin : les menaces. Après-midi : les bons réflexes.")])
    fields.setdefault("duration", "1 jour (7 heures)")
    return _publish_child(index, TrainingPage(title=title, product=product, **fields), themes)
