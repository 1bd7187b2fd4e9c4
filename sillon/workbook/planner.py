"""What an import would do: the references of every row checked against the database
and the workbook, then each row found by its key among the organisation's records
(loaded once per sheet) and classed as created, updated or unchanged."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sillon.accounts.models import Organisation
from sillon.workbook import mission
from sillon.workbook.records import BINDINGS, Links, same
from sillon.workbook.validate import Parsed, Row, project_allowed

PROJECT_COLUMNS = {
    "holders": "project_ref",
    "enrolments": "project_ref",
    "enterprises": "project_ref",
    "transfers": "project_ref",
    "impact": "project_ref",
}
ENTERPRISE_SHEETS = ("jobs", "accreditation", "non_accreditation", "stakes")
PROGRAMME_SHEETS = ("enrolments", "activities", "costs", "applications")
PARTNER_SHEETS = ("transfers", "interactions")


@dataclass
class SheetPlan:
    name: str
    create: list[Row] = field(default_factory=list)
    # (record, row, the columns whose value changes)
    update: list[tuple] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.create),
            "updated": len(self.update),
            "unchanged": self.unchanged,
        }


@dataclass
class Plan:
    sheets: dict[str, SheetPlan]

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return {name: plan.counts for name, plan in self.sheets.items()}

    @property
    def changes(self) -> int:
        return sum(len(p.create) + len(p.update) for p in self.sheets.values())


def plan(organisation: Organisation, parsed: Parsed) -> Plan:
    links = Links(organisation)
    check_references(parsed, links)
    result = Plan({})
    for binding in BINDINGS:
        if binding.sheet_name in parsed.sheets:
            result.sheets[binding.sheet_name] = plan_sheet(binding, parsed, organisation)
    return result


def plan_sheet(binding, parsed: Parsed, organisation) -> SheetPlan:
    sheet = binding.sheet
    existing = {
        tuple(row[name] for name in sheet.key): (record, row)
        for record, row in binding.existing(organisation)
    }
    sheet_plan = SheetPlan(sheet.name)
    for row in parsed.rows(sheet.name):
        found = existing.get(row.key(sheet))
        if found is None:
            sheet_plan.create.append(row)
            continue
        record, current = found
        changed = [
            name
            for name, value in row.values.items()
            if name not in sheet.key and not same(value, current.get(name))
        ]
        if changed:
            sheet_plan.update.append((record, row, changed))
        else:
            sheet_plan.unchanged += 1
    return sheet_plan


def keep(parsed: Parsed, sheet: str, check) -> None:
    """Drop the rows of `sheet` for which `check(row)` reported a problem."""
    if sheet in parsed.sheets:
        parsed.sheets[sheet].rows = [row for row in parsed.rows(sheet) if check(row)]


def check_references(parsed: Parsed, links: Links) -> None:
    projects = set(links.projects) | {r.values["project_ref"] for r in parsed.rows("projects")}
    programmes = set(links.programmes) | {r.values["code"] for r in parsed.rows("programmes")}
    enterprises = set(links.enterprises) | {
        r.values["project_ref"] for r in parsed.rows("enterprises")
    }

    def known_project(sheet, column):
        def check(row):
            if row.values[column] in projects:
                return True
            parsed.problem(
                sheet,
                row.number,
                column,
                row.values[column],
                _("No project has this reference, in Sillon or in the projects sheet."),
            )
            return False

        return check

    for sheet, column in PROJECT_COLUMNS.items():
        keep(parsed, sheet, known_project(sheet, column))

    def activity_projects(row):
        missing = [ref for ref in row.values.get("project_refs", []) if ref not in projects]
        if missing:
            parsed.problem(
                "activities",
                row.number,
                "project_refs",
                "; ".join(missing),
                _("No project has this reference, in Sillon or in the projects sheet."),
            )
        return not missing

    keep(parsed, "activities", activity_projects)

    def has_enterprise(sheet):
        def check(row):
            ref = row.values["project_ref"]
            if ref in enterprises:
                return True
            message = (
                _("This project has no enterprise, in Sillon or in the enterprises sheet.")
                if ref in projects
                else _("No project has this reference, in Sillon or in the projects sheet.")
            )
            parsed.problem(sheet, row.number, "project_ref", ref, message)
            return False

        return check

    for sheet in ENTERPRISE_SHEETS:
        keep(parsed, sheet, has_enterprise(sheet))

    def known_programme(sheet):
        def check(row):
            code = row.values.get("programme", "")
            if not code or code in programmes:
                return True
            parsed.problem(
                sheet,
                row.number,
                "programme",
                code,
                _("No programme has this code, in Sillon or in the programmes sheet."),
            )
            return False

        return check

    for sheet in PROGRAMME_SHEETS:
        keep(parsed, sheet, known_programme(sheet))

    in_sheet = {}
    for row in parsed.rows("partners"):
        in_sheet[row.values["name"].casefold()] = row.values["code"]
        in_sheet[row.values["code"].casefold()] = row.values["code"]

    def known_partner(sheet):
        def check(row):
            # The key holds the partner's code, whichever way the cell names it.
            named = row.values["partner"]
            if named.casefold() in in_sheet:
                row.values["partner"] = in_sheet[named.casefold()]
                return True
            if links.partner(named):
                row.values["partner"] = links.partner_code(named)
                return True
            parsed.problem(
                sheet,
                row.number,
                "partner",
                row.values["partner"],
                _("No partner of the organisation has this code or name."),
            )
            return False

        return check

    for sheet in PARTNER_SHEETS:
        keep(parsed, sheet, known_partner(sheet))
    check_enterprise_numbers(parsed, links)
    check_applications(parsed, links, projects)
    mission.check_references(parsed, links)


def check_enterprise_numbers(parsed: Parsed, links: Links) -> None:
    """An enterprise number belongs to one enterprise of the organisation."""
    from sillon.register.models import Enterprise

    owner = {
        number: ref
        for ref, number in Enterprise.objects.filter(organisation=links.organisation)
        .exclude(enterprise_number="")
        .values_list("project__ref", "enterprise_number")
    }
    rows = parsed.rows("enterprises")
    renumbered = {r.values["project_ref"] for r in rows if "enterprise_number" in r.values}
    owner = {number: ref for number, ref in owner.items() if ref not in renumbered}

    def check(row):
        number = row.values.get("enterprise_number", "")
        if not number:
            return True
        holder = owner.setdefault(number, row.values["project_ref"])
        if holder == row.values["project_ref"]:
            return True
        parsed.problem(
            "enterprises",
            row.number,
            "enterprise_number",
            number,
            _("Another enterprise of the organisation (project %(ref)s) has this number.")
            % {"ref": holder},
        )
        return False

    keep(parsed, "enterprises", check)


def check_applications(parsed: Parsed, links: Links, projects: set) -> None:
    """The project an application became is known; and a row that leaves out the decision,
    the project or one of the dates keeps the record's, which must still agree with the
    row (validate.application_rules checks the rows that give both)."""
    from sillon.register.models import Application

    if "applications" not in parsed.sheets:
        return
    stored = {
        ref: {"date": day, "decision_date": decided, "decision": decision, "project_ref": project}
        for ref, day, decided, decision, project in Application.objects.filter(
            organisation=links.organisation
        ).values_list("ref", "date", "decision_date", "decision", "project__ref")
    }
    new = {"date": None, "decision_date": None, "decision": "waiting", "project_ref": ""}

    def check(row):
        values = row.values
        ref = values.get("project_ref", "")
        if ref and ref not in projects:
            parsed.problem(
                "applications",
                row.number,
                "project_ref",
                ref,
                _("No project has this reference, in Sillon or in the projects sheet."),
            )
            return False
        current = stored.get(values["application_ref"], new)
        if "decision" not in values or "project_ref" not in values:
            decision = values.get("decision", current["decision"])
            project = values.get("project_ref", current["project_ref"] or "")
            if not project_allowed(decision, project):
                column = "project_ref" if "project_ref" in values else "decision"
                parsed.problem(
                    "applications",
                    row.number,
                    column,
                    values.get(column, ""),
                    _("Only an accepted application became a project."),
                )
                return False
        if "date" not in values or "decision_date" not in values:
            day = values.get("date", current["date"])
            decided = values.get("decision_date", current["decision_date"])
            if day and decided and decided < day:
                column = "decision_date" if "decision_date" in values else "date"
                parsed.problem(
                    "applications",
                    row.number,
                    column,
                    values[column],
                    _("The decision date cannot be before the application date."),
                )
                return False
        return True

    keep(parsed, "applications", check)
