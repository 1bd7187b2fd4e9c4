"""`sillon backup` and `sillon restore`: one archive holding the database, the files
of the data folder (uploads kept for confirmation, produced reports) and a manifest.

The archive is a gzip-compressed tar:

    manifest.json        format, Sillon's version, database vendor, migration state,
                         row counts per table, the SHA-256 of every other member
    database.sqlite3     SQLite: a consistent copy made by SQLite's online backup API
    database.dump        PostgreSQL: `pg_dump --format=custom`
    files/media/...      produced reports
    files/imports/...    uploads waiting for confirmation

A restore reads and checks the whole archive (checksums, manifest) before it writes
anything; it refuses a database that holds data, a backup of the other vendor, and a
backup whose migrations this version of Sillon does not know (a newer Sillon); after
the restore, the row counts must be those of the manifest.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = 1
FILE_FOLDERS = ("media", "imports")
# Rows that `sillon migrate` itself writes, or that a running worker writes: a
# database holding only these is empty.
NOT_DATA = {
    "django_content_type",
    "auth_permission",
    "core_workerheartbeat",
    "core_dailyrun",
    "django_session",
}


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names & existing)


def row_counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # Sillon's own table names
            counts[table] = cursor.fetchone()[0]
    return counts


def migration_state() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    if "django_migrations" not in connection.introspection.table_names():
        return state
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            state.setdefault(app, []).append(name)
    return state


def _postgres_environment() -> tuple[list[str], dict]:
    config = connection.settings_dict
    arguments = ["--dbname", config["NAME"]]
    if config.get("HOST"):
        arguments += ["--host", config["HOST"]]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", config["USER"]]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return arguments, env


def _run(command: list[str], env: dict) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is needed for PostgreSQL (Debian: apt install postgresql-client)."
        ) from error
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_database(folder: Path) -> Path:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    target = folder / "database.dump"
    arguments, env = _postgres_environment()
    _run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "-f",
            str(target),
            *arguments,
        ],
        env,
    )
    return target


def backup(output: Path) -> dict:
    """Write the archive to `output` (through a temporary file, renamed at the end);
    returns its manifest."""
    data_dir = Path(settings.DATA_DIR)
    with tempfile.TemporaryDirectory(prefix="sillon-backup-") as scratch:
        folder = Path(scratch)
        # Counts read in the same moment as the copy: on PostgreSQL in one repeatable
        # read would be exact; a backup is taken when nobody writes (docs/deployment.md).
        counts = row_counts()
        database = _dump_database(folder)
        members = {database.name: database}
        for name in FILE_FOLDERS:
            root = data_dir / name
            if root.is_dir():
                for path in sorted(p for p in root.rglob("*") if p.is_file()):
                    members[f"files/{name}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "sillon_version": version("sillon"),
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "migrations": migration_state(),
            "counts": counts,
            "checksums": {name: sha256(path) for name, path in members.items()},
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(body))
            for name, path in members.items():
                archive.add(path, arcname=name, recursive=False)
        os.chmod(partial, 0o600)
        partial.replace(output)
    return manifest


def read_archive(path: Path, folder: Path) -> dict:
    """Extract and check the archive into `folder`; returns its manifest."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(folder, filter="data")
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} is not a complete Sillon backup ({error}).") from error
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
        checksums = manifest["checksums"]
        if not {"counts", "migrations", "vendor"} <= manifest.keys():
            raise KeyError("counts, migrations, vendor")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path} has no readable manifest: it is not a Sillon backup.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is in a backup format this Sillon does not read.")
    for name, expected in checksums.items():
        member = folder / name
        if not member.is_file() or sha256(member) != expected:
            raise BackupError(f"{path} is damaged: {name} does not match its checksum.")
    return manifest


def check_target(manifest: dict) -> None:
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['vendor']} database; Sillon runs on "
            f"{connection.vendor} (DATABASE_URL)."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "This backup comes from a newer version of Sillon (migrations unknown here: "
            f"{', '.join(unknown[:5])}). Install that version, or a later one, to restore it."
        )
    holding = sorted(t for t, n in row_counts().items() if n and t not in NOT_DATA)
    if holding:
        raise BackupError(
            "The database is not empty (rows in "
            f"{', '.join(holding[:5])}): restore only into an empty database."
        )


def _load_database(folder: Path, vendor: str) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as snapshot:
            snapshot.backup(connection.connection)
        snapshot.close()
        return
    arguments, env = _postgres_environment()
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *arguments,
            str(folder / "database.dump"),
        ],
        env,
    )


def restore(path: Path) -> dict:
    """Restore the archive into this (empty) database and the data folder."""
    with tempfile.TemporaryDirectory(prefix="sillon-restore-") as scratch:
        folder = Path(scratch)
        manifest = read_archive(path, folder)
        check_target(manifest)
        _load_database(folder, manifest["vendor"])
        counts = row_counts()
        wrong = sorted(
            table for table, count in manifest["counts"].items() if counts.get(table) != count
        )
        if wrong:
            raise BackupError(
                f"The restored database does not hold the rows counted at the backup "
                f"({', '.join(wrong[:5])})."
            )
        files = folder / "files"
        if files.is_dir():
            data_dir = Path(settings.DATA_DIR)
            for source in sorted(p for p in files.rglob("*") if p.is_file()):
                target = data_dir / source.relative_to(files)
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                shutil.copy2(source, target)
                target.chmod(0o600)
    return manifest
