"""Sillon's one settings module, driven by environment variables.

SILLON_PROFILE   development (default) or production (secure cookies, HSTS, HTTPS).
DATABASE_URL     sqlite:///path/file.sqlite3 or postgres://user@host/db;
                 default: an SQLite file in the data folder.
SECRET_KEY       default: generated once and stored in the data folder.
DEBUG            default: true in development, false in production.
ALLOWED_HOSTS    comma-separated host names.
SILLON_DATA_DIR  the data folder (default: ./data beside the package, git-ignored).
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from sillon.config import (
    database_config,
    env_bool,
    env_count,
    env_list,
    load_or_create_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SILLON_DATA_DIR", BASE_DIR.parent / "data")).resolve()

PROFILE = os.environ.get("SILLON_PROFILE", "development")
if PROFILE not in {"development", "production"}:
    raise ImproperlyConfigured("SILLON_PROFILE must be development or production.")
PRODUCTION = PROFILE == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY") or load_or_create_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
# A reverse proxy in front terminates TLS and adds X-Forwarded-For/-Proto.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)

INSTALLED_APPS = [
    # django.contrib.admin with a site for superusers only (accounts/admin_site.py).
    "sillon.accounts.admin_apps.SillonAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "sillon.accounts",
    "sillon.codes",
    "sillon.core",
    "sillon.catalogue",
    "sillon.register",
    "sillon.outcomes",
    "sillon.workbook",
    "sillon.indicators",
    "sillon.reports",
    "sillon.kbo",
    "sillon.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Sessions end after SILLON_SESSION_IDLE_HOURS without a request; a first password
    # must be changed before anything else (sillon/accounts/middleware.py).
    "sillon.accounts.middleware.SessionIdleMiddleware",
    "sillon.accounts.middleware.PasswordChangeRequiredMiddleware",
    # Records who made each change in the history of records.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a sign-in refused by the throttle into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sillon.urls"
WSGI_APPLICATION = "sillon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sillon.accounts.context_processors.memberships",
                "sillon.accounts.context_processors.abilities",
            ],
        },
    },
]

DATABASES = {
    "default": database_config(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'sillon.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Connections the indicator engine reads on at once (sillon/indicators/engine.py).
SILLON_INDICATOR_WORKERS = env_count(
    "SILLON_INDICATOR_WORKERS", default=min(4, os.cpu_count() or 1), most=16
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in throttling (django-axes, sillon/accounts/throttle.py) on every login form:
# after SILLON_LOGIN_FAILURE_LIMIT failures for one account or from one address,
# signing in is refused for SILLON_LOGIN_LOCKOUT_MINUTES (each new failure restarts it).
AUTHENTICATION_BACKENDS = [
    "sillon.accounts.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_count("SILLON_LOGIN_FAILURE_LIMIT", default=5, most=1000)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_count("SILLON_LOGIN_LOCKOUT_MINUTES", default=15, most=7 * 24 * 60)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sillon.accounts.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "sillon.accounts.throttle.client_address"
# Successful sign-ins go to Sillon's audit trail, without addresses: axes keeps only
# the failed attempts it counts, and drops them after the lock-out time.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Sessions end after this much time without a request (sillon/accounts/middleware.py).
SESSION_COOKIE_AGE = env_count("SILLON_SESSION_IDLE_HOURS", default=8, most=24 * 30) * 3600
# Invitations to join an organisation (Settings › Members) expire after this many days;
# their links point to SILLON_BASE_URL when set (e.g. https://sillon.example.org), else
# to the host the administrator used.
SILLON_INVITATION_DAYS = env_count("SILLON_INVITATION_DAYS", default=7, most=90)
SILLON_BASE_URL = os.environ.get("SILLON_BASE_URL", "").strip()

# French first: the first user works in French; Dutch is Brussels' other language.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Workbook imports: larger files are refused before they are read.
WORKBOOK_MAX_BYTES = 20 * 1024 * 1024

# Everything the pages need is served by Sillon itself: no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"

# Filters above the lists: an empty choice means "no filter".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

if PRODUCTION:
    # Serves the collected static files (collectstatic) from the application itself.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"message": {"format": "%(message)s"}},
    # Search terms (`?q=`) are not written to the logs.
    "filters": {"no_query_strings": {"()": "sillon.core.logging.DropQueryStrings"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_query_strings"]},
        # Audit events, one JSON object a line (sillon/accounts/audit.py).
        "audit": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "message",
        },
    },
    "loggers": {
        "sillon.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
        # The development server's access lines.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
