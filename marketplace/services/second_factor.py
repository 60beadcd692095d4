"""The second factor: an authenticator app (TOTP) and recovery codes, kept as django-otp devices.

Codes are checked by the devices, which throttle: after each wrong code the next one is refused until
1, 2, 4, 8... seconds have passed (OTP_TOTP_THROTTLE_FACTOR, OTP_STATIC_THROTTLE_FACTOR), whoever
sends it. A device's failure count is saved in its own transaction, so that refusing the code does not
roll it back.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..errors import SecondFactorError, SecondFactorThrottled
from ..selectors.second_factor import ENABLED_CACHE_KEY, second_factor_device, second_factor_required
from .audit import audit_record

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def _forget_enabled(user) -> None:
    """Now, and again after the commit, so no request reads the old answer back into the cache meanwhile."""
    key = ENABLED_CACHE_KEY.format(user_id=user.pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _normalise(code: str) -> str:
    return "".join((code or "").split()).lower()


def _verify(device: Device, code: str) -> bool:
    """Whether the device accepts the code; raises while the device is throttled after wrong codes."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            wait = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
            raise SecondFactorThrottled(
                ngettext(
                    "Trop de codes erronés : réessayez dans %(seconds)s seconde.",
                    "Trop de codes erronés : réessayez dans %(seconds)s secondes.",
                    wait,
                )
                % {"seconds": wait},
                field="code",
            )
        return device.verify_token(code)


def _recovery_codes_replace(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_setup_start(*, user) -> TOTPDevice:
    """The authenticator being set up, created on first call: its secret goes to the app as a QR code."""
    if second_factor_device(user=user) is not None:
        raise SecondFactorError(_("La double authentification est déjà activée sur ce compte."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


def second_factor_confirm(*, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """A first right code turns the second factor on; returns the device and the recovery codes, shown once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        raise SecondFactorError(_("Aucune activation n'est en cours : recommencez."))
    if not _verify(device, _normalise(code)):
        raise SecondFactorError(_("Ce code ne correspond pas. Vérifiez l'heure de votre téléphone."), field="code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        audit_record(actor=user, action="second_factor.enabled", target=user)
        _forget_enabled(user)
    return device, codes


def second_factor_verify(*, user, code: str) -> Device:
    """The device that accepts this code: the authenticator's six digits, or a recovery code (used up)."""
    code = _normalise(code)
    authenticator = second_factor_device(user=user)
    if authenticator is None:
        raise SecondFactorError(_("La double authentification n'est pas activée sur ce compte."))
    if code.isdigit() and len(code) == authenticator.digits:
        device = authenticator
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not code or not _verify(device, code):
        raise SecondFactorError(_("Ce code n'est pas valable."), field="code")
    if isinstance(device, StaticDevice):
        audit_record(actor=user, action="second_factor.recovery_code_used", target=user)
    return device


def recovery_codes_regenerate(*, user, code: str) -> list[str]:
    """New recovery codes (the old ones stop working), after a code proves the person holds the factor."""
    second_factor_verify(user=user, code=code)
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
        audit_record(actor=user, action="second_factor.recovery_codes_renewed", target=user)
    return codes


def second_factor_disable(*, user, code: str) -> None:
    """Turn the second factor off after a valid code; staff accounts keep theirs."""
    if second_factor_required(user=user):
        raise SecondFactorError(
            _("Les comptes ayant accès à l'administration gardent la double authentification."), field="code"
        )
    second_factor_verify(user=user, code=code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(actor=user, action="second_factor.disabled", target=user)
        _forget_enabled(user)
