import io

import pytest
from django.core.management import CommandError, call_command

from sillon.accounts.models import Organisation
from sillon.register.models import Project
from sillon.workbook.actions import import_workbook
from tests.workbook.helpers import PROJECTS, xlsx

pytestmark = pytest.mark.django_db


def test_template_imports_cleanly(tmp_path, org_a):
    path = tmp_path / "t.xlsx"
    call_command("template", output=str(path))
    result = import_workbook(org_a, path)
    assert result.problems == []


def test_import_export_round(tmp_path, org_a):
    path = tmp_path / "b.xlsx"
    path.write_bytes(xlsx({"projects": PROJECTS}))
    out = io.StringIO()
    call_command("import", str(path), organisation="new", create_organisation=True, stdout=out)
    assert Project.objects.get(organisation__slug="new").ref == "P-1"
    exported = tmp_path / "e.xlsx"
    call_command("export", organisation="new", output=str(exported))
    result = import_workbook(Organisation.objects.get(slug="new"), exported)
    assert all(c["created"] == c["updated"] == 0 for c in result.counts.values())


def test_dry_run_writes_nothing_and_unknown_organisation_is_an_error(tmp_path, org_a):
    path = tmp_path / "b.xlsx"
    path.write_bytes(xlsx({"projects": PROJECTS}))
    call_command("import", str(path), organisation=org_a.slug, dry_run=True, stdout=io.StringIO())
    assert not Project.objects.exists()
    with pytest.raises(CommandError):
        call_command("import", str(path), organisation="nobody", stdout=io.StringIO())
    call_command(
        "import",
        str(path),
        organisation="n2",
        create_organisation=True,
        dry_run=True,
        stdout=io.StringIO(),
    )
    assert not Organisation.objects.filter(slug="n2").exists()


def test_errors_are_printed_one_per_line_and_exit_1(tmp_path, org_a):
    path = tmp_path / "b.xlsx"
    path.write_bytes(xlsx({"projects": [PROJECTS[0], ["P-1", "", "x", "market", "2024-13-01"]]}))
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 error"):
        call_command("import", str(path), organisation=org_a.slug, lang="en", stderr=err)
    assert err.getvalue().count("projects:2") == 3
