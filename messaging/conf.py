"""Messaging's settings, one function per setting, read at each call (so tests and operators' overrides apply)."""

from django.conf import settings


def site_url() -> str:
    return settings.SITE_URL


def language_code() -> str:
    return settings.LANGUAGE_CODE


def digest_delay_minutes() -> int:
    """Minutes a message stays unread before the digest e-mails it (`MESSAGING_DIGEST_DELAY_MINUTES`)."""
    return int(settings.MESSAGING_DIGEST_DELAY_MINUTES)
