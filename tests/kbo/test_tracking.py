"""Official-register entries are kept once per number for the whole installation, and
shown only to the organisations that track that enterprise (docs/spec/domain.md,
"Official register"): each reads them through `RegisterEntry.objects.tracked_by`."""

import datetime

import pytest
from django.urls import reverse

from sillon.kbo.models import RegisterEntry, tracked_numbers
from sillon.kbo.sync import sync_extract
from sillon.register.models import Application
from tests.register import factories as make

pytestmark = pytest.mark.django_db

ATELIERS = "0403123486"  # organisation A's "Les Ateliers du Canal"
DUPONT = "0800111131"  # organisation B's natural person's enterprise
APPLICANT = "0200065765"  # in the extract, tracked only as a rejected applicant of A


def applicant(organisation, ref, decision, number):
    return Application.objects.create(
        organisation=organisation,
        ref=ref,
        date=datetime.date(2024, 2, 1),
        programme=make.programme(organisation, f"applied-{ref.lower()}"),
        name=ref,
        decision=decision,
        enterprise_number=number,
    )


@pytest.fixture
def synced(tracked, tracked_b, full_zip, org_a, org_b):
    applicant(org_a, "A-1", "rejected", APPLICANT)
    # Organisation B once received an application from A's enterprise, still waiting:
    # it does not track it (only rejected and withdrawn applicants are tracked).
    applicant(org_b, "B-1", "waiting", ATELIERS)
    sync_extract(full_zip)
    return tracked


def numbers(organisation) -> set[str]:
    return set(
        RegisterEntry.objects.tracked_by(organisation).values_list("enterprise_number", flat=True)
    )


def test_each_organisation_reads_only_the_entries_it_tracks(synced, org_a, org_b):
    assert numbers(org_b) == {DUPONT}
    seen_by_a = numbers(org_a)
    assert {ATELIERS, APPLICANT} <= seen_by_a
    assert DUPONT not in seen_by_a
    # The sync tracks every organisation's numbers: the union of theirs, each once.
    assert tracked_numbers() == sorted(set(tracked_numbers(org_a)) | set(tracked_numbers(org_b)))
    assert set(RegisterEntry.objects.values_list("enterprise_number", flat=True)) == (
        seen_by_a | {DUPONT}
    )


def test_an_entry_shared_by_two_organisations_is_read_by_both(synced, org_a, org_b):
    project = make.project(org_b, "B-2", name="Ateliers (partner)")
    make.enterprise(project, enterprise_number=ATELIERS, name="Ateliers du Canal")
    assert ATELIERS in numbers(org_b)
    # Once B stops tracking it (the number taken off), B no longer reads it.
    project.enterprise.enterprise_number = ""
    project.enterprise.save()
    assert ATELIERS not in numbers(org_b)
    assert ATELIERS in numbers(org_a)


def test_a_rejected_applicant_s_entry_is_read_by_its_organisation_only(synced, org_a, org_b):
    applicant(org_b, "B-3", "withdrawn", APPLICANT)
    assert APPLICANT in numbers(org_b)
    Application.objects.filter(organisation=org_b, ref="B-3").update(decision="accepted")
    assert APPLICANT not in numbers(org_b)
    assert APPLICANT in numbers(org_a)


def test_another_organisation_s_member_never_sees_the_entry(
    synced, outsider, org_a, org_b, tracked_b
):
    ateliers = synced.workshops.project_id
    # A's project page, where A's members read the entry: 404, by A's URL or B's.
    assert outsider.client.get(reverse("project", args=[org_a.slug, ateliers])).status_code == 404
    assert outsider.client.get(reverse("project", args=[org_b.slug, ateliers])).status_code == 404
    for name in ("kbo_findings", "kbo_syncs"):
        response = outsider.client.get(reverse(name, args=[org_b.slug]), {"status": ""})
        assert response.status_code == 200
        assert "Ateliers du Canal" not in response.content.decode()
    # B's own project page shows B's entry, never A's.
    page = reverse("project", args=[org_b.slug, tracked_b.project_id])
    text = outsider.client.get(page).content.decode()
    assert "official-register" in text and "Ateliers du Canal" not in text


def test_the_panel_shows_an_entry_only_while_the_organisation_tracks_it(synced, coach, org_a):
    page = reverse("project", args=[org_a.slug, synced.workshops.project_id])
    # The register's legal form of A's enterprise (Sillon says 017).
    assert "610 — " in coach.client.get(page).content.decode()
    synced.workshops.enterprise_number = ""
    synced.workshops.save()
    # The entry stays for the installation; A no longer tracks it, so no page shows it.
    assert RegisterEntry.objects.filter(enterprise_number=ATELIERS).exists()
    assert ATELIERS not in numbers(org_a)
    assert "610 — " not in coach.client.get(page).content.decode()
