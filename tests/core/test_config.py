"""Settings read from the environment: booleans, databases, the secret key, and the
production profile passing Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.utils import ConnectionHandler

from sillon.config import (
    SQLITE_BUSY_TIMEOUT,
    cache_config,
    database_config,
    email_config,
    env_bool,
    env_count,
    load_or_create_secret_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("True", True), ("off", False), ("", False), ("no", False)]
)
def test_env_bool_reads_the_usual_words(raw, expected, monkeypatch):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", default=not expected) is expected


@pytest.mark.parametrize(("raw", "expected"), [(None, 3), ("", 3), ("1", 1), (" 16 ", 16)])
def test_env_count_reads_a_whole_number_or_gives_the_default(raw, expected, monkeypatch):
    if raw is None:
        monkeypatch.delenv("SOME_COUNT", raising=False)
    else:
        monkeypatch.setenv("SOME_COUNT", raw)
    assert env_count("SOME_COUNT", default=3, most=16) == expected


@pytest.mark.parametrize("raw", ["0", "17", "two", "-1", "1.5"])
def test_env_count_refuses_what_is_not_a_count_in_range(raw, monkeypatch):
    monkeypatch.setenv("SOME_COUNT", raw)
    with pytest.raises(
        ImproperlyConfigured, match="SOME_COUNT must be a whole number from 1 to 16"
    ):
        env_count("SOME_COUNT", default=3, most=16)


def test_env_bool_refuses_a_word_it_does_not_know(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", default=False)


def test_sqlite_file_runs_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    config = database_config(f"sqlite:///{tmp_path / 'sub' / 'db.sqlite3'}")
    wrapper = ConnectionHandler({"default": config})["default"]
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] == SQLITE_BUSY_TIMEOUT * 1000
        finally:
            wrapper.close()


def test_postgres_url_gives_persistent_checked_connections():
    config = database_config("postgres://sillon:secret@db.internal:5433/sillon")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "sillon")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["options"] == "-c jit=off"


def test_postgres_options_of_the_url_are_kept_beside_jit_off():
    config = database_config("postgres://sillon@db/sillon?options=-c%20search_path%3Dsillon")
    assert config["OPTIONS"]["options"] == "-c jit=off -c search_path=sillon"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL setting")
@pytest.mark.django_db
def test_postgres_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_other_databases_are_refused_clearly():
    with pytest.raises(ImproperlyConfigured, match="SQLite or PostgreSQL"):
        database_config("mysql://root@localhost/sillon")


def test_secret_key_is_created_once_private_and_then_reused(tmp_path):
    first = load_or_create_secret_key(tmp_path / "data")
    path = tmp_path / "data" / "secret_key"
    assert len(first) >= 50
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_secret_key(tmp_path / "data") == first


def run_sillon(tmp_path: Path, *args, **environment) -> subprocess.CompletedProcess:
    """`sillon ARGS` in a clean environment: none of Sillon's variables but these."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "SILLON_PROFILE",
            "EMAIL_URL",
            "CACHE_URL",
        }
    }
    env.update(SILLON_DATA_DIR=str(tmp_path), **environment)
    return subprocess.run(
        [sys.executable, "-m", "sillon", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def run_check_deploy(tmp_path: Path, **environment) -> subprocess.CompletedProcess:
    return run_sillon(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **environment)


PRINT_DEBUG = "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", "-v", "0"


@pytest.mark.parametrize(
    ("environment", "debug"),
    [
        ({}, "False"),
        ({"DEBUG": "false"}, "False"),
        ({"SILLON_PROFILE": "development"}, "True"),
        ({"SILLON_PROFILE": "development", "DEBUG": "false"}, "False"),
    ],
)
def test_debug_is_on_only_in_the_development_profile_named_explicitly(tmp_path, environment, debug):
    result = run_sillon(tmp_path, *PRINT_DEBUG, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == debug


@pytest.mark.parametrize("profile", [None, "production"])
def test_debug_cannot_be_turned_on_outside_the_development_profile(tmp_path, profile):
    environment = {"DEBUG": "true", "ALLOWED_HOSTS": "sillon.example.org"}
    if profile:
        environment["SILLON_PROFILE"] = profile
    result = run_sillon(tmp_path, *PRINT_DEBUG, **environment)
    assert result.returncode == 1
    assert "DEBUG=true needs SILLON_PROFILE=development" in result.stderr


def test_a_wrong_email_url_stops_sillon_at_start_up_without_showing_the_password(tmp_path):
    result = run_sillon(tmp_path, "check", EMAIL_URL="smtp://mailer:s3cret@mail.example.org:x")
    assert result.returncode == 1
    assert "EMAIL_URL 'smtp://mailer:***@mail.example.org:x' is not understood" in result.stderr
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:p%40ss@mail.example.org:587/?tls=True",
            (
                "smtp",
                {
                    "host": "mail.example.org",
                    "port": 587,
                    "username": "mailer",
                    "password": "p@ss",
                    "use_tls": True,
                    "use_ssl": False,
                },
            ),
        ),
        (
            "smtp://relay",
            ("smtp", {"host": "relay", "port": 25, "use_tls": False, "use_ssl": False}),
        ),
        ("console://", ("console", {})),
        ("file:///var/lib/sillon/mail", ("filebased", {"file_path": "/var/lib/sillon/mail"})),
    ],
)
def test_email_url_gives_djangos_default_mailer(url, expected):
    backend, options = expected
    assert email_config(url) == {
        "BACKEND": f"django.core.mail.backends.{backend}.EmailBackend",
        "OPTIONS": options,
    }


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("smpt://mail.example.org", "scheme must be smtp://"),
        ("mail.example.org", "scheme must be smtp://"),
        ("smtp://mail.example.org:25x", "Port could not be cast"),
        ("file:///", "file:/// needs a folder"),
    ],
)
def test_a_wrong_email_url_is_refused_with_what_is_wrong(url, problem):
    with pytest.raises(ImproperlyConfigured, match=r"EMAIL_URL .* is not understood") as error:
        email_config(url)
    assert problem in str(error.value)


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("db://", "db.DatabaseCache", "sillon_cache"),
        ("db://figures", "db.DatabaseCache", "figures"),
        ("locmem://", "locmem.LocMemCache", ""),
        ("file:///var/cache/sillon", "filebased.FileBasedCache", "/var/cache/sillon"),
        ("redis://cache:6379/1", "redis.RedisCache", "redis://cache:6379/1"),
    ],
)
def test_cache_url_gives_the_cache(url, backend, location):
    config = cache_config(url)
    assert config["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert config["LOCATION"] == location


@pytest.mark.parametrize("url", ["memcached://x", "file://relative", "db", "redis://"])
def test_a_wrong_cache_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must be"):
        cache_config(url)


def test_by_default_every_process_shares_the_cache_in_the_database(tmp_path):
    """`sillon migrate` creates the cache's table; a value one process stores, another
    process reads."""
    assert run_sillon(tmp_path, "migrate", "--verbosity", "0").returncode == 0
    store = "from django.core.cache import cache; cache.set('shared', 42, 60)"
    read = "from django.core.cache import cache; print(cache.get('shared'))"
    assert run_sillon(tmp_path, "shell", "-c", store).returncode == 0
    result = run_sillon(tmp_path, "shell", "-c", read, "-v", "0")
    assert result.stdout.strip() == "42", result.stderr


def test_production_profile_passes_the_deployment_checks(tmp_path):
    result = run_check_deploy(
        tmp_path,
        SILLON_PROFILE="production",
        ALLOWED_HOSTS="sillon.example.org",
        EMAIL_URL="smtp://mail.example.org:587/?tls=True",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_an_email_url_fails_the_deployment_checks(tmp_path):
    """console:// (the default) would print the members' reset links on a server."""
    result = run_check_deploy(
        tmp_path, SILLON_PROFILE="production", ALLOWED_HOSTS="sillon.example.org"
    )
    assert result.returncode == 1
    assert "mail.E001" in result.stderr


def test_development_profile_does_not_pass_them(tmp_path):
    result = run_check_deploy(tmp_path, SILLON_PROFILE="development")
    assert result.returncode == 1
    assert "DEBUG" in result.stderr
    unset = run_check_deploy(tmp_path)  # no debug pages, yet no secure cookies either
    assert unset.returncode == 1
    assert "DEBUG" not in unset.stderr and "SESSION_COOKIE_SECURE" in unset.stderr
