"""The edit and delete pages every record shares: a form page and a confirmation page."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view, require
from sillon.accounts.roles import Ability

# Closed periods (docs/spec/domain.md, "History and provenance"): a higher app tells
# up to which day the figures were reported, from its AppConfig.ready() (the reports
# register the end of the latest period of a produced report).
CLOSED_UNTIL: list[Callable[[object], date | None]] = []

# The field that dates a record, in this order of preference.
DATE_FIELDS = ("date", "start_date", "period_start", "intake_date")
REASON_MAX_LENGTH = 200


def closed_until(organisation) -> date | None:
    """The last day of the organisation's closed periods, or None."""
    days = [day for provider in CLOSED_UNTIL if (day := provider(organisation)) is not None]
    return max(days, default=None)


def record_date(record: Model) -> date | None:
    for name in DATE_FIELDS:
        if (value := getattr(record, name, None)) is not None:
            return value
    return None


def in_closed_period(record: Model) -> bool:
    """Whether a figure already reported may count the record."""
    until = closed_until(record.organisation)
    day = record_date(record)
    return until is not None and day is not None and day <= until


def form_page(
    request: HttpRequest,
    form_class,
    *,
    title: str,
    section: str,
    cancel_url: str,
    success_url: Callable[[Model], str],
    instance: Model | None = None,
    initial: dict | None = None,
    save: Callable | None = None,
    template: str = "core/form.html",
    form_kwargs: dict | None = None,
    warnings: Callable[[Model], list[str]] | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST save it (through `save` when given) and redirect.

    `warnings(saved)` may return messages that do not block the save but deserve a look.
    """

    def show(form) -> HttpResponse:
        context = {"form": form, "title": title, "section": section, "cancel_url": cancel_url}
        return render(request, template, context)

    data = request.POST if request.method == "POST" else None
    form = form_class(
        data,
        instance=instance,
        initial=initial,
        organisation=request.organisation,
        **(form_kwargs or {}),
    )
    if data is not None and form.is_valid():
        try:
            with transaction.atomic():
                saved = save(form) if save else form.save()
        except IntegrityError:
            # Someone saved the same reference or number between the check and the save.
            form.add_error(
                None, _("Another record with the same reference was saved meanwhile: check.")
            )
            return show(form)
        messages.success(request, _("“%(record)s” was saved.") % {"record": saved})
        for warning in warnings(saved) if warnings else []:
            messages.warning(request, warning)
        return redirect(success_url(saved))
    return show(form)


def delete_page(
    request: HttpRequest,
    record: Model,
    *,
    section: str,
    cancel_url: str,
    success_url: str,
    consequences: str = "",
    delete: Callable[[], str | None] | None = None,
    question: str = "",
    button: str = "",
    ask_reason: bool = True,
) -> HttpResponse:
    """Ask for confirmation and a reason; on POST delete, unless other records still
    need this one. The reason goes into the history with who deleted (simple-history's
    change reason). A record counted in a closed period needs a manager.

    `delete` replaces the plain deletion and may return the message to show;
    `ask_reason` is false where the action names its own reason (an erasure).
    """
    if in_closed_period(record):
        require(request.membership, Ability.EDIT_RECORDS)
    reason = request.POST.get("reason", "").strip()[:REASON_MAX_LENGTH]
    error = ""
    if request.method == "POST" and not reason and ask_reason:
        error = _("Say why it is deleted: the reason is kept in its history.")
    elif request.method == "POST":
        record._change_reason = reason
        try:
            if delete:
                done = delete()
            else:
                record.delete()
                done = None
        except ProtectedError as error:
            messages.error(
                request,
                _("“%(record)s” cannot be deleted: %(count)s other records still refer to it.")
                % {"record": record, "count": len(error.protected_objects)},
            )
            return redirect(cancel_url)
        messages.success(request, done or _("“%(record)s” was deleted.") % {"record": record})
        return redirect(success_url)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "record": record,
            "section": section,
            "cancel_url": cancel_url,
            "consequences": consequences,
            "question": question or _("Delete “%(record)s”?") % {"record": record},
            "button": button or _("Delete"),
            "ask_reason": ask_reason,
            "reason": reason,
            "error": error,
            "max_length": REASON_MAX_LENGTH,
        },
        status=400 if error else 200,
    )


@dataclass(frozen=True)
class RecordPages:
    """The create, edit and delete pages of a simple record of the organisation, each
    returning to the list page `list_url_name`. URLs name them one by one, passing the
    RecordPages to the generic views below:
    `path("…/new/", record_create, {"pages": PROGRAMME_PAGES}, name="programme_create")`.
    """

    model: type[Model]
    form_class: type
    ability: Ability
    list_url_name: str
    section: str
    new_title: str
    edit_title: str | None = None
    initial: Callable[[HttpRequest], dict | None] | None = None
    warnings: Callable[[Model], list[str]] | None = None

    def list_url(self, request: HttpRequest) -> str:
        return reverse(self.list_url_name, args=[request.organisation.slug])


FORM_METHODS = ["GET", "HEAD", "POST"]


@organisation_view(Ability.VIEW, methods=FORM_METHODS)
def record_create(request: HttpRequest, pages: RecordPages) -> HttpResponse:
    require(request.membership, pages.ability)
    url = pages.list_url(request)
    return form_page(
        request,
        pages.form_class,
        title=pages.new_title,
        section=pages.section,
        cancel_url=url,
        success_url=lambda saved: url,
        warnings=pages.warnings,
        initial=pages.initial(request) if pages.initial else None,
    )


@organisation_view(Ability.VIEW, methods=FORM_METHODS)
def record_edit(request: HttpRequest, pk: int, pages: RecordPages) -> HttpResponse:
    require(request.membership, pages.ability)
    record = get_for_organisation_or_404(request.organisation, pages.model, pk=pk)
    url = pages.list_url(request)
    return form_page(
        request,
        pages.form_class,
        instance=record,
        title=pages.edit_title or str(record),
        section=pages.section,
        cancel_url=url,
        success_url=lambda saved: url,
        warnings=pages.warnings,
    )


@organisation_view(Ability.VIEW, methods=FORM_METHODS)
def record_delete(request: HttpRequest, pk: int, pages: RecordPages) -> HttpResponse:
    require(request.membership, pages.ability)
    record = get_for_organisation_or_404(request.organisation, pages.model, pk=pk)
    url = pages.list_url(request)
    return delete_page(request, record, section=pages.section, cancel_url=url, success_url=url)
