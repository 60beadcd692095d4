"""Forms of the saved searches' pages; the rules are the services', these only read the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AlertEmail


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Nom de la recherche"), max_length=120)
    in_app = forms.BooleanField(label=_("Alerte sur le site"), required=False)
    email = forms.ChoiceField(label=_("Alerte par e-mail"), choices=AlertEmail.choices)


class SavedSearchCreateForm(SavedSearchForm):
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class DefaultAlertForm(forms.Form):
    enabled = forms.BooleanField(label=_("Activer l'alerte « Projets qui me correspondent »"), required=False)
    threshold = forms.IntegerField(
        label=_("Correspondance minimale (sur 100)"),
        min_value=0,
        max_value=100,
        help_text=_("Le score de correspondance affiché sur le tableau des projets."),
    )
    in_app = forms.BooleanField(label=_("Alerte sur le site"), required=False)
    email = forms.ChoiceField(label=_("Alerte par e-mail"), choices=AlertEmail.choices)
