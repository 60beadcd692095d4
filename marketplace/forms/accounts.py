"""Forms of a person's account: sign-up, login, password reset, profile, API tokens."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from ..auth_backends import REFUSALS, account_email_allowed, sign_in_check
from ..errors import SignInRefused
from ..models.users import Language
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


class SignInFormMixin:
    """What the login forms check: `auth_backends.sign_in_check` decides, the form words its refusal.

    Shared by the site's login form and the Wagtail admin's, so both are throttled with the same
    counters and both refuse accounts that are suspended or not confirmed.
    """

    refusal = None

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip()
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        try:
            self.user_cache = sign_in_check(request=self.request, email=email, password=password)
        except SignInRefused as refusal:
            self.refusal = refusal
            if refusal.code == "invalid_login":
                raise self.get_invalid_login_error() from refusal
            raise forms.ValidationError(self.error_messages[refusal.code], code=refusal.code) from refusal
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class EmailLoginForm(SignInFormMixin, AuthenticationForm):
    """The site's login form; an unconfirmed account is offered a new confirmation link."""

    error_messages = {
        "invalid_login": REFUSALS["invalid_login"],
        "inactive": _("Ce compte est désactivé."),
        "throttled": REFUSALS["throttled"],
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

    @property
    def unconfirmed_user(self):
        return self.refusal.user if self.refusal is not None and self.refusal.code == "unconfirmed" else None


class AdminLoginForm(SignInFormMixin, WagtailLoginForm):
    """The Wagtail admin's login form (`WAGTAILADMIN_USER_LOGIN_FORM`): the site's rules, for admin users only."""

    error_messages = {
        **WagtailLoginForm.error_messages,
        "throttled": REFUSALS["throttled"],
        "unconfirmed": REFUSALS["unconfirmed"],
        "no_admin_access": _("Ce compte n'a pas accès à l'administration : connectez-vous sur le site."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise forms.ValidationError(self.error_messages["no_admin_access"], code="no_admin_access")


class QueuedPasswordResetMixin:
    """Password reset, whichever page asks: throttled per email and per address, sent through a task.

    When this address or this email asked too often (`auth_backends.account_email_allowed`), nothing
    is sent and the page answers as usual, so the answer tells nothing about the account either.
    The email goes through a task, so the page answers at once whatever the mail server does.
    """

    def save(self, *args, request=None, **kwargs):
        if account_email_allowed(request=request, email=self.cleaned_data["email"]):
            super().save(*args, request=request, **kwargs)

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        # Written in the account's language, not the language of the page the request came from.
        with translation.override(context["user"].preferred_language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.enqueue(to=[to_email], subject=subject, body=body))


class QueuedPasswordResetForm(QueuedPasswordResetMixin, PasswordResetForm):
    """The site's "forgotten password" form."""


class AdminPasswordResetForm(QueuedPasswordResetMixin, WagtailPasswordResetForm):
    """The Wagtail admin's (`WAGTAILADMIN_USER_PASSWORD_RESET_FORM`), under the same throttle."""


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


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour confirmer que c'est bien vous."),
    )
