"""Checkout asks only what the buyer chooses: how many and how to pay. Prices never come from the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PaymentMethod


class CheckoutForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantité"), min_value=1, max_value=10_000, initial=1)
    payment_method = forms.ChoiceField(
        label=_("Moyen de paiement"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.CARD,
        widget=forms.RadioSelect,
    )


class TransferForm(forms.Form):
    reference = forms.CharField(label=_("Référence du virement reçu"), max_length=120)
