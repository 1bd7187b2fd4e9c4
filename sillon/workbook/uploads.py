"""An uploaded workbook kept between the preview and the confirmation: in the data
folder, under the organisation's own folder and a random name, and found again only by
the member who uploaded it, for the same organisation (the form carries the random
token, never a path).

The files are readable by Sillon's user only (600, folders 700). A person's erasure
deletes the kept uploads of the organisation that name them (`forget_person`); the
daily retention task deletes those never confirmed.
"""

import logging
import os
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from sillon.codes.text import fold
from sillon.workbook import reader
from sillon.workbook.problems import WorkbookRejected

SESSION_KEY = "sillon_workbook_uploads"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
logger = logging.getLogger(__name__)


def _private_folder(path: Path) -> Path:
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    path.chmod(FOLDER_MODE)  # mkdir's mode is cut by the umask, and not applied if it exists
    return path


def root() -> Path:
    return _private_folder(Path(settings.DATA_DIR) / "imports")


def folder(organisation_id: int) -> Path:
    return _private_folder(root() / str(int(organisation_id)))


def _path(organisation_id: int, token: str, file_name: str) -> Path:
    """<token>.<xlsx|zip>.upload: the kind is all the reader needs of the name."""
    kind = "zip" if file_name.lower().endswith(".zip") else "xlsx"
    return folder(organisation_id) / f"{token}.{kind}.upload"


def keep(request: HttpRequest, file_name: str, content: bytes) -> str:
    token = secrets.token_urlsafe(24)
    path = _path(request.organisation.pk, token, file_name)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {
        "organisation": request.organisation.pk,
        "user": request.user.pk,
        "file_name": file_name,
    }
    request.session[SESSION_KEY] = uploads
    return token


def take(request: HttpRequest, token: str) -> tuple[str, bytes] | None:
    """The kept upload of this member and organisation, removed from the folder."""
    entry = request.session.get(SESSION_KEY, {}).pop(str(token), None)
    request.session.modified = True
    if (
        entry is None
        or entry["organisation"] != request.organisation.pk
        or entry["user"] != request.user.pk
    ):
        return None
    path = _path(request.organisation.pk, str(token), entry["file_name"])
    if not path.is_file():
        return None
    content = path.read_bytes()
    path.unlink()
    return entry["file_name"], content


def names_person(content: bytes, file_name: str, person: dict) -> bool:
    """Whether an upload holds a row naming the person: their e-mail address in a cell,
    or their first and last names in cells of the same row (case and accents aside)."""
    first, last, email = (fold(str(person.get(k) or "")) for k in ("first", "last", "email"))
    try:
        sheets, _problems = reader.read_bytes(file_name, content)
    except WorkbookRejected:
        return True  # unreadable: it cannot be shown not to name them
    for sheet in sheets:
        for _number, values in sheet.rows:
            cells = {fold(str(value).strip()) for value in values if value is not None}
            if (email and email in cells) or (first and last and {first, last} <= cells):
                return True
    return False


def forget_person(organisation_id: int, person: dict) -> int:
    """Delete the kept uploads of the organisation that name the person; returns how
    many. `person` holds "first", "last" and "email" as they were before the erasure."""
    base = root() / str(int(organisation_id))
    if not base.is_dir():
        return 0
    deleted = 0
    for path in base.glob("*.upload"):
        try:
            kind = path.name.split(".")[-2]  # <token>.<kind>.upload
            if names_person(path.read_bytes(), f"upload.{kind}", person):
                path.unlink(missing_ok=True)
                deleted += 1
        except OSError as error:
            logger.warning("Upload %s could not be checked for an erasure: %s", path.name, error)
    return deleted


def person_erased(sender, organisation_id: int, person: dict, **kwargs) -> None:
    """Receiver of register.actions.person_erased: once the erasure is committed."""
    transaction.on_commit(lambda: forget_person(organisation_id, person))


# Uploads never confirmed are deleted after this many days (docs/spec/operations.md).
UNCONFIRMED_DAYS = 7


def delete_unconfirmed(now, dry_run: bool) -> int:
    """Retention rule (sillon purge, the daily job): the kept uploads older than
    UNCONFIRMED_DAYS; returns how many went (or would go)."""
    limit = (now - timedelta(days=UNCONFIRMED_DAYS)).timestamp()
    old = [path for path in root().glob("*/*.upload") if path.stat().st_mtime < limit]
    if not dry_run:
        for path in old:
            path.unlink(missing_ok=True)
    return len(old)
