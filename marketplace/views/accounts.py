"""Sign-up, email confirmation, login, profile. Thin: forms check shapes, services decide."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..auth_backends import account_email_allowed
from ..errors import DomainError
from ..forms import add_domain_error
from ..forms.accounts import (
    EmailLoginForm,
    ProfileForm,
    QueuedPasswordResetForm,
    ResendConfirmationForm,
    SignUpForm,
)
from ..models import User
from ..services.accounts import email_confirm, email_confirmation_send, user_sign_up, user_update_profile
from .second_factor import SecondFactorLoginMixin


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    initial = {"email": request.GET.get("email", "")}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Every sign-up sends an email (a link, or a notice to the owner of a taken address): throttled alike.
        if not account_email_allowed(request=request, email=data["email"]):
            form.add_error(None, _("Trop de demandes depuis votre connexion : réessayez dans quelques minutes."))
            return render(request, "accounts/sign_up.html", {"form": form}, status=429)
        try:
            user_sign_up(
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                preferred_language=data["preferred_language"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            # The same page whether the address was free or taken (its owner is emailed instead).
            request.session["signed_up_email"] = User.objects.normalize_email(data["email"])
            return redirect("accounts:sign_up_done")
    return render(request, "accounts/sign_up.html", {"form": form}, status=400 if form.errors else 200)


def sign_up_done(request):
    return render(request, "accounts/sign_up_done.html", {"email": request.session.get("signed_up_email", "")})


@require_http_methods(["GET"])
def confirm_email(request, token):
    try:
        user, newly_confirmed = email_confirm(token=token)
    except DomainError as error:
        return render(request, "accounts/confirm_failed.html", {"error": error.message}, status=400)
    if not newly_confirmed:
        # The link has served its purpose: it must not become a password-free way in.
        messages.info(request, _("Votre adresse e-mail est déjà confirmée : connectez-vous."))
        return redirect("dashboard" if request.user.is_authenticated else "accounts:login")
    if not request.user.is_authenticated:
        login(request, user, backend="marketplace.auth_backends.EmailBackend")
    messages.success(request, _("Votre adresse e-mail est confirmée. Bienvenue !"))
    return redirect("dashboard")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    form = ResendConfirmationForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if account_email_allowed(request=request, email=email) and user is not None:
            email_confirmation_send(user=user)
        # Same answer whether or not the account exists: no account enumeration.
        messages.info(
            request, _("Si un compte non confirmé existe pour cette adresse, un nouveau lien vient d'être envoyé.")
        )
        return redirect("accounts:login")
    return render(request, "accounts/resend_confirmation.html", {"form": form}, status=400 if form.errors else 200)


class LoginView(SecondFactorLoginMixin, auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 429 if form.has_error("__all__", "throttled") else 400
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Votre mot de passe a été modifié."))
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(user=user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Votre profil est enregistré."))
            response = redirect("accounts:profile")
            response.delete_cookie("django_language")
            return response
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)
