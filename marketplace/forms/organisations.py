"""Forms of an organisation's settings: creating one, its name and place, inviting colleagues, their roles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.organisations import OrganisationKind, Role


class OrganisationCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Vous êtes"), choices=OrganisationKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Nom de l'organisation"), max_length=200)
    postcode = forms.CharField(label=_("Code postal"), max_length=5, required=False)
    city = forms.CharField(label=_("Commune"), max_length=120, required=False)


class OrganisationUpdateForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'organisation"), max_length=200)
    postcode = forms.CharField(label=_("Code postal"), max_length=5, required=False)
    city = forms.CharField(label=_("Commune"), max_length=120, required=False)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de votre collègue"))
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
