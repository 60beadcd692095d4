"""No template shows text that bypasses translation: French is the msgid, English comes from locale/en.

Each template is lexed with Django's own lexer. Template tags, variables, comments and the contents of
{% blocktranslate %} and {% comment %} blocks are masked, which leaves the literal text the template writes out
by itself; that text is then read as HTML, so tags, HTML comments, <script> and <style> are set aside and only the
text a reader sees (element content and the attributes listed below) is checked for words.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import DebugLexer, TokenType

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [
    ROOT / app / "templates" for app in ("frontend", "cms", "billing", "messaging", "marketplace", "search")
]

# Stands for everything the template engine outputs: a variable, a tag, a translated string. Not a letter.
MASK = "\ue000"
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")

# Words a template may write out as they are, and why. Keep it short: anything a reader could want in
# English belongs in {% translate %}.
ALLOWED_WORDS = {
    "Passerelle": "the brand name, the same in every language",
    "IBAN": "the ISO 13616 acronym for a bank account number, written the same in every language",
    "psl_": "the literal prefix of API tokens (accounts/tokens.html), shown as code to recognise a token",
}
ALLOWED = re.compile("|".join(rf"(?<![A-Za-zÀ-ÿ]){re.escape(word)}(?![A-Za-zÀ-ÿ])" for word in ALLOWED_WORDS))

# Attributes whose value a reader sees or hears (tooltip, alternative text, screen reader label, placeholder).
VISIBLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "aria-roledescription", "label"}
# <meta> tags whose content is shown by search engines and link previews.
VISIBLE_META = {
    "description",
    "og:title",
    "og:description",
    "og:site_name",
    "og:image:alt",
    "twitter:title",
    "twitter:description",
}
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Block tags whose whole contents never reach the page as literal text, with their closing tag.
MASKED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans", "comment": "endcomment"}


def project_templates():
    for directory in TEMPLATE_DIRS:
        if directory.is_dir():
            yield from sorted(p for p in directory.rglob("*") if p.suffix in {".html", ".txt"} and p.is_file())


def literal_text(source: str) -> str:
    """The template with everything but its literal text replaced by MASK, line breaks kept for line numbers."""
    pieces, closing = [], None
    for token in DebugLexer(source).tokenize():
        start, end = token.position
        raw = source[start:end]
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents else ""
            if closing is None and name in MASKED_BLOCKS:
                closing = MASKED_BLOCKS[name]
            elif name == closing:
                closing = None
        if token.token_type == TokenType.TEXT and closing is None:
            pieces.append(raw)
        else:
            pieces.append(MASK + "\n" * raw.count("\n"))
    return "".join(pieces)


def first_word(text: str) -> re.Match | None:
    """The first word of text that is not allowed as it is (allowed words are blanked, positions kept)."""
    return WORD.search(ALLOWED.sub(lambda match: " " * len(match.group()), text))


def shown(text: str) -> str:
    text = " ".join(text.replace(MASK, " {…} ").split())
    return text if len(text) <= 100 else text[:97] + "..."


class VisibleTextFinder(HTMLParser):
    """Collects (line, text) for element content and visible attribute values that contain words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.raw_text_tag = None

    def found(self, line: int, text: str):
        """Text between masks is checked run by run; runs with words are reported on the line of their first word."""
        runs_by_line, offset = {}, 0
        for run in text.split(MASK):
            word = first_word(run)
            if word:
                runs_by_line.setdefault(line + text[: offset + word.start()].count("\n"), []).append(run)
            offset += len(run) + len(MASK)
        self.findings.extend((at, shown(MASK.join(runs))) for at, runs in runs_by_line.items())

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.raw_text_tag = tag
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        line, _ = self.getpos()
        tag_text = self.get_starttag_text() or ""
        # A conditional attribute ({% if %}title="..."{% endif %}) leaves a mask glued to the attribute's name.
        attrs = [(name.replace(MASK, ""), value) for name, value in attrs]
        values = dict(attrs)
        visible = [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]
        if tag == "input" and (values.get("type") or "").lower() in BUTTON_INPUT_TYPES and values.get("value"):
            visible.append(values["value"])
        if tag == "meta" and (values.get("name") or values.get("property")) in VISIBLE_META and values.get("content"):
            visible.append(values["content"])
        for value in visible:
            at = tag_text.find(value)
            self.found(line + (tag_text[:at].count("\n") if at >= 0 else 0), value)

    def handle_endtag(self, tag):
        if tag == self.raw_text_tag:
            self.raw_text_tag = None

    def handle_data(self, data):
        if self.raw_text_tag is None:
            self.found(self.getpos()[0], data)


def untranslated_text(path: Path):
    """(line, text) of each run of words a template writes out by itself; .txt templates are plain text."""
    text, finder = literal_text(path.read_text()), VisibleTextFinder()
    if path.suffix == ".txt":
        finder.found(1, text)
    else:
        finder.feed(text)
        finder.close()
    return finder.findings


def test_templates_are_found():
    assert len(list(project_templates())) > 100


def test_every_visible_text_in_templates_goes_through_translation():
    findings = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in project_templates()
        for line, text in untranslated_text(path)
    ]
    assert not findings, "text outside {% translate %} / {% blocktranslate %}:\n" + "\n".join(findings)


def test_the_check_sees_text_and_attributes_but_not_markup():
    template = (
        '{% load i18n %}<p title="Infobulle">Bonjour {{ name }}, bienvenue</p>{% translate "Traduit" %}\n'
        "{% blocktranslate %}Aussi {{ x }}{% endblocktranslate %}{% comment %}note{% endcomment %}{# note #}\n"
        "<script>let texte = 1;</script><style>.classe {}</style><!-- commentaire --><script src='/a.js' />\n"
        '<img alt="{{ image.alt }}" class="photo"><input type="submit" value="Envoyer"> Passerelle IBAN\n'
        '<meta name="description" content="Une description">{% if a %}Oui{% endif %}\n'
        '<a {% if a %}aria-label="Lien"{% endif %} href="/">{{ a }}\n  Passerelle en clair</a>'
    )
    finder = VisibleTextFinder()
    finder.feed(literal_text(template))
    finder.close()
    assert finder.findings == [
        (1, "Infobulle"),
        (1, "Bonjour {…} , bienvenue"),
        (4, "Envoyer"),
        (5, "Une description"),
        (5, "Oui"),
        (6, "Lien"),
        (7, "Passerelle en clair"),
    ]
