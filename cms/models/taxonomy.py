"""The resource centre's vocabularies: managed lists (themes, audiences) and fixed ones (formats, levels).

Fixed ones are translated by the message catalogue. Managed ones carry their
English name in a field of the same row rather than being Wagtail translatable
snippets: an English article keeps pointing at the same Theme rows as its French
original, so filter URLs (`?theme=cybersecurite`), the theme links of pages and
the search index stay the same in both languages; only the label changes.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ResourceFormat(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TUTORIAL = "tutorial", _("Tutoriel")
    WEBINAR = "webinar", _("Replay de webinaire")
    CASE_STUDY = "case_study", _("Étude de cas")
    STUDY = "study", _("Étude / baromètre")


class ResourceLevel(models.TextChoices):
    BEGINNER = "beginner", _("Débutant")
    INTERMEDIATE = "intermediate", _("Intermédiaire")
    ADVANCED = "advanced", _("Avancé")


class _Vocabulary(index.Indexed, models.Model):
    """A term editors manage in the admin; its slug is what filter URLs carry, so it stays stable."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    name_en = models.CharField(
        _("nom en anglais"),
        max_length=80,
        blank=True,
        help_text=_("Affiché sur les pages en anglais ; laissé vide, le nom français est affiché."),
    )
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("position")]
    search_fields = [index.SearchField("name"), index.SearchField("name_en"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the language being shown: English on English pages when editors gave one, else French."""
        language = translation.get_language() or ""
        if language.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Theme(_Vocabulary):
    """A subject of the resource centre (communication, cybersécurité...), the first filter associations use."""

    description = models.TextField(_("description"), blank=True)

    panels = [*_Vocabulary.panels, FieldPanel("description")]

    class Meta(_Vocabulary.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class Audience(_Vocabulary):
    """Who a resource speaks to (bénévoles, salariés, dirigeants...)."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")
