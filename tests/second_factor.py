"""What tests need to act as a person with an authenticator app: a confirmed device and its current code."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_authenticator(user) -> TOTPDevice:
    """A confirmed authenticator for `user`, as if they had turned the second factor on."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def authenticator_code(device: TOTPDevice, *, wait: bool = False) -> str:
    """The code the person's app shows now.

    A device refuses a code of a 30-second step it already accepted (an overheard code must not be
    replayed). Tests that give two codes within one step, and are not about that rule, make the device
    forget the step instead of waiting up to 30 seconds; `wait=True` waits for the next step instead.
    """
    device.refresh_from_db()
    if wait:
        while int(time.time() - device.t0) // device.step <= device.last_t:
            time.sleep(0.5)
    else:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def verified_login(client, user) -> None:
    """`client.force_login(user)` plus what the code step records: a session verified by the user's
    authenticator (given one if they have none). The admin needs it; the login itself is tested in
    tests/marketplace/test_second_factor.py."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or give_authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
