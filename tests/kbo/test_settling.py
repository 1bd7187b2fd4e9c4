"""Accepting a finding updates the record through its normal save (its history names
the finding); dismissing keeps Sillon's value."""

import datetime

import pytest
from django.utils import translation

from sillon.kbo.actions import FindingError, accept_finding, dismiss_finding
from sillon.kbo.choices import FindingKind, FindingStatus
from sillon.kbo.models import Finding
from sillon.kbo.sync import sync_extract
from sillon.register.choices import CessationReason

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English; one test checks the French."""
    with translation.override("en"):
        yield


SNAPSHOT = datetime.date(2025, 10, 1)


@pytest.fixture
def synced(tracked, full_zip):
    sync_extract(full_zip)
    return tracked


def finding_of(enterprise, kind) -> Finding:
    return Finding.objects.get(enterprise=enterprise, kind=kind)


def test_accepting_a_legal_form_updates_the_enterprise_with_history(synced, manager):
    finding = finding_of(synced.workshops, FindingKind.LEGAL_FORM)
    accept_finding(finding, manager.user)
    synced.workshops.refresh_from_db()
    assert synced.workshops.legal_form == "610"
    assert synced.workshops.legal_form_family == "company"
    latest = synced.workshops.history.latest()
    assert latest.history_change_reason == f"KBO finding #{finding.pk}: legal_form"
    assert latest.history_user == manager.user
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ACCEPTED
    assert finding.decided_by == manager.user and finding.decided_at is not None


def test_accepting_a_bankruptcy_sets_the_cessation_at_the_snapshot(synced):
    accept_finding(finding_of(synced.printer, FindingKind.JURIDICAL_SITUATION))
    synced.printer.refresh_from_db()
    assert synced.printer.cessation_date == SNAPSHOT
    # The extract's own label "Faillite" gives the reason.
    assert synced.printer.cessation_reason == CessationReason.BANKRUPTCY


def test_accepting_an_absence_ceases_the_enterprise(synced):
    accept_finding(finding_of(synced.grocery, FindingKind.NO_LONGER_ACTIVE))
    synced.grocery.refresh_from_db()
    assert synced.grocery.cessation_date == SNAPSHOT
    assert synced.grocery.cessation_reason == CessationReason.OTHER
    assert synced.grocery.history.latest().history_change_reason.startswith("KBO finding #")


def test_accepting_a_creation_date_and_a_nace_code(synced):
    accept_finding(finding_of(synced.bikes, FindingKind.CREATION_DATE))
    accept_finding(finding_of(synced.community, FindingKind.NACE))
    synced.bikes.refresh_from_db()
    synced.community.project.refresh_from_db()
    assert synced.bikes.creation_date == datetime.date(2020, 2, 1)
    project = synced.community.project
    assert (project.nace_version, project.nace_code, project.nace_section) == (
        "2008",
        "88999",
        "Q",
    )
    assert project.history.latest().history_change_reason.endswith(": nace")


def test_dismissing_keeps_sillons_value(synced, manager):
    finding = finding_of(synced.workshops, FindingKind.LEGAL_FORM)
    dismiss_finding(finding, manager.user)
    synced.workshops.refresh_from_db()
    assert synced.workshops.legal_form == "017"
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED


def test_a_settled_finding_cannot_be_settled_again(synced):
    finding = finding_of(synced.workshops, FindingKind.LEGAL_FORM)
    dismiss_finding(finding)
    with pytest.raises(FindingError, match="already settled"):
        accept_finding(finding)
    synced.workshops.refresh_from_db()
    assert synced.workshops.legal_form == "017"


def test_an_accept_that_breaks_a_rule_changes_nothing(synced):
    # Sillon says the enterprise ceased before the register's start date.
    synced.bikes.cessation_date = datetime.date(2020, 1, 15)
    synced.bikes.save()
    finding = finding_of(synced.bikes, FindingKind.CREATION_DATE)
    with translation.override("en"), pytest.raises(FindingError, match="cannot be before"):
        accept_finding(finding)
    finding.refresh_from_db()
    synced.bikes.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    assert synced.bikes.creation_date == datetime.date(2020, 1, 1)


def test_accepting_cessations_changes_the_dashboard_figures(synced, org_a):
    from sillon.catalogue.periods import parse_period
    from sillon.indicators.engine import compute
    from tests.register import factories as make

    programme = make.programme(org_a)
    for enterprise in vars(synced).values():
        make.enrolment(enterprise.project, programme, start_date=datetime.date(2025, 1, 10))

    def active_at_end() -> int:
        results = compute(org_a, parse_period("2025"), datetime.date(2025, 12, 31))
        return next(r.value.value for r in results if r.indicator.id == "enterprises.active_end")

    # Six accompanied enterprises, all active in Sillon before the findings.
    assert active_at_end() == 6
    for kind in (FindingKind.JURIDICAL_SITUATION, FindingKind.NO_LONGER_ACTIVE):
        for finding in Finding.objects.filter(organisation=org_a, kind=kind):
            accept_finding(finding)
    # The printer (bankruptcy) and the grocery (absent) ceased on 01-10-2025.
    assert active_at_end() == 4
