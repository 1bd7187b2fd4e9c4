import datetime

import pytest

from sillon.kbo.choices import FindingKind, FindingStatus, SyncKind
from sillon.kbo.models import Finding, RegisterEntry, SyncRun
from sillon.kbo.sync import sync_extract
from tests.kbo.conftest import FULL, UPDATE, copied

pytestmark = pytest.mark.django_db


def kinds_by_enterprise(organisation) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for finding in Finding.objects.filter(organisation=organisation).open():
        result.setdefault(finding.enterprise.name, set()).add(finding.kind)
    return result


def test_full_extract_records_what_the_register_says(tracked, full_zip):
    run = sync_extract(full_zip)
    assert (run.kind, run.extract_number) == (SyncKind.FULL, 140)
    assert run.snapshot_date == datetime.date(2025, 10, 1)
    assert run.file_name == "KboOpenData_0140_2025_10_Full.zip"
    assert (run.tracked, run.found) == (6, 5)
    bakery = RegisterEntry.objects.get(enterprise_number="0200362210")
    assert bakery.active
    assert (bakery.juridical_form, bakery.juridical_form_cac, bakery.legal_form) == (
        "008",
        "706",
        "706",
    )
    assert bakery.start_date == datetime.date(2021, 3, 15)
    assert bakery.juridical_situation == "000"
    # Main activity of the lowest group (001), not the SECO line nor group 006.
    assert (bakery.nace_2008, bakery.nace_2025) == ("10711", "10711")
    assert bakery.postcode == "1080"
    assert ["1", "001", "Boulangerie solidaire"] in bakery.names
    assert ["1", "003", "Le Pain Partagé"] in bakery.names
    assert (bakery.extract_number, bakery.snapshot_date) == (140, run.snapshot_date)
    printer = RegisterEntry.objects.get(enterprise_number="0500123486")
    assert printer.name == 'Imprimerie "La Presse" en faillite'
    assert printer.juridical_situation_labels["fr"] == "Faillite"
    assert not RegisterEntry.objects.get(enterprise_number="0600456724").active
    # Only tracked numbers are kept.
    assert not RegisterEntry.objects.filter(enterprise_number="0200065765").exists()


def test_full_extract_raises_one_finding_per_disagreement(tracked, full_zip, org_a):
    run = sync_extract(full_zip)
    assert kinds_by_enterprise(org_a) == {
        "Les Ateliers du Canal": {FindingKind.LEGAL_FORM},
        "Fietsherstel": {FindingKind.CREATION_DATE},
        "Imprimerie La Presse": {FindingKind.JURIDICAL_SITUATION},
        "Épicerie du coin": {FindingKind.NO_LONGER_ACTIVE},
        "Maison de quartier Nord": {FindingKind.NACE},
    }
    assert run.findings_created == 5
    workshops = Finding.objects.get(enterprise=tracked.workshops)
    assert (workshops.sillon_value, workshops.register_value) == ("017", "610")
    bikes = Finding.objects.get(enterprise=tracked.bikes)
    assert (bikes.sillon_value, bikes.register_value) == ("2020-01-01", "2020-02-01")
    community = Finding.objects.get(enterprise=tracked.community)
    assert community.register_value == "2008:88999"
    # Nothing is overwritten silently.
    tracked.workshops.refresh_from_db()
    assert tracked.workshops.legal_form == "017"


def test_resyncing_the_same_extract_does_not_duplicate_findings(tracked, full_zip):
    sync_extract(full_zip)
    again = sync_extract(full_zip)
    assert again.findings_created == 0
    assert Finding.objects.count() == 5
    assert SyncRun.objects.count() == 2


def test_a_dismissed_finding_is_not_raised_again(tracked, full_zip):
    sync_extract(full_zip)
    Finding.objects.filter(enterprise=tracked.bikes).update(
        status=FindingStatus.DISMISSED, decided_at=datetime.datetime.now(datetime.UTC)
    )
    sync_extract(full_zip)
    assert Finding.objects.filter(enterprise=tracked.bikes).count() == 1


def test_an_open_finding_that_no_longer_holds_is_withdrawn(tracked, full_zip):
    sync_extract(full_zip)
    tracked.bikes.creation_date = datetime.date(2020, 2, 1)
    tracked.bikes.save()
    sync_extract(full_zip)
    assert not Finding.objects.filter(enterprise=tracked.bikes).exists()


def test_findings_belong_to_the_organisation_of_each_enterprise(tracked, tracked_b, full_zip):
    sync_extract(full_zip)
    # Dupont is a natural person: no legal form in the register, none in Sillon.
    assert not Finding.objects.filter(organisation=tracked_b.organisation).exists()
    assert RegisterEntry.objects.get(enterprise_number="0800111131").type_of_enterprise == "1"


def test_update_applies_deletes_then_inserts(tracked, tracked_b, full_zip, update_zip):
    sync_extract(full_zip)
    run = sync_extract(update_zip)
    assert (run.kind, run.extract_number) == (SyncKind.UPDATE, 141)
    workshops = RegisterEntry.objects.get(enterprise_number="0403123486")
    assert workshops.active and workshops.juridical_situation == "012"
    assert workshops.name == "Les Ateliers du Canal (en liquidation)"
    assert workshops.postcode == "1000"  # the address table was not touched
    assert workshops.snapshot_date == datetime.date(2025, 10, 8)
    bikes = RegisterEntry.objects.get(enterprise_number="0410000093")
    assert not bikes.active
    assert (bikes.names, bikes.postcode, bikes.nace_2008) == ([], "", "")
    # Untouched by the update: still as of the full extract.
    assert RegisterEntry.objects.get(enterprise_number="0200362210").extract_number == 140
    assert kinds_by_enterprise(tracked.bakery.organisation)["Les Ateliers du Canal"] == {
        FindingKind.LEGAL_FORM,
        FindingKind.JURIDICAL_SITUATION,
    }
    # The creation-date finding gave way to "no longer active".
    assert kinds_by_enterprise(tracked.bakery.organisation)["Fietsherstel"] == {
        FindingKind.NO_LONGER_ACTIVE
    }
    assert kinds_by_enterprise(tracked_b.organisation) == {
        "Dupont Marie": {FindingKind.NO_LONGER_ACTIVE}
    }


def test_a_folder_reads_like_its_zip(tracked, tmp_path):
    run = sync_extract(copied(FULL, tmp_path))
    assert run.file_name == FULL.name
    assert run.findings_created == 5


def test_update_from_folder(tracked, tmp_path):
    sync_extract(copied(FULL, tmp_path))
    run = sync_extract(copied(UPDATE, tmp_path))
    assert run.kind == SyncKind.UPDATE


def test_purging_an_organisation_takes_its_findings_along(tracked, full_zip, org_a):
    from sillon.demo.purge import purge_organisation

    sync_extract(full_zip)
    purge_organisation(org_a)
    assert not Finding.objects.exists()
    # The register's view stays: it belongs to no organisation.
    assert RegisterEntry.objects.count() == 6


def test_an_update_does_not_guess_about_an_enterprise_tracked_since_the_full(
    tracked, org_a, tmp_path
):
    from tests.kbo.conftest import tracked_enterprise

    sync_extract(copied(FULL, tmp_path))
    # Tracked after the full extract; the update only replaces its names.
    late = tracked_enterprise(org_a, "P-9", "0800111131", name="Dupont", legal_form="")
    update = copied(UPDATE, tmp_path)
    deletes = update / "enterprise_delete.csv"
    deletes.write_text(deletes.read_text().replace('"0800.111.131"\n', ""))
    with open(update / "denomination_delete.csv", "a") as file:
        file.write('"0800.111.131"\n')
    sync_extract(update)
    assert not RegisterEntry.objects.filter(enterprise_number="0800111131").exists()
    assert not Finding.objects.filter(enterprise=late).exists()


def test_an_update_that_ends_an_enterprise_tracked_since_the_full(tracked, full_zip, org_a):
    from tests.kbo.conftest import UPDATE, tracked_enterprise, zipped

    sync_extract(full_zip)
    late = tracked_enterprise(org_a, "P-9", "0800111131", name="Dupont", legal_form="")
    sync_extract(zipped(UPDATE, full_zip.parent))
    assert not RegisterEntry.objects.get(enterprise_number="0800111131").active
    assert Finding.objects.get(enterprise=late).kind == FindingKind.NO_LONGER_ACTIVE


def test_an_entry_keeps_since_when_it_is_stopped(tracked, tracked_b, full_zip, update_zip):
    """The cessation date of an applicant's enterprise (comparison.md §4): the snapshot
    of the first extract showing it stopped, kept while it stays so, cleared after."""
    sync_extract(full_zip)
    assert RegisterEntry.objects.get(enterprise_number="0410000093").stopped_since is None
    sync_extract(update_zip)
    update_day = datetime.date(2025, 10, 8)
    for number in ("0403123486", "0410000093"):  # in liquidation; no longer registered
        assert RegisterEntry.objects.get(enterprise_number=number).stopped_since == update_day
    assert RegisterEntry.objects.get(enterprise_number="0200362210").stopped_since is None
    sync_extract(update_zip)  # read again: still stopped, since the same day
    assert RegisterEntry.objects.get(enterprise_number="0410000093").stopped_since == update_day
    sync_extract(full_zip)  # registered again
    assert RegisterEntry.objects.get(enterprise_number="0410000093").stopped_since is None
