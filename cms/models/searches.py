"""Searches editors allow in the resource centre's public "Recherches fréquentes" list."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search.utils import normalise_query_string


class ApprovedSearch(models.Model):
    """A search the public list of frequent searches may show.

    Visitors' searches are counted (Wagtail's search promotions, `Query`) so that editors see what
    people look for; but whatever is typed often enough must not reach a public page by itself. The
    list shows only frequent searches approved here, and only while they find resources (`cms.search`).
    """

    query_string = models.CharField(
        _("recherche"),
        max_length=100,
        unique=True,
        help_text=_("Telle qu'un visiteur la tape ; les majuscules et les espaces en trop ne comptent pas."),
    )
    created_at = models.DateTimeField(_("approuvée le"), auto_now_add=True)

    panels = [FieldPanel("query_string")]

    class Meta:
        verbose_name = _("recherche fréquente approuvée")
        verbose_name_plural = _("recherches fréquentes approuvées")
        ordering = ["query_string"]

    def __str__(self):
        return self.query_string

    def save(self, *args, **kwargs):
        self.query_string = normalise_query_string(self.query_string or "")
        super().save(*args, **kwargs)

    def clean(self):
        # Counted searches are stored normalised (`Query.get`): approvals are compared with them as such,
        # and normalised before the uniqueness check, so "Tableur " and "tableur" are one approval.
        self.query_string = normalise_query_string(self.query_string or "")
