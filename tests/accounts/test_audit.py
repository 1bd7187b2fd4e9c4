"""The audit trail: rows for the pages, JSON lines for the logs, ids only."""

import json
import logging

import pytest
from django.urls import reverse

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.models import AuditEvent, Membership
from tests.conftest import PASSWORD


def audit_url(organisation):
    return reverse("audit_trail", args=[organisation.slug])


def test_an_event_is_a_row_and_a_json_line_once_committed(
    org_a, admin, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.INFO, logger="sillon.audit"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        event = record_event(
            EventKind.WORKBOOK_EXPORTED, organisation=org_a, actor=admin.user, personal=True
        )
    assert AuditEvent.objects.get(kind="export.workbook") == event
    (line,) = [r.getMessage() for r in caplog.records if r.name == "sillon.audit"]
    payload = json.loads(line)
    assert payload["event"] == "export.workbook"
    assert payload["organisation"] == org_a.pk
    assert payload["actor"] == admin.user.pk
    assert payload["personal"] is True


def test_details_hold_plain_values_only(org_a):
    with pytest.raises(TypeError):
        record_event(EventKind.WORKBOOK_EXPORTED, organisation=org_a, who=object())
    with pytest.raises(ValueError):
        record_event("made.up", organisation=org_a)


def test_sign_in_is_recorded_with_the_member_id_only(client, coach):
    AuditEvent.objects.all().delete()  # the persona's own sign-in
    client.post(reverse("accounts:login"), {"username": coach.user.username, "password": PASSWORD})
    event = AuditEvent.objects.get(kind="sign_in.succeeded")
    assert event.actor_id == coach.user.pk
    assert event.organisation_id is None
    assert event.details == {"form": "site"}


def test_an_outsider_404_and_a_role_403_are_recorded(org_a, viewer, outsider):
    outsider.client.get(reverse("members", args=[org_a.slug]))
    viewer.client.get(reverse("members", args=[org_a.slug]))
    refused = AuditEvent.objects.get(kind="access.refused")
    assert (refused.organisation_id, refused.actor_id) == (org_a.pk, viewer.user.pk)
    assert refused.details == {"ability": "manage_organisation", "status": 403}
    not_found = AuditEvent.objects.get(kind="access.not_found")
    # Not filed under A: its admins must not learn who probed, nor the outsider that A exists.
    assert not_found.organisation_id is None
    assert not_found.actor_id == outsider.user.pk
    assert not_found.details == {"path": f"/o/{org_a.slug}/settings/members/", "status": 404}


def test_a_record_of_another_organisation_is_a_recorded_404(org_a, org_b, admin):
    membership_of_b = Membership.objects.create(organisation=org_b, user=admin.user, role="viewer")
    Membership.objects.filter(pk=membership_of_b.pk).delete()
    url = reverse("member_role", args=[org_a.slug, 999999])
    assert admin.client.post(url, {"role": "viewer"}).status_code == 404
    event = AuditEvent.objects.get(kind="access.not_found")
    assert event.organisation_id == org_a.pk


def test_exports_are_recorded(org_a, admin):
    admin.client.get(reverse("workbook_export", args=[org_a.slug]))
    admin.client.get(reverse("workbook_list_export", args=[org_a.slug, "projects"]))
    kinds = set(AuditEvent.objects.filter(organisation=org_a).values_list("kind", flat=True))
    assert {"export.workbook", "export.list"} <= kinds


def test_admin_reads_the_organisations_events_filtered_and_paginated(
    org_a, org_b, admin, coach, outsider
):
    AuditEvent.objects.all().delete()  # the personas' own sign-ins
    for _ in range(55):
        record_event(EventKind.WORKBOOK_EXPORTED, organisation=org_a, actor=coach.user)
    record_event(EventKind.ROLE_CHANGED, organisation=org_a, actor=admin.user, role="manager")
    record_event(EventKind.WORKBOOK_EXPORTED, organisation=org_b, actor=outsider.user)
    record_event(EventKind.SIGN_IN_FAILED, actor=coach.user)  # a member's account
    record_event(EventKind.SIGN_IN_FAILED, actor=outsider.user)  # not a member of A
    page = admin.client.get(audit_url(org_a)).context["page"]
    assert page.paginator.count == 57
    assert len(page) == 50
    assert all(e.organisation_id in (org_a.pk, None) for e in page.paginator.object_list)
    assert outsider.user.pk not in {e.actor_id for e in page.paginator.object_list}
    response = admin.client.get(audit_url(org_a), {"kind": "member.role_changed"})
    assert [e.kind for e in response.context["page"]] == ["member.role_changed"]
    assert "Rôle modifié" in response.content.decode()
    response = admin.client.get(audit_url(org_a), {"until": "2000-01-01"})
    assert response.context["page"].paginator.count == 0


def test_the_audit_page_is_for_the_admin_only(org_a, personas, outsider):
    assert personas["admin"].client.get(audit_url(org_a)).status_code == 200
    for role in ("manager", "coach", "viewer"):
        assert personas[role].client.get(audit_url(org_a)).status_code == 403
    assert outsider.client.get(audit_url(org_a)).status_code == 404
    assert personas["admin"].client.post(audit_url(org_a)).status_code == 405


def test_audit_page_query_count_does_not_grow_with_events(org_a, admin, coach):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin.client.get(audit_url(org_a)).status_code == 200
        return len(queries)

    count_queries()
    record_event(EventKind.WORKBOOK_EXPORTED, organisation=org_a, actor=coach.user)
    few = count_queries()
    for _ in range(20):
        record_event(EventKind.WORKBOOK_EXPORTED, organisation=org_a, actor=admin.user)
    assert count_queries() == few
