"""Raw sheets → parsed rows and every problem of the workbook itself (headers, cells,
rules between the columns of a row, duplicate keys). References to records of the
database are checked by the planner, which loads them."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from sillon.catalogue.targets import default_direction
from sillon.core import personal_data
from sillon.register.choices import OUTREACH_KINDS, ActivityKind, ApplicationDecision
from sillon.workbook import cells
from sillon.workbook.cells import CellError
from sillon.workbook.problems import Problem, shown
from sillon.workbook.reader import RawSheet
from sillon.workbook.sheets import BY_NAME, EXPORT_ONLY_BY_NAME, IGNORED, SHEETS, Sheet

# Empty cells that mean a value (codes have theirs in their CodeList).
DEFAULTS = {
    ("jobs", "full_time_hours"): Decimal("38.00"),
    ("enterprises", "created_during_accompaniment"): True,
    ("holders", "followup_consent"): False,
}
# A person's data, which every row of the person must give alike.
PERSONAL_DATA = personal_data.personal_fields("register.Person")


@dataclass
class Row:
    number: int
    values: dict  # column name → parsed value, for the columns the sheet has

    def key(self, sheet: Sheet) -> tuple:
        # An optional key column (the programme of a cost) left out reads as empty.
        return tuple(self.values.get(name, "") for name in sheet.key)


@dataclass
class ParsedSheet:
    sheet: Sheet
    title: str  # as written in the file, for messages
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    filled_rows: int = 0  # rows with a value in the file, valid or not


@dataclass
class Parsed:
    sheets: dict[str, ParsedSheet]
    problems: list[Problem]

    def rows(self, name: str) -> list[Row]:
        parsed = self.sheets.get(name)
        return parsed.rows if parsed else []

    def problem(self, sheet: str, row: int | None, column: str, value, message: str) -> None:
        title = self.sheets[sheet].title if sheet in self.sheets else sheet
        self.problems.append(Problem(title, row, column, shown(value), message))


def parse(raw_sheets: list[RawSheet], problems: list[Problem]) -> Parsed:
    parsed = Parsed({}, list(problems))
    for raw in raw_sheets:
        name = raw.name.strip().lower()
        if name == IGNORED or name in EXPORT_ONLY_BY_NAME:
            continue  # notes, and what the export writes for reading only
        sheet = BY_NAME.get(name)
        if sheet is None:
            parsed.problems.append(
                Problem(
                    raw.name,
                    None,
                    "",
                    "",
                    _("Unknown sheet. The sheets are: %(names)s.")
                    % {"names": ", ".join(s.name for s in SHEETS)},
                )
            )
            continue
        if name in parsed.sheets:
            parsed.problems.append(Problem(raw.name, None, "", "", _("This sheet appears twice.")))
            continue
        parsed.sheets[name] = parse_sheet(sheet, raw, parsed.problems)
    for parsed_sheet in parsed.sheets.values():
        check_duplicate_keys(parsed_sheet, parsed.problems)
    check_holders_agree(parsed)
    return parsed


def parse_sheet(sheet: Sheet, raw: RawSheet, problems: list[Problem]) -> ParsedSheet:
    def problem(row, column, value, message):
        problems.append(Problem(raw.name, row, column, shown(value), message))

    positions: dict[str, int] = {}
    for position, title in enumerate(raw.header):
        name = title.strip().lower()
        if not name:
            if any(
                position < len(values) and not cells.is_empty(values[position])
                for _n, values in raw.rows
            ):
                problem(1, "", "", _("A column without a name holds values: name it or clear it."))
            continue
        if name not in sheet.by_name:
            problem(
                1,
                title,
                "",
                _("Unknown column. The columns of this sheet are: %(names)s.")
                % {"names": ", ".join(c.name for c in sheet.columns)},
            )
        elif name in positions:
            problem(1, title, "", _("This column appears twice."))
        else:
            positions[name] = position
    for column in sheet.columns:
        if column.required and column.name not in positions:
            problem(1, column.name, "", _("This column is required."))
    parsed = ParsedSheet(sheet, raw.name, list(positions), filled_rows=len(raw.rows))
    for number, values in raw.rows:
        row = Row(number, {})
        ok = True
        for name, position in positions.items():
            column = sheet.by_name[name]
            value = values[position] if position < len(values) else None
            if column.required and cells.is_empty(value):
                problem(number, name, "", _("This column must not be empty."))
                ok = False
                continue
            try:
                row.values[name] = column.parse(value)
                if row.values[name] is None and (sheet.name, name) in DEFAULTS:
                    row.values[name] = DEFAULTS[sheet.name, name]
            except CellError as error:
                problem(number, name, value, str(error))
                ok = False
        if ok:
            for message, column in ROW_RULES.get(sheet.name, lambda _v: [])(row.values):
                problem(number, column, row.values.get(column), message)
                ok = False
        if ok:
            parsed.rows.append(row)
    return parsed


def check_duplicate_keys(parsed: ParsedSheet, problems: list[Problem]) -> None:
    if not all(
        c.name in parsed.columns
        for c in parsed.sheet.columns
        if c.name in parsed.sheet.key and c.required
    ):
        return
    first_seen: dict[tuple, int] = {}
    kept = []
    for row in parsed.rows:
        key = row.key(parsed.sheet)
        if key in first_seen:
            problems.append(
                Problem(
                    parsed.title,
                    row.number,
                    " + ".join(parsed.sheet.key),
                    shown(" + ".join(shown(part) for part in key)),
                    _("The same key is already on row %(row)d.") % {"row": first_seen[key]},
                )
            )
        else:
            first_seen[key] = row.number
            kept.append(row)
    parsed.rows = kept


def check_holders_agree(parsed: Parsed) -> None:
    """A person holding several projects has one row per project, with the same data."""
    first: dict[str, Row] = {}
    for row in parsed.rows("holders"):
        seen = first.setdefault(row.values["person_ref"], row)
        for name in PERSONAL_DATA:
            if name in row.values and row.values[name] != seen.values[name]:
                parsed.problem(
                    "holders",
                    row.number,
                    name,
                    row.values[name],
                    _("Row %(row)d gives this person other data: every row of a person must agree.")
                    % {"row": seen.number},
                )


def ends_after_starts(values, start: str, end: str):
    if values.get(start) and values.get(end) and values[end] < values[start]:
        yield _("Cannot be before %(column)s.") % {"column": start}, end


def project_rules(values):
    yield from ends_after_starts(values, "intake_date", "status_date")


def enrolment_rules(values):
    yield from ends_after_starts(values, "start_date", "end_date")


def enterprise_rules(values):
    yield from ends_after_starts(values, "creation_date", "cessation_date")


def cost_rules(values):
    yield from ends_after_starts(values, "period_start", "period_end")


def activity_rules(values):
    kind = values.get("kind")
    if kind != ActivityKind.EXPERT:
        for name in ("expert_type", "expert_name", "cost_eur"):
            if values.get(name) not in (None, ""):
                yield _("Only for an expert intervention (kind expert)."), name
    if kind in OUTREACH_KINDS:
        if values.get("project_refs"):
            yield _("An outreach activity has no project."), "project_refs"
        if not values.get("channel"):
            yield _("Required for an outreach activity."), "channel"
    else:
        if kind != ActivityKind.EVENT and not values.get("project_refs"):
            yield (
                _("At least one project is required, except for an event or outreach."),
                "project_refs",
            )
        for name in ("audience", "channel", "partners"):
            if values.get(name) not in (None, "", []):
                yield _("Only for an outreach activity."), name


def stake_rules(values):
    yield from ends_after_starts(values, "acquired_date", "ended_date")


def job_rules(values):
    yield from ends_after_starts(values, "start_date", "end_date")
    weekly = values.get("weekly_hours")
    full_time = values.get("full_time_hours")
    if full_time is not None and full_time <= 0:
        yield _("Must be more than 0."), "full_time_hours"
    elif weekly is not None and (weekly <= 0 or weekly > (full_time or 38)):
        yield _("Weekly hours must be more than 0 and at most the full-time hours."), "weekly_hours"


def holder_rules(values):
    if values.get("followup_consent") and not values.get("followup_consent_date"):
        yield _("Give the date on which the holder agreed."), "followup_consent_date"
    if values.get("followup_consent") and not values.get("email"):
        yield _("Give an e-mail address to follow the holder up."), "email"


def target_rules(values):
    """An empty direction is the indicator's own: at_most for costs (indicators.md)."""
    if not values.get("direction") and values.get("indicator"):
        values["direction"] = default_direction(values["indicator"])
    yield from ()


def application_rules(values):
    """The rules of the Application model (docs/spec/comparison.md §4) between the cells
    of a row; a row that leaves a column out is checked against the record by the
    planner (`planner.check_applications`)."""
    yield from ends_after_starts(values, "date", "decision_date")
    if "decision" in values and not project_allowed(values["decision"], values.get("project_ref")):
        yield _("Only an accepted application became a project."), "project_ref"


def project_allowed(decision: str, project_ref: str | None) -> bool:
    return not project_ref or decision == ApplicationDecision.ACCEPTED


ROW_RULES = {
    "projects": project_rules,
    "holders": holder_rules,
    "enrolments": enrolment_rules,
    "enterprises": enterprise_rules,
    "costs": cost_rules,
    "activities": activity_rules,
    "jobs": job_rules,
    "targets": target_rules,
    "stakes": stake_rules,
    "applications": application_rules,
}
