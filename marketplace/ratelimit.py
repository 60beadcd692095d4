"""Login throttling: after too many failures for one email or one address, wait.

Counts live in the cache (Redis when REDIS_URL is set) so that every ASGI
process sees the same numbers. Counting per email stops guessing one
account's password from many addresses; counting per address stops trying
one password on many accounts.
"""

from django.conf import settings
from django.core.cache import cache


def _keys(*, email: str, ip: str) -> list[str]:
    return [f"login-fail:email:{email.strip().lower()}", f"login-fail:ip:{ip}"]


def login_is_blocked(*, email: str, ip: str) -> bool:
    counts = cache.get_many(_keys(email=email, ip=ip))
    # One address may front many honest users (a shared office), so it gets more room.
    email_key, ip_key = _keys(email=email, ip=ip)
    return (
        counts.get(email_key, 0) >= settings.LOGIN_RATE_LIMIT or counts.get(ip_key, 0) >= settings.LOGIN_RATE_LIMIT * 4
    )


def login_failure_record(*, email: str, ip: str) -> None:
    for key in _keys(email=email, ip=ip):
        if not cache.add(key, 1, timeout=settings.LOGIN_RATE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=settings.LOGIN_RATE_WINDOW)


def login_failures_clear(*, email: str) -> None:
    cache.delete(_keys(email=email, ip="")[0])


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"
