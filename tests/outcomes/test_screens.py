"""The outcome screens do their job, tried as a manager would: record that an
enterprise hired two people, ended a job, obtained its ESD accreditation, that another
project went to FeBISP; assess the impact; enter cost lines with a warning when two
lines of one category cover the same days."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import messages
from django.utils import timezone, translation

from sillon.outcomes.choices import EMES_CRITERIA, AccreditationEventKind, Assessment
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    Job,
    Target,
    Transfer,
)
from tests.outcomes import factories as out
from tests.register import factories as make


def french(label) -> str:
    with translation.override("fr"):
        return str(label)


def shown_messages(response) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in response.context["messages"]]


def history_section(response) -> str:
    """The part of the project page under its "Historique" heading."""
    content = response.content.decode()
    assert "<h2>Historique</h2>" in content
    return content.split("<h2>Historique</h2>", 1)[1]


@pytest.fixture
def project(org_a):
    project = make.project(org_a, "P-1", name="Boulangerie solidaire")
    make.enterprise(
        project, name="Boulangerie solidaire SC", creation_date=datetime.date(2024, 1, 2)
    )
    return project


PERMANENT_329 = {
    "job_ref": "J1",
    "start_date": "2024-04-01",
    "worker_status": "employee",
    "contract_type": "permanent",
    "weekly_hours": "38",
    "joint_committee": "329.02",
    "gender": "f",
}
ARTICLE_60 = {
    "job_ref": "J2",
    "start_date": "2024-04-15",
    "worker_status": "article_60",
    "contract_type": "fixed_term",
    "weekly_hours": "19",
    "joint_committee": "32902",
    "gender": "m",
}


def as_the_browser_posts(formset, rows: list[dict]) -> dict:
    """What a browser sends back for the quick-jobs form shown by GET: the rows it
    proposed, with `rows` typed over the first ones and the others left untouched."""
    data = {
        formset.management_form[name].html_name: formset.management_form[name].value()
        for name in formset.management_form.fields
    }
    for index, form in enumerate(formset.forms):
        typed = rows[index] if index < len(rows) else {}
        for name in form.fields:
            value = typed.get(name, form[name].value())
            if isinstance(value, datetime.date):
                value = value.isoformat()
            data[form[name].html_name] = "" if value is None else str(value)
    return data


# Jobs


def test_manager_records_two_jobs_at_once(org_a, project, manager):
    url = make.url("jobs_quick", org_a, project.pk)
    response = manager.client.post(url, out.quick_jobs_data([PERMANENT_329, ARTICLE_60]))
    assert response.status_code == 302
    assert response["Location"] == make.url("project", org_a, project.pk)
    jobs = {job.job_ref: job for job in Job.objects.filter(enterprise=project.enterprise)}
    assert set(jobs) == {"J1", "J2"}
    assert (jobs["J1"].contract_type, jobs["J1"].fte, jobs["J1"].joint_committee) == (
        "permanent",
        Decimal("1"),
        "329.02",
    )
    assert (jobs["J2"].worker_status, jobs["J2"].fte, jobs["J2"].joint_committee) == (
        "article_60",
        Decimal("0.5"),
        "329.02",
    )
    assert all(job.organisation == org_a for job in jobs.values())
    assert jobs["J2"].history.get().history_user == manager.user


def test_quick_jobs_form_proposes_the_next_refs_and_today(org_a, project, manager):
    out.job(project.enterprise, "J1")
    response = manager.client.get(make.url("jobs_quick", org_a, project.pk))
    assert response.status_code == 200
    first = response.context["formset"].forms[0]
    assert first["job_ref"].value() == "J2"
    assert first["start_date"].value() == timezone.localdate()


def test_rows_the_manager_leaves_untouched_in_the_browser_are_skipped(org_a, project, manager):
    """The form shows five rows, each pre-filled with a reference and today's date; the
    manager fills two and saves. The three others must be skipped, not refused."""
    url = make.url("jobs_quick", org_a, project.pk)
    shown = manager.client.get(url).context["formset"]
    data = as_the_browser_posts(shown, [PERMANENT_329, ARTICLE_60])
    response = manager.client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    assert sorted(Job.objects.values_list("job_ref", flat=True)) == ["J1", "J2"]


def test_quick_jobs_with_the_same_ref_twice_saves_nothing(org_a, project, manager):
    url = make.url("jobs_quick", org_a, project.pk)
    response = manager.client.post(
        url, out.quick_jobs_data([PERMANENT_329, ARTICLE_60 | {"job_ref": "J1"}])
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Job.objects.exists()


@pytest.mark.parametrize("hours", ["45", "0"])
def test_quick_jobs_with_impossible_hours_is_refused_and_saves_nothing(
    org_a, project, manager, hours
):
    """Weekly hours above the 38 h full time, or zero: a form error, not a server error."""
    url = make.url("jobs_quick", org_a, project.pk)
    response = manager.client.post(
        url, out.quick_jobs_data([PERMANENT_329, ARTICLE_60 | {"weekly_hours": hours}])
    )
    assert response.status_code == 200
    assert "weekly_hours" in response.context["formset"].forms[1].errors
    assert not Job.objects.exists()


def test_quick_jobs_refuses_a_ref_the_enterprise_already_has(org_a, project, manager):
    out.job(project.enterprise, "J1")
    url = make.url("jobs_quick", org_a, project.pk)
    response = manager.client.post(url, out.quick_jobs_data([PERMANENT_329]))
    assert response.status_code == 200
    assert "job_ref" in response.context["formset"].forms[0].errors
    assert Job.objects.count() == 1


def test_coach_adds_one_job_and_sees_it_on_the_project_page(org_a, project, coach):
    response = coach.client.post(
        make.url("job_create", org_a, project.pk), out.job_data(job_ref="J7")
    )
    assert response.status_code == 302
    job = Job.objects.get(job_ref="J7")
    assert job.enterprise == project.enterprise
    page = coach.client.get(make.url("project", org_a, project.pk)).content.decode()
    assert "J7" in page
    assert make.url("job_end", org_a, job.pk) in page


def test_manager_ends_a_job(org_a, project, manager):
    job = out.job(project.enterprise, "J1", start_date=datetime.date(2024, 4, 1))
    url = make.url("job_end", org_a, job.pk)
    assert manager.client.get(url).context["form"]["end_date"].value() == timezone.localdate()
    response = manager.client.post(url, {"end_date": "2025-03-31"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.end_date == datetime.date(2025, 3, 31)
    assert job.history.first().history_user == manager.user
    page = manager.client.get(make.url("project", org_a, project.pk)).content.decode()
    assert make.url("job_end", org_a, job.pk) not in page


def test_ending_a_job_before_it_started_is_refused(org_a, project, manager):
    """A form error on the end date, not a server error."""
    job = out.job(project.enterprise, "J1", start_date=datetime.date(2024, 4, 1))
    response = manager.client.post(make.url("job_end", org_a, job.pk), {"end_date": "2024-03-31"})
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    job.refresh_from_db()
    assert job.end_date is None


def test_ending_a_job_needs_a_date(org_a, project, manager):
    job = out.job(project.enterprise, "J1")
    response = manager.client.post(make.url("job_end", org_a, job.pk), {"end_date": ""})
    assert "end_date" in response.context["form"].errors


# Accreditation, transfers


def test_manager_records_an_esd_accreditation(org_a, project, manager):
    response = manager.client.post(
        make.url("accreditation_create", org_a, project.pk),
        {"event": "esd_obtained", "date": "2024-10-01"},
    )
    assert response.status_code == 302
    event = AccreditationEvent.objects.get()
    assert (event.enterprise, event.event, event.organisation) == (
        project.enterprise,
        "esd_obtained",
        org_a,
    )
    assert event.history.get().history_user == manager.user
    page = manager.client.get(make.url("project", org_a, project.pk)).content.decode()
    assert french(AccreditationEventKind.ESD_OBTAINED.label) in page


def test_manager_records_a_reason_for_not_seeking_accreditation(org_a, project, manager):
    response = manager.client.post(
        make.url("non_accreditation_create", org_a, project.pk),
        {"reason": "criteria_unsuited", "date": "2024-10-01", "note": "Gouvernance"},
    )
    assert response.status_code == 302
    assert project.enterprise.non_accreditation_reasons.get().reason == "criteria_unsuited"


def test_manager_transfers_another_project_to_the_febisp_agency(org_a, project, manager):
    other = make.project(org_a, "P-2", name="Épicerie mobile")
    agency = out.partner(org_a, "febisp-agency")
    response = manager.client.post(
        make.url("transfer_create", org_a, other.pk), out.transfer_data(agency, note="Projet mûr")
    )
    assert response.status_code == 302
    assert response["Location"] == make.url("project", org_a, other.pk)
    transfer = Transfer.objects.get()
    assert (transfer.project, transfer.partner, transfer.organisation) == (other, agency, org_a)
    assert transfer.history.get().history_user == manager.user
    page = manager.client.get(make.url("project", org_a, other.pk)).content.decode()
    assert "FeBISP (agence-conseil)" in page
    assert not project.transfers.exists()


def test_outcome_changes_appear_in_the_history_on_the_project_page(org_a, project, manager):
    """issue 4, done when: each outcome recorded is visible on the project page *and in
    its history*, with who recorded it."""
    manager.client.post(
        make.url("jobs_quick", org_a, project.pk), out.quick_jobs_data([PERMANENT_329])
    )
    manager.client.post(
        make.url("accreditation_create", org_a, project.pk),
        {"event": "esd_obtained", "date": "2024-10-01"},
    )
    response = manager.client.get(make.url("project", org_a, project.pk))
    history = history_section(response)
    assert manager.user.username in history
    assert "J1" in history
    assert french(AccreditationEventKind.ESD_OBTAINED.label) in history


def test_editing_the_enterprise_cessation_shows_in_its_history(org_a, project, manager):
    response = manager.client.post(
        make.url("enterprise_edit", org_a, project.pk),
        make.enterprise_data(
            name="Boulangerie solidaire SC",
            creation_date="2024-01-02",
            cessation_date="2025-06-30",
            cessation_reason="dissolution",
        ),
    )
    assert response.status_code == 302
    page = manager.client.get(make.url("project", org_a, project.pk))
    latest = page.context["enterprise_history"][0]
    assert latest.who == manager.user.username
    assert any(change.new == datetime.date(2025, 6, 30) for change in latest.changes)


# Impact assessments


def test_coach_assesses_the_impact_with_the_nine_criteria(org_a, project, coach):
    names = [name for name, _label, _dimension in EMES_CRITERIA]
    answers = dict(zip(names, ["yes", "partial", "no"] * 3, strict=True))
    response = coach.client.post(
        make.url("impact_create", org_a, project.pk), out.impact_data(**answers)
    )
    assert response.status_code == 302
    assessment = ImpactAssessment.objects.get()
    assert (assessment.project, assessment.beneficiaries) == (project, 120)
    assert assessment.economic_risk == "partial"
    page = coach.client.get(make.url("project", org_a, project.pk)).content.decode()
    for _name, label, _dimension in EMES_CRITERIA:
        assert french(label) in page
    assert french(Assessment.PARTIAL.label) in page
    assert "Livraisons à vélo" in page


def test_second_assessment_on_the_same_date_is_refused_on_screen(org_a, project, coach):
    out.impact(project, date=datetime.date(2024, 6, 30))
    response = coach.client.post(
        make.url("impact_create", org_a, project.pk), out.impact_data(date="2024-06-30")
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert ImpactAssessment.objects.count() == 1


# Settings: cost lines, targets, interactions, internal actions


def test_overlapping_cost_line_is_saved_with_a_warning_and_marked_in_the_list(org_a, admin):
    programme = make.programme(org_a, "seeds")
    out.cost_line(
        org_a,
        programme=programme,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    response = admin.client.post(
        make.url("cost_line_create", org_a),
        out.cost_line_data(
            programme=programme.pk, period_start="2025-07-01", period_end="2026-06-30"
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert CostLine.objects.count() == 2
    levels = [level for level, _text in shown_messages(response)]
    assert messages.WARNING in levels
    listing = admin.client.get(make.url("cost_line_list", org_a))
    assert len(listing.context["overlaps"]) == 2
    assert "⚠" in listing.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"period_start": "2026-01-01", "period_end": "2026-12-31"},  # the next year
        {"category": "operating"},  # another category
        {"programme": ""},  # no programme
    ],
)
def test_cost_line_not_overlapping_gives_no_warning(org_a, admin, overrides):
    programme = make.programme(org_a, "seeds")
    out.cost_line(
        org_a,
        programme=programme,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    data = out.cost_line_data(programme=programme.pk) | overrides
    response = admin.client.post(make.url("cost_line_create", org_a), data, follow=True)
    assert CostLine.objects.count() == 2
    assert messages.WARNING not in [level for level, _text in shown_messages(response)]
    listing = admin.client.get(make.url("cost_line_list", org_a))
    assert listing.context["overlaps"] == {}
    assert "⚠" not in listing.content.decode()


def test_cost_lines_touching_on_one_day_overlap(org_a, admin):
    out.cost_line(
        org_a, period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 6, 30)
    )
    response = admin.client.post(
        make.url("cost_line_create", org_a),
        out.cost_line_data(period_start="2025-06-30", period_end="2025-12-31"),
        follow=True,
    )
    assert messages.WARNING in [level for level, _text in shown_messages(response)]


def test_editing_a_cost_line_does_not_warn_about_itself(org_a, admin):
    line = out.cost_line(org_a)
    response = admin.client.post(
        make.url("cost_line_edit", org_a, line.pk),
        out.cost_line_data(period_start="2024-01-01", period_end="2024-12-31", amount_eur="900"),
        follow=True,
    )
    assert messages.WARNING not in [level for level, _text in shown_messages(response)]
    line.refresh_from_db()
    assert line.amount_eur == Decimal("900")


def test_admin_sets_a_target_and_viewer_reads_it(org_a, admin, viewer):
    response = admin.client.post(
        make.url("target_create", org_a), out.target_data(period="2024-07-01..2025-06-30")
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.indicator, target.period, target.value) == (
        "jobs.created",
        "2024-07-01..2025-06-30",
        Decimal("12"),
    )
    listing = viewer.client.get(make.url("target_list", org_a))
    assert listing.status_code == 200
    assert "2024-07-01..2025-06-30" in listing.content.decode()


def test_manager_records_an_interaction_and_an_internal_action(org_a, manager):
    febio = out.partner(org_a, "febio")
    response = manager.client.post(
        make.url("interaction_create", org_a), out.interaction_data(febio)
    )
    assert response.status_code == 302
    assert febio.interactions.get().kind == "referral_in"
    response = manager.client.post(
        make.url("internal_action_create", org_a), out.internal_action_data()
    )
    assert response.status_code == 302
    listing = manager.client.get(make.url("internal_action_list", org_a))
    assert "Module économie circulaire" in listing.content.decode()


def test_deleting_a_job_needs_a_manager_and_a_reason(org_a, project, coach, manager):
    job = out.job(project.enterprise, "J1")
    url = make.url("job_delete", org_a, job.pk)
    assert coach.client.post(url, {"reason": "Doublon"}).status_code == 403
    refused = manager.client.post(url)
    assert refused.status_code == 400 and Job.objects.exists()
    response = manager.client.post(url, {"reason": "Doublon"})
    assert response.status_code == 302
    assert response["Location"] == make.url("project", org_a, project.pk)
    assert not Job.objects.exists()
    deleted = Job.history.get(history_type="-")
    assert (deleted.history_change_reason, deleted.history_user) == ("Doublon", manager.user)


def test_the_several_jobs_form_refuses_an_empty_submission(org_a, project, manager):
    response = manager.client.post(
        make.url("jobs_quick", org_a, project.pk), out.quick_jobs_data([])
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Job.objects.filter(enterprise__project=project).exists()


def test_the_outcomes_history_names_the_partner_of_a_changed_transfer(org_a, project, manager):
    transfer = out.transfer(project, out.partner(org_a, "trace"))
    manager.client.post(
        make.url("transfer_edit", org_a, transfer.pk),
        out.transfer_data(out.partner(org_a, "febisp-agency"), date="2024-05-06"),
    )
    history = history_section(manager.client.get(make.url("project", org_a, project.pk)))
    assert "Tracé → FeBISP (agence-conseil)" in history
