"""`sillon demo` tells a credible outcomes story: every code of docs/spec/domain.md appears, the
jobs sit under the right joint committees, the costs are around the €650,000 regional
subsidy, targets cover 2022–2026, and every record passes the model's own checks.

The 300-project demo is built once for the module, inside a transaction rolled back
at the end so that no other test sees it."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.periods import parse_period
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
    PartnerKind,
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
from sillon.register.choices import CessationReason
from sillon.register.models import Enterprise


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", projects=300, seed=1, verbosity=0)
        yield Organisation.objects.get(slug="coopcity")
        transaction.set_rollback(True)


def values(model, field, organisation) -> set:
    return set(
        model.objects.filter(organisation=organisation).values_list(field, flat=True).distinct()
    )


CODES = [
    (Job, "worker_status", WorkerStatus),
    (Job, "contract_type", ContractType),
    (AccreditationEvent, "event", AccreditationEventKind),
    (NonAccreditationReason, "reason", NonAccreditationReasonKind),
    (Partner, "kind", PartnerKind),
    (PartnerInteraction, "kind", InteractionKind),
    (InternalAction, "kind", ActionKind),
    (InternalAction, "scope", ActionScope),
    (CostLine, "category", CostCategory),
    (CostLine, "funding_source", FundingSource),
    (Enterprise, "cessation_reason", CessationReason),
]


@pytest.mark.parametrize(
    ("model", "field", "choices"), CODES, ids=[f"{m.__name__}.{f}" for m, f, _c in CODES]
)
def test_demo_uses_every_code(db, demo, model, field, choices):
    assert set(choices.values) <= values(model, field, demo)


def test_demo_uses_the_three_answers_of_the_emes_criteria(db, demo):
    answers = set()
    for name, _label, _dimension in EMES_CRITERIA:
        answers |= values(ImpactAssessment, name, demo)
    assert answers == set(Assessment.values)


def test_demo_has_jobs_under_the_main_joint_committees(db, demo):
    assert {"329.02", "337", "322.01"} <= values(Job, "joint_committee", demo)


def test_demo_service_voucher_jobs_are_under_322_01(db, demo):
    jobs = Job.objects.filter(organisation=demo, worker_status=WorkerStatus.SERVICE_VOUCHERS)
    assert jobs.exists()
    assert set(jobs.values_list("joint_committee", flat=True)) == {"322.01"}


def test_demo_self_employed_partners_are_in_cooperatives_without_contract(db, demo):
    partners = Job.objects.filter(
        organisation=demo, worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER
    )
    assert partners.exists()
    assert set(partners.values_list("enterprise__legal_form_family", flat=True)) == {"cooperative"}
    assert set(partners.values_list("contract_type", flat=True)) == {ContractType.NONE}
    assert set(partners.values_list("joint_committee", flat=True)) == {""}


def test_demo_employees_all_have_a_contract(db, demo):
    employees = Job.objects.filter(organisation=demo).exclude(
        worker_status=WorkerStatus.SELF_EMPLOYED_PARTNER
    )
    assert employees.exists()
    assert not employees.filter(contract_type=ContractType.NONE).exists()


def test_demo_regional_costs_of_2025_are_around_650000_euros(db, demo):
    total = CostLine.objects.filter(
        organisation=demo,
        funding_source=FundingSource.REGION,
        period_start__gte=datetime.date(2025, 1, 1),
        period_end__lte=datetime.date(2025, 12, 31),
    ).aggregate(total=Sum("amount_eur"))["total"]
    assert Decimal("600000") <= total <= Decimal("700000"), total


def test_demo_has_targets_for_every_year_2022_to_2026(db, demo):
    periods = values(Target, "period", demo)
    assert {str(year) for year in range(2022, 2027)} <= periods


def test_demo_targets_name_indicators_of_the_catalogue_and_real_periods(db, demo):
    for indicator, period in Target.objects.filter(organisation=demo).values_list(
        "indicator", "period"
    ):
        assert indicator in BY_ID and BY_ID[indicator].is_scalar, indicator
        assert parse_period(period).id == period


def test_demo_transfers_go_to_advisory_agencies(db, demo):
    transfers = Transfer.objects.filter(organisation=demo)
    assert transfers.exists()
    assert set(transfers.values_list("partner__code", flat=True)) == {"trace", "febisp-agency"}


def test_demo_some_enterprises_cease_after_their_creation(db, demo):
    ceased = Enterprise.objects.filter(organisation=demo, cessation_date__isnull=False)
    assert ceased.exists()
    assert all(e.creation_date is None or e.cessation_date >= e.creation_date for e in ceased)


MODELS = [
    Job,
    AccreditationEvent,
    NonAccreditationReason,
    Transfer,
    ImpactAssessment,
    PartnerInteraction,
    InternalAction,
    CostLine,
    Target,
]


@pytest.mark.parametrize("model", MODELS, ids=[model.__name__ for model in MODELS])
def test_every_demo_record_passes_full_clean(db, demo, model):
    records = list(model.objects.filter(organisation=demo))
    assert records
    failures = {}
    for record in records:
        try:
            record.full_clean()
        except Exception as error:  # collect them all
            failures[str(record)] = error
            if len(failures) >= 5:
                break
    assert failures == {}
