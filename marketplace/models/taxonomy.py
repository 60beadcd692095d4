from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class _Bilingual(models.Model):
    """French first, English second: `label` follows the active language."""

    label_fr = models.CharField(_("libellé (français)"), max_length=120)
    label_en = models.CharField(_("libellé (anglais)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "fr").startswith("en") and self.label_en else self.label_fr


class SkillDomain(_Bilingual):
    """A family of skills (website & CMS, cybersecurity & GDPR...), used to browse and to facet."""

    slug = models.SlugField(_("identifiant"), unique=True, max_length=60)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("domaine de compétences")
        verbose_name_plural = _("domaines de compétences")
        ordering = ["position", "label_fr"]


class Skill(_Bilingual):
    """One digital skill of the managed taxonomy.

    Slugs are stable identifiers: profiles, projects and search documents refer
    to them, so staff edit labels and synonyms but never a slug.
    """

    slug = models.SlugField(_("identifiant"), unique=True, max_length=80)
    domain = models.ForeignKey(SkillDomain, on_delete=models.PROTECT, related_name="skills", verbose_name=_("domaine"))
    synonyms = models.JSONField(
        _("synonymes"),
        default=list,
        blank=True,
        help_text=_(
            "Mots que les gens écrivent pour cette compétence, en minuscules (« site internet », « site web »)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Skills created by an import from a label the taxonomy did not know wait for staff to review them.
    is_reviewed = models.BooleanField(_("relue"), default=True)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["domain__position", "label_fr"]
