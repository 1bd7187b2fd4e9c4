"""A small full extract matching an organisation's enterprises, for trying the sync as
a new user would: the register agrees with Sillon except for three enterprises — one
in bankruptcy, one gone from the register, one with another legal form."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from sillon.accounts.models import Organisation
from sillon.kbo.writer import dotted, kbo_date, meta_rows, write_zip
from sillon.register.models import Enterprise

# JuridicalSituation labels as code.csv gives them (FR, NL, DE).
SITUATIONS = {
    "000": ("Situation normale", "Normale toestand", "Normale Situation"),
    "050": ("Faillite", "Faillissement", "Konkurs"),
}
LANGUAGES = ("FR", "NL", "DE")
NAME_LANGUAGE = {"fr": "1", "nl": "2"}


@dataclass(frozen=True)
class Fate:
    """An applicant's enterprise in the register: its start, the day it stopped (None
    while it lives) and its name."""

    start: datetime.date
    stop: datetime.date | None
    name: str


def other_legal_form(code: str) -> str:
    return "610" if code != "610" else "706"


def demo_extract(
    organisation: Organisation,
    path: Path,
    number: int = 140,
    snapshot: datetime.date | None = None,
    changes: bool = True,
    applicants: dict[str, "Fate"] | None = None,
    accompanied: bool = True,
) -> dict[str, list[str]]:
    """Write the extract; returns the enterprise numbers changed, by change. Without
    `changes` the register agrees with Sillon on every enterprise; `applicants` adds the
    enterprises of applicants as the register shows them at the snapshot (started by
    then; stopped ones in bankruptcy or gone, in turn); without `accompanied` the
    organisation's own enterprises are left out."""
    snapshot = snapshot or datetime.date.today().replace(day=1)
    enterprises = (
        list(
            Enterprise.objects.filter(organisation=organisation)
            .exclude(enterprise_number="")
            .select_related("project")
            .order_by("enterprise_number")
        )
        if accompanied
        else []
    )
    candidates = [e for e in enterprises if e.cessation_date is None and e.legal_form]
    bankrupt, gone, reformed = ([*candidates, None, None, None] if changes else [None] * 3)[:3]
    tables = {name: [] for name in ("enterprise", "denomination", "address", "activity")}
    for enterprise in enterprises:
        if enterprise is gone:
            continue
        key = dotted(enterprise.enterprise_number)
        situation = "050" if enterprise is bankrupt else "000"
        form = (
            other_legal_form(enterprise.legal_form)
            if enterprise is reformed
            else enterprise.legal_form
        )
        tables["enterprise"].append(
            [
                key,
                "AC",
                situation,
                "2" if enterprise.legal_form else "1",
                form,
                "",
                kbo_date(enterprise.creation_date),
            ]
        )
        tables["denomination"].append([key, NAME_LANGUAGE["fr"], "001", enterprise.name])
        if enterprise.postcode:
            tables["address"].append(
                [
                    key,
                    "REGO",
                    "België",
                    "Belgique",
                    enterprise.postcode,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        project = enterprise.project
        if project.nace_code:
            tables["activity"].append([key, "001", project.nace_version, project.nace_code, "MAIN"])
    for position, (enterprise_number, fate) in enumerate(sorted((applicants or {}).items())):
        if fate.start > snapshot:
            continue  # not yet registered
        stopped = fate.stop is not None and fate.stop <= snapshot
        if stopped and position % 2:
            continue  # gone from the register
        key = dotted(enterprise_number)
        situation = "050" if stopped else "000"
        tables["enterprise"].append([key, "AC", situation, "2", "610", "", kbo_date(fate.start)])
        tables["denomination"].append([key, NAME_LANGUAGE["fr"], "001", fate.name])
    tables = {
        "meta": meta_rows("full", number, snapshot),
        "code": [
            ["JuridicalSituation", code, language, label]
            for code, labels in SITUATIONS.items()
            for language, label in zip(LANGUAGES, labels, strict=True)
        ],
        **tables,
        "establishment": [],
        "contact": [],
        "branch": [],
    }
    write_zip(path, tables)
    return {
        "bankruptcy": [bankrupt.enterprise_number] if bankrupt else [],
        "absent": [gone.enterprise_number] if gone else [],
        "legal_form": [reformed.enterprise_number] if reformed else [],
    }
