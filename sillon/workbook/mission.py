"""The workbook's part of the centre's whole mission (docs/spec/mission.md): the mission
and partner codes that activities, cost lines and missions name are checked, then the
links written once every sheet is."""

from django.utils.translation import gettext as _

from sillon.mission.models import ActivityMission, CostLineMission, Mission
from sillon.workbook.validate import Parsed

MISSION_SHEETS = ("activities", "costs")


def check_references(parsed: Parsed, links) -> None:
    from sillon.workbook.planner import keep

    missions = set(links.missions) | {r.values["code"] for r in parsed.rows("missions")}
    partners = {code.casefold() for code in links.partner_codes.values()} | {
        r.values["code"].casefold() for r in parsed.rows("partners")
    }

    def known_mission(sheet):
        def check(row):
            code = row.values.get("mission", "")
            if not code or code in missions:
                return True
            parsed.problem(
                sheet,
                row.number,
                "mission",
                code,
                _("No mission has this code, in Sillon or in the missions sheet."),
            )
            return False

        return check

    for sheet in MISSION_SHEETS:
        keep(parsed, sheet, known_mission(sheet))

    def known_partners(sheet, column):
        def check(row):
            missing = [c for c in row.values.get(column, []) if c.casefold() not in partners]
            if missing:
                parsed.problem(
                    sheet,
                    row.number,
                    column,
                    "; ".join(missing),
                    _("No partner has this code, in Sillon or in the partners sheet."),
                )
            return not missing

        return check

    keep(parsed, "activities", known_partners("activities", "partners"))
    keep(parsed, "missions", known_partners("missions", "also_covered_by"))


def _partner_ids(links, codes) -> list[int]:
    by_code = {code.casefold(): pk for pk, code in links.partner_codes.items()}
    return [by_code[code.casefold()] for code in codes]


def write_links(organisation, plan, created: dict, links) -> None:
    """Missions' partners, activities' missions and partners, cost lines' missions, for
    the rows created or updated that give those columns."""
    links.refresh()

    def rows(sheet, column):
        sheet_plan = plan.sheets.get(sheet)
        if sheet_plan is None:
            return []
        done = list(zip(created.get(sheet, []), sheet_plan.create, strict=True))
        done += [(record.pk, row) for record, row, _changed in sheet_plan.update]
        return [(pk, row) for pk, row in done if column in row.values]

    through = Mission.also_covered_by.through
    covering = rows("missions", "also_covered_by")
    through.objects.filter(mission_id__in=[pk for pk, _row in covering]).delete()
    through.objects.bulk_create(
        through(mission_id=pk, partner_id=partner)
        for pk, row in covering
        for partner in _partner_ids(links, row.values["also_covered_by"])
    )

    activities = dict(rows("activities", "mission"))
    activities |= dict(rows("activities", "partners"))
    existing = {
        link.activity_id: link
        for link in ActivityMission.objects.filter(activity_id__in=list(activities))
    }
    for pk, row in activities.items():
        link = existing.get(pk) or ActivityMission(organisation=organisation, activity_id=pk)
        if "mission" in row.values:
            code = row.values["mission"]
            link.mission_id = links.missions[code] if code else None
        partners = (
            _partner_ids(links, row.values["partners"])
            if "partners" in row.values
            else list(link.partners.values_list("pk", flat=True))
            if link.pk
            else []
        )
        if link.mission_id is None and not partners:
            if link.pk:
                link.delete()
            continue
        link.save()
        link.partners.set(partners)

    for pk, row in rows("costs", "mission"):
        code = row.values["mission"]
        if code:
            CostLineMission.objects.update_or_create(
                cost_line_id=pk,
                defaults={"organisation": organisation, "mission_id": links.missions[code]},
            )
        else:
            CostLineMission.objects.filter(cost_line_id=pk).delete()
