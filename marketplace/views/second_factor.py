"""The second factor in "Mon compte" (turn on, recovery codes, turn off) and the code step of both logins.

After a right password, an account with a second factor is not logged in: the session only remembers,
for SECOND_FACTOR_LOGIN_SECONDS, who gave it. The code step then logs the user in and records the
device in the session (django-otp), which is what "verified" means for the admin and the WebSockets.
"""

import time
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.account import LoginView as WagtailLoginView

from .. import conf
from ..errors import DomainError
from ..forms import add_domain_error
from ..forms_second_factor import SecondFactorCodeForm
from ..selectors.second_factor import (
    recovery_codes_left,
    second_factor_device,
    second_factor_enabled,
    second_factor_required,
)
from ..services.second_factor import (
    recovery_codes_regenerate,
    second_factor_confirm,
    second_factor_disable,
    second_factor_setup_start,
    second_factor_verify,
)

PENDING_LOGIN_SESSION_KEY = "second_factor_login"
NEW_RECOVERY_CODES_SESSION_KEY = "second_factor_new_codes"


# --- The code step of the logins ---------------------------------------------------------------------


class SecondFactorLoginMixin:
    """For a login view: after the password, an account with a second factor is asked for a code first."""

    code_url_name = "accounts:login_code"

    def form_valid(self, form):
        user = form.get_user()
        if not second_factor_enabled(user=user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_LOGIN_SESSION_KEY] = {
            "user_id": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "remember": form.cleaned_data.get("remember"),
            "at": int(time.time()),
        }
        return redirect(self.code_url_name)


def _pending_login(request) -> dict | None:
    pending = request.session.get(PENDING_LOGIN_SESSION_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > conf.second_factor_login_seconds():
        request.session.pop(PENDING_LOGIN_SESSION_KEY, None)
        return None
    return pending


def _login_code(request, *, template_name: str, login_url_name: str):
    pending = _pending_login(request)
    user = get_user_model().objects.filter(pk=(pending or {}).get("user_id"), is_active=True).first()
    if user is None:
        messages.info(request, _("Saisissez à nouveau votre mot de passe."))
        return redirect(login_url_name)
    form = SecondFactorCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(user=user, code=form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            del request.session[PENDING_LOGIN_SESSION_KEY]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if pending.get("remember") is not None:
                request.session.set_expiry(conf.session_cookie_age() if pending["remember"] else 0)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("Vous vous êtes connecté avec un code de secours : il reste %(count)s codes.")
                    % {"count": recovery_codes_left(user=user)},
                )
            return redirect(pending["next"])
    elif form.errors:
        status = 400
    return render(request, template_name, {"form": form}, status=status)


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request):
    return _login_code(request, template_name="accounts/login_code.html", login_url_name="accounts:login")


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def admin_login_code(request):
    return _login_code(request, template_name="marketplace/admin/login_code.html", login_url_name="wagtailadmin_login")


# --- "Mon compte" --------------------------------------------------------------------------------------


def _next_url(request) -> str:
    candidate = request.GET.get("next") or request.POST.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure())
    return candidate if allowed else ""


@login_required
@require_http_methods(["GET"])
def security(request):
    user = request.user
    context = {
        "enabled": second_factor_device(user=user) is not None,
        "required": second_factor_required(user=user),
        "codes_left": recovery_codes_left(user=user),
        "new_codes": request.session.pop(NEW_RECOVERY_CODES_SESSION_KEY, None),
        # Two forms with a code field on one page: each its own prefix, so their ids differ.
        "renew_form": SecondFactorCodeForm(prefix="renew"),
        "disable_form": SecondFactorCodeForm(prefix="disable"),
        "next": _next_url(request),
    }
    return render(request, "accounts/security.html", context)


def _qr_code_svg(device) -> str:
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, border=2, svgclass="qr-code", title=_("Code QR à scanner avec votre application"))
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _secret_text(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    user = request.user
    try:
        device = second_factor_setup_start(user=user)
    except DomainError as error:
        messages.info(request, error.message)
        return redirect("accounts:security")
    form = SecondFactorCodeForm(request.POST or None)
    form.fields["code"].help_text = _("Les 6 chiffres que l'application affiche pour Passerelle.")
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = second_factor_confirm(user=user, code=form.cleaned_data["code"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            otp_login(request, device)
            # The codes are shown once, on the next page, and dropped from the session as it renders.
            request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("La double authentification est activée."))
            next_url = _next_url(request)
            return redirect(f"{reverse('accounts:security')}{'?next=' + next_url if next_url else ''}")
    context = {
        "form": form,
        "qr_code": _qr_code_svg(device),
        "secret": _secret_text(device),
        "required": second_factor_required(user=user),
        "next": _next_url(request),
    }
    return render(request, "accounts/second_factor_setup.html", context, status=400 if form.errors else 200)


@login_required
@sensitive_post_parameters("code")
@require_POST
def second_factor_disable_view(request):
    form = SecondFactorCodeForm(request.POST, prefix="disable")
    if form.is_valid():
        try:
            second_factor_disable(user=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("La double authentification est désactivée."))
    else:
        messages.error(request, _("Saisissez un code pour désactiver la double authentification."))
    return redirect("accounts:security")


@login_required
@sensitive_post_parameters("code")
@require_POST
def recovery_codes_renew(request):
    form = SecondFactorCodeForm(request.POST, prefix="renew")
    if form.is_valid():
        try:
            codes = recovery_codes_regenerate(user=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Vos nouveaux codes de secours remplacent les anciens."))
    else:
        messages.error(request, _("Saisissez un code pour obtenir de nouveaux codes de secours."))
    return redirect("accounts:security")


class AdminLoginView(SecondFactorLoginMixin, WagtailLoginView):
    """Wagtail's admin login, with the same code step as the site's (served at /admin/login/ before Wagtail's)."""

    code_url_name = "admin_login_code"
