"""Message text as HTML: escaped, links made clickable, line breaks kept. Nothing else gets through."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»"


def _link(url: str) -> tuple[str, str]:
    """The link for a URL found in text, and the punctuation that ended the sentence rather than the URL."""
    trailing = ""
    while url and url[-1] in _TRAILING:
        trailing = url[-1] + trailing
        url = url[:-1]
    href = escape(url)
    return f'<a href="{href}" rel="nofollow noopener" target="_blank">{href}</a>', escape(trailing)


def body_html(text: str) -> SafeString:
    parts = []
    position = 0
    for match in _URL.finditer(text):
        parts.append(escape(text[position : match.start()]))
        link, trailing = _link(match.group(0))
        parts.extend([link, trailing])
        position = match.end()
    parts.append(escape(text[position:]))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>\n")
    return mark_safe(html)  # noqa: S308  every piece above was escaped
