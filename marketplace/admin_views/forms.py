"""Forms of the staff screens. They check shapes only; the rules live in the services they feed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.verification import RequestState
from ..services.verification import DECISIONS


class DecisionForm(forms.Form):
    """A staff decision on one verification request.

    Whether a message is needed is `verification_decide`'s rule: the view
    turns the service's error into an error on `message`, so the form and the
    API can never disagree about it.
    """

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(value, RequestState(value).label) for value in DECISIONS],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message à l'organisation"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Obligatoire pour demander des informations ou refuser : l'organisation le lira tel quel, "
            "dans l'application et par e-mail."
        ),
    )


class SynonymsField(forms.CharField):
    """A skill's synonyms as one per line, stored as a JSON list of lower-case words."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        words = (" ".join(part.split()).lower() for line in text.splitlines() for part in line.split(","))
        return list(dict.fromkeys(word for word in words if word))


class StableSlugForm(forms.ModelForm):
    """Once an object exists its slug is shown but frozen: profiles, projects and search documents refer to it.

    A disabled field ignores whatever is posted for it, so the rule holds even
    against a hand-made request.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and self.instance.pk:
            slug.disabled = True
            slug.help_text = _("L'identifiant ne change plus après la création : d'autres données y font référence.")
