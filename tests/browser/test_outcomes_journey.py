"""The journey of the outcomes issue, in a real browser: a manager records that an
enterprise hired two people, that it obtained its ESD accreditation, and that another
project was transferred to FeBISP — each visible on the project page and its history."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from sillon.outcomes.models import AccreditationEvent, Job, Transfer
from sillon.register.models import Enterprise, Project
from tests.browser.test_register_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_project(organisation, ref, name, **fields):
    return Project.objects.create(
        organisation=organisation,
        ref=ref,
        name=name,
        project_type="creation",
        sector_type="market",
        intake_date=datetime.date(2024, 1, 8),
        **fields,
    )


def test_manager_records_hires_accreditation_and_a_transfer(page, live_server, org_a, manager):
    bakery = make_project(org_a, "P-2024-001", "Boulangerie du Midi")
    Enterprise.objects.create(
        organisation=org_a,
        project=bakery,
        name="Boulangerie du Midi SC",
        legal_form="706",
        creation_date=datetime.date(2024, 6, 3),
    )
    mature = make_project(org_a, "P-2024-002", "Recyclerie de Forest")
    log_in(page, live_server, manager.user)

    # Two hires at once: a permanent full-time employee under 329.02, a part-time art. 60.
    page.goto(live_server.url + f"/o/{org_a.slug}/projects/{bakery.pk}/")
    page.get_by_role("link", name="Ajouter plusieurs emplois").click()
    page.locator("#id_form-0-worker_status").select_option("employee")
    page.locator("#id_form-0-contract_type").select_option("permanent")
    page.locator("#id_form-0-weekly_hours").fill("38")
    page.locator("#id_form-0-joint_committee").fill("329.02")
    page.locator("#id_form-1-worker_status").select_option("article_60")
    page.locator("#id_form-1-contract_type").select_option("fixed_term")
    page.locator("#id_form-1-weekly_hours").fill("19")
    page.locator("#id_form-1-joint_committee").fill("329.02")
    page.get_by_role("button", name="Enregistrer les emplois").click()
    jobs = page.locator("#jobs")
    expect(jobs).to_contain_text("Contrat à durée indéterminée (CDI)")
    expect(jobs).to_contain_text("Article 60 (mise à l’emploi CPAS)")
    expect(jobs).to_contain_text("0,50")
    assert Job.objects.count() == 2

    # The ESD accreditation.
    page.get_by_role("link", name="Enregistrer une étape d’agrément").click()
    page.get_by_label("Étape").select_option("esd_obtained")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#accreditation")).to_contain_text("Agrément ESD obtenu")
    assert AccreditationEvent.objects.get().event == "esd_obtained"

    # The other project handed to FeBISP, the advisory agency.
    page.goto(live_server.url + f"/o/{org_a.slug}/projects/{mature.pk}/")
    page.get_by_role("link", name="Enregistrer un transfert").click()
    page.get_by_label("Partenaire").select_option(label="FeBISP (agence-conseil)")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#transfers")).to_contain_text("FeBISP (agence-conseil)")
    assert Transfer.objects.get().project == mature

    # Each is in the history, with who recorded it.
    page.goto(live_server.url + f"/o/{org_a.slug}/projects/{bakery.pk}/")
    history = page.locator("section", has=page.get_by_role("heading", name="Historique"))
    expect(history).to_contain_text(manager.user.username)
    expect(history).to_contain_text(re.compile("Emploi J1"))
    expect(history).to_contain_text("Agrément ESD obtenu")
