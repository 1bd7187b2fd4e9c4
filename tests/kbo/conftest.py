"""Tracked enterprises that the hand-made extract in fixtures/ speaks of.

The full extract (no. 140, snapshot 01-10-2025) agrees with Sillon on Boulangerie
solidaire (its JuridicalForm 008 differs, but JuridicalFormCAC 706 is read first) and
disagrees on the others: Ateliers (legal form 017 → 610), Fietsherstel (creation
01-01-2020 → 01-02-2020), Imprimerie (situation 050, bankruptcy), Quartier Nord (no
NACE in Sillon, 88999 in the register). Épicerie (0600.456.724) is absent: no longer
active. Dupont (0800.111.131) belongs to organisation B.
"""

import datetime
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from sillon.register.models import Enterprise
from tests.register import factories as make

FIXTURES = Path(__file__).parent / "fixtures"
FULL = FIXTURES / "KboOpenData_0140_2025_10_Full"
UPDATE = FIXTURES / "KboOpenData_0141_2025_10_Update"


def zipped(folder: Path, target: Path, leave_out=(), replace=None) -> Path:
    """The folder as the register ships it: a zip of its CSV files."""
    path = target / f"{folder.name}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            if file.name in leave_out:
                continue
            data = file.read_bytes()
            if replace and file.name in replace:
                data = replace[file.name](data)
            archive.writestr(file.name, data)
    return path


def copied(folder: Path, target: Path) -> Path:
    destination = target / folder.name
    shutil.copytree(folder, destination)
    return destination


@dataclass
class Tracked:
    bakery: Enterprise
    workshops: Enterprise
    bikes: Enterprise
    printer: Enterprise
    grocery: Enterprise
    community: Enterprise


def tracked_enterprise(organisation, ref, number, **fields) -> Enterprise:
    project_fields = {"nace_code": fields.pop("nace_code", "10711")}
    project = make.project(organisation, ref, name=fields["name"], **project_fields)
    return make.enterprise(project, enterprise_number=number, **fields)


@pytest.fixture
def tracked(org_a) -> Tracked:
    day = datetime.date
    return Tracked(
        bakery=tracked_enterprise(
            org_a,
            "P-1",
            "0200362210",
            name="Boulangerie solidaire",
            legal_form="706",
            creation_date=day(2021, 3, 15),
        ),
        workshops=tracked_enterprise(
            org_a,
            "P-2",
            "0403123486",
            name="Les Ateliers du Canal",
            legal_form="017",
            creation_date=day(2019, 5, 2),
        ),
        bikes=tracked_enterprise(
            org_a,
            "P-3",
            "0410000093",
            name="Fietsherstel",
            legal_form="706",
            creation_date=day(2020, 1, 1),
        ),
        printer=tracked_enterprise(
            org_a,
            "P-4",
            "0500123486",
            name="Imprimerie La Presse",
            legal_form="610",
            creation_date=day(2018, 9, 12),
        ),
        grocery=tracked_enterprise(
            org_a,
            "P-5",
            "0600456724",
            name="Épicerie du coin",
            legal_form="706",
            creation_date=day(2022, 1, 10),
        ),
        community=tracked_enterprise(
            org_a,
            "P-6",
            "0700999994",
            name="Maison de quartier Nord",
            legal_form="017",
            creation_date=day(2022, 7, 7),
            nace_code="",
        ),
    )


@pytest.fixture
def tracked_b(org_b) -> Enterprise:
    return tracked_enterprise(
        org_b,
        "B-1",
        "0800111131",
        name="Dupont Marie",
        legal_form="",
        creation_date=datetime.date(2024, 6, 30),
    )


@pytest.fixture
def full_zip(tmp_path) -> Path:
    return zipped(FULL, tmp_path)


@pytest.fixture
def update_zip(tmp_path) -> Path:
    return zipped(UPDATE, tmp_path)
