"""What every editorial page shares: a social-network image next to Wagtail's SEO title and description."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class SeoPage(Page):
    """Abstract base: the Open Graph image and the promote tab that edits it."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        help_text=_("Montrée quand la page est partagée sur les réseaux sociaux (1200 × 630 idéalement)."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"), FieldPanel("og_image")],
            heading=_("Référencement et partage"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Navigation")),
    ]

    og_type = "website"

    class Meta:
        abstract = True

    def feed_url(self) -> str:
        """Where the page's feeds live ("…/flux/" + "rss/" or "atom/"), if it has any."""
        return ""

    def share_image(self):
        """The image for og:image: the page's own choice, else what the page type offers (an article's cover)."""
        return self.og_image

    def share_description(self) -> str:
        return self.search_description
