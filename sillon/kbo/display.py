"""Values of findings as people read them: codes with their labels, dates in the
user's locale."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sillon.codes import legal_forms, nace
from sillon.kbo.choices import FindingKind
from sillon.kbo.findings import ABSENT
from sillon.kbo.models import Finding, RegisterEntry


def legal_form_text(code: str) -> str:
    return f"{code} — {legal_forms.label(code)}" if code else _("none (natural person)")


def date_text(iso: str) -> str:
    return date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT") if iso else "—"


def nace_text(value: str) -> str:
    version, code = value.split(":")
    activity = nace.lookup(version, code)
    label = activity.label() if activity else ""
    return f"NACE-BEL {version} {code} {label}".strip()


def describe(finding: Finding, entry: RegisterEntry | None) -> tuple[str, str]:
    """(what Sillon says, what the register says) for one finding."""
    kind, sillon, register = finding.kind, finding.sillon_value, finding.register_value
    if kind == FindingKind.LEGAL_FORM:
        return legal_form_text(sillon), legal_form_text(register)
    if kind == FindingKind.CREATION_DATE:
        return date_text(sillon), date_text(register)
    if kind == FindingKind.JURIDICAL_SITUATION:
        label = ""
        if entry is not None and entry.juridical_situation == register:
            label = entry.juridical_situation_label
        return _("active"), f"{register} — {label}" if label else register
    if kind == FindingKind.NO_LONGER_ACTIVE and register == ABSENT:
        snapshot = date_format(finding.sync_run.snapshot_date, "SHORT_DATE_FORMAT")
        return _("active"), _("absent from the extract of %(date)s") % {"date": snapshot}
    if kind == FindingKind.NACE:
        return _("no main activity"), nace_text(register)
    return sillon, register
