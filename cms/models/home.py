from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .. import selectors
from .seo import SeoPage


class HomePage(SeoPage):
    """The site's home: an editable hero that tells associations what the platform does for them,
    resources chosen by the editors, the next events and the platform's live figures."""

    hero_title = models.CharField(_("titre d'accroche"), max_length=160)
    hero_text = models.TextField(_("texte d'accroche"), blank=True)
    hero_cta_label = models.CharField(_("libellé du bouton"), max_length=60, blank=True)
    resources_title = models.CharField(
        _("titre des ressources mises en avant"), max_length=120, blank=True, default="Nos ressources à la une"
    )

    content_panels = [
        *SeoPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_cta_label")],
            heading=_("Accroche"),
        ),
        MultiFieldPanel(
            [FieldPanel("resources_title"), InlinePanel("highlights", label=_("ressource"), max_num=6)],
            heading=_("Ressources mises en avant"),
        ),
        MultiFieldPanel(
            [InlinePanel("offer_highlights", label=_("offre"), max_num=6)],
            heading=_("Offres mises en avant"),
            help_text=_("Sans choix, les dernières offres publiées sont montrées."),
        ),
        MultiFieldPanel(
            [InlinePanel("training_highlights", label=_("formation"), max_num=6)],
            heading=_("Formations mises en avant"),
            help_text=_("Sans choix, les dernières formations publiées sont montrées."),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ResourceIndexPage",
        "cms.OfferIndexPage",
        "cms.TrainingIndexPage",
        "cms.EventIndexPage",
        "cms.FaqPage",
        "cms.ContentPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    HIGHLIGHTS = 3

    def _picks_or_latest(self, highlights, latest) -> list:
        """The editors' picks that are live, completed by the latest pages up to three."""
        picks = [h.page.specific for h in highlights.select_related("page") if h.page and h.page.live]
        if len(picks) < self.HIGHLIGHTS:
            known = {p.pk for p in picks}
            picks += [page for page in latest(limit=self.HIGHLIGHTS + len(picks)) if page.pk not in known]
        return picks[: self.HIGHLIGHTS]

    def highlighted_resources(self) -> list:
        return self._picks_or_latest(self.highlights, selectors.article_list_latest)

    def highlighted_offers(self) -> list:
        return self._picks_or_latest(self.offer_highlights, selectors.offer_list_latest)

    def highlighted_trainings(self) -> list:
        return self._picks_or_latest(self.training_highlights, selectors.training_list_latest)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlighted_resources"] = self.highlighted_resources()
        context["highlighted_offers"] = self.highlighted_offers()
        context["highlighted_trainings"] = self.highlighted_trainings()
        context["upcoming_events"] = selectors.event_list_upcoming(limit=3)
        context["key_figures"] = selectors.platform_key_figures()
        return context


class HomePageHighlight(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    page = models.ForeignKey("cms.ArticlePage", verbose_name=_("ressource"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class HomePageOffer(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="offer_highlights")
    page = models.ForeignKey("cms.OfferPage", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class HomePageTraining(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="training_highlights")
    page = models.ForeignKey(
        "cms.TrainingPage", verbose_name=_("formation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]
