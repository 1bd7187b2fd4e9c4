"""Writing a plan: inserts and updates per sheet, parents first, with a version of each
record in its history naming the import (and the m2m links of that version). The
caller holds the transaction."""

from sillon.accounts.models import Organisation
from sillon.core import bulk
from sillon.register import linkcounts
from sillon.register.models import Activity, Cohort, Person, Project
from sillon.workbook import mission
from sillon.workbook.planner import Plan
from sillon.workbook.records import BINDINGS, HolderBinding, Links, same

BATCH = 2000


def write(organisation: Organisation, plan: Plan, user, source: str) -> None:
    # First, so that the dashboard figures refresh, and so that SQLite's write lock is
    # held from here on (core.ids.reserve_ids counts on it).
    organisation.bump_data_version()
    links = Links(organisation)
    history = bulk.History(user, source)
    created_ids: dict[str, list[int]] = {}
    for binding in BINDINGS:
        sheet_plan = plan.sheets.get(binding.sheet_name)
        if sheet_plan is None or not (sheet_plan.create or sheet_plan.update):
            continue
        if isinstance(binding, HolderBinding):
            write_holders(organisation, sheet_plan, links, source, history)
            continue
        if binding.sheet_name == "enrolments":
            create_missing_cohorts(organisation, sheet_plan, links, source, history)
        model = binding.model
        created = insert(
            model,
            [
                {"organisation_id": organisation.pk, "source": source}
                | binding.fields(row.values, links)
                for row in sheet_plan.create
            ],
            history,
        )
        created_ids[binding.sheet_name] = created
        updated, names = [], set()
        for record, row, _changed in sheet_plan.update:
            for name, value in binding.fields(row.values, links).items():
                setattr(record, name, value)
                names.add(name)
            record.source = source
            updated.append(record)
        if updated:
            model.objects.bulk_update(updated, sorted(names | {"source"}), batch_size=BATCH)
            history.record(model, [record.pk for record in updated], "~")
        if binding.sheet_name == "activities":
            link_activities(sheet_plan, created, links, history)
        if binding.sheet_name in ("programmes", "projects", "enterprises", "partners"):
            links.refresh()
    mission.write_links(organisation, plan, created_ids, links)


def insert(model, records: list[dict], history: bulk.History) -> list[int]:
    ids = bulk.insert(model, records)
    history.record(model, ids, "+")
    return ids


def link_activities(sheet_plan, created: list[int], links: Links, history) -> None:
    through = Activity.projects.through
    wanted = list(zip(created, sheet_plan.create, strict=True))
    relinked = [
        (record.pk, row) for record, row, changed in sheet_plan.update if "project_refs" in changed
    ]
    if relinked:
        through.objects.filter(activity_id__in=[pk for pk, _row in relinked]).delete()
    bulk.insert(
        through,
        [
            {"activity_id": pk, "project_id": links.projects[ref]}
            for pk, row in wanted + relinked
            for ref in row.values.get("project_refs", [])
        ],
    )
    history.record_links(Activity, "projects", [pk for pk, _row in wanted + relinked])
    linkcounts.recount([pk for pk, _row in wanted + relinked])


def create_missing_cohorts(organisation, sheet_plan, links: Links, source, history) -> None:
    """A cohort named in enrolments but unknown is created, spanning its enrolments."""
    spans: dict[tuple[str, str], list] = {}
    for row in sheet_plan.create + [row for _record, row, _changed in sheet_plan.update]:
        name = row.values.get("cohort", "")
        key = (row.values["programme"], name)
        if name and key not in links.cohorts:
            start, end = row.values["start_date"], row.values.get("end_date")
            span = spans.setdefault(key, [start, end or start])
            span[0], span[1] = min(span[0], start), max(span[1], end or start)
    insert(
        Cohort,
        [
            {
                "organisation_id": organisation.pk,
                "source": source,
                "programme_id": links.programmes[programme],
                "name": name,
                "start_date": start,
                "end_date": end,
            }
            for (programme, name), (start, end) in spans.items()
        ],
        history,
    )
    links.refresh()


def write_holders(organisation, sheet_plan, links: Links, source, history) -> None:
    binding = HolderBinding()
    rows = sheet_plan.create + [row for _record, row, _changed in sheet_plan.update]
    first_row = {}
    for row in rows:
        first_row.setdefault(row.values["person_ref"], row)
    existing = Person.objects.filter(organisation=organisation, ref__in=list(first_row))
    person_ids = {person.ref: person.pk for person in existing}
    existing = {person.ref: person for person in existing}
    new, changed = [], []
    for ref, row in first_row.items():
        fields = binding.fields(row.values)
        person = existing.get(ref)
        if person is None:
            new.append({"organisation_id": organisation.pk, "source": source, "ref": ref} | fields)
        elif not all(same(getattr(person, name), value) for name, value in fields.items()):
            for name, value in fields.items():
                setattr(person, name, value)
            person.source = source
            changed.append(person)
    person_ids |= dict(zip((p["ref"] for p in new), insert(Person, new, history), strict=True))
    if changed:
        names = sorted({*binding.fields(rows[0].values), "source"})
        Person.objects.bulk_update(changed, names, batch_size=BATCH)
        history.record(Person, [person.pk for person in changed], "~")
    added = [
        {
            "project_id": links.projects[row.values["project_ref"]],
            "person_id": person_ids[row.values["person_ref"]],
        }
        for row in sheet_plan.create
    ]
    bulk.insert(Project.holders.through, added)
    history.record_links(Project, "holders", sorted({link["project_id"] for link in added}))
