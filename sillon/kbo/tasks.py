"""Reading an uploaded extract in the background (`sillon worker`)."""

from django.utils.translation import gettext as _

from sillon.core.tasks import is_last_attempt, retried_task
from sillon.kbo import uploads
from sillon.kbo.extract import ExtractError
from sillon.kbo.models import ExtractUpload, UploadStatus
from sillon.kbo.sync import sync_extract


def _set(upload: ExtractUpload, **fields) -> None:
    for name, value in fields.items():
        setattr(upload, name, value)
    ExtractUpload.objects.filter(pk=upload.pk).update(**fields)


@retried_task
def sync_uploaded_extract(upload_pk: int) -> None:
    upload = ExtractUpload.objects.filter(pk=upload_pk).first()
    if upload is None or upload.status in (UploadStatus.DONE, UploadStatus.FAILED):
        return
    _set(upload, status=UploadStatus.RUNNING)
    try:
        run = sync_extract(uploads.path_of(upload))
    except ExtractError as error:  # a bad extract: reading it again would not help
        _set(upload, status=UploadStatus.FAILED, error=str(error))
        uploads.discard(upload)
        return
    except Exception as error:
        message = _("The extract could not be read: %(error)s") % {"error": error}
        if is_last_attempt():
            _set(upload, status=UploadStatus.FAILED, error=message)
            uploads.discard(upload)
        else:
            retrying = _("It will be tried again in a few minutes.")
            _set(upload, status=UploadStatus.QUEUED, error=f"{message} {retrying}")
        raise
    _set(upload, status=UploadStatus.DONE, sync_run=run, error="")
    uploads.discard(upload)
