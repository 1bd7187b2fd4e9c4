"""Uploads kept between preview and confirmation: private files, reached by erasure."""

import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sillon.register.actions import erase_person
from sillon.register.models import Person
from sillon.workbook import uploads
from tests.workbook.helpers import PROJECTS, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return tmp_path


def holders(first, last, email=""):
    return {
        "projects": PROJECTS,
        "holders": [
            ["person_ref", "project_ref", "first_name", "last_name", "email"],
            ["H-1", "P-1", first, last, email],
        ],
    }


def preview(persona, organisation, sheets, name="book.xlsx"):
    response = persona.client.post(
        reverse("workbook_import", args=[organisation.slug]),
        {"file": SimpleUploadedFile(name, xlsx(sheets))},
    )
    assert response.context["result"].ok, response.context["result"].problems
    return response.context["token"]


def kept_files(organisation):
    return sorted((uploads.root() / str(organisation.pk)).glob("*.upload"))


def test_a_kept_upload_is_readable_by_sillon_only(org_a, manager, data_dir):
    preview(manager, org_a, {"projects": PROJECTS})
    (path,) = kept_files(org_a)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "imports").stat().st_mode) == 0o700


def test_erasing_a_person_deletes_the_uploads_that_name_them_only(
    org_a, org_b, manager, outsider, django_capture_on_commit_callbacks
):
    preview(manager, org_a, holders("Amélie", "Dupont"))
    preview(manager, org_a, holders("AMELIE ", "dupont"))  # the same person, typed otherwise
    preview(manager, org_a, holders("Bruno", "Dupont"))
    preview(manager, org_a, holders("Someone", "Else", "amelie@example.org"))
    preview(outsider, org_b, holders("Amélie", "Dupont"))  # another organisation's
    person = Person.objects.create(
        organisation=org_a, first_name="Amélie", last_name="Dupont", email="amelie@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(person)
    remaining = [path.read_bytes() for path in kept_files(org_a)]
    assert len(remaining) == 1
    assert uploads.names_person(remaining[0], "x.xlsx", {"first": "Bruno", "last": "Dupont"})
    assert len(kept_files(org_b)) == 1


def test_a_confirmed_upload_is_not_kept(org_a, manager):
    token = preview(manager, org_a, {"projects": PROJECTS})
    manager.client.post(reverse("workbook_import_confirm", args=[org_a.slug]), {"token": token})
    assert kept_files(org_a) == []
