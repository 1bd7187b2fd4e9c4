"""Reading the environment into settings values.

Kept apart from settings.py so that each rule (booleans, database URL, secret key)
can be tested on its own.
"""

import os
import re
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}

# Seconds a writer waits for SQLite's lock before giving up ("database is locked").
SQLITE_BUSY_TIMEOUT = 20


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_count(name: str, default: int, most: int, least: int = 1) -> int:
    """A whole number from `least` (1 unless told) to `most`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not least <= int(raw) <= most:
        raise ImproperlyConfigured(
            f"{name} must be a whole number from {least} to {most}, not {raw!r}."
        )
    return int(raw)


def database_config(url: str) -> dict:
    """Django's DATABASES["default"] for a DATABASE_URL.

    SQLite gets write-ahead logging (readers never wait for a writer), a busy
    timeout, and IMMEDIATE transactions so that concurrent writers queue instead of
    failing halfway through a transaction. PostgreSQL gets persistent, checked
    connections with JIT compilation off.
    """
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not understood: {error}") from error
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT,
        }
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        # JIT compilation pays off for long analytical scans only; the indicator
        # queries' correlated subqueries make PostgreSQL's cost estimates cross its
        # threshold and JIT then spends more time compiling than the query runs
        # (0.6 s of a 1.2 s query at 100,000 projects, docs/performance.md).
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"-c jit=off {options.get('options', '')}".strip()
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point to SQLite or PostgreSQL, not {engine}."
        )
    return config


def load_or_create_secret_key(data_dir: Path) -> str:
    """The key stored in the data folder, created (readable by its owner only) on first run."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key


# The database cache's table, created by `sillon migrate` (createcachetable).
CACHE_TABLE = "sillon_cache"


def cache_config(url: str) -> dict:
    """Django's CACHES["default"] for a CACHE_URL.

    `db://` (the default; `db://table` names the table) keeps the cache in Sillon's
    database, so that every server process and the worker see the same figures;
    `locmem://` keeps it in each process (one process only); `file:///path` in a
    folder; `redis://host:6379/0` (or `rediss://`) in Redis (needs the redis package).
    """
    scheme, separator, rest = url.strip().partition("://")
    if not separator:
        scheme = ""
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest.strip("/") or CACHE_TABLE,
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "file" and rest.startswith("/") and rest.strip("/"):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    if scheme in {"redis", "rediss"} and rest:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url.strip()}
    raise ImproperlyConfigured(
        f"CACHE_URL must be db://, locmem://, file:///folder or redis://host:port/db, not {url!r}."
    )


EMAIL_SCHEMES = {"smtp", "submission", "submit", "console", "file", "memory", "dummy"}
SMTP_SCHEMES = {"smtp", "submission", "submit"}
# dj-email-url's settings → the OPTIONS of Django's SMTP mailer.
SMTP_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_TIMEOUT": "timeout",
}


def email_config(url: str) -> dict:
    """Django's MAILERS["default"] for an EMAIL_URL, in dj-email-url's conventions:
    `smtp://host:25`, `smtp://user:password@host:587/?tls=True` (or `?ssl=True`),
    `console://` (printed on standard output), `file:///folder` (one file a message).
    Anything else stops Sillon at start-up with this message rather than losing mail.
    """
    scheme = url.partition("://")[0]
    problem = None
    if "://" not in url or scheme not in EMAIL_SCHEMES:
        problem = "its scheme must be smtp://, console:// or file:///folder"
    else:
        try:
            parsed = dj_email_url.parse(url)
        except ValueError as error:  # a port or a timeout that is not a number
            problem = str(error)
        else:
            if scheme == "file" and not parsed["EMAIL_FILE_PATH"]:
                problem = "file:/// needs a folder, e.g. file:///var/lib/sillon/mail"
    if problem:
        shown = re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)  # never print a password
        raise ImproperlyConfigured(f"EMAIL_URL {shown!r} is not understood: {problem}.")
    options = {}
    if scheme in SMTP_SCHEMES:
        options = {
            option: parsed[name]
            for name, option in SMTP_OPTIONS.items()
            if parsed[name] not in (None, "")
        }
    elif scheme == "file":
        options = {"file_path": "/" + parsed["EMAIL_FILE_PATH"]}
    return {"BACKEND": parsed["EMAIL_BACKEND"], "OPTIONS": options}
