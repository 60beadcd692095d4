"""Who must use a second factor, who has one, and what the session proved."""

from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# Whether a user has a confirmed authenticator is asked on every request of an unverified session
# (SecondFactorMiddleware): it is cached, and the services that change it forget the cached answer.
ENABLED_CACHE_KEY = "second-factor:enabled:{user_id}"
ENABLED_CACHE_SECONDS = 60 * 60


def second_factor_required(*, user) -> bool:
    """Staff and everyone who may enter the Wagtail admin must use a second factor there."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def second_factor_device(*, user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they turned the second factor on."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_enabled(*, user) -> bool:
    key = ENABLED_CACHE_KEY.format(user_id=user.pk)
    enabled = cache.get(key)
    if enabled is None:
        enabled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        cache.set(key, enabled, ENABLED_CACHE_SECONDS)
    return enabled


def second_factor_pending_device(*, user) -> TOTPDevice | None:
    """The authenticator being set up: shown as a QR code until a first code confirms it."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_codes_left(*, user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def session_verified_device_id(*, session) -> str | None:
    """The device django-otp recorded in this session when its user gave a code (None: not verified)."""
    return session.get(DEVICE_ID_SESSION_KEY)
