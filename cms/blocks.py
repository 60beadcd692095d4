"""StreamField blocks of the editorial pages.

Images carry their own alternative text, required: an image added to an
article is content, and a blind reader must get it too. Headings carry the
anchors of the automatic table of contents.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section title; level 2 and 3 headings make the article's table of contents."""

    text = blocks.CharBlock(label=_("titre"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("niveau"), choices=[("h2", _("Titre de section")), ("h3", _("Sous-titre"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An illustration with a mandatory text alternative (RGAA criterion 1.1)."""

    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("texte alternatif"),
        max_length=250,
        required=True,
        help_text=_("Ce que l'image apporte au texte, pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("légende"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("type"),
        choices=[("info", _("À savoir")), ("tip", _("Astuce")), ("warning", _("Attention"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("titre"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("texte"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "cms/blocks/callout.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("libellé du lien"), max_length=160, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "cms/blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur de la citation"), max_length=160, required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "cms/blocks/quote.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("réponse"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=160, required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Questions fréquentes")
        template = "cms/blocks/faq.html"


RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol", "h3", "h4"]


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Texte"), features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = ImageBlock()
    embed = EmbedBlock(label=_("Vidéo ou contenu intégré"), template="cms/blocks/embed.html")
    callout = CalloutBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    faq = FaqBlock()


class ContentBodyBlock(blocks.StreamBlock):
    """Plain pages (legal notices, privacy, accessibility): text, headings, call-outs, FAQ."""

    paragraph = blocks.RichTextBlock(
        label=_("Texte"), features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    faq = FaqBlock()


def heading_anchors(stream) -> dict[str, str]:
    """Unique anchors for the stream's headings, keyed by block id (two "Conclusion" get -2)."""
    anchors, seen = {}, set()
    for child in stream:
        if child.block_type != "heading":
            continue
        base = slugify(child.value["text"]) or "section"
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        anchors[child.id] = anchor
    return anchors
