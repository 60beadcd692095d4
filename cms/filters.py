"""The resource centre's filters, read from GET parameters so that they work without JavaScript.

An unknown value (an old link, a hand-typed URL) is dropped by the form and
the other filters still apply: never an error page.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from billing.models import ProductKind

from .models import Audience, ResourceFormat, ResourceLevel, Theme


class ResourceFilterSet(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label=_("Thème"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("Tous les thèmes"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=ResourceFormat.choices, empty_label=_("Tous les formats")
    )
    level = django_filters.ChoiceFilter(
        label=_("Niveau"), choices=ResourceLevel.choices, empty_label=_("Tous les niveaux")
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("Public"),
        field_name="audiences",
        to_field_name="slug",
        queryset=Audience.objects.all(),
        empty_label=_("Tous les publics"),
    )

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)

    @property
    def ignored(self) -> list[str]:
        """Labels of the filters whose value was not understood, to say so on the page."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        return [str(self.filters[name].label) for name in self.form.errors if name in self.filters]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher une ressource"), max_length=200, required=False)


def _publisher_choices():
    from .models import OfferPage

    publishers = OfferPage.objects.live().order_by("publisher").values_list("publisher", flat=True).distinct()
    return [(name, name) for name in publishers]


class _CatalogueFilterSet(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label=_("Thème"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("Tous les thèmes"),
    )

    active = ResourceFilterSet.active
    ignored = ResourceFilterSet.ignored


class OfferFilterSet(_CatalogueFilterSet):
    publisher = django_filters.ChoiceFilter(
        label=_("Éditeur ou partenaire"), choices=_publisher_choices, empty_label=_("Tous les partenaires")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type d'offre"),
        field_name="product__kind",
        choices=[choice for choice in ProductKind.choices if choice[0] != ProductKind.TRAINING],
        empty_label=_("Tous les types"),
    )


class TrainingFilterSet(_CatalogueFilterSet):
    certified = django_filters.BooleanFilter(
        label=_("Certification"),
        field_name="certification",
        method="filter_certified",
        widget=forms.Select(choices=[("", _("Toutes les formations")), ("true", _("Formations certifiantes"))]),
    )

    def filter_certified(self, queryset, name, value):
        return queryset.exclude(certification="") if value else queryset
