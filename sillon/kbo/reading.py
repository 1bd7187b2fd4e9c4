"""What an extract says about the tracked enterprise numbers: one RegisterView per
number, built from the rows that `scan` found (docs/spec/reference.md, KBO open data)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sillon.kbo.extract import Extract, ExtractError, parse_date
from sillon.kbo.scan import matching_rows, quoted

# code.csv gives labels in these languages (FR, NL, DE; sometimes EN).
REGISTERED_OFFICE = "REGO"
MAIN_ACTIVITY = "MAIN"


@dataclass
class RegisterView:
    """The parts of an enterprise that each table gives; None: the table said nothing."""

    enterprise: dict | None = None
    names: list | None = None
    postcode: str | None = None
    nace: dict | None = None  # {"2008": code, "2025": code}


@dataclass
class ExtractReading:
    # enterprise number (10 digits) → the parts read from the inserts (or the full tables)
    views: dict[str, RegisterView] = field(default_factory=dict)
    # For an update: the numbers deleted, per table.
    deleted: dict[str, set[str]] = field(default_factory=dict)
    situation_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    lines_read: int = 0


def digits(dotted: str) -> str:
    return dotted.replace(".", "")


def read_extract(extract: Extract, tracked: list[str]) -> ExtractReading:
    """Read every table the sync needs; only the tracked numbers' rows are kept."""
    needles = sorted(quoted(number) for number in tracked)
    reading = ExtractReading(situation_labels=read_situation_labels(extract))
    suffix = "" if extract.meta.kind == "full" else "_insert"
    if extract.meta.kind == "update":
        for table in ("enterprise", "denomination", "address", "activity"):
            member = f"{table}_delete.csv"
            rows = table_rows(extract, member, needles)
            reading.deleted[table] = {digits(row[0]) for row in rows}
    tables = {
        "enterprise": _apply_enterprise,
        "denomination": _apply_denomination,
        "address": _apply_address,
        "activity": _apply_activity,
    }
    for table, apply in tables.items():
        rows = table_rows(extract, f"{table}{suffix}.csv", needles)
        reading.lines_read += len(rows)
        for row in rows:
            view = reading.views.setdefault(digits(row[0]), RegisterView())
            try:
                apply(view, row)
            except (ValueError, IndexError) as error:
                raise ExtractError(
                    _("%(member)s of %(file)s has a malformed line: %(line)s")
                    % {
                        "member": f"{table}{suffix}.csv",
                        "file": extract.name,
                        "line": ",".join(row),
                    }
                ) from error
    return reading


def table_rows(extract: Extract, member: str, needles: list[bytes]) -> list[list[str]]:
    def check_header(header: list[str]) -> None:
        extract.check_header(member, header)

    return matching_rows(
        lambda: extract.chunks(member),
        needles,
        check_header,
        lambda: extract.truncated(member),
    )


def read_situation_labels(extract: Extract) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for row in extract.read_rows("code.csv"):
        if len(row) == 4 and row[0] == "JuridicalSituation":
            labels.setdefault(row[1], {})[row[2].lower()] = row[3]
    return labels


def _apply_enterprise(view: RegisterView, row: list[str]) -> None:
    _number, status, situation, type_of_enterprise, form, form_cac, start = row
    view.enterprise = {
        "status": status,
        "juridical_situation": situation,
        "type_of_enterprise": type_of_enterprise,
        "juridical_form": form,
        "juridical_form_cac": form_cac,
        "start_date": parse_date(start),
    }


def _apply_denomination(view: RegisterView, row: list[str]) -> None:
    _number, language, kind, text = row
    if view.names is None:
        view.names = []
    view.names.append([language, kind, text])


def _apply_address(view: RegisterView, row: list[str]) -> None:
    if len(row) != 13:
        raise ValueError
    if row[1] == REGISTERED_OFFICE:
        view.postcode = row[4]
    elif view.postcode is None:
        view.postcode = ""


def _apply_activity(view: RegisterView, row: list[str]) -> None:
    _number, group, version, code, classification = row
    if view.nace is None:
        view.nace = {}
    # Several groups may give a main activity (VAT 001, social security 006, …): the
    # lowest group wins, the same whatever the order of the lines.
    if classification == MAIN_ACTIVITY and version in ("2008", "2025"):
        known = view.nace.get(version)
        if known is None or group < known[0]:
            view.nace[version] = (group, code)
