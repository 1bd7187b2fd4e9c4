"""The register's pages: scoped to the organisation, decisions for managers and above."""

import pytest
from django.urls import reverse

from sillon.accounts.roles import Role
from sillon.kbo.choices import FindingKind, FindingStatus
from sillon.kbo.models import Finding
from sillon.kbo.sync import sync_extract

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced(tracked, tracked_b, full_zip, update_zip):
    sync_extract(full_zip)
    sync_extract(update_zip)
    return tracked


def url(name, organisation, *args) -> str:
    return reverse(name, args=[organisation.slug, *args])


def test_findings_list_shows_values_with_labels(synced, manager, org_a):
    response = manager.client.get(url("kbo_findings", org_a), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Les Ateliers du Canal" in text
    assert "017 — Association sans but lucratif" in text
    assert "610 — Société à responsabilité limitée" in text
    assert "Faillite" in text
    assert "Dupont" not in text  # organisation B's enterprise


def test_findings_list_filters_by_kind_and_status(synced, coach, org_a):
    response = coach.client.get(url("kbo_findings", org_a), {"kind": FindingKind.NACE})
    rows = response.context["rows"]
    assert {finding.kind for finding, *_ in rows} == {FindingKind.NACE}
    Finding.objects.filter(kind=FindingKind.NACE).update(
        status=FindingStatus.DISMISSED, decided_at="2025-10-02T10:00:00Z"
    )
    response = coach.client.get(url("kbo_findings", org_a), {"kind": FindingKind.NACE})
    assert response.context["rows"] == []
    response = coach.client.get(
        url("kbo_findings", org_a), {"kind": FindingKind.NACE, "status": "dismissed"}
    )
    assert len(response.context["rows"]) == 1


def test_list_queries_do_not_grow_with_findings(
    synced, manager, org_a, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        manager.client.get(url("kbo_findings", org_a), {"status": ""})


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER, Role.COACH])
def test_every_member_who_opens_records_sees_findings_and_syncs(synced, personas, org_a, role):
    client = personas[role].client
    assert client.get(url("kbo_findings", org_a)).status_code == 200
    assert client.get(url("kbo_syncs", org_a)).status_code == 200


def test_viewer_sees_no_finding(synced, viewer, org_a):
    response = viewer.client.get(url("kbo_findings", org_a))
    assert response.status_code == 403
    assert "Les Ateliers du Canal" not in response.content.decode()
    assert viewer.client.get(url("kbo_syncs", org_a)).status_code == 403


def test_only_managers_and_admins_see_the_buttons(synced, personas, org_a):
    for role, shown in [(Role.MANAGER, True), (Role.COACH, False)]:
        text = personas[role].client.get(url("kbo_findings", org_a)).content.decode()
        assert ("kbo_finding_accept" in text or "/accept/" in text) == shown


def test_outsider_gets_404(synced, outsider, org_a):
    finding = Finding.objects.filter(organisation=org_a).first()
    assert outsider.client.get(url("kbo_findings", org_a)).status_code == 404
    assert outsider.client.get(url("kbo_syncs", org_a)).status_code == 404
    response = outsider.client.post(url("kbo_finding_accept", org_a, finding.pk))
    assert response.status_code == 404


def test_an_outsider_cannot_settle_a_finding_through_their_own_organisation(
    synced, outsider, org_b, org_a
):
    finding = Finding.objects.filter(organisation=org_a).first()
    response = outsider.client.post(url("kbo_finding_accept", org_b, finding.pk))
    assert response.status_code == 404
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


@pytest.mark.parametrize("role", [Role.COACH, Role.VIEWER])
def test_coach_and_viewer_cannot_decide(synced, personas, org_a, role):
    finding = Finding.objects.filter(organisation=org_a).first()
    client = personas[role].client
    assert client.post(url("kbo_finding_accept", org_a, finding.pk)).status_code == 403
    assert client.post(url("kbo_finding_dismiss", org_a, finding.pk)).status_code == 403
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_accept_and_dismiss_need_post(synced, manager, org_a):
    finding = Finding.objects.filter(organisation=org_a).first()
    assert manager.client.get(url("kbo_finding_accept", org_a, finding.pk)).status_code == 405
    assert manager.client.get(url("kbo_finding_dismiss", org_a, finding.pk)).status_code == 405


def test_manager_accepts_a_finding(synced, manager, org_a):
    finding = Finding.objects.get(enterprise=synced.workshops, kind=FindingKind.LEGAL_FORM)
    response = manager.client.post(url("kbo_finding_accept", org_a, finding.pk), follow=True)
    assert response.status_code == 200
    synced.workshops.refresh_from_db()
    assert synced.workshops.legal_form == "610"
    assert synced.workshops.history.latest().history_user == manager.user


def test_a_failed_accept_shows_a_message_not_an_error_page(synced, manager, org_a):
    import datetime

    synced.workshops.cessation_date = datetime.date(2019, 1, 1)
    synced.workshops.creation_date = None
    synced.workshops.save()
    Finding.objects.filter(enterprise=synced.workshops).delete()
    finding = Finding.objects.create(
        organisation=org_a,
        enterprise=synced.workshops,
        sync_run=Finding.objects.first().sync_run,
        kind=FindingKind.CREATION_DATE,
        register_value="2019-05-02",
    )
    response = manager.client.post(url("kbo_finding_accept", org_a, finding.pk), follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_next_cannot_leave_the_site(synced, manager, org_a):
    finding = Finding.objects.filter(organisation=org_a).first()
    response = manager.client.post(
        url("kbo_finding_dismiss", org_a, finding.pk), {"next": "https://evil.example/"}
    )
    assert response["Location"] == url("kbo_findings", org_a)


def test_project_page_shows_the_register_beside_sillon(synced, coach, manager, org_a):
    project = synced.workshops.project
    text = coach.client.get(reverse("project", args=[org_a.slug, project.pk])).content.decode()
    assert "official-register" in text
    assert "Les Ateliers du Canal (en liquidation)" in text
    assert "/accept/" not in text
    text = manager.client.get(reverse("project", args=[org_a.slug, project.pk])).content.decode()
    assert "/accept/" in text


def test_syncs_page_lists_the_runs(synced, coach, org_a):
    text = coach.client.get(url("kbo_syncs", org_a)).content.decode()
    assert "KboOpenData_0140_2025_10_Full.zip" in text
    assert "KboOpenData_0141_2025_10_Update.zip" in text


def test_syncs_page_counts_only_the_organisations_findings(synced, outsider, org_b):
    response = outsider.client.get(url("kbo_syncs", org_b))
    counts = sorted(run.organisation_findings for run in response.context["page"])
    # Organisation B's one enterprise is deleted by the update: one finding, in that run.
    assert counts == [0, 1]


def test_viewer_never_sees_a_natural_persons_name_from_the_register(tracked_b, full_zip, org_b):
    from sillon.accounts.models import Membership
    from tests.conftest import logged_in, make_member

    sync_extract(full_zip)
    viewer_b = make_member(org_b, "bea-viewer", Role.VIEWER)
    coach_b = make_member(org_b, "bob-coach", Role.COACH)
    assert Membership.objects.filter(organisation=org_b).count() == 2
    page = reverse("project", args=[org_b.slug, tracked_b.project_id])
    # Sillon's own name of the enterprise stays as the register pages show it; the
    # register's name of a natural person (type 1) is the person's: hidden from viewers.
    tracked_b.name = tracked_b.project.name = "Atelier de couture"
    tracked_b.save()
    tracked_b.project.save()
    response = logged_in(viewer_b).get(page)
    assert response.status_code == 403
    assert "Dupont Marie" not in response.content.decode()
    assert "Dupont Marie" in logged_in(coach_b).get(page).content.decode()
