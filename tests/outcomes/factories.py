"""Plain functions that build outcome records for tests, and the form data the
outcome screens expect. Records are written straight to the database (no form, no
validation): tests that check validation go through the forms and views.

    from tests.outcomes import factories as out
    job = out.job(enterprise, "J1", weekly_hours=19)
"""

import datetime
from decimal import Decimal

from sillon.outcomes.choices import (
    EMES_CRITERIA,
    AccreditationEventKind,
    ActionKind,
    ActionScope,
    Assessment,
    ContractType,
    CostCategory,
    FundingSource,
    InteractionKind,
    NonAccreditationReasonKind,
    WorkerStatus,
)
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
)

DAY = datetime.date(2024, 3, 4)


# Records


def job(enterprise, ref: str = "J1", **fields) -> Job:
    values = {
        "start_date": DAY,
        "worker_status": WorkerStatus.EMPLOYEE,
        "contract_type": ContractType.PERMANENT,
        "weekly_hours": Decimal("38"),
        "joint_committee": "329.02",
    }
    return Job.objects.create(
        organisation=enterprise.organisation,
        enterprise=enterprise,
        job_ref=ref,
        **(values | fields),
    )


def accreditation(enterprise, event=AccreditationEventKind.ESD_OBTAINED, date=DAY, **fields):
    return AccreditationEvent.objects.create(
        organisation=enterprise.organisation,
        enterprise=enterprise,
        event=event,
        date=date,
        **fields,
    )


def non_accreditation(enterprise, reason=NonAccreditationReasonKind.NOT_RELEVANT, date=DAY):
    return NonAccreditationReason.objects.create(
        organisation=enterprise.organisation, enterprise=enterprise, reason=reason, date=date
    )


def partner(organisation, code: str = "trace") -> Partner:
    """One of the partners every organisation is given (trace, febisp-agency, …)."""
    return Partner.objects.get(organisation=organisation, code=code)


def transfer(project, partner_: Partner | None = None, date=DAY, **fields) -> Transfer:
    return Transfer.objects.create(
        organisation=project.organisation,
        project=project,
        partner=partner_ or partner(project.organisation, "febisp-agency"),
        date=date,
        **fields,
    )


def impact(project, date=DAY, answer=Assessment.YES, **fields) -> ImpactAssessment:
    criteria = {name: answer for name, _label, _dimension in EMES_CRITERIA}
    return ImpactAssessment.objects.create(
        organisation=project.organisation, project=project, date=date, **(criteria | fields)
    )


def interaction(organisation, partner_: Partner | None = None, **fields) -> PartnerInteraction:
    values = {"date": DAY, "kind": InteractionKind.CONSULTATION}
    return PartnerInteraction.objects.create(
        organisation=organisation, partner=partner_ or partner(organisation), **(values | fields)
    )


def internal_action(organisation, **fields) -> InternalAction:
    values = {
        "date": DAY,
        "kind": ActionKind.DIVERSITY,
        "scope": ActionScope.INTERNAL,
        "description": "Charte diversité",
    }
    return InternalAction.objects.create(organisation=organisation, **(values | fields))


def cost_line(organisation, **fields) -> CostLine:
    values = {
        "period_start": datetime.date(2024, 1, 1),
        "period_end": datetime.date(2024, 12, 31),
        "category": CostCategory.STAFF,
        "amount_eur": Decimal("1000"),
        "funding_source": FundingSource.REGION,
    }
    return CostLine.objects.create(organisation=organisation, **(values | fields))


def target(organisation, indicator: str = "jobs.created", period: str = "2025", value=10):
    return Target.objects.create(
        organisation=organisation, indicator=indicator, period=period, value=Decimal(value)
    )


# Form data, as a browser posts it


def job_data(**overrides) -> dict:
    data = {
        "job_ref": "J1",
        "start_date": "2024-03-04",
        "end_date": "",
        "worker_status": WorkerStatus.EMPLOYEE,
        "contract_type": ContractType.PERMANENT,
        "weekly_hours": "38",
        "full_time_hours": "38",
        "joint_committee": "329.02",
        "gender": "f",
    }
    return data | overrides


def impact_data(answer: str = Assessment.YES, **overrides) -> dict:
    data = {
        "date": "2024-06-30",
        "beneficiaries": "120",
        "social_impact": "Emplois durables dans le quartier",
        "environmental_actions": "Tri et compostage, Livraisons à vélo",
        "diversity_actions": "Recrutement inclusif",
    }
    data |= {name: answer for name, _label, _dimension in EMES_CRITERIA}
    return data | overrides


def cost_line_data(**overrides) -> dict:
    data = {
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "category": CostCategory.STAFF,
        "programme": "",
        "amount_eur": "180000",
        "funding_source": FundingSource.REGION,
        "note": "",
    }
    return data | overrides


def target_data(**overrides) -> dict:
    return {"indicator": "jobs.created", "period": "2025", "value": "12"} | overrides


def transfer_data(partner_: Partner, **overrides) -> dict:
    return {"partner": partner_.pk, "date": "2024-09-15", "note": ""} | overrides


def partner_data(**overrides) -> dict:
    return {"code": "financite", "name": "Réseau Financité", "kind": "other"} | overrides


def interaction_data(partner_: Partner, **overrides) -> dict:
    data = {"partner": partner_.pk, "date": "2024-05-02", "kind": "referral_in", "note": ""}
    return data | overrides


def internal_action_data(**overrides) -> dict:
    data = {
        "date": "2024-05-02",
        "kind": ActionKind.ENVIRONMENT,
        "scope": ActionScope.BENEFICIARIES,
        "description": "Module économie circulaire",
    }
    return data | overrides


def quick_jobs_data(rows: list[dict], total: int = 5) -> dict:
    """The several-jobs-at-once form: `rows` filled in, the others emptied (the gender
    list of an empty row still says "unknown", as a browser sends it)."""
    data = {
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "50",
    }
    fields = ["job_ref", "start_date", "worker_status", "contract_type", "weekly_hours"]
    fields += ["joint_committee", "gender"]
    for index in range(total):
        row = rows[index] if index < len(rows) else {"gender": "unknown"}
        for field in fields:
            data[f"form-{index}-{field}"] = row.get(field, "")
    return data
