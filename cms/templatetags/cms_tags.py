"""Template helpers of the editorial pages: absolute URLs for social cards, highlighting of search terms."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import conf
from ..models.resources import unaccent

register = template.Library()
WORD = re.compile(r"\w+", re.UNICODE)
MIN_TERM_LENGTH = 2


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """A full URL for meta tags: from the request when there is one, else from SITE_URL."""
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else conf.site_url() + url


@register.filter
def highlight(text, query) -> str:
    """Escape the text and wrap in <mark> the words starting with a term of the query, accents ignored.

    "securite" marks "sécurité", "tableur" marks "tableurs": the same leniency as the search itself.
    """
    text = "" if text is None else str(text)
    terms = [unaccent(t).lower() for t in WORD.findall(str(query or "")) if len(t) >= MIN_TERM_LENGTH]
    if not terms:
        return escape(text)
    out, last = [], 0
    for match in WORD.finditer(text):
        word = unaccent(match.group()).lower()
        if any(word.startswith(term) for term in terms):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)
