"""Personal data (RGPD): how long an export stays downloadable, and how long each kind of data is kept.

Every period is in days, read from the environment with a default chosen for the platform; the README's
processing register lists them. `manage.py retention_purge` (daily, from cron) applies them.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_int

# A person's data archive ("Mon compte → Mes données") can be downloaded for this many hours, then it is deleted.
PERSONAL_DATA_EXPORT_HOURS = env_int("PERSONAL_DATA_EXPORT_HOURS", 48)
# Supporting documents of a verification are deleted this many days after the decision (verified or refused).
RETENTION_VERIFICATION_DOCUMENTS_DAYS = env_int("RETENTION_VERIFICATION_DOCUMENTS_DAYS", 90)
# An account whose e-mail was never confirmed is deleted this many days after sign-up.
RETENTION_UNCONFIRMED_ACCOUNTS_DAYS = env_int("RETENTION_UNCONFIRMED_ACCOUNTS_DAYS", 30)
# Counted searches of the resource centre (Wagtail's search log, by day) older than this are deleted.
RETENTION_SEARCH_LOGS_DAYS = env_int("RETENTION_SEARCH_LOGS_DAYS", 365)
# Expired sessions (which hold no IP address) are deleted; rate-limit counters keep an IP address only in the
# cache, for LOGIN_RATE_WINDOW seconds. No table stores IP addresses.

for _name, _value in (
    ("PERSONAL_DATA_EXPORT_HOURS", PERSONAL_DATA_EXPORT_HOURS),
    ("RETENTION_VERIFICATION_DOCUMENTS_DAYS", RETENTION_VERIFICATION_DOCUMENTS_DAYS),
    ("RETENTION_UNCONFIRMED_ACCOUNTS_DAYS", RETENTION_UNCONFIRMED_ACCOUNTS_DAYS),
    ("RETENTION_SEARCH_LOGS_DAYS", RETENTION_SEARCH_LOGS_DAYS),
):
    if _value < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
