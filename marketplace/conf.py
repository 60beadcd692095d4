"""The core's settings, one function per setting, read at each call (so tests and operators' overrides apply).

Domain code reads settings only through its package's `conf.py` (`tests/test_one_home.py`); the values and the
environment variables behind them are in `config/settings/`.
"""

from datetime import timedelta

from django.conf import settings


def settings_module() -> str:
    return settings.SETTINGS_MODULE


def site_url() -> str:
    """The site's address, for links in e-mails and notifications."""
    return settings.SITE_URL


def language_code() -> str:
    return settings.LANGUAGE_CODE


def session_cookie_age() -> int:
    return settings.SESSION_COOKIE_AGE


def databases() -> dict:
    return settings.DATABASES


def channel_layers() -> dict:
    return settings.CHANNEL_LAYERS


def tasks_backend() -> str:
    return settings.TASKS_BACKEND


def search_engine() -> str:
    return settings.SEARCH_ENGINE


def stripe_secret_key() -> str:
    return settings.STRIPE_SECRET_KEY


def email_confirmation_timeout() -> int:
    return settings.EMAIL_CONFIRMATION_TIMEOUT


def organisation_invitation_days() -> int:
    return settings.ORGANISATION_INVITATION_DAYS


def response_deadline_working_days() -> int:
    return settings.RESPONSE_DEADLINE_WORKING_DAYS


def response_reminder_hours_before() -> int:
    return settings.RESPONSE_REMINDER_HOURS_BEFORE


def second_factor_login_seconds() -> int:
    return settings.SECOND_FACTOR_LOGIN_SECONDS


def login_rate_limit() -> int:
    return settings.LOGIN_RATE_LIMIT


def login_rate_window() -> int:
    return settings.LOGIN_RATE_WINDOW


def max_document_bytes() -> int:
    return settings.MAX_DOCUMENT_BYTES


def max_image_bytes() -> int:
    return settings.MAX_IMAGE_BYTES


def private_media_root():
    return settings.PRIVATE_MEDIA_ROOT


def csp_report_url() -> str:
    return settings.CSP_REPORT_URL


def csp_report_rate_limit() -> int:
    return settings.CSP_REPORT_RATE_LIMIT


def csp_admin_prefix() -> str:
    return settings.CSP_ADMIN_PREFIX


def csp_admin_strict_paths():
    return settings.CSP_ADMIN_STRICT_PATHS


def csp_admin_policy_replace():
    return settings.CSP_ADMIN_POLICY_REPLACE


def media_root():
    return settings.MEDIA_ROOT


def base_dir():
    return settings.BASE_DIR


def personal_data_export_lifetime() -> timedelta:
    """How long a person's data archive can be downloaded before it is deleted."""
    return timedelta(hours=int(settings.PERSONAL_DATA_EXPORT_HOURS))


def verification_documents_retention() -> timedelta:
    """How long supporting documents are kept after the verification decision."""
    return timedelta(days=int(settings.RETENTION_VERIFICATION_DOCUMENTS_DAYS))


def unconfirmed_accounts_retention() -> timedelta:
    """How long an account that never confirmed its e-mail is kept after sign-up."""
    return timedelta(days=int(settings.RETENTION_UNCONFIRMED_ACCOUNTS_DAYS))


def session_cookie_name() -> str:
    return settings.SESSION_COOKIE_NAME


def csrf_cookie_name() -> str:
    return settings.CSRF_COOKIE_NAME


def language_cookie_name() -> str:
    return settings.LANGUAGE_COOKIE_NAME
