"""Partner offers and the training catalogue: editorial pages in front of billing's products.

The editors write what the offer is and who may have it; prices, stock and
quotas are never copied into the page: they are read from billing on every
request, for the visitor's active organisation (see `selectors.product_offer_for`).
"""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from billing.models import ProductKind

from .. import selectors
from ..blocks import RICH_TEXT_FEATURES, ContentBodyBlock
from .seo import SeoPage

PER_PAGE = 12


class _CatalogueIndexPage(SeoPage):
    """An index of priced pages, filtered by GET parameters (no JavaScript needed) and paginated."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*SeoPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1
    child_model: type[SeoPage]

    class Meta:
        abstract = True

    def children_live(self):
        return (
            self.child_model.objects.live()
            .descendant_of(self)
            .select_related("product")
            .prefetch_related("themes")
            .order_by("title")
        )

    def filterset(self, request):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = self.filterset(request)
        paginator = Paginator(filterset.qs, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filter=filterset,
            page_obj=page_obj,
            page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        )
        return context


class _PricedPage(SeoPage):
    """A page whose price, stock and quota come live from one billing product."""

    class Meta:
        abstract = True

    def product_offer(self, request):
        return selectors.page_product_offer(page=self, organisation=getattr(request, "organisation", None))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offer"] = self.product_offer(request)
        return context


class OfferIndexPage(_CatalogueIndexPage):
    """Every partner offer, filtered by theme, publisher and kind of product."""

    subpage_types = ["cms.OfferPage"]

    class Meta:
        verbose_name = _("catalogue des offres")

    @property
    def child_model(self):
        return OfferPage

    def filterset(self, request):
        from ..filters import OfferFilterSet

        return OfferFilterSet(request.GET or None, queryset=self.children_live())


class OfferPage(_PricedPage):
    """A partner's offer (Microsoft, Google, Canva, a refurbisher...): what it is, who may have it, how to order."""

    publisher = models.CharField(_("éditeur ou partenaire"), max_length=120)
    summary = models.TextField(_("en bref"), help_text=_("Une ou deux phrases : ce que l'association obtient."))
    offer_details = RichTextField(_("ce qui est proposé"), features=RICH_TEXT_FEATURES)
    eligibility_conditions = RichTextField(_("conditions d'éligibilité"), features=RICH_TEXT_FEATURES)
    how_to_order = RichTextField(_("comment commander"), features=RICH_TEXT_FEATURES, blank=True)
    product = models.ForeignKey(
        "billing.Product",
        verbose_name=_("produit de la boutique"),
        help_text=_("Le prix, le stock et le quota affichés viennent de ce produit, en direct."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to=~Q(kind=ProductKind.TRAINING),
        related_name="offer_pages",
    )
    themes = ParentalManyToManyField("cms.Theme", verbose_name=_("thèmes"), blank=True, related_name="offers")

    search_fields = [
        *SeoPage.search_fields,
        index.SearchField("publisher", boost=2),
        index.SearchField("summary"),
        index.SearchField("offer_details"),
        index.AutocompleteField("title"),
        index.FilterField("publisher"),
    ]
    content_panels = [
        *SeoPage.content_panels,
        FieldPanel("publisher"),
        FieldPanel("summary"),
        FieldPanel("offer_details"),
        FieldPanel("eligibility_conditions"),
        MultiFieldPanel([FieldPanel("product"), FieldPanel("how_to_order")], heading=_("Commande")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["cms.OfferIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("offre partenaire")
        verbose_name_plural = _("offres partenaires")

    def share_description(self) -> str:
        return self.search_description or self.summary


class TrainingIndexPage(_CatalogueIndexPage):
    """The training catalogue, filtered by theme and certification."""

    subpage_types = ["cms.TrainingPage"]

    class Meta:
        verbose_name = _("catalogue des formations")

    @property
    def child_model(self):
        return TrainingPage

    def filterset(self, request):
        from ..filters import TrainingFilterSet

        return TrainingFilterSet(request.GET or None, queryset=self.children_live())


class TrainingPage(_PricedPage):
    """A training of the catalogue; its sessions (dates, seats left) and seat price are read live from billing."""

    summary = models.TextField(_("en bref"))
    objectives = RichTextField(_("objectifs pédagogiques"), features=RICH_TEXT_FEATURES)
    programme = StreamField(ContentBodyBlock(), verbose_name=_("programme"))
    prerequisites = RichTextField(_("prérequis"), features=RICH_TEXT_FEATURES, blank=True)
    duration = models.CharField(_("durée"), max_length=80, help_text=_("Par exemple : 1 jour (7 heures)."))
    certification = models.CharField(
        _("certification"), max_length=120, blank=True, help_text=_("Par exemple : organisme certifié Qualiopi.")
    )
    product = models.ForeignKey(
        "billing.Product",
        verbose_name=_("place de formation (boutique)"),
        help_text=_("Le prix d'une place et les sessions viennent de ce produit, en direct."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": ProductKind.TRAINING},
        related_name="training_pages",
    )
    themes = ParentalManyToManyField("cms.Theme", verbose_name=_("thèmes"), blank=True, related_name="trainings")

    search_fields = [
        *SeoPage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("objectives"),
        index.SearchField("programme"),
        index.AutocompleteField("title"),
    ]
    content_panels = [
        *SeoPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("programme"),
        FieldPanel("prerequisites"),
        MultiFieldPanel([FieldPanel("duration"), FieldPanel("certification")], heading=_("Modalités")),
        FieldPanel("product"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["cms.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")

    def share_description(self) -> str:
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = selectors.training_session_list_upcoming(product=self.product) if self.product else []
        return context
