"""The demo's applications (docs/spec/comparison.md §4): each project was an accepted
application some weeks before its intake; about as many more were rejected, withdrawn
or are waiting, some with an enterprise of their own (the comparison group)."""

import datetime
import random

from sillon.core.bulk import write_instances
from sillon.demo.register import enterprise_number
from sillon.register.choices import ApplicationDecision, DecisionReason
from sillon.register.models import Application, Enrolment, Project

SOURCE = "demo"
# Far from the projects' enterprise numbers (demo/register.py), never the same.
NUMBER_OFFSET = 2_000_000
# The comparison group's enterprises stay a few hundred whatever the demo's size: the
# sync of the demo reads them (demo/register_entries.py).
MAX_NUMBERED = 300


def populate(organisation, seed: int) -> int:
    rng = random.Random(f"applications-{seed}")
    first_programme = dict(
        Enrolment.objects.filter(organisation=organisation)
        .order_by("project_id", "start_date")
        .values_list("project_id", "programme_id")
        .distinct()
    )
    rows = []
    per_year: dict[int, int] = {}

    def ref(day: datetime.date) -> str:
        per_year[day.year] = per_year.get(day.year, 0) + 1
        return f"C-{day.year}-{per_year[day.year]:04d}"

    projects = Project.objects.filter(organisation=organisation).order_by("intake_date", "pk")
    programmes = sorted(set(first_programme.values()))
    numbered = 0
    for project in projects.only("pk", "name", "intake_date", "nace_code", "nace_version"):
        programme = first_programme.get(project.pk)
        if programme is None:
            continue
        applied = project.intake_date - datetime.timedelta(days=rng.randint(20, 90))
        rows.append(
            Application(
                organisation=organisation,
                source=SOURCE,
                ref=ref(applied),
                date=applied,
                programme_id=programme,
                name=project.name,
                nace_version=project.nace_version,
                nace_code=project.nace_code,
                decision=ApplicationDecision.ACCEPTED,
                decision_date=applied + datetime.timedelta(days=rng.randint(5, 19)),
                project=project,
            )
        )
        # About one other applicant for each project: rejected, withdrawn or waiting.
        if rng.random() < 0.9:
            day = applied + datetime.timedelta(days=rng.randint(0, 30))
            decision = rng.choices(
                [
                    ApplicationDecision.REJECTED,
                    ApplicationDecision.WITHDRAWN,
                    ApplicationDecision.WAITING,
                ],
                [6, 2, 1],
            )[0]
            decided = decision != ApplicationDecision.WAITING
            number = ""
            if rng.random() < 0.4 and numbered < MAX_NUMBERED:
                number = enterprise_number(NUMBER_OFFSET + len(rows))
                numbered += 1
            rows.append(
                Application(
                    organisation=organisation,
                    source=SOURCE,
                    ref=ref(day),
                    date=day,
                    programme_id=rng.choice(programmes),
                    name=f"{project.name} ({rng.randint(2, 99)})",
                    enterprise_number=number,
                    decision=decision,
                    decision_date=day + datetime.timedelta(days=rng.randint(5, 40))
                    if decided
                    else None,
                    reason=rng.choice(DecisionReason.values) if decided else "",
                )
            )
    rows = [row for row in rows if row.date <= datetime.date.today()]
    write_instances(Application, rows)  # the demo's one bulk writer (docs/performance.md)
    return len(rows)
