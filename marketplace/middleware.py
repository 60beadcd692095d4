from urllib.parse import urlencode

from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .selectors.organisations import membership_for_active_organisation, membership_list_for_user
from .selectors.second_factor import second_factor_enabled, second_factor_required

ACTIVE_ORGANISATION_SESSION_KEY = "active_organisation_id"
LANGUAGE_COOKIE_SET = "django_language"


class UserLanguageMiddleware:
    """Show the site in a logged-in user's preferred language unless they chose one with the switcher.

    LocaleMiddleware already honours the language cookie; a user who never
    touched the switcher on this browser gets the language of their account.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and LANGUAGE_COOKIE_SET not in request.COOKIES:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class ActiveOrganisationMiddleware:
    """Sets `request.membership` / `request.organisation`: the organisation the user works for right now.

    The choice is kept in the session and checked against the memberships on
    every request, so a removed member loses access at once. The memberships
    are read once and kept as `request.memberships` for the organisation switcher.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.memberships = list(membership_list_for_user(user=user)) if user.is_authenticated else []
        request.membership = membership_for_active_organisation(
            memberships=request.memberships, organisation_id=request.session.get(ACTIVE_ORGANISATION_SESSION_KEY)
        )
        request.organisation = request.membership.organisation if request.membership else None
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sessions follow the second factor (after django-otp's OTPMiddleware, which reads the session's device).

    - A session whose user turned the second factor on but never gave a code in it (opened before, in
      another browser) is ended: the request goes on as a visitor's.
    - The admin needs a verified session. Staff (and editors) without an authenticator are sent to set one
      up; with one, they got a verified session at login (the code step), so no one else reaches here.
    """

    ADMIN_OPEN_PATHS = ("login/", "logout/", "password_reset/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if second_factor_enabled(user=user):
                logout(request)
            elif self._is_admin(request.path_info) and second_factor_required(user=user):
                return redirect(f"{reverse('accounts:second_factor_setup')}?{urlencode({'next': request.path})}")
        return self.get_response(request)

    def _is_admin(self, path: str) -> bool:
        admin = reverse("wagtailadmin_home")
        return path.startswith(admin) and not path.startswith(tuple(admin + open for open in self.ADMIN_OPEN_PATHS))
