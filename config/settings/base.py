"""Settings shared by every profile; the embedded default when nothing is configured.

The integration modules' names are imported here so that every profile sees them.
"""

# ruff: noqa: F401

from django.utils.translation import gettext_lazy as _

from .channels import CACHES, CHANNEL_LAYERS, REDIS_URL
from .database import BASE_DIR, DATABASE_URL, DATABASES
from .email import (
    DEFAULT_FROM_EMAIL,
    EMAIL_BACKEND,
    EMAIL_HOST,
    EMAIL_HOST_PASSWORD,
    EMAIL_HOST_USER,
    EMAIL_PORT,
    EMAIL_TIMEOUT,
    EMAIL_USE_TLS,
    SERVER_EMAIL,
)
from .env import env_bool, env_int, env_list, env_str
from .payments import (
    BILLING_PAYMENT_PROVIDER,
    BILLING_SELLER,
    BILLING_TRAINING_FULL_REFUND_DAYS,
    BILLING_TRAINING_HOLD_MINUTES,
    BILLING_TRAINING_MAX_PARTICIPANTS,
    BILLING_TRAINING_OFFER_HOURS,
    BILLING_TRANSFER_REMINDER_DAYS,
    STRIPE_API_BASE,
    STRIPE_CONNECT_API_BASE,
    STRIPE_PUBLISHABLE_KEY,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
)
from .privacy import (
    PERSONAL_DATA_EXPORT_HOURS,
    RETENTION_SEARCH_LOGS_DAYS,
    RETENTION_UNCONFIRMED_ACCOUNTS_DAYS,
    RETENTION_VERIFICATION_DOCUMENTS_DAYS,
)
from .responsiveness import RESPONSE_DEADLINE_WORKING_DAYS, RESPONSE_REMINDER_HOURS_BEFORE
from .search import (
    SEARCH_BULK_TIMEOUT_SECONDS,
    SEARCH_ENGINE,
    SEARCH_INDEX_PREFIX,
    SEARCH_INDEX_REPLICAS,
    SEARCH_REFRESH_TIMEOUT_SECONDS,
    SEARCH_TIMEOUT_SECONDS,
    SEARCH_URLS,
)
from .security import (
    CONTENT_SECURITY_POLICY,
    CSP_ADMIN_POLICY_REPLACE,
    CSP_ADMIN_PREFIX,
    CSP_ADMIN_STRICT_PATHS,
    CSP_EMBED_ORIGINS,
    CSP_REPORT_RATE_LIMIT,
    CSP_REPORT_URL,
    OTP_STATIC_THROTTLE_FACTOR,
    OTP_TOTP_ISSUER,
    OTP_TOTP_THROTTLE_FACTOR,
    SECOND_FACTOR_LOGIN_SECONDS,
    WAGTAIL_ENABLE_UPDATE_CHECK,
    WAGTAIL_GRAVATAR_PROVIDER_URL,
)
from .tasks import TASKS, TASKS_BACKEND

DEBUG = env_bool("DEBUG", False)
# Only good enough for a laptop; the production profile refuses to start with it.
INSECURE_DEV_SECRET_KEY = "dev-insecure-passerelle-key-change-me-in-production-0123456789"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "marketplace",
    "search",
    "messaging",
    "billing",
    "cms",
    "assessment",
    "demo",
    "frontend",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.locales",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Serves Swagger UI's files from our own origin (without it, /api/v1/docs loads them from a CDN).
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marketplace.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "marketplace.middleware.SecondFactorMiddleware",
    "marketplace.middleware.UserLanguageMiddleware",
    "marketplace.middleware.ActiveOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "csp.context_processors.nonce",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.navigation",
                "frontend.context_processors.site_menus",
                "marketplace.context_processors.my_organisation",
                "messaging.context_processors.unread_messages",
            ]
        },
    }
]

AUTH_USER_MODEL = "marketplace.User"
AUTHENTICATION_BACKENDS = ["marketplace.auth_backends.EmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# Email confirmation links stay valid for a week.
EMAIL_CONFIRMATION_TIMEOUT = 60 * 60 * 24 * 7
ORGANISATION_INVITATION_DAYS = 14

# Login attempts: at most LOGIN_RATE_LIMIT failures per email and per address
# within LOGIN_RATE_WINDOW seconds.
LOGIN_RATE_LIMIT = env_int("LOGIN_RATE_LIMIT", 5)
LOGIN_RATE_WINDOW = env_int("LOGIN_RATE_WINDOW", 15 * 60)

# Messages left unread this many minutes are sent by email in a digest (messaging.digests).
MESSAGING_DIGEST_DELAY_MINUTES = env_int("MESSAGING_DIGEST_DELAY_MINUTES", 15)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
# Supporting documents (statutes, identity...): never under MEDIA_ROOT, served only by a view that checks access.
PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private"))
# Uploads bigger than this are refused with a message, before anything is stored.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_BYTES = 3 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

WAGTAIL_SITE_NAME = "Passerelle"
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages in French (default, unprefixed URLs) and English (/en/..., see cms/urls.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français"), ("en", "English")]
# Page slugs in plain ASCII: URLs that survive being pasted into e-mails and old browsers.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin's login and password reset follow the site's rules (throttling, confirmed email): marketplace.auth_backends.
WAGTAILADMIN_USER_LOGIN_FORM = "marketplace.forms.accounts.AdminLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "marketplace.forms.accounts.AdminPasswordResetForm"  # noqa: S105 - a class path
# Resource-centre search follows the marketplace's SEARCH_ENGINE: the database backend by default,
# the cluster's own Wagtail backend otherwise (opensearch3 matches the installed opensearch-py 3 client).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if SEARCH_ENGINE in {"opensearch", "elasticsearch"}:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": {
                "opensearch": "wagtail.search.backends.opensearch3",
                "elasticsearch": "wagtail.search.backends.elasticsearch8",
            }[SEARCH_ENGINE],
            "URLS": SEARCH_URLS,
            # Wagtail (modelsearch) names its indices INDEX_PREFIX + app_model: the prefix keeps each site's,
            # and each test worker's, resource-centre indices apart on a shared cluster.
            "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}_wagtail_",
            "TIMEOUT": SEARCH_TIMEOUT_SECONDS,
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            # French analysis for the resource centre; ngram analyzers stay Wagtail's own.
                            "default": {
                                "tokenizer": "standard",
                                "filter": ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stem"],
                            }
                        },
                        "filter": {
                            "french_elision": {
                                "type": "elision",
                                "articles_case": True,
                                "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c"],
                            },
                            "french_stop": {"type": "stop", "stopwords": "_french_"},
                            "french_stem": {"type": "stemmer", "language": "light_french"},
                        },
                    }
                }
            },
        }
    }

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Every invoice PDF subsets its font and embeds its XML: their INFO lines say nothing an operator needs.
        "fontTools": {"level": "WARNING"},
        "factur-x": {"level": "WARNING"},
    },
}

# The self-assessment (`assessment/conf.py`): the fewest assessments a comparison or a barometer figure is built
# from, and which axes count as weak.
ASSESSMENT_MIN_GROUP_SIZE = env_int("ASSESSMENT_MIN_GROUP_SIZE", 10)
ASSESSMENT_WEAK_AXIS_BELOW = env_int("ASSESSMENT_WEAK_AXIS_BELOW", 70)
ASSESSMENT_MAX_WEAK_AXES = env_int("ASSESSMENT_MAX_WEAK_AXES", 3)
