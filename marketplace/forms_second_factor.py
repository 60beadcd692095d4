"""Forms of the second factor: they take a code; the services decide whether it is right."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Les 6 chiffres de votre application d'authentification, ou un code de secours."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
