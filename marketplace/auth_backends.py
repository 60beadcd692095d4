"""Who may get a session or an API identity, and how often one may try: the one place those rules live.

Every way in goes through here:
- the site's login form and the Wagtail admin's call `sign_in_check`, which also backs
  `EmailBackend.authenticate` for anything else that calls Django's `authenticate()`;
- personal API tokens (`services.tokens.api_token_authenticate`) call `sign_in_throttle`,
  `sign_in_failure` and `account_may_sign_in`;
- every request and every WebSocket that carries a session loads its user through
  `EmailBackend.get_user` (Django's middleware, Channels' `AuthMiddlewareStack`), which asks
  `account_may_sign_in`: an account suspended, deactivated or not confirmed loses its sessions at once;
- emails an anonymous visitor can make us send (password reset, a new confirmation link, the
  notice of a sign-up with a taken address) go through `account_email_allowed`.

Failed sign-ins from every way in share the same counters (`ratelimit.SIGN_IN`): failures on
the admin's login page count for the site's, and the reverse.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .errors import SignInRefused

BACKEND_PATH = "marketplace.auth_backends.EmailBackend"

REFUSALS = {
    "throttled": _("Trop de tentatives de connexion. Réessayez dans quelques minutes."),
    "invalid_login": _("Adresse e-mail ou mot de passe incorrect."),
    "unconfirmed": _("Confirmez d'abord votre adresse e-mail : nous vous avons envoyé un lien."),
}


def account_may_sign_in(user) -> bool:
    """An account is let in only while active (not suspended) and once its email address is confirmed."""
    return user is not None and user.is_active and user.email_confirmed


def sign_in_throttle(*, request, email: str = "") -> None:
    """Refuse at once when this email or the request's address failed too often lately, even with the right secret."""
    if ratelimit.is_blocked(ratelimit.SIGN_IN, email=email, ip=ratelimit.client_ip(request)):
        raise SignInRefused(REFUSALS["throttled"], code="throttled")


def sign_in_failure(*, request, email: str = "") -> None:
    """Count a wrong password or an unknown token against the email (if any) and the request's address."""
    ratelimit.record(ratelimit.SIGN_IN, email=email, ip=ratelimit.client_ip(request))


def _user_with_password(email: str, password: str):
    user_model = get_user_model()
    try:
        user = user_model._default_manager.get_by_natural_key(email)
    except user_model.DoesNotExist:
        # Hash anyway: an unknown address takes as long to refuse as a wrong password.
        user_model().set_password(password)
        return None
    return user if user.check_password(password) else None


def sign_in_check(*, request, email: str, password: str):
    """The user these credentials open, ready for `django.contrib.auth.login`; `SignInRefused` otherwise.

    Throttled first (nothing is checked while blocked), then the password, then the account: a
    deactivated account is refused like a wrong password, and counted as one; an unconfirmed one is
    refused with its own reason (the password was right, so nothing is counted) and the user, so
    the site's form can offer a new confirmation link.
    """
    email = (email or "").strip().lower()
    sign_in_throttle(request=request, email=email)
    user = _user_with_password(email, password or "")
    if user is None or not user.is_active:
        sign_in_failure(request=request, email=email)
        raise SignInRefused(REFUSALS["invalid_login"], code="invalid_login")
    if not account_may_sign_in(user):
        raise SignInRefused(REFUSALS["unconfirmed"], code="unconfirmed", user=user)
    ratelimit.clear(ratelimit.SIGN_IN, email=email)
    user.backend = BACKEND_PATH
    return user


def account_email_allowed(*, request, email: str) -> bool:
    """Count one email asked for by an anonymous visitor; False once this address or this email asked too often.

    Counted whether or not an account exists, so the answer tells nothing about the address.
    """
    ip = ratelimit.client_ip(request)
    if ratelimit.is_blocked(ratelimit.ACCOUNT_EMAIL, email=email, ip=ip):
        return False
    ratelimit.record(ratelimit.ACCOUNT_EMAIL, email=email, ip=ip)
    return True


class EmailBackend(ModelBackend):
    """Log in by email, whatever its case (`Alice@Asso.fr` and `alice@asso.fr` are one account), under `sign_in_check`.

    Sessions are checked again on every request and socket (`get_user` asks `user_can_authenticate`).
    """

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = email or username
        if not email or password is None:
            return None
        try:
            return sign_in_check(request=request, email=email, password=password)
        except SignInRefused:
            return None

    def user_can_authenticate(self, user):
        return account_may_sign_in(user)
