"""Throttling of the ways in: counters per email and per address, in the cache.

Counts live in the cache (Redis when REDIS_URL is set) so that every ASGI
process sees the same numbers. Counting per email stops guessing one
account's password from many addresses; counting per address stops trying
one password on many accounts. Each counter kind has its own keys: failed
sign-ins (site login, Wagtail admin login, API tokens) share `SIGN_IN`;
emails sent at an anonymous visitor's request (password reset, a new
confirmation link, "someone tried to sign up with your address") share
`ACCOUNT_EMAIL`, so nobody can make the platform flood an inbox.
"""

from django.core.cache import cache

from . import conf

SIGN_IN = "login-fail"
ACCOUNT_EMAIL = "account-email"
# Reports of reviews by anyone, signed in or not, counted per address.
REVIEW_REPORT = "review-report"
# One address may front many honest users (a shared office), so it gets more room.
ADDRESS_ALLOWANCE = 4


def _keys(kind: str, *, email: str, ip: str) -> list[str]:
    keys = [f"{kind}:ip:{ip}"]
    if email:
        keys.append(f"{kind}:email:{email.strip().lower()}")
    return keys


def is_blocked(kind: str, *, email: str, ip: str) -> bool:
    """Whether this email (if any) or this address has used up its allowance in the current window."""
    counts = cache.get_many(_keys(kind, email=email, ip=ip))
    limit = conf.login_rate_limit()
    return any(
        count >= (limit * ADDRESS_ALLOWANCE if key.startswith(f"{kind}:ip:") else limit)
        for key, count in counts.items()
    )


def record(kind: str, *, email: str, ip: str) -> None:
    for key in _keys(kind, email=email, ip=ip):
        if not cache.add(key, 1, timeout=conf.login_rate_window()):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=conf.login_rate_window())


def clear(kind: str, *, email: str) -> None:
    """Forget the email's count (a successful sign-in); the address keeps its own."""
    cache.delete(f"{kind}:email:{email.strip().lower()}")


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "") or "unknown"
