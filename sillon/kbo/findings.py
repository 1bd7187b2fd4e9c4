"""Where the register disagrees with Sillon: one finding per disagreement, never a
silent overwrite (docs/kbo.md, "Findings")."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from sillon.kbo.choices import FindingKind
from sillon.kbo.models import NORMAL_SITUATION, RegisterEntry

ABSENT = "absent"


@dataclass(frozen=True)
class Disagreement:
    kind: str
    sillon_value: str
    register_value: str


@dataclass(frozen=True)
class SillonValues:
    """What Sillon says of an enterprise, read as plain values (no model instances:
    a sync compares thousands)."""

    pk: int
    organisation_id: int
    enterprise_number: str
    legal_form: str
    creation_date: datetime.date | None
    cessation_date: datetime.date | None
    nace_version: str
    nace_code: str


FIELDS = [
    "pk",
    "organisation_id",
    "enterprise_number",
    "legal_form",
    "creation_date",
    "cessation_date",
    "project__nace_version",
    "project__nace_code",
]


def sillon_values(enterprises: QuerySet) -> list[SillonValues]:
    return [SillonValues(*row) for row in enterprises.values_list(*FIELDS)]


def disagreements(enterprise: SillonValues, entry: RegisterEntry) -> list[Disagreement]:
    """What the register says that Sillon does not, for one enterprise."""
    if not entry.active:
        if enterprise.cessation_date is None:
            return [Disagreement(FindingKind.NO_LONGER_ACTIVE, "", ABSENT)]
        return []
    found = []
    if entry.legal_form and entry.legal_form != enterprise.legal_form:
        found.append(Disagreement(FindingKind.LEGAL_FORM, enterprise.legal_form, entry.legal_form))
    if entry.start_date and entry.start_date != enterprise.creation_date:
        sillon = enterprise.creation_date.isoformat() if enterprise.creation_date else ""
        found.append(Disagreement(FindingKind.CREATION_DATE, sillon, entry.start_date.isoformat()))
    situation = entry.juridical_situation
    if situation and situation != NORMAL_SITUATION and enterprise.cessation_date is None:
        found.append(Disagreement(FindingKind.JURIDICAL_SITUATION, "", situation))
    if not enterprise.nace_code:
        version = enterprise.nace_version
        other = "2025" if version == "2008" else "2008"
        for candidate in (version, other):
            code = entry.nace_2025 if candidate == "2025" else entry.nace_2008
            if code:
                found.append(Disagreement(FindingKind.NACE, "", f"{candidate}:{code}"))
                break
    return found
