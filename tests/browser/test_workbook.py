"""The journey of the workbook issue, in a real browser: a manager downloads the
template, fills it in (here with openpyxl, as a spreadsheet program would), imports it,
fixes the three errors the preview points to, imports again and sees the dashboard
change."""

import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from sillon.register.models import Activity, Programme, Project
from tests.browser.test_register_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_projects(page, live_server, org):
    page.goto(live_server.url + f"/o/{org.slug}/")
    row = page.get_by_role("row", name=re.compile("Nouveaux projets"))
    return row.locator("td").first.inner_text().strip()


def fill(path, today) -> None:
    """Two projects enrolled in a programme and two sessions, with three mistakes: a
    date that does not exist, hours in words, an unknown project."""
    book = load_workbook(path)
    book["projects"].append(["P-1", "Épicerie Flagey", "creation", "market", None, None, today])
    book["projects"].append(
        ["P-2", "Repair Café Jette", "creation", "non_market", None, None, today]
    )
    book["enrolments"].append(["P-1", "seeds", None, today])
    book["enrolments"].append(["P-2", "seeds", None, "2026-02-30"])
    book["activities"].append(["A-1", today, "coaching", "deux", "P-1"])
    book["activities"].append(["A-2", today, "coaching", "1,5", "P-404"])
    book.save(path)


def fix(path, corrections: dict) -> None:
    """Type the right value where the preview points: {(sheet, row, column): value}."""
    book = load_workbook(path)
    for (sheet, row, column), value in corrections.items():
        header = [cell.value for cell in book[sheet][1]]
        book[sheet].cell(int(row), header.index(column) + 1, value)
    book.save(path)


def check(page, path) -> None:
    page.get_by_label("Fichier").set_input_files(path)
    page.get_by_role("button", name="Vérifier le fichier").click()


def test_manager_imports_the_template_after_fixing_three_errors(
    page, live_server, org_a, manager, tmp_path
):
    # Programmes are an administrator's: the manager's workbook names one already there.
    Programme.objects.create(organisation=org_a, code="seeds", name_fr="Seeds",
                             name_nl="Seeds", name_en="Seeds", kind="launch")  # fmt: skip
    log_in(page, live_server, manager.user)
    before = new_projects(page, live_server, org_a)
    page.get_by_role("link", name="Données", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le modèle vide").click()
    path = tmp_path / "sillon-template.xlsx"
    download.value.save_as(path)
    today = datetime.date.today()

    fill(path, today)
    check(page, path)
    expect(page.get_by_role("heading", name="3 erreurs : rien n’a été importé.")).to_be_visible()
    rows = page.locator("#import-errors tbody tr")
    expect(rows).to_have_count(3)
    places = sorted(
        tuple(cell.strip() for cell in rows.nth(n).locator("td").all_inner_texts()[:3])
        for n in range(3)
    )
    assert places == [
        ("activities", "2", "hours"),
        ("activities", "3", "project_refs"),
        ("enrolments", "3", "start_date"),
    ]
    expect(page.locator("#import-errors")).to_contain_text("Cette date n’existe pas")
    expect(page.get_by_role("button", name="Importer")).to_have_count(0)
    assert not Project.objects.exists()

    fix(path, dict(zip(places, ["2", "P-2", today], strict=True)))
    check(page, path)
    expect(page.locator("#import-errors")).to_have_count(0)
    counts = page.locator("#import-counts")
    expect(counts.get_by_role("row", name=re.compile("projects"))).to_contain_text("2")
    page.get_by_role("button", name="Importer").click()

    expect(page.locator(".messages")).to_contain_text("sillon-template.xlsx importé")
    expect(page.locator("table").first).to_contain_text("Importé")
    activity = Activity.objects.get(organisation=org_a, ref="A-2")
    assert list(activity.projects.values_list("ref", flat=True)) == ["P-2"]
    after = new_projects(page, live_server, org_a)
    assert (before, after) == ("0", "2")
