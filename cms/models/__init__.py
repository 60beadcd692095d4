"""Wagtail pages and snippets of the editorial site, one module per family."""

from .content import ContentPage, FaqPage
from .events import EventIndexPage, EventPage
from .home import HomePage, HomePageHighlight, HomePageOffer, HomePageTraining
from .offers import OfferIndexPage, OfferPage, TrainingIndexPage, TrainingPage
from .resources import (
    ArticlePage,
    ArticleRelatedOffer,
    ArticleRelatedResource,
    ArticleRelatedTraining,
    ResourceIndexPage,
)
from .searches import ApprovedSearch
from .seo import SeoPage
from .taxonomy import Audience, ResourceFormat, ResourceLevel, Theme

__all__ = [
    "ApprovedSearch",
    "ArticlePage",
    "ArticleRelatedOffer",
    "ArticleRelatedResource",
    "ArticleRelatedTraining",
    "Audience",
    "ContentPage",
    "EventIndexPage",
    "EventPage",
    "FaqPage",
    "HomePage",
    "HomePageHighlight",
    "HomePageOffer",
    "HomePageTraining",
    "OfferIndexPage",
    "OfferPage",
    "ResourceFormat",
    "ResourceIndexPage",
    "ResourceLevel",
    "SeoPage",
    "Theme",
    "TrainingIndexPage",
    "TrainingPage",
]
