"""The Data section: import (upload → preview → confirm), the history of imports, the
template and the export of the organisation's workbook."""

import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.permissions import organisation_view
from sillon.accounts.roles import Ability
from sillon.workbook import uploads
from sillon.workbook.actions import import_workbook, refuse_upload
from sillon.workbook.export import export_organisation, write_workbook
from sillon.workbook.lists import LISTS
from sillon.workbook.models import ImportRun
from sillon.workbook.reader import max_bytes
from sillon.workbook.template import write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@organisation_view(Ability.VIEW_RECORDS)
def data(request: HttpRequest) -> HttpResponse:
    runs = ImportRun.objects.filter(organisation=request.organisation).select_related("user")
    return render(
        request,
        "workbook/data.html",
        {"section": "data", "runs": runs[:50], "limit_mb": max_bytes() // 2**20},
    )


def may_manage(request) -> bool:
    return request.membership.can(Ability.MANAGE_ORGANISATION)


@organisation_view(Ability.EDIT_RECORDS, methods=["POST"])
def import_preview(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    context = {"section": "data"}
    if upload is None:
        messages.error(request, _("Choose a file to import."))
        return redirect("data", request.organisation.slug)
    if upload.size > max_bytes():
        reason = _("The file is too large (%(size)d MB); the limit is %(limit)d MB.") % {
            "size": (upload.size + 2**20 - 1) // 2**20,
            "limit": max_bytes() // 2**20,
        }
        refuse_upload(request.organisation, upload.name, upload.size, request.user, reason)
        messages.error(request, reason)
        return redirect("data", request.organisation.slug)
    content = upload.read()
    result = import_workbook(
        request.organisation,
        content,
        upload.name,
        user=request.user,
        dry_run=True,
        may_manage_organisation=may_manage(request),
    )
    if result.ok:
        context["token"] = uploads.keep(request, upload.name, content)
    context["result"] = result
    return render(request, "workbook/preview.html", context)


@organisation_view(Ability.EDIT_RECORDS, methods=["POST"])
def import_confirm(request: HttpRequest) -> HttpResponse:
    kept = uploads.take(request, request.POST.get("token", ""))
    if kept is None:
        messages.error(request, _("This upload has expired or was already imported."))
        return redirect("data", request.organisation.slug)
    file_name, content = kept
    result = import_workbook(
        request.organisation,
        content,
        file_name,
        user=request.user,
        may_manage_organisation=may_manage(request),
    )
    if not result.ok:
        return render(request, "workbook/preview.html", {"section": "data", "result": result})
    messages.success(
        request,
        _("%(file)s imported: %(created)d records created, %(updated)d updated.")
        % {"file": file_name, "created": result.run.created, "updated": result.run.updated},
    )
    return redirect("data", request.organisation.slug)


@organisation_view(Ability.VIEW)
def template_download(request: HttpRequest) -> HttpResponse:
    buffer = io.BytesIO()
    write_template(buffer)
    return xlsx_response(buffer, "sillon-template.xlsx")


@organisation_view(Ability.VIEW_RECORDS)
def export_download(request: HttpRequest) -> HttpResponse:
    """The organisation's workbook; without names, contacts and notes for a member who
    may not see personal data (that export is for reading, not for re-import)."""
    buffer = io.BytesIO()
    personal = request.membership.can(Ability.VIEW_PERSONAL_DATA)
    export_organisation(request.organisation, buffer, personal=personal)
    record_event(EventKind.WORKBOOK_EXPORTED, request=request, personal=personal)
    return xlsx_response(buffer, f"{request.organisation.slug}.xlsx")


@organisation_view(Ability.VIEW_RECORDS)
def list_export(request: HttpRequest, name: str) -> HttpResponse:
    """One list page's records, with the page's filters (its query string), as a
    sheet of the workbook; without personal columns for a member who may not see them."""
    record_list = LISTS.get(name)
    if record_list is None:
        raise Http404
    personal = request.membership.can(Ability.VIEW_PERSONAL_DATA)
    columns, rows = record_list.rows(request.organisation, request.GET, personal)
    buffer = io.BytesIO()
    write_workbook({record_list.sheet: (columns, rows)}, buffer)
    record_event(
        EventKind.LIST_EXPORTED, request=request, list=name, personal=personal, rows=len(rows)
    )
    return xlsx_response(buffer, f"{request.organisation.slug}-{name}.xlsx")


def xlsx_response(buffer: io.BytesIO, file_name: str) -> HttpResponse:
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
