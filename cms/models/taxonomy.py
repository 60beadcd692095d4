"""The resource centre's vocabularies: managed lists (themes, audiences) and fixed ones (formats, levels)."""

from django.db import models
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
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("position")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
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
