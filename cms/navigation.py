"""The site's menus, built from the page tree so editors control them in Wagtail.

The main menu lists the home page's live children ticked "Afficher dans les
menus" (resource centre, offers, trainings, agenda); the footer lists its legal
and help pages (content pages and the FAQ). Both follow the language being
shown; a language whose tree has no such pages yet shows the French ones.

Every page shows them, so they are cached per language and dropped whenever a
page is published, unpublished, moved or deleted (see `cms.signals`).
"""

import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import translation
from wagtail.models import Page

from . import conf

logger = logging.getLogger(__name__)

HOME_CHILD_DEPTH = 3  # root (1) > home of a language (2) > its sections (3)
CACHE_KEY = "cms:site-menus:{language}"
CACHE_SECONDS = 15 * 60


@dataclass(frozen=True)
class MenuLink:
    title: str
    url: str
    current: bool = False  # the page shown is this section or one of its pages


@dataclass(frozen=True)
class SiteMenus:
    main: list[MenuLink]
    footer: list[MenuLink]


def _home_children(language: str) -> list[Page]:
    return list(
        Page.objects.live()
        .public()
        .filter(depth=HOME_CHILD_DEPTH, locale__language_code=language)
        .only("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type_id", "locale_id")
        .order_by("path")
    )


def _footer_types() -> set[int]:
    from .models import ContentPage, FaqPage

    return {ct.pk for ct in ContentType.objects.get_for_models(ContentPage, FaqPage).values()}


def _menu_entries(request, language: str) -> list[tuple[str, str, bool]]:
    """(title, url, in main menu) of the sections and footer pages, from the cache or one query."""
    key = CACHE_KEY.format(language=language)
    entries = cache.get(key)
    if entries is None:
        try:
            children = _home_children(language)
            if not children and language != conf.language_code():
                children = _home_children(conf.language_code())
        except DatabaseError:
            # The error page of a database failure draws the layout too: it must not fail again here.
            logger.warning("site menus unavailable", exc_info=True)
            return []
        footer_types = _footer_types()
        entries = [
            (page.title, url, page.show_in_menus)
            for page in children
            if (page.show_in_menus or page.content_type_id in footer_types) and (url := page.get_url(request))
        ]
        cache.set(key, entries, CACHE_SECONDS)
    return entries


def site_menus(request) -> SiteMenus:
    """The menus of the page being shown, the section being read marked current."""
    language = translation.get_language() or conf.language_code()
    main, footer = [], []
    for title, url, in_main in _menu_entries(request, language):
        link = MenuLink(title=title, url=url, current=request.path.startswith(url))
        (main if in_main else footer).append(link)
    return SiteMenus(main=main, footer=footer)


def site_menus_forget() -> None:
    """Drop the cached menus of every language (a page changed)."""
    cache.delete_many([CACHE_KEY.format(language=code) for code, _name in conf.languages()])
