"""sitemap.xml: the live pages of every content language, each with its translations as hreflang alternates.

Wagtail's own sitemap lists the default site's root page and its descendants,
which is the French tree only: the English home is a sibling of the French one
(see `cms.urls`). Here every locale's tree of the site is listed, and each page
names its live translations (itself included, plus `x-default`, the French page)
as Google asks for multilingual sites.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from . import conf


class MultilingualPageSitemap(Sitemap):
    def _site_pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return Page.objects.live().public().filter(in_a_tree)

    def items(self):
        return self._site_pages().order_by("path").defer_streamfields().specific()

    def _alternates(self, pages) -> dict:
        """Translation key -> [(language, full URL)] of the site's live pages, in one query for a sitemap page."""
        keys = {page.translation_key for page in pages}
        versions = self._site_pages().filter(translation_key__in=keys).select_related("locale").order_by("path")
        by_key: dict = {}
        for version in versions:
            by_key.setdefault(version.translation_key, []).append(
                (version.locale.language_code, version.get_full_url(self.request))
            )
        return by_key

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates(pages)
        urls, last_mods = [], set()
        for item in pages:
            versions = alternates.get(item.translation_key, [])
            links = [{"lang_code": code, "location": url} for code, url in versions]
            default = next((url for code, url in versions if code == conf.language_code()), None)
            if len(links) > 1 and default:
                links.append({"lang_code": "x-default", "location": default})
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": links if len(links) > 1 else []})
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
