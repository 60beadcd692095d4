from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The site's home: an editable hero that tells associations what the platform does for them."""

    hero_title = models.CharField(_("titre d'accroche"), max_length=160)
    hero_text = models.TextField(_("texte d'accroche"), blank=True)
    hero_cta_label = models.CharField(_("libellé du bouton"), max_length=60, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_cta_label"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")
