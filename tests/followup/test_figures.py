"""The follow-up figures, on small hand-made data."""

import datetime

from sillon.catalogue.periods import parse_period
from sillon.followup.actions import accept_change, submit_answer
from sillon.followup.choices import ChangeKind, QuestionnaireStatus
from sillon.followup.models import Invitation, Questionnaire
from sillon.followup.sending import send_due
from sillon.indicators.engine import compute
from sillon.outcomes.models import Job
from tests.followup.conftest import followed_project

D = datetime.date


def figures(organisation, period, as_of):
    return {r.indicator.id: r.value for r in compute(organisation, parse_period(period), as_of)}


def test_sent_answered_rate_unreachable_and_confirmed_share(followed, org_a, outbox):
    # P-1 (exit 30 June 2024) is sent on 1 July 2025; P-2 has no consent: unreachable.
    followed_project(org_a, "P-2", consent=False)
    followed.enterprise.created_during_accompaniment = True
    followed.enterprise.save()
    send_due(org_a, D(2025, 7, 1))
    values = figures(org_a, "2025", D(2025, 12, 31))
    assert values["followup.sent"].value == 1
    assert values["followup.sent"].breakdowns["wave"] == {"n1": 1}
    assert values["followup.unreachable"].value == 1
    assert values["followup.answered"].value == 0
    assert values["followup.response_rate"].value == 0
    # J1 was created (a version) on the test's day, not within 2025.
    job = Job.objects.get()
    Job.history.filter(id=job.pk).update(
        history_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert values["jobs.confirmed_share"].value is not None
    before = figures(org_a, "2025", D(2025, 12, 31))["jobs.confirmed_share"]
    assert (before.numerator, before.denominator) == (0, 1)
    answer = submit_answer(
        Invitation.objects.get(),
        {"jobs": {job.pk: {"still_in_post": "yes", "end_date": None}}, "impact": {}},
    )
    accept_change(answer.changes.get(kind=ChangeKind.JOB_CONFIRMED))
    year = datetime.date.today().year
    after = figures(org_a, str(year), D(year, 12, 31))
    assert (after["jobs.confirmed_share"].numerator, after["jobs.confirmed_share"].denominator) == (
        1,
        1,
    )
    assert after["followup.answered"].value == 1
    # Sent in 2025, answered since: the rate of 2025 counts answers up to A.
    rate = figures(org_a, "2025", D(year, 12, 31))["followup.response_rate"]
    assert (rate.numerator, rate.denominator, rate.value) == (1, 1, 1)
    assert Questionnaire.objects.get(project=followed).status == QuestionnaireStatus.ANSWERED
