"""Wagtail's page URLs in every content language: French at the root, the others under their prefix (/en/...).

Only editorial pages get a language prefix; the application's own URLs stay as
they are. That is why this is not Django's `i18n_patterns` at the root URLconf:
LocaleMiddleware would then force French on every unprefixed URL (the whole
application) and ignore the language switcher's cookie. Here the prefix is a
URL pattern nested under an include, so LocaleMiddleware keeps its usual rules,
and the serving view activates the language of the prefix itself.

Reversing `wagtail_serve` under `translation.override("en")` (which Wagtail does
for English pages) gives "/en/…", so page URLs, the sitemap and Django's
`set_language`/`translate_url` (the language switcher) all agree.
"""

import re

from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLResolver, re_path
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page

from . import conf

PREFIXED_LANGUAGES = [code for code, _name in conf.wagtail_content_languages() if code != conf.language_code()]


class ContentLanguagePrefix:
    """A URL pattern like Django's LocalePrefixPattern, except that it matches "en/…" (English pages) and no
    prefix (French pages) whatever language is active; reversing gives the active language's prefix.

    Not a LocalePrefixPattern subclass: Django refuses those in an included URLconf.
    """

    converters: dict = {}

    @property
    def language_prefix(self) -> str:
        language = translation.get_language() or conf.language_code()
        return f"{language}/" if language in PREFIXED_LANGUAGES else ""

    @property
    def regex(self):
        return re.compile(re.escape(self.language_prefix))

    def match(self, path):
        for code in PREFIXED_LANGUAGES:
            if path.startswith(f"{code}/"):
                return path[len(code) + 1 :], (), {}
        return path, (), {}

    def check(self):
        return []

    def describe(self):
        return f"'{self}'"

    def __str__(self):
        return self.language_prefix


def language_of_path(path: str) -> str:
    """The content language a page URL is in: its prefix, else the default language."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in PREFIXED_LANGUAGES else conf.language_code()


def _route(request, path: str, language: str):
    """Route `path` from the site's root page in `language` (and cache it on the request as Wagtail does)."""
    if hasattr(request, "_wagtail_route_for_request"):
        del request._wagtail_route_for_request
    with translation.override(language):
        return Page.route_for_request(request, path)


def serve(request, path):
    """Wagtail's serve, with the page tree chosen by the URL's language rather than by the visitor's language.

    French URLs always serve French pages (the interface stays in the visitor's
    language); "/en/…" serves English pages in English. An English URL whose
    page is not translated redirects to its translation if the slug differs, or
    to the French page: the switcher never leads to a 404.
    """
    language = language_of_path(request.path_info)
    if language != conf.language_code():
        translation.activate(language)
        request.LANGUAGE_CODE = language
    if _route(request, path, language) is None and language != conf.language_code():
        found = _route(request, path, conf.language_code())
        if found is None:
            raise Http404
        page = found[0]
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        target = translated if translated is not None and translated.live else page
        return redirect(target.get_url(request))
    return wagtail_views.serve(request, path)


urlpatterns = [
    *[pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"],
    URLResolver(ContentLanguagePrefix(), [re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve")]),
]
