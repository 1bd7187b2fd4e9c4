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
    database_config,
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


def run_check_deploy(tmp_path: Path, **environment) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    env.update(SILLON_DATA_DIR=str(tmp_path), **environment)
    return subprocess.run(
        [sys.executable, "-m", "sillon", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_profile_passes_the_deployment_checks(tmp_path):
    result = run_check_deploy(
        tmp_path, SILLON_PROFILE="production", ALLOWED_HOSTS="sillon.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_profile_does_not_pass_them(tmp_path):
    result = run_check_deploy(tmp_path)
    assert result.returncode == 1
    assert "DEBUG" in result.stderr
