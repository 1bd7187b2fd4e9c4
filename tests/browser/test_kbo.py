"""The journey of the KBO issue, in a real browser: the monthly full extract is read;
a manager sees two enterprises ceased and one with another legal form, accepts them,
and sees the register's view on the project page and the figures of the dashboard move."""

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sillon.register.models import Enterprise
from tests.browser.test_register_journey import log_in
from tests.register import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_settles_the_kbo_findings(page, live_server, org_a, manager, tmp_path):
    programme = make.programme(org_a)
    names = ["Boulangerie solidaire", "Les Ateliers du Canal", "Fietsherstel", "Recyclerie"]
    numbers = ["0200362210", "0403123486", "0410000093", "0500123486"]
    for index, (name, number) in enumerate(zip(names, numbers, strict=True)):
        project = make.project(org_a, f"P-{index}", name=name, nace_code="10711")
        make.enrolment(project, programme, start_date=datetime.date(2023, 1, 9))
        make.enterprise(
            project,
            name=name,
            enterprise_number=number,
            legal_form="706",
            creation_date=datetime.date(2023, 3, 1),
            postcode="1080",
        )
    # The new user drops a full extract in: here, one matching the organisation.
    extract = tmp_path / "KboOpenData_0140_2025_10_Full.zip"
    call_command("kbo", "demo-extract", "-o", str(extract), "--organisation", org_a.slug)
    call_command("kbo", "sync", str(extract))

    log_in(page, live_server, manager.user)
    page.goto(live_server.url + f"/o/{org_a.slug}/data/kbo/")
    table = page.locator("table")
    expect(table).to_contain_text("Dissolution, liquidation ou faillite")
    expect(table).to_contain_text("Ne figure plus dans le registre")
    expect(table).to_contain_text("Forme juridique différente")
    expect(table.locator("tbody tr")).to_have_count(3)

    for _ in range(3):
        page.get_by_role("button", name="Accepter").first.click()
        expect(page.locator(".messages")).to_contain_text("Constat accepté")
    expect(table).to_contain_text("Aucun constat ne correspond à ces filtres.")
    ceased = Enterprise.objects.filter(organisation=org_a, cessation_date__isnull=False)
    assert ceased.count() == 2

    # The project page shows the register's view beside Sillon's.
    reformed = Enterprise.objects.get(organisation=org_a, enterprise_number="0410000093")
    page.goto(live_server.url + f"/o/{org_a.slug}/projects/{reformed.project_id}/")
    panel = page.locator("#official-register")
    expect(panel).to_contain_text("Registre officiel des entreprises (BCE)")
    expect(panel).to_contain_text("610 — Société à responsabilité limitée")
    page.screenshot(path=str(tmp_path / "register-panel.png"), full_page=True)
