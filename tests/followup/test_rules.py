"""The dates of docs/spec/followup.md, on their boundaries, and the plan they give."""

import datetime

import pytest

from sillon.followup import planning, rules
from sillon.followup.models import Unsubscribe
from sillon.register.choices import ProjectStatus
from tests.followup.conftest import followed_project
from tests.register import factories as make

D = datetime.date


def test_exit_date_is_the_latest_end_when_none_is_ongoing():
    assert rules.exit_date([D(2024, 1, 31), D(2024, 6, 30)], "launched") == D(2024, 6, 30)
    assert rules.exit_date([D(2024, 1, 31), None], "launched") is None
    assert rules.exit_date([], "launched") is None
    assert rules.exit_date([D(2024, 6, 30)], ProjectStatus.STOPPED) is None


def test_waves_fall_on_anniversaries_and_29_february_becomes_28():
    assert rules.due_date(D(2024, 2, 29), "n1") == D(2025, 2, 28)
    assert rules.due_date(D(2024, 2, 29), "n2") == D(2026, 2, 28)
    assert rules.due_date(D(2023, 6, 30), "n2") == D(2025, 6, 30)


def test_window_is_ninety_days_from_the_due_date():
    due = D(2025, 6, 30)
    assert not rules.in_window(due, D(2025, 6, 29))
    assert rules.in_window(due, due)
    # 30 June + 89 days = 27 September: the window's last day.
    assert rules.in_window(due, D(2025, 9, 27))
    assert not rules.in_window(due, D(2025, 9, 28))
    assert rules.window_closed(due, D(2025, 9, 28))


def test_reminders_on_day_14_and_28_and_links_expire_on_day_60():
    sent = D(2025, 7, 1)
    assert rules.reminder_due(sent, D(2025, 7, 14), 0) is None
    assert rules.reminder_due(sent, D(2025, 7, 15), 0) == 1  # sent + 14
    assert rules.reminder_due(sent, D(2025, 7, 15), 1) is None  # already sent
    assert rules.reminder_due(sent, D(2025, 7, 28), 1) is None
    assert rules.reminder_due(sent, D(2025, 7, 29), 1) == 2  # sent + 28
    assert rules.reminder_due(sent, D(2025, 7, 29), 0) == 2  # the first is never sent late
    assert rules.reminder_due(sent, D(2025, 8, 29), 2) is None
    assert not rules.expired(sent, D(2025, 8, 29))  # sent + 59: last day
    assert rules.expired(sent, D(2025, 8, 30))  # sent + 60
    assert rules.reminder_due(sent, D(2025, 8, 30), 1) is None


def plan_json(organisation, day):
    return planning.plan(organisation, day).as_json()


def test_plan_lists_the_wave_on_its_due_date_and_last_day_only(org_a):
    followed_project(org_a, "P-1", exit=D(2024, 6, 30))
    assert plan_json(org_a, D(2025, 6, 29))["invitations"] == []
    expected = [{"project_ref": "P-1", "wave": "n1", "due_date": "2025-06-30", "recipients": 1}]
    assert plan_json(org_a, D(2025, 6, 30)) == {
        "as_of": "2025-06-30",
        "invitations": expected,
        "reminders": [],
        "unreachable": [],
    }
    assert plan_json(org_a, D(2025, 9, 27))["invitations"] == expected
    assert plan_json(org_a, D(2025, 9, 28))["invitations"] == []
    assert [due.wave for due in planning.missed(org_a, D(2025, 9, 28))] == ["n1"]
    n2 = plan_json(org_a, D(2026, 6, 30))["invitations"]
    assert n2 == [{"project_ref": "P-1", "wave": "n2", "due_date": "2026-06-30", "recipients": 1}]


def test_plan_on_28_february_after_an_exit_on_29_february(org_a):
    followed_project(org_a, "P-1", exit=D(2024, 2, 29))
    assert plan_json(org_a, D(2025, 2, 27))["invitations"] == []
    invitations = plan_json(org_a, D(2025, 2, 28))["invitations"]
    assert invitations == [
        {"project_ref": "P-1", "wave": "n1", "due_date": "2025-02-28", "recipients": 1}
    ]


def test_ongoing_enrolment_and_stopped_project_are_not_followed(org_a):
    ongoing = followed_project(org_a, "P-1")
    make.enrolment(ongoing, make.programme(org_a, "more"), start_date=D(2024, 7, 1))
    followed_project(org_a, "P-2").__class__.objects.filter(ref="P-2").update(
        status=ProjectStatus.STOPPED
    )
    assert plan_json(org_a, D(2025, 6, 30))["invitations"] == []
    assert plan_json(org_a, D(2025, 6, 30))["unreachable"] == []


@pytest.mark.parametrize("reason", ["no consent", "no email", "unsubscribed"])
def test_a_wave_without_recipient_is_unreachable(org_a, reason):
    project = followed_project(
        org_a, consent=reason != "no consent", email="" if reason == "no email" else "z@ex.org"
    )
    if reason == "unsubscribed":
        Unsubscribe.objects.create(organisation=org_a, person=project.holders.get())
    result = plan_json(org_a, D(2025, 7, 1))
    assert result["invitations"] == []
    assert result["unreachable"] == [{"project_ref": "P-1", "wave": "n1", "due_date": "2025-06-30"}]


def test_plan_counts_only_reachable_holders(org_a):
    project = followed_project(org_a)
    make.holder(project, "Ann", "Peeters", email="ann@ex.org")  # no consent
    make.holder(
        project,
        "Jo",
        "Claes",
        email="jo@ex.org",
        followup_consent=True,
        followup_consent_date=D(2024, 1, 1),
    )
    assert plan_json(org_a, D(2025, 7, 1))["invitations"][0]["recipients"] == 2


def test_plan_of_another_organisation_is_empty(org_a, org_b):
    followed_project(org_a)
    assert plan_json(org_b, D(2025, 7, 1))["invitations"] == []


def test_the_plan_narrowed_to_exits_near_a_window_finds_every_wave_in_its_window(org_a):
    """The plan reads only the projects with an enrolment ending near a window; on each
    day it must find what every wave of every followed project, in its window, gives."""
    exits = [D(2024, 2, 29), D(2024, 3, 1), D(2023, 11, 30), D(2024, 6, 30), D(2023, 12, 31)]
    for number, exit in enumerate(exits, start=1):
        followed_project(org_a, ref=f"P-{number}", exit=exit)
    # An earlier enrolment ending in a window does not make its project's exit date.
    later = followed_project(org_a, ref="P-9", exit=D(2024, 2, 29))
    make.enrolment(
        later,
        make.programme(org_a, "later"),
        start_date=D(2024, 3, 1),
        end_date=D(2024, 9, 15),
        outcome="completed",
    )
    seen = set()
    day = D(2024, 11, 25)
    while day <= D(2026, 9, 30):
        everything = [
            (due.project.ref, due.wave)
            for due in planning.waves_of(org_a, day)
            if rules.in_window(due.due_date, day)
        ]
        planned = planning.plan(org_a, day).invitations
        assert [(due.project.ref, due.wave) for due in planned] == everything, day
        seen.update(everything)
        day += datetime.timedelta(days=1)
    # Every project's two waves came into a window at some point, P-9 by its last exit.
    assert len(seen) == 2 * (len(exits) + 1)
