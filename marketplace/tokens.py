"""One-time secrets: random tokens whose SHA-256 alone is stored, and signed email confirmation links."""

import hashlib
import secrets

from django.core import signing

from . import conf

_EMAIL_CONFIRMATION_SALT = "marketplace.email-confirmation"


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def secret_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def email_confirmation_token_make(*, user) -> str:
    """A signed, timestamped token naming the user and the address being confirmed.

    Carrying the address means a link sent before an email change cannot
    confirm the new address.
    """
    return signing.dumps({"u": user.pk, "e": user.email}, salt=_EMAIL_CONFIRMATION_SALT, compress=True)


def email_confirmation_token_read(token: str) -> tuple[int, str] | None:
    """(user id, email) if the token is authentic and younger than EMAIL_CONFIRMATION_TIMEOUT."""
    try:
        payload = signing.loads(token, salt=_EMAIL_CONFIRMATION_SALT, max_age=conf.email_confirmation_timeout())
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or "u" not in payload or "e" not in payload:
        return None
    return payload["u"], payload["e"]
