"""Coaches cannot rewrite the past: a deletion asks why (kept in the history with who),
a record counted in a closed period — up to the end of the latest period of a produced
report — needs a manager, and a project deleted erases the holders it leaves alone
through the same signal as an erasure."""

from datetime import date

from sillon.core.records import closed_until
from sillon.register.actions import person_erased
from sillon.register.models import Activity, Person
from sillon.reports.models import Report, Status
from tests.register import factories as make


def produce(organisation, period: str, status=Status.DONE) -> Report:
    return Report.objects.create(
        organisation=organisation,
        kind="annual",
        period=period,
        format="pdf",
        language="fr",
        status=status,
    )


def test_the_closed_period_ends_with_the_latest_reported_period(org_a, org_b):
    assert closed_until(org_a) is None
    produce(org_a, "2024")
    produce(org_a, "2025-S1")
    produce(org_a, "2025", status=Status.FAILED)  # not produced: does not close
    produce(org_b, "2026-S1")  # another organisation's
    assert closed_until(org_a) == date(2025, 6, 30)


def test_a_session_of_a_closed_period_is_deleted_by_a_manager_only(org_a, coach, manager):
    project = make.project(org_a, "P-1")
    old = make.activity(org_a, [project], date=date(2025, 6, 30))
    recent = make.activity(org_a, [project], date=date(2025, 7, 1))
    produce(org_a, "2025-S1")
    old_url = make.url("activity_delete", org_a, old.pk)
    assert coach.client.get(old_url).status_code == 403
    assert coach.client.post(old_url, {"reason": "Erreur"}).status_code == 403
    assert Activity.objects.filter(pk=old.pk).exists()
    assert manager.client.get(old_url).status_code == 200
    # After the closed period, a coach deletes, saying why.
    recent_url = make.url("activity_delete", org_a, recent.pk)
    assert coach.client.post(recent_url, {"reason": "Encodée deux fois"}).status_code == 302
    deleted = Activity.history.get(id=recent.pk, history_type="-")
    assert deleted.history_change_reason == "Encodée deux fois"
    assert deleted.history_user == coach.user


def test_a_deletion_without_a_reason_is_refused_and_deletes_nothing(org_a, coach):
    project = make.project(org_a, "P-1")
    session = make.activity(org_a, [project], date=date(2025, 7, 1))
    response = coach.client.post(make.url("activity_delete", org_a, session.pk), {"reason": " "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert Activity.objects.filter(pk=session.pk).exists()


def test_deleting_a_project_sends_the_erasure_signal_for_the_holders_it_leaves(org_a, manager):
    project, other = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    alone = make.holder(project, "Ana", "Seule")
    shared = make.holder(project, "Bea", "Partagée")
    other.holders.add(shared)
    received = []

    def listen(sender, organisation_id, person, **kwargs):
        received.append((organisation_id, person["last"]))

    person_erased.connect(listen)
    try:
        response = manager.client.post(
            make.url("project_delete", org_a, project.pk), {"reason": "Doublon"}
        )
    finally:
        person_erased.disconnect(listen)
    assert response.status_code == 302
    assert received == [(org_a.pk, "Seule")]
    assert not Person.objects.filter(pk=alone.pk).exists()
    assert Person.objects.filter(pk=shared.pk).exists()
