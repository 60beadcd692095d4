"""Events: webinars, workshops and meet-ups, in Paris time, on site or online."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import ContentBodyBlock
from .seo import SeoPage


class EventIndexPage(SeoPage):
    """Lists upcoming events first, then the latest past ones (their replays often live in the resource centre)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*SeoPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda")

    PAST_SHOWN = 6

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().descendant_of(self)
        now = timezone.now()
        context["upcoming_events"] = events.filter(start__gte=now).order_by("start")
        context["past_events"] = events.filter(start__lt=now).order_by("-start")[: self.PAST_SHOWN]
        return context


class EventPage(SeoPage):
    """One event. Times are stored in UTC and shown in Europe/Paris, the site's time zone."""

    intro = models.TextField(_("présentation courte"))
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    is_online = models.BooleanField(_("en ligne"), default=False)
    place = models.CharField(_("lieu"), max_length=200, blank=True, help_text=_("Salle, adresse et ville."))
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    body = StreamField(ContentBodyBlock(), verbose_name=_("programme"), blank=True)

    search_fields = [*SeoPage.search_fields, index.SearchField("intro"), index.SearchField("place")]
    content_panels = [
        *SeoPage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("is_online"),
                FieldPanel("place"),
                FieldPanel("registration_url"),
            ],
            heading=_("Date, lieu et inscription"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement")

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("La fin doit être après le début.")})
        if not self.is_online and not self.place:
            raise ValidationError({"place": _("Indiquez le lieu, ou cochez « en ligne ».")})

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.now()
