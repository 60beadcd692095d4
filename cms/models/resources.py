"""The resource centre: an index that filters and searches, and the articles (guides, tutorials, replays...)."""

import math
import unicodedata
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from .. import selectors
from ..blocks import ArticleBodyBlock, heading_anchors
from .seo import SeoPage
from .taxonomy import ResourceFormat, ResourceLevel

WORDS_PER_MINUTE = 200
PER_PAGE = 12
# Offers and trainings shown at the end of an article: each is priced live, so they stay few.
RELATED_PRODUCTS = 2


def unaccent(text: str) -> str:
    """ "sécurité" -> "securite": indexed next to the original text so a search typed without accents finds it."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class ResourceIndexPage(RoutablePageMixin, SeoPage):
    """The resource centre's home: every article, filtered by theme, format, level and audience, and searched."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*SeoPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("centre de ressources")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .descendant_of(self)
            .select_related("cover")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")
        )

    def filterset(self, request):
        from ..filters import ResourceFilterSet

        return ResourceFilterSet(request.GET or None, queryset=self.articles())

    def paginate(self, request, items):
        paginator = Paginator(items, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return {
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = self.filterset(request)
        context["filter"] = filterset
        context.update(self.paginate(request, filterset.qs))
        return context

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("recherche/")
    def search_view(self, request):
        from ..search import resource_search

        results = resource_search(index=self, request=request)
        context = self.get_context(request)
        context.update(self.paginate(request, results.articles))
        context["search"] = results
        return self.render(request, context_overrides=context, template="cms/resource_search_page.html")

    @path("flux/rss/")
    def rss_feed(self, request):
        from ..feeds import ResourceRssFeed

        return ResourceRssFeed(self)(request)

    @path("flux/atom/")
    def atom_feed(self, request):
        from ..feeds import ResourceAtomFeed

        return ResourceAtomFeed(self)(request)

    def feed_url(self) -> str:
        return self.url + "flux/"

    def search_url(self, **params) -> str:
        query = urlencode({k: v for k, v in params.items() if v})
        return self.url + "recherche/" + (f"?{query}" if query else "")


class ArticlePage(SeoPage):
    """A guide, tutorial, webinar replay, case study or study, built from blocks.

    Headings feed the table of contents; reading time is counted from the text.
    The article ends on what the reader can do next: the offer to order, the
    training to follow (both priced live for the reader's organisation) and the
    providers who can do the job (skills).
    """

    intro = models.TextField(_("chapô"), help_text=_("Deux ou trois phrases : ce que l'on apprend ici."))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("texte alternatif de la couverture"),
        max_length=250,
        blank=True,
        help_text=_("Laisser vide si l'image est décorative."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("contenu"))
    author = models.CharField(_("auteur ou autrice"), max_length=120, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=ResourceFormat.choices, default=ResourceFormat.GUIDE)
    level = models.CharField(_("niveau"), max_length=20, choices=ResourceLevel.choices, default=ResourceLevel.BEGINNER)
    themes = ParentalManyToManyField("cms.Theme", verbose_name=_("thèmes"), related_name="articles")
    audiences = ParentalManyToManyField("cms.Audience", verbose_name=_("publics"), related_name="articles", blank=True)
    skills = ParentalManyToManyField(
        "marketplace.Skill",
        verbose_name=_("compétences de prestataires"),
        help_text=_("Le lecteur verra « Trouver un prestataire » vers l'annuaire filtré sur ces compétences."),
        related_name="articles",
        blank=True,
    )

    search_fields = [
        *SeoPage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("author"),
        index.SearchField("search_text_unaccented"),
        index.AutocompleteField("title"),
        index.FilterField("format"),
        index.FilterField("level"),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_en")]),
    ]

    content_panels = [
        *SeoPage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("Couverture")),
        FieldPanel("body"),
        FieldPanel("author"),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("format"),
        FieldPanel("level"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("skills"),
        InlinePanel("related_resources", label=_("ressource liée"), max_num=6),
        InlinePanel(
            "related_offers_links",
            label=_("offre associée"),
            max_num=RELATED_PRODUCTS,
            help_text=_("Sans choix, les offres qui partagent un thème avec l'article sont proposées."),
        ),
        InlinePanel(
            "related_trainings_links",
            label=_("formation associée"),
            max_num=RELATED_PRODUCTS,
            help_text=_("Sans choix, les formations qui partagent un thème avec l'article sont proposées."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(classification_panels, heading=_("Classement")),
            ObjectList(SeoPage.promote_panels, heading=_("Promotion")),
            ObjectList(SeoPage.settings_panels, heading=_("Paramètres")),
        ]
    )
    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("article du centre de ressources")
        verbose_name_plural = _("articles du centre de ressources")

    def body_text(self) -> str:
        parts = []
        for block in self.body:
            value = block.block.get_searchable_content(block.value)
            parts.extend(strip_tags(str(v)) for v in value)
        return " ".join(parts)

    def search_text_unaccented(self) -> str:
        return unaccent(" ".join([self.title, self.intro, self.body_text()]))

    @property
    def reading_time(self) -> int:
        """Minutes to read the intro and body at 200 words a minute, at least one."""
        words = len(f"{self.intro} {self.body_text()}".split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def body_blocks(self) -> list[tuple]:
        """The body's blocks with the anchor of each heading, for the template and the table of contents."""
        anchors = heading_anchors(self.body)
        return [(block, anchors.get(block.id)) for block in self.body]

    def table_of_contents(self) -> list[dict]:
        return [
            {"anchor": anchor, "text": block.value["text"], "level": block.value["level"]}
            for block, anchor in self.body_blocks()
            if anchor
        ]

    def was_updated(self) -> bool:
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and last.date() > first.date())

    def feed_url(self) -> str:
        parent = self.get_parent()
        return parent.url + "flux/" if parent else ""

    def share_image(self):
        return self.og_image or self.cover

    def share_description(self) -> str:
        return self.search_description or self.intro

    def related_articles(self, limit: int = 3) -> list:
        """The editors' choice, else live articles sharing a theme, newest first (cards read in bulk)."""
        cards = selectors.article_cards(ArticlePage.objects.live())
        chosen_ids = [link.resource_id for link in self.related_resources.all()]
        if chosen_ids:
            by_id = cards.filter(pk__in=chosen_ids).in_bulk()
            chosen = [by_id[pk] for pk in chosen_ids if pk in by_id]
            if chosen:
                return chosen[:limit]
        return list(
            cards.filter(themes__in=self.themes.all(), locale=self.locale_id)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-first_published_at")[:limit]
        )

    def _chosen_or_sharing_a_theme(self, model, chosen_links, limit: int) -> list:
        """The editors' choice in the article's language, else live pages of `model` sharing a theme, newest first.

        A translated article keeps its links to the French pages it was copied
        from; they are swapped for their translation (same translation key) so
        English readers land on English pages, and dropped if there is none.
        """
        pages = (
            model.objects.live()
            .filter(locale=self.locale_id)
            .select_related("product")
            .prefetch_related("product__prices")
        )
        keys = [link.page.translation_key for link in chosen_links.select_related("page")]
        if keys:
            by_key = {page.translation_key: page for page in pages.filter(translation_key__in=keys)}
            return [by_key[key] for key in keys if key in by_key][:limit]
        return list(
            pages.filter(themes__in=self.themes.all()).distinct().order_by("-first_published_at", "-pk")[:limit]
        )

    def related_offers(self, limit: int = RELATED_PRODUCTS) -> list:
        from .offers import OfferPage

        return self._chosen_or_sharing_a_theme(OfferPage, self.related_offers_links, limit)

    def related_trainings(self, limit: int = RELATED_PRODUCTS) -> list:
        from .offers import TrainingPage

        return self._chosen_or_sharing_a_theme(TrainingPage, self.related_trainings_links, limit)

    def active_skills(self) -> list:
        return list(self.skills.filter(is_active=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        organisation = getattr(request, "organisation", None)
        context["related_offers"] = selectors.priced_page_list_for(
            pages=self.related_offers(), organisation=organisation
        )
        context["related_trainings"] = selectors.priced_page_list_for(
            pages=self.related_trainings(), organisation=organisation, with_next_session=True
        )
        context["skills"] = self.active_skills()
        return context

    def provider_directory_url(self) -> str:
        """The directory filtered by the article's skills: the "Trouver un prestataire" link."""
        from django.urls import reverse

        slugs = list(self.skills.filter(is_active=True).values_list("slug", flat=True))
        if not slugs:
            return ""
        return reverse("directory:provider_list") + "?" + urlencode([("skills", slug) for slug in slugs])


class ArticleRelatedResource(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_resources")
    resource = models.ForeignKey(ArticlePage, verbose_name=_("ressource"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("resource")]


class ArticleRelatedOffer(Orderable):
    """A partner offer the editors put at the end of an article ("L'offre associée")."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_offers_links")
    page = models.ForeignKey("cms.OfferPage", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


class ArticleRelatedTraining(Orderable):
    """A training the editors put at the end of an article ("La formation associée")."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_trainings_links")
    page = models.ForeignKey(
        "cms.TrainingPage", verbose_name=_("formation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]
