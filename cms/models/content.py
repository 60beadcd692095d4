"""Plain editorial pages: the FAQ and the legal pages (legal notices, privacy, accessibility statement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import ContentBodyBlock, heading_anchors
from .seo import SeoPage


class _BodyPage(SeoPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBodyBlock(), verbose_name=_("contenu"))

    search_fields = [*SeoPage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*SeoPage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True

    def body_blocks(self) -> list[tuple]:
        anchors = heading_anchors(self.body)
        return [(block, anchors.get(block.id)) for block in self.body]


class FaqPage(_BodyPage):
    """Questions associations ask about the platform, grouped by FAQ blocks."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("foire aux questions")


class ContentPage(_BodyPage):
    """A page of text: legal notices, privacy policy, accessibility statement, about us."""

    last_reviewed = models.DateField(_("dernière mise à jour du contenu"), null=True, blank=True)

    content_panels = [*_BodyPage.content_panels, FieldPanel("last_reviewed")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("page de contenu")
