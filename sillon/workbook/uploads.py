"""An uploaded workbook kept between the preview and the confirmation: in the data
folder under a random name, and found again only by the member who uploaded it, for
the same organisation (the form carries the random token, never a path)."""

import secrets
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "sillon_workbook_uploads"


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(request: HttpRequest, file_name: str, content: bytes) -> str:
    token = secrets.token_urlsafe(24)
    (folder() / f"{token}.upload").write_bytes(content)
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
    path = folder() / f"{token}.upload"
    if not path.is_file():
        return None
    content = path.read_bytes()
    path.unlink()
    return entry["file_name"], content
