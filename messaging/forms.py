from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .moderation import MAX_REPORT_DETAILS
from .services import MAX_BODY_CHARS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        return list(data) if isinstance(data, (list, tuple)) else [data]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        required=False,
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(
        label=_("Pièces jointes"), required=False, help_text=_("PDF ou images, 10 Mo au plus chacune.")
    )
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class MessageEditForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=MAX_BODY_CHARS, widget=forms.Textarea(attrs={"rows": 4}))


class ReportForm(forms.Form):
    """A report's shape only; who may report what is `moderation.message_report`'s rule."""

    reason = forms.ChoiceField(label=_("Motif"), choices=ReportReason.choices)
    details = forms.CharField(
        label=_("Précisions"),
        required=False,
        max_length=MAX_REPORT_DETAILS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif, sauf pour « Autre motif ». Seule l'équipe de modération les lira."),
    )
