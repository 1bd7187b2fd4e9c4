"""The database itself refuses impossible records, whatever writes them (imports,
the shell, a future API): the forms are not the only guard."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from sillon.register.models import Activity, Cohort, Enrolment, Enterprise, Project
from tests.register import factories as make


def test_database_refuses_an_enrolment_ending_before_it_starts(org_a):
    project, programme = make.project(org_a), make.programme(org_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        make.enrolment(
            project,
            programme,
            start_date=datetime.date(2024, 3, 4),
            end_date=datetime.date(2024, 3, 3),
        )
    assert not Enrolment.objects.exists()


def test_database_accepts_an_enrolment_ending_the_day_it_starts(org_a):
    day = datetime.date(2024, 3, 4)
    make.enrolment(make.project(org_a), make.programme(org_a), start_date=day, end_date=day)
    assert Enrolment.objects.count() == 1


def test_database_refuses_a_cohort_ending_before_it_starts(org_a):
    programme = make.programme(org_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        make.cohort(
            programme, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2024, 8, 31)
        )
    assert not Cohort.objects.exists()


def test_database_refuses_an_enterprise_ceasing_before_its_creation(org_a):
    project = make.project(org_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        make.enterprise(
            project,
            creation_date=datetime.date(2024, 5, 1),
            cessation_date=datetime.date(2024, 4, 30),
        )
    assert not Enterprise.objects.exists()


def test_database_refuses_negative_activity_hours(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        make.activity(org_a, hours=Decimal("-0.50"))
    assert not Activity.objects.exists()


def test_database_refuses_a_negative_expert_cost(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        make.activity(
            org_a,
            kind="expert",
            expert_type="legal",
            expert_name="Cabinet Dupont",
            cost_eur=Decimal("-1"),
        )
    assert not Activity.objects.exists()


def test_database_refuses_a_cost_on_an_activity_that_is_not_an_expert_one(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        make.activity(org_a, kind="coaching", cost_eur=Decimal("100"))
    assert not Activity.objects.exists()


def test_database_refuses_a_duplicate_project_ref_in_one_organisation(org_a, org_b):
    make.project(org_a, "P-1")
    make.project(org_b, "P-1")  # another organisation may use it
    with pytest.raises(IntegrityError), transaction.atomic():
        make.project(org_a, "P-1")
    assert Project.objects.filter(ref="P-1").count() == 2


def test_database_refuses_one_enterprise_number_twice_in_one_organisation(org_a):
    make.enterprise(make.project(org_a, "P-1"), enterprise_number="0123456749")
    make.enterprise(make.project(org_a, "P-2"), enterprise_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        make.enterprise(make.project(org_a, "P-3"), enterprise_number="0123456749")
    # Several enterprises may wait for their number: the empty number is not unique.
    make.enterprise(make.project(org_a, "P-4"), enterprise_number="")
    assert Enterprise.objects.count() == 3


def test_database_refuses_an_unknown_activity_kind(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        make.activity(org_a, kind="party")
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ([], False),
        (["finance"], False),
        (["finance", "democratic_governance"], True),
        (["social_concertation"], True),
    ],
)
def test_the_database_derives_the_governance_flag_from_the_topics(org_a, topics, expected):
    activity = make.activity(org_a, topics=topics)
    activity.refresh_from_db()
    assert activity.governance_topic is expected
    activity.topics = [] if expected else ["social_concertation"]
    activity.save()
    activity.refresh_from_db()
    assert activity.governance_topic is not expected
