"""The journeys of the register issue, in a real browser: a coach logs one session for
two projects and finds it on a project page; the NACE selector finds "restaur"."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from sillon.register.models import Activity, Programme, Project
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def make_project(organisation, ref, name):
    return Project.objects.create(
        organisation=organisation, ref=ref, name=name, project_type="creation",
        sector_type="market", intake_date=datetime.date(2026, 1, 5),
    )  # fmt: skip


def test_coach_logs_one_session_for_two_projects(page, live_server, org_a, coach):
    make_project(org_a, "P-2026-001", "Épicerie Flagey")
    second = make_project(org_a, "P-2026-002", "Repair Café Jette")
    Programme.objects.create(organisation=org_a, code="seeds", name_fr="Seeds",
                             name_nl="Seeds", name_en="Seeds", kind="launch")  # fmt: skip
    log_in(page, live_server, coach.user)

    page.get_by_role("link", name="Activités", exact=True).click()
    page.get_by_role("link", name="Encoder une séance").click()
    projects = page.get_by_role("combobox", name="Projets")
    projects.fill("P-2026-00")
    page.get_by_role("option", name=re.compile("P-2026-001")).click()
    projects.press_sequentially("Repair")
    page.get_by_role("option", name=re.compile("P-2026-002")).click()
    expect(projects).to_have_value("P-2026-001, P-2026-002, ")
    # Expert fields are hidden for a coaching session.
    expect(page.get_by_label("Coût (EUR, TVA comprise)")).to_be_hidden()
    page.get_by_label("Heures").fill("1,5".replace(",", "."))
    page.get_by_label("Programme").select_option(label="Seeds")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("status")).to_contain_text("Enregistré")
    activity = Activity.objects.get()
    assert sorted(activity.projects.values_list("ref", flat=True)) == ["P-2026-001", "P-2026-002"]

    page.goto(live_server.url + f"/o/{org_a.slug}/projects/{second.pk}/")
    expect(page.get_by_role("heading", name=re.compile("Repair Café Jette"))).to_be_visible()
    table = page.locator("table")
    expect(table).to_contain_text("Coaching (individuel)")
    expect(table).to_contain_text("P-2026-001")


def test_nace_selector_finds_an_activity_by_its_words(page, live_server, org_a, coach):
    log_in(page, live_server, coach.user)
    page.goto(live_server.url + f"/o/{org_a.slug}/projects/new/")
    field = page.get_by_role("combobox", name="Activité NACE-BEL")
    field.press_sequentially("restaur")
    option = page.get_by_role("option", name=re.compile("56101 — Restauration à service complet"))
    option.click()
    expect(field).to_have_value("56101 Restauration à service complet")
    page.get_by_label("Référence du projet").fill("P-2026-010")
    page.locator("#id_name").fill("Cantine des Marolles")
    page.get_by_label("Type de projet").select_option("creation")
    page.locator("#id_sector_type").select_option("market")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", name=re.compile("Cantine des Marolles"))).to_be_visible()
    project = Project.objects.get(ref="P-2026-010")
    assert (project.nace_code, project.nace_section) == ("56101", "I")
    expect(page.locator(".facts")).to_contain_text("56101 Restauration à service complet")
