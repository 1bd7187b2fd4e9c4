"""Extracts uploaded on the Official register page: written to the data folder in
chunks as they arrive (never held in memory), readable by Sillon's user only, read by
a background task, then deleted. Retention deletes any left after 7 days."""

import os
import secrets
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import get_valid_filename

from sillon.kbo.models import ExtractUpload, UploadStatus

# The full extract of the register is a zip of a few hundred megabytes.
MAX_BYTES = 2 * 1024**3
CHUNK = 1024 * 1024
KEPT_DAYS = 7


def root() -> Path:
    path = Path(settings.DATA_DIR) / "kbo-extracts"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def path_of(upload: ExtractUpload) -> Path:
    return root() / upload.folder / upload.file_name


def keep(uploaded_file, organisation, user) -> ExtractUpload:
    """Write the upload to its own folder, record it, and enqueue its reading once the
    row is committed."""
    from sillon.kbo.tasks import sync_uploaded_extract

    folder = secrets.token_hex(16)
    name = get_valid_filename(Path(uploaded_file.name).name) or "extract.zip"
    (root() / folder).mkdir(mode=0o700)
    descriptor = os.open(root() / folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        for chunk in uploaded_file.chunks(CHUNK):
            file.write(chunk)
    upload = ExtractUpload.objects.create(
        organisation=organisation,
        uploaded_by=user,
        file_name=name,
        size=uploaded_file.size,
        folder=folder,
    )
    transaction.on_commit(lambda: sync_uploaded_extract.enqueue(upload.pk))
    return upload


def discard(upload: ExtractUpload) -> None:
    shutil.rmtree(root() / upload.folder, ignore_errors=True)


def delete_old(now, dry_run: bool) -> int:
    """Retention rule: the files of uploads read, failed, or older than KEPT_DAYS."""
    limit = now - timedelta(days=KEPT_DAYS)
    waiting = set(
        ExtractUpload.objects.filter(
            status__in=[UploadStatus.QUEUED, UploadStatus.RUNNING], uploaded_at__gte=limit
        ).values_list("folder", flat=True)
    )
    old = [path for path in root().iterdir() if path.is_dir() and path.name not in waiting]
    if not dry_run:
        for path in old:
            shutil.rmtree(path, ignore_errors=True)
    return len(old)
