"""Sillon's one settings module, driven by environment variables.

SILLON_PROFILE   development or production (secure cookies, HSTS, HTTPS); unset, Sillon
                 runs as development but without debug pages.
DATABASE_URL     sqlite:///path/file.sqlite3 or postgres://user@host/db;
                 default: an SQLite file in the data folder.
SECRET_KEY       default: generated once and stored in the data folder.
DEBUG            on only with SILLON_PROFILE=development set explicitly (DEBUG=false
                 turns it off there too).
ALLOWED_HOSTS    comma-separated host names.
SILLON_DATA_DIR  the data folder (default: ./data beside the package, git-ignored).
CACHE_URL        db:// (default), locmem://, file:///folder or redis://host:port/db.
EMAIL_URL        smtp://host:25, smtp://user:password@host:587/?tls=True, console://
                 (default) or file:///folder.
The whole list is in docs/deployment.md.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from sillon.config import (
    cache_config,
    database_config,
    email_config,
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

# Debug pages list every URL and setting: only where a developer asked for them by
# name (`make run` and `make test` set SILLON_PROFILE=development).
EXPLICIT_DEVELOPMENT = os.environ.get("SILLON_PROFILE") == "development"
DEBUG = EXPLICIT_DEVELOPMENT and env_bool("DEBUG", default=True)
if not EXPLICIT_DEVELOPMENT and env_bool("DEBUG", default=False):
    raise ImproperlyConfigured("DEBUG=true needs SILLON_PROFILE=development.")
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
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sillon.accounts",
    "sillon.codes",
    "sillon.core",
    "sillon.catalogue",
    "sillon.register",
    "sillon.outcomes",
    "sillon.mission",
    "sillon.workbook",
    "sillon.indicators",
    "sillon.comparison",
    "sillon.reports",
    "sillon.kbo",
    "sillon.followup",
    "sillon.demo",
    "sillon.api",
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
SILLON_BASE_URL = os.environ.get("SILLON_BASE_URL", "").strip().rstrip("/")
if SILLON_BASE_URL and not SILLON_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"SILLON_BASE_URL must start with https:// or http://, not {SILLON_BASE_URL!r}."
    )

# A cache shared by every server process and the worker (the figures' cache,
# sillon/indicators/freshness.py): by default a table of Sillon's database, created by
# `sillon migrate`.
CACHES = {"default": cache_config(os.environ.get("CACHE_URL", "db://"))}

# E-mail (invitations, password reset, follow-up): EMAIL_URL in dj-email-url's
# conventions; a wrong one stops Sillon at start-up.
MAILERS = {"default": email_config(os.environ.get("EMAIL_URL", "console://"))}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sillon@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (reports, registry syncs, daily jobs) queued in the database and run
# by `sillon worker` (sillon/core/tasks.py); daily jobs are enqueued at this local hour.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SILLON_DAILY_HOUR = env_count("SILLON_DAILY_HOUR", default=3, most=23, least=0)
# Finished task results are deleted after this many days (sillon purge).
SILLON_TASK_RESULT_DAYS = env_count("SILLON_TASK_RESULT_DAYS", default=30, most=3650)

# French first: the first user works in French; Dutch is Brussels' other language.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day-month-year (en-GB), never the US order (sillon/formats/en).
FORMAT_MODULE_PATH = ["sillon.formats"]
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
        # Production: compressed files with hashed names (collectstatic), cached forever.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production WhiteNoise serves the files where they are (no collectstatic),
# with or without DEBUG.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
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

# The REST API (docs/spec/api.md, guide docs/api.md): personal tokens, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sillon.api.authentication.BearerTokenAuthentication",
        # The signed-in member's session, for the browsable docs (CSRF enforced).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "sillon.api.throttling.BurstRateThrottle",
        "sillon.api.throttling.SustainedRateThrottle",
    ],
    # Per token: a burst a minute and a sustained rate a day.
    "DEFAULT_THROTTLE_RATES": {
        "burst": f"{env_count('SILLON_API_BURST_PER_MINUTE', default=120, most=100_000)}/min",
        "sustained": f"{env_count('SILLON_API_PER_DAY', default=20_000, most=10_000_000)}/day",
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sillon API",
    "DESCRIPTION": "The records and figures of an organisation (docs/spec/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # The browsable docs load their scripts from Sillon's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The nine EMES criteria share one scale: one schema name for it.
    "ENUM_NAME_OVERRIDES": {"AssessmentEnum": ["yes", "partial", "no"]},
}
# JSON bodies of the API larger than this are refused with 413 (workbooks: above).
SILLON_API_MAX_BODY_BYTES = 2 * 1024 * 1024

# Filters above the lists: an empty choice means "no filter".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Serves the static files from the application itself (collected ones in production).
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A monitor on the machine itself asks over plain HTTP (docs/deployment.md).
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
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
