"""Forms of a person's account: sign-up, login, password reset, profile, API tokens."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models.users import Language
from ..ratelimit import client_ip, login_failure_record, login_failures_clear, login_is_blocked
from ..tasks import send_email


class SignUpForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254)
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 10 caractères, pas uniquement des chiffres."),
    )
    preferred_language = forms.ChoiceField(label=_("Langue"), choices=Language.choices, initial=Language.FRENCH)
    accept_terms = forms.BooleanField(label=_("J'accepte les conditions d'utilisation."))


class EmailLoginForm(AuthenticationForm):
    """Django's login form, throttled, and refusing accounts whose email is not confirmed yet."""

    error_messages = {
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
        "throttled": _("Trop de tentatives de connexion. Réessayez dans quelques minutes."),
        "unconfirmed": _(
            "Confirmez d'abord votre adresse e-mail : nous vous avons envoyé un lien. "
            "Vous pouvez en demander un nouveau ci-dessous."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Adresse e-mail")
        self.fields["username"].widget.input_type = "email"
        self.fields["username"].widget.attrs.update({"autocomplete": "email"})
        self.unconfirmed_user = None

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        ip = client_ip(self.request) if self.request else "unknown"
        if login_is_blocked(email=email, ip=ip):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None:
            login_failure_record(email=email, ip=ip)
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        self.confirm_login_allowed(self.user_cache)
        login_failures_clear(email=email)
        return self.cleaned_data

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            self.unconfirmed_user = user
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset email through a task, so the page answers at once whatever the mail server does."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        # Written in the account's language, not the language of the page the request came from.
        with translation.override(context["user"].preferred_language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.enqueue(to=[to_email], subject=subject, body=body))


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"))


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    preferred_language = forms.ChoiceField(label=_("Langue"), choices=Language.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Nom du jeton"), max_length=100, help_text=_("Par exemple : « Export comptable »."))
    expires_in_days = forms.IntegerField(
        label=_("Validité (jours)"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_("Laissez vide pour un jeton sans date d'expiration."),
    )
