"""The register sync tracks the enterprises of rejected and withdrawn applicants, the
comparison group of docs/spec/comparison.md §4, exactly like those of projects."""

import datetime

from sillon.kbo.models import Finding, RegisterEntry
from sillon.kbo.sync import sync_extract, tracked_numbers
from sillon.register.models import Application
from tests.register import factories as make


def test_rejected_applicants_are_tracked_and_waiting_ones_are_not(tracked, full_zip, org_a):
    seeds = make.programme(org_a, "applied")
    for ref, decision, number in [
        ("A-1", "rejected", "0200065765"),
        ("A-2", "waiting", "0123456749"),
    ]:
        Application.objects.create(
            organisation=org_a,
            ref=ref,
            date=datetime.date(2024, 2, 1),
            programme=seeds,
            name=ref,
            decision=decision,
            enterprise_number=number,
        )
    numbers = tracked_numbers()
    assert "0200065765" in numbers and "0123456749" not in numbers
    findings = Finding.objects.count()
    sync_extract(full_zip)
    # The extract speaks of it: its register entry is kept, and it raises no finding.
    assert RegisterEntry.objects.filter(enterprise_number="0200065765").exists()
    assert not Finding.objects.filter(enterprise__enterprise_number="0200065765").exists()
    assert Finding.objects.count() >= findings
