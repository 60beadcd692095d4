"""Checkout asks only what the buyer chooses: how many and how to pay. Prices never come from the form."""

from decimal import Decimal

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


class EurosField(forms.DecimalField):
    """Euros typed the French way ("20,50", "1 200") or the English one ("20.50")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class RefundForm(forms.Form):
    """Staff say how much to give back (in euros, TTC) and why; the service checks it against what is left."""

    amount = EurosField(
        label=_("Montant à rembourser (€ TTC)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("1000000"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Laissez vide pour rembourser tout ce qui reste."),
    )
    reason = forms.CharField(label=_("Motif"), max_length=255)
    restock = forms.BooleanField(
        label=_("Remettre le matériel en stock"),
        required=False,
        help_text=_("Pour du matériel reconditionné retourné : les unités de la commande redeviennent disponibles."),
    )

    def amount_cents(self) -> int | None:
        amount = self.cleaned_data.get("amount")
        return None if amount is None else int(amount * 100)


class LicenceCodeImportForm(forms.Form):
    """Finance staff paste the codes a publisher sent, one per line; the service checks and deduplicates them."""

    product = forms.ModelChoiceField(
        label=_("Produit"),
        queryset=None,
        empty_label=None,
        help_text=_("Seules les licences livrées avec un code sont proposées."),
    )
    codes = forms.CharField(
        label=_("Codes, un par ligne"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "autocomplete": "off"}),
        max_length=1_200_000,
    )

    def __init__(self, *args, **kwargs):
        from .models import Product

        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(delivers_codes=True).order_by("name")
