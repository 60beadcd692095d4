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

    def _picks_or_latest(self, highlights, cards, latest) -> list:
        """The editors' picks that are live, completed by the latest pages up to three.

        Picks are not filtered by language: a translated home keeps the
        picks it was copied with until an editor changes them.
        """
        picked_ids = [h.page_id for h in highlights.all()]
        return selectors.picks_or_latest(picked_ids=picked_ids, cards=cards, latest=latest, count=self.HIGHLIGHTS)

    def highlighted_resources(self) -> list:
        from .resources import ArticlePage

        cards = selectors.article_cards(ArticlePage.objects.live())
        return self._picks_or_latest(self.highlights, cards, selectors.article_list_latest)

    def highlighted_offers(self) -> list:
        from .offers import OfferPage

        cards = selectors.catalogue_cards(OfferPage.objects.live())
        return self._picks_or_latest(self.offer_highlights, cards, selectors.offer_list_latest)

    def highlighted_trainings(self) -> list:
        from .offers import TrainingPage

        cards = selectors.catalogue_cards(TrainingPage.objects.live())
        return self._picks_or_latest(self.training_highlights, cards, selectors.training_list_latest)

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
