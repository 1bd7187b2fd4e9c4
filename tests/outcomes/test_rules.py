"""The rules of docs/spec/domain.md on outcome records: refused by the forms with a message on
the right field, and by the database itself when a record bypasses the forms."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from sillon.outcomes.choices import EMES_CRITERIA
from sillon.outcomes.forms import (
    CostLineForm,
    ImpactAssessmentForm,
    JobForm,
    TargetForm,
    TransferForm,
)
from sillon.outcomes.models import CostLine, ImpactAssessment, Job, Target
from sillon.register.models import Enterprise
from tests.outcomes import factories as out
from tests.register import factories as make


@pytest.fixture
def enterprise(org_a):
    return make.enterprise(make.project(org_a, "P-1"))


def job_form(enterprise, instance=None, **overrides) -> JobForm:
    return JobForm(
        out.job_data(**overrides),
        instance=instance,
        organisation=enterprise.organisation,
        parent=enterprise,
    )


def refused_by_database(**fields) -> None:
    """Assert that the database refuses the record `create()` would write."""
    model = fields.pop("model")
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


# Jobs


def test_valid_job_is_saved_on_its_enterprise(enterprise):
    form = job_form(enterprise)
    assert form.is_valid(), form.errors
    job = form.save()
    assert (job.enterprise, job.organisation, job.joint_committee) == (
        enterprise,
        enterprise.organisation,
        "329.02",
    )


def test_job_ending_before_it_starts_is_refused(enterprise):
    form = job_form(enterprise, start_date="2024-03-04", end_date="2024-03-03")
    assert not form.is_valid()
    assert "La date de fin ne peut pas précéder la date de début." in str(form.errors)
    refused_by_database(
        model=Job,
        organisation=enterprise.organisation,
        enterprise=enterprise,
        job_ref="J1",
        start_date=datetime.date(2024, 3, 4),
        end_date=datetime.date(2024, 3, 3),
        worker_status="employee",
        contract_type="permanent",
        weekly_hours=Decimal("38"),
    )


def test_job_ending_on_its_first_day_is_accepted(enterprise):
    assert job_form(enterprise, start_date="2024-03-04", end_date="2024-03-04").is_valid()


def test_weekly_hours_above_full_time_are_refused(enterprise):
    assert not job_form(enterprise, weekly_hours="40", full_time_hours="38").is_valid()
    refused_by_database(
        model=Job,
        organisation=enterprise.organisation,
        enterprise=enterprise,
        job_ref="J1",
        start_date=out.DAY,
        worker_status="employee",
        contract_type="permanent",
        weekly_hours=Decimal("40"),
        full_time_hours=Decimal("38"),
    )


def test_zero_weekly_hours_are_refused(enterprise):
    assert not job_form(enterprise, weekly_hours="0").is_valid()
    refused_by_database(
        model=Job,
        organisation=enterprise.organisation,
        enterprise=enterprise,
        job_ref="J1",
        start_date=out.DAY,
        worker_status="employee",
        contract_type="permanent",
        weekly_hours=Decimal("0"),
    )


def test_job_ref_is_unique_within_an_enterprise(org_a, enterprise):
    out.job(enterprise, "J1")
    form = job_form(enterprise, job_ref="J1")
    assert not form.is_valid()
    assert "job_ref" in form.errors
    other = make.enterprise(make.project(org_a, "P-2"))
    assert job_form(other, job_ref="J1").is_valid()
    refused_by_database(
        model=Job,
        organisation=org_a,
        enterprise=enterprise,
        job_ref="J1",
        start_date=out.DAY,
        worker_status="employee",
        contract_type="permanent",
        weekly_hours=Decimal("38"),
    )


def test_editing_a_job_keeps_its_own_ref(enterprise):
    job = out.job(enterprise, "J1")
    assert job_form(enterprise, instance=job, job_ref="J1", weekly_hours="19").is_valid()


@pytest.mark.parametrize("contract", ["permanent", "fixed_term", "replacement", "specific_work"])
def test_self_employed_partner_with_an_employment_contract_is_refused(enterprise, contract):
    form = job_form(
        enterprise,
        worker_status="self_employed_partner",
        contract_type=contract,
        joint_committee="",
    )
    assert not form.is_valid()
    assert set(form.errors) == {"contract_type"}


def test_self_employed_partner_with_a_joint_committee_is_refused(enterprise):
    form = job_form(enterprise, worker_status="self_employed_partner", contract_type="none")
    assert not form.is_valid()
    assert set(form.errors) == {"joint_committee"}


def test_self_employed_partner_without_contract_nor_committee_is_accepted(enterprise):
    form = job_form(
        enterprise, worker_status="self_employed_partner", contract_type="none", joint_committee=""
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("status", ["employee", "article_60", "service_vouchers"])
def test_employee_without_a_contract_is_refused(enterprise, status):
    form = job_form(enterprise, worker_status=status, contract_type="none")
    assert not form.is_valid()
    assert set(form.errors) == {"contract_type"}


def test_unknown_joint_committee_is_refused(enterprise):
    form = job_form(enterprise, joint_committee="999.99")
    assert not form.is_valid()
    assert set(form.errors) == {"joint_committee"}


@pytest.mark.parametrize("typed", ["329.02", "32902", "CP 329.02"])
def test_joint_committee_is_stored_in_dotted_form(enterprise, typed):
    form = job_form(enterprise, joint_committee=typed)
    assert form.is_valid(), form.errors
    assert form.save().joint_committee == "329.02"


def test_fte_is_weekly_hours_over_full_time_hours(enterprise):
    job = out.job(enterprise, weekly_hours=Decimal("19"), full_time_hours=Decimal("38"))
    assert job.fte == Decimal("0.5")
    assert not job.is_full_time
    assert out.job(enterprise, "J2", weekly_hours=Decimal("38")).is_full_time


def test_job_full_time_hours_default_to_38(enterprise):
    assert out.job(enterprise).full_time_hours == Decimal("38")


# Impact assessments


def test_one_impact_assessment_per_project_and_date(org_a):
    project = make.project(org_a, "P-1")
    out.impact(project, date=datetime.date(2024, 6, 30))
    form = ImpactAssessmentForm(
        out.impact_data(date="2024-06-30"), organisation=org_a, parent=project
    )
    assert not form.is_valid()
    assert "date" in form.errors
    refused_by_database(
        model=ImpactAssessment,
        organisation=org_a,
        project=project,
        date=datetime.date(2024, 6, 30),
        **{name: "yes" for name, _label, _dimension in EMES_CRITERIA},
    )
    other = make.project(org_a, "P-2")
    form = ImpactAssessmentForm(
        out.impact_data(date="2024-06-30"), organisation=org_a, parent=other
    )
    assert form.is_valid(), form.errors


def test_impact_assessment_keeps_its_lists_of_actions(org_a):
    project = make.project(org_a, "P-1")
    form = ImpactAssessmentForm(
        out.impact_data(answer="partial"), organisation=org_a, parent=project
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.environmental_actions == ["Tri et compostage", "Livraisons à vélo"]
    assert saved.autonomy == "partial"


def test_impact_assessment_answer_outside_yes_partial_no_is_refused(org_a):
    project = make.project(org_a, "P-1")
    form = ImpactAssessmentForm(
        out.impact_data(autonomy="maybe"), organisation=org_a, parent=project
    )
    assert not form.is_valid()
    assert set(form.errors) == {"autonomy"}


# Transfers


def test_transfer_to_a_partner_of_another_organisation_is_refused(org_a, org_b):
    project = make.project(org_a, "P-1")
    foreign = out.partner(org_b, "trace")
    form = TransferForm(out.transfer_data(foreign), organisation=org_a, parent=project)
    assert not form.is_valid()
    assert set(form.errors) == {"partner"}


# Cost lines


def test_cost_line_ending_before_it_starts_is_refused(org_a):
    form = CostLineForm(
        out.cost_line_data(period_start="2025-12-31", period_end="2025-01-01"), organisation=org_a
    )
    assert not form.is_valid()
    refused_by_database(
        model=CostLine,
        organisation=org_a,
        period_start=datetime.date(2025, 12, 31),
        period_end=datetime.date(2025, 1, 1),
        category="staff",
        amount_eur=Decimal("10"),
        funding_source="region",
    )


def test_negative_cost_line_amount_is_refused(org_a):
    form = CostLineForm(out.cost_line_data(amount_eur="-1"), organisation=org_a)
    assert not form.is_valid()
    refused_by_database(
        model=CostLine,
        organisation=org_a,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        category="staff",
        amount_eur=Decimal("-1"),
        funding_source="region",
    )


def test_cost_line_of_a_programme_of_another_organisation_is_refused(org_a, org_b):
    foreign = make.programme(org_b, "seeds")
    form = CostLineForm(out.cost_line_data(programme=foreign.pk), organisation=org_a)
    assert not form.is_valid()
    assert set(form.errors) == {"programme"}


# Targets


@pytest.mark.parametrize("period", ["2025-S3", "31/12/2025", "2025-12-31..2025-01-01", ""])
def test_target_with_an_unknown_period_is_refused(org_a, period):
    form = TargetForm(out.target_data(period=period), organisation=org_a)
    assert not form.is_valid()
    assert "period" in form.errors


@pytest.mark.parametrize("period", ["2025", "2025-S1", "2025-S2", "2024-07-01..2025-06-30"])
def test_target_periods_of_the_catalogue_are_accepted(org_a, period):
    form = TargetForm(out.target_data(period=period), organisation=org_a)
    assert form.is_valid(), form.errors
    assert form.save().period == period


def test_target_for_an_indicator_outside_the_catalogue_is_refused(org_a):
    form = TargetForm(out.target_data(indicator="jobs.invented"), organisation=org_a)
    assert not form.is_valid()
    assert set(form.errors) == {"indicator"}


def test_duplicate_target_for_the_same_indicator_and_period_is_refused(org_a, org_b):
    out.target(org_a, "jobs.created", "2025")
    form = TargetForm(out.target_data(indicator="jobs.created", period="2025"), organisation=org_a)
    assert not form.is_valid()
    assert "period" in form.errors
    assert TargetForm(out.target_data(period="2026"), organisation=org_a).is_valid()
    assert TargetForm(out.target_data(period="2025"), organisation=org_b).is_valid()
    refused_by_database(
        model=Target, organisation=org_a, indicator="jobs.created", period="2025", value=1
    )


def test_editing_a_target_keeps_its_own_period(org_a):
    target = out.target(org_a, "jobs.created", "2025")
    form = TargetForm(out.target_data(value="15"), instance=target, organisation=org_a)
    assert form.is_valid(), form.errors


# Enterprise cessation (register form, used by the outcomes)


def test_enterprise_ceasing_before_its_creation_is_refused(org_a, coach):
    project = make.project(org_a, "P-1")
    response = coach.client.post(
        make.url("enterprise_edit", org_a, project.pk),
        make.enterprise_data(
            creation_date="2024-05-01", cessation_date="2024-04-30", cessation_reason="dissolution"
        ),
    )
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert not Enterprise.objects.filter(project=project).exists()
    refused_by_database(
        model=Enterprise,
        organisation=org_a,
        project=project,
        name="SC",
        creation_date=datetime.date(2024, 5, 1),
        cessation_date=datetime.date(2024, 4, 30),
    )


def test_enterprise_ceasing_after_its_creation_is_saved(org_a, coach):
    project = make.project(org_a, "P-1")
    response = coach.client.post(
        make.url("enterprise_edit", org_a, project.pk),
        make.enterprise_data(
            creation_date="2024-05-01", cessation_date="2025-04-30", cessation_reason="bankruptcy"
        ),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.enterprise.cessation_date == datetime.date(2025, 4, 30)
    assert not project.enterprise.is_active


def test_a_job_cannot_start_before_its_enterprise_nor_after_its_cessation(org_a, manager):
    project = make.project(org_a, "P-9")
    make.enterprise(
        project, creation_date=datetime.date(2020, 1, 1), cessation_date=datetime.date(2022, 1, 1)
    )
    url = make.url("job_create", org_a, project.pk)
    for start in ("1990-01-01", "2023-01-01"):
        response = manager.client.post(url, out.job_data(start_date=start))
        assert response.status_code == 200
        assert "start_date" in response.context["form"].errors
    response = manager.client.post(
        url, out.job_data(start_date="2021-01-01", end_date="2023-01-01")
    )
    assert "end_date" in response.context["form"].errors
    assert not Job.objects.filter(enterprise__project=project).exists()


def test_a_transfer_goes_to_an_advisory_agency_only(org_a, manager):
    project = make.project(org_a, "P-8")
    form = manager.client.get(make.url("transfer_create", org_a, project.pk)).context["form"]
    kinds = set(form.fields["partner"].queryset.values_list("kind", flat=True))
    assert kinds == {"advisory_agency"}
