"""The core's personal-data settings, read from Django settings (`config/settings/privacy.py` gives them)."""

from datetime import timedelta

from django.conf import settings


def personal_data_export_lifetime() -> timedelta:
    """How long a person's data archive can be downloaded before it is deleted."""
    return timedelta(hours=int(settings.PERSONAL_DATA_EXPORT_HOURS))


def verification_documents_retention() -> timedelta:
    """How long supporting documents are kept after the verification decision."""
    return timedelta(days=int(settings.RETENTION_VERIFICATION_DOCUMENTS_DAYS))


def unconfirmed_accounts_retention() -> timedelta:
    """How long an account that never confirmed its e-mail is kept after sign-up."""
    return timedelta(days=int(settings.RETENTION_UNCONFIRMED_ACCOUNTS_DAYS))
