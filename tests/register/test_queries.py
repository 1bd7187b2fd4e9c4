"""The list pages and the project page make a fixed number of SQL queries, whatever
the number of records shown: no query per row."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.register import factories as make


def queries_for(client, url) -> CaptureQueriesContext:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured


def count_with(client, url, grow, sizes=(5, 50)) -> dict[int, int]:
    """Queries of the page after `grow(n)` has brought the records to n, for each size.

    The page is requested once before measuring so that the session settles (the
    first visit records the organisation in it).
    """
    client.get(url)
    counts = {}
    for size in sizes:
        grow(size)
        counts[size] = len(queries_for(client, url))
    return counts


def add_projects(organisation, programme, have: list, size: int) -> None:
    while len(have) < size:
        project = make.project(organisation, f"P-{len(have):03d}", nace_code="56101")
        make.holder(project, "Zoé", f"Porteuse {len(have)}")
        make.enrolment(project, programme)
        if len(have) % 2:
            make.enterprise(project, name=f"Entreprise {len(have)}")
        have.append(project)


def test_projects_list_queries_do_not_grow_with_projects(org_a, coach):
    programme, have = make.programme(org_a), []
    counts = count_with(
        coach.client,
        make.url("projects", org_a),
        lambda size: add_projects(org_a, programme, have, size),
    )
    assert counts[5] == counts[50], counts


def test_filtered_projects_list_queries_do_not_grow_with_projects(org_a, coach):
    programme, have = make.programme(org_a), []
    url = make.url("projects", org_a) + f"?programme={programme.pk}&sort=-intake_date&q=P"
    counts = count_with(coach.client, url, lambda size: add_projects(org_a, programme, have, size))
    assert counts[5] == counts[50], counts


def add_activities(organisation, programme, projects, have: list, size: int) -> None:
    while len(have) < size:
        number = len(have)
        if number % 3 == 0:
            fields = {
                "kind": "expert",
                "expert_type": "legal",
                "expert_name": "Cabinet Dupont",
                "cost_eur": Decimal("120"),
            }
        else:
            fields = {"kind": "coaching"}
        activity = make.activity(
            organisation,
            projects,
            programme=programme,
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            **fields,
        )
        have.append(activity)


def test_activities_list_queries_do_not_grow_with_activities(org_a, coach):
    programme = make.programme(org_a)
    projects = [make.project(org_a, f"P-{n}") for n in range(4)]
    have = []
    counts = count_with(
        coach.client,
        make.url("activities", org_a),
        lambda size: add_activities(org_a, programme, projects, have, size),
    )
    assert counts[5] == counts[50], counts


def test_project_page_queries_do_not_grow_with_its_activities_and_enrolments(org_a, coach):
    programme = make.programme(org_a)
    project = make.project(org_a, "P-1", nace_code="56101")
    make.holder(project)
    make.enterprise(project)
    others = [make.project(org_a, f"P-{n}") for n in range(2, 6)]
    have = []

    def grow(size):
        add_activities(org_a, programme, [project, *others], have, size)
        while project.enrolments.count() < size:
            make.enrolment(project, programme)

    counts = count_with(coach.client, make.url("project", org_a, project.pk), grow)
    assert counts[5] == counts[50], counts


def test_project_page_queries_do_not_grow_with_its_history(org_a, coach):
    project = make.project(org_a, "P-1")
    url = make.url("project", org_a, project.pk)

    def grow(size):
        while project.history.count() < size:
            project.name = f"Nom {project.history.count()}"
            project.save()

    counts = count_with(coach.client, url, grow)
    assert counts[5] == counts[50], counts


def test_programmes_page_queries_do_not_grow_with_programmes(org_a, viewer):
    have = []

    def grow(size):
        while len(have) < size:
            programme = make.programme(org_a, f"prog-{len(have)}")
            make.cohort(programme)
            make.enrolment(make.project(org_a, f"P-{len(have)}"), programme)
            have.append(programme)

    counts = count_with(viewer.client, make.url("programmes", org_a), grow)
    assert counts[5] == counts[50], counts
