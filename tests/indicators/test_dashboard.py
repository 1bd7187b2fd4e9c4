"""The dashboard: key figures with targets, trends, survival tables, the records behind
each figure, and figures that follow every write."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sillon.accounts.roles import Role
from sillon.core.templatetags.sillon import figure
from sillon.demo.register import enterprise_number
from sillon.indicators.enterprises import COMPARISON_CAVEAT, COMPARISON_GROUPS
from sillon.kbo.models import SyncRun
from sillon.outcomes.models import Target
from sillon.register.choices import ProjectStatus
from sillon.register.models import Programme
from tests.indicators.test_accompaniment import enrol, project
from tests.indicators.test_comparison_survival import D, apply, entry, hand_made  # noqa: F401
from tests.register import factories as make


@pytest.fixture
def enrolled(org_a):
    seeds = Programme.objects.create(
        organisation=org_a,
        code="seeds",
        name_fr="Seeds",
        name_nl="Seeds",
        name_en="Seeds",
        kind="launch",
    )
    for number in range(3):
        enrol(project(org_a, f"P{number}"), seeds, datetime.date(2025, 2, 1))
    Target.objects.create(
        organisation=org_a, indicator="projects.accompanied", period="2025", value=4
    )
    return seeds


def dashboard(persona, organisation, period="2025"):
    return persona.client.get(reverse("dashboard", args=[organisation.slug]), {"period": period})


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_the_key_figures_with_their_target(role, org_a, enrolled, personas):
    response = dashboard(personas[role], org_a)
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.indicator.id == "projects.accompanied")
    # 3 projects against a target of 4: 75 % reached.
    assert (row.value, row.target, row.reached) == (3, 4, 0.75)
    assert "75,0\u00a0%" in response.content.decode()


def test_a_second_semester_is_compared_on_the_year_to_date(org_a, enrolled, manager):
    response = dashboard(manager, org_a, "2025-S2")
    row = next(r for r in response.context["rows"] if r.indicator.id == "projects.accompanied")
    assert row.ytd == 3 and row.target == 4  # the annual target


def test_figures_follow_a_write_at_once(org_a, enrolled, manager):
    assert dashboard(manager, org_a).context["rows"][0].value == 3
    enrol(project(org_a, "P9"), enrolled, datetime.date(2025, 3, 1))
    assert dashboard(manager, org_a).context["rows"][0].value == 4


def test_the_records_behind_a_figure_are_the_ones_counted(org_a, enrolled, coach):
    url = reverse("indicator_records", args=[org_a.slug, "projects.accompanied"])
    response = coach.client.get(url, {"period": "2025"})
    assert [p.ref for p in response.context["page"]] == ["P0", "P1", "P2"]
    assert coach.client.get(url, {"period": "2023"}).context["page"].paginator.count == 0


def test_a_viewer_sees_the_counts_and_breakdowns_not_the_records(org_a, enrolled, viewer):
    url = reverse("indicator_records", args=[org_a.slug, "projects.accompanied"])
    response = viewer.client.get(url, {"period": "2025"})
    assert response.status_code == 200
    assert response.context["counts"] == {} and "page" not in response.context
    # (The form's random CSRF token may hold any two characters: left out.)
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    assert "P0" not in content and "seeds" in content  # the programme breakdown


def test_a_breakdown_cell_opens_its_records(org_a, enrolled, coach):
    other = project(org_a, "P-DEV", project_type="development")
    enrol(other, enrolled, datetime.date(2025, 4, 1))
    url = reverse("indicator_records", args=[org_a.slug, "projects.accompanied"])
    cell = {"period": "2025", "breakdown": "project_type", "key": "development"}
    assert [p.ref for p in coach.client.get(url, cell).context["page"]] == ["P-DEV"]
    cell = {"period": "2025", "breakdown": "programme", "key": "seeds"}
    assert coach.client.get(url, cell).context["page"].paginator.count == 4


def test_a_viewer_reads_counts_behind_a_figure_never_the_records(org_a, enrolled, viewer):
    url = reverse("indicator_records", args=[org_a.slug, "projects.accompanied"])
    response = viewer.client.get(url, {"period": "2025"})
    assert response.status_code == 200
    assert "page" not in response.context
    # The three projects of `enrolled` are active: one line, three projects...
    assert response.context["breakdown"] == [(ProjectStatus.ACTIVE.label, 3)]
    # (The form's random CSRF token may hold any two characters: left out.)
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    # ...shown as "< 5" (a small number), with no reference and no link to a record.
    assert "&lt; 5" in content
    assert "P0" not in content and "/projects/" not in content
    # Two more stopped and three more active: 6 active are shown, 2 stopped are "< 5".
    for number in range(3, 8):
        found = project(org_a, f"P{number}")
        enrol(found, enrolled, datetime.date(2025, 2, 1))
        if number < 5:
            found.status, found.status_date = ProjectStatus.STOPPED, datetime.date(2025, 3, 1)
            found.save()
    response = viewer.client.get(url, {"period": "2025"})
    assert response.context["breakdown"] == [
        (ProjectStatus.ACTIVE.label, 6),
        (ProjectStatus.STOPPED.label, 2),
    ]


def test_an_indicator_without_a_list_or_unknown_is_404(org_a, viewer):
    # jobs.cohort_employment opens no records (drilldown.NO_RECORDS).
    for indicator in ("jobs.cohort_employment", "no.such"):
        url = reverse("indicator_records", args=[org_a.slug, indicator])
        assert viewer.client.get(url).status_code == 404


def test_outsider_gets_404_on_the_dashboard_and_the_records(org_a, outsider):
    assert dashboard(outsider, org_a).status_code == 404
    url = reverse("indicator_records", args=[org_a.slug, "projects.accompanied"])
    assert outsider.client.get(url).status_code == 404


def test_the_follow_up_response_rate_and_the_confirmed_data_are_beside_persistence(
    org_a, enrolled, manager
):
    from django.utils import timezone

    from sillon.followup.models import Questionnaire
    from sillon.register.models import Project

    response = dashboard(manager, org_a)
    assert response.context["response_rate"] is None
    # No enterprise created, hence no job: said in plain words.
    assert response.context["confirmed"].startswith("Aucun emploi")
    assert response.context["confirmed"] in response.content.decode()
    for number, answered in enumerate([True, False, False, True]):
        Questionnaire.objects.create(
            organisation=org_a,
            project=Project.objects.get(ref=f"P{number}") if number < 3 else project(org_a, "P9"),
            wave="n1",
            exit_date=datetime.date(2024, 1, 31),
            due_date=datetime.date(2025, 1, 31),
            status="answered" if answered else "sent",
            sent_on=datetime.date(2025, 2, 1),
            answered_at=timezone.make_aware(datetime.datetime(2025, 3, 1)) if answered else None,
        )
    response = dashboard(manager, org_a)
    # Written at once (the follow-up's records bump the figures' data version).
    assert response.context["response_rate"] == 0.5
    assert response.content.decode().count("50,0\u00a0%") >= 2


def comparison_rows(response) -> list[list[str]]:
    """The cells of the comparison.survival table, row by row, without tags."""
    table = re.search(
        r'<table class="table" id="comparison-survival">(.*?)</table>', response.text, re.S
    )
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_the_comparison_group_gives_only_the_sizes_below_five(hand_made, manager):  # noqa: F811
    response = dashboard(manager, hand_made)
    with translation.override("fr"):  # the organisation's language
        accompanied, others = (str(label) for label in COMPARISON_GROUPS.values())
        assert comparison_rows(response) == [
            [_("Group"), _("Enterprises")],
            [accompanied, "4"],
            [others, "3"],
        ]
        note = _("Fewer than %(minimum)s enterprises in a group: only the sizes are given.")
        assert note % {"minimum": 5} in response.text
        assert str(COMPARISON_CAVEAT) in response.text


def test_the_comparison_group_gives_the_rates_from_five_in_each_group(hand_made, manager):  # noqa: F811
    programme = Programme.objects.get(organisation=hand_made, code="seeds")
    sync = SyncRun.objects.get()
    for k in (11, 12):
        number = enterprise_number(900 + k)
        apply(hand_made, programme, f"C-{k}", D(2020, 1, 2), "rejected", number)
        entry(sync, number, D(2020, 2, 1))
    project = make.project(hand_made, "P-5", intake_date=D(2020, 1, 1))
    make.enrolment(project, programme, start_date=D(2020, 1, 6))
    make.enterprise(project, creation_date=D(2020, 5, 1), created_during_accompaniment=True)
    response = dashboard(manager, hand_made)
    # The same rates as the annual report's (tests/indicators/test_comparison_survival.py).
    rate = lambda value: figure(value, "rate")  # noqa: E731
    with translation.override("fr"):
        accompanied, others = (str(label) for label in COMPARISON_GROUPS.values())
        years = [_("%(years)s y") % {"years": k} for k in (1, 2, 3)]
        assert comparison_rows(response) == [
            [_("Group"), _("Enterprises"), *years],
            [accompanied, "5", rate(1), rate(2 / 3), rate(2 / 3)],
            [others, "5", rate(4 / 5), rate(4 / 5), rate(3 / 4)],
        ]
        note = _("Fewer than %(minimum)s enterprises in a group: only the sizes are given.")
        assert note % {"minimum": 5} not in response.text
        assert str(COMPARISON_CAVEAT) in response.text
