"""The "Enterprises & jobs" lists: every filter on its boundaries, readable by every
member, and a fixed number of SQL queries whatever the number of rows."""

import datetime

import pytest
from django.utils import timezone

from tests.outcomes import factories as out
from tests.register import factories as make
from tests.register.test_queries import count_with

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def names(response) -> list[str]:
    assert response.status_code == 200
    return sorted(str(record) for record in response.context["page"])


def job_refs(response) -> list[str]:
    assert response.status_code == 200
    return sorted(job.job_ref for job in response.context["page"])


def enterprise(organisation, ref: str, name: str, **fields):
    return make.enterprise(make.project(organisation, ref), name=name, **fields)


# Enterprises


@pytest.fixture
def enterprises(org_a):
    """Six enterprises, each with its ESD story (events in the past)."""
    made = {
        "Coop accréditée": enterprise(org_a, "P-1", "Coop accréditée", legal_form="706"),
        "Coop retirée": enterprise(org_a, "P-2", "Coop retirée", legal_form="706"),
        "ASBL renouvelée": enterprise(org_a, "P-3", "ASBL renouvelée", legal_form="017"),
        "SRL sans agrément": enterprise(
            org_a, "P-4", "SRL sans agrément", legal_form="610", created_during_accompaniment=False
        ),
        "ASBL demandée": enterprise(org_a, "P-5", "ASBL demandée", legal_form="017"),
        "SRL fermée": enterprise(
            org_a,
            "P-6",
            "SRL fermée",
            legal_form="610",
            creation_date=datetime.date(2020, 1, 1),
            cessation_date=datetime.date(2023, 6, 30),
            cessation_reason="bankruptcy",
        ),
    }
    year = datetime.date(2022, 1, 1)
    out.accreditation(made["Coop accréditée"], "esd_obtained", year)
    out.accreditation(made["Coop accréditée"], "insertion_mandate_obtained", year + 30 * DAY)
    out.accreditation(made["Coop retirée"], "esd_obtained", year)
    out.accreditation(made["Coop retirée"], "esd_withdrawn", year + 300 * DAY)
    out.accreditation(made["ASBL renouvelée"], "esd_requested", year - 60 * DAY)
    out.accreditation(made["ASBL renouvelée"], "esd_obtained", year)
    out.accreditation(made["ASBL renouvelée"], "esd_renewed", year + 700 * DAY)
    out.accreditation(made["ASBL demandée"], "esd_requested", year)
    out.accreditation(made["ASBL demandée"], "esd_refused", year + 90 * DAY)
    return made


ALL_ENTERPRISES = [
    "ASBL demandée",
    "ASBL renouvelée",
    "Coop accréditée",
    "Coop retirée",
    "SRL fermée",
    "SRL sans agrément",
]


def test_enterprises_list_shows_every_enterprise_of_the_organisation(
    org_a, org_b, enterprises, coach
):
    enterprise(org_b, "P-1", "Ailleurs SC")
    assert names(coach.client.get(make.url("enterprises", org_a))) == ALL_ENTERPRISES


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"legal_form_family": "cooperative"}, ["Coop accréditée", "Coop retirée"]),
        ({"legal_form_family": "nonprofit"}, ["ASBL demandée", "ASBL renouvelée"]),
        ({"legal_form_family": "company"}, ["SRL fermée", "SRL sans agrément"]),
        ({"state": "ceased"}, ["SRL fermée"]),
        ({"state": "active"}, [n for n in ALL_ENTERPRISES if n != "SRL fermée"]),
        # The latest ESD event decides: obtained or renewed is accredited; withdrawn
        # after obtained is not; a later non-ESD event does not change it.
        ({"accredited": "yes"}, ["ASBL renouvelée", "Coop accréditée"]),
        (
            {"accredited": "no"},
            ["ASBL demandée", "Coop retirée", "SRL fermée", "SRL sans agrément"],
        ),
        ({"created": "no"}, ["SRL sans agrément"]),
        ({"created": "yes"}, [n for n in ALL_ENTERPRISES if n != "SRL sans agrément"]),
        ({"legal_form_family": "cooperative", "accredited": "no"}, ["Coop retirée"]),
    ],
)
def test_enterprises_filters(org_a, enterprises, coach, query, expected):
    assert names(coach.client.get(make.url("enterprises", org_a), query)) == expected


def test_accreditation_obtained_in_the_future_does_not_count_yet(org_a, coach):
    later = enterprise(org_a, "P-1", "Bientôt agréée")
    out.accreditation(later, "esd_obtained", TODAY + DAY)
    response = coach.client.get(make.url("enterprises", org_a), {"accredited": "yes"})
    assert names(response) == []


def test_accreditation_obtained_today_counts(org_a, coach):
    today = enterprise(org_a, "P-1", "Agréée ce jour")
    out.accreditation(today, "esd_obtained", TODAY)
    response = coach.client.get(make.url("enterprises", org_a), {"accredited": "yes"})
    assert names(response) == ["Agréée ce jour"]


def test_enterprises_list_counts_the_jobs_of_today(org_a, coach):
    shop = enterprise(org_a, "P-1", "Épicerie")
    out.job(shop, "J1", start_date=TODAY - 10 * DAY)
    out.job(shop, "J2", start_date=TODAY - 10 * DAY, end_date=TODAY)
    out.job(shop, "J3", start_date=TODAY - 10 * DAY, end_date=TODAY - DAY)
    out.job(shop, "J4", start_date=TODAY + DAY)
    response = coach.client.get(make.url("enterprises", org_a))
    assert [e.active_jobs for e in response.context["page"]] == [2]


# Jobs


@pytest.fixture
def jobs(org_a):
    bakery = enterprise(org_a, "P-1", "Boulangerie", legal_form="706")
    cleaning = enterprise(org_a, "P-2", "Nettoyage", legal_form="706")
    day = datetime.date(2024, 6, 1)
    return {
        "perm": out.job(bakery, "perm", start_date=day - 100 * DAY),
        "art60": out.job(
            bakery,
            "art60",
            worker_status="article_60",
            contract_type="fixed_term",
            weekly_hours=19,
            start_date=day - 100 * DAY,
            end_date=day,  # ends ON the day: still active that day
        ),
        "vouchers": out.job(
            cleaning,
            "vouchers",
            worker_status="service_vouchers",
            contract_type="permanent",
            joint_committee="322.01",
            start_date=day + DAY,  # starts the day after: not active yet
        ),
        "partner": out.job(
            cleaning,
            "partner",
            worker_status="self_employed_partner",
            contract_type="none",
            joint_committee="",
            start_date=day - 500 * DAY,
            end_date=day - DAY,  # ended the day before
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["art60", "partner", "perm", "vouchers"]),
        ({"worker_status": "article_60"}, ["art60"]),
        ({"worker_status": "self_employed_partner"}, ["partner"]),
        ({"contract_type": "permanent"}, ["perm", "vouchers"]),
        ({"contract_type": "none"}, ["partner"]),
        ({"joint_committee": "329.02"}, ["art60", "perm"]),
        ({"joint_committee": "322.01"}, ["vouchers"]),
        ({"active_on": "2024-06-01"}, ["art60", "perm"]),
        ({"active_on": "2024-06-02"}, ["perm", "vouchers"]),
        ({"active_on": "2024-05-31"}, ["art60", "partner", "perm"]),
        ({"active_on": "2024-06-01", "contract_type": "fixed_term"}, ["art60"]),
    ],
)
def test_jobs_filters(org_a, jobs, coach, query, expected):
    assert job_refs(coach.client.get(make.url("jobs", org_a), query)) == expected


def test_jobs_filter_takes_the_joint_committee_as_typed_without_dot(org_a, jobs, coach):
    """The job form takes "32902" for 329.02; the list filter should too."""
    response = coach.client.get(make.url("jobs", org_a), {"joint_committee": "32902"})
    assert job_refs(response) == ["art60", "perm"]


def test_jobs_list_shows_only_the_jobs_of_the_organisation(org_a, org_b, jobs, coach):
    out.job(enterprise(org_b, "P-1", "Ailleurs"), "foreign")
    assert "foreign" not in job_refs(coach.client.get(make.url("jobs", org_a)))


def test_jobs_list_shows_no_names_to_anyone(org_a, jobs, admin):
    """Jobs are pseudonymous: the list shows references, never a person."""
    make.holder(jobs["perm"].enterprise.project, "Zoé", "Vanderelst")
    content = admin.client.get(make.url("jobs", org_a)).content.decode()
    assert "Vanderelst" not in content


# Queries


def add_enterprises(organisation, have: list, size: int) -> None:
    while len(have) < size:
        number = len(have)
        shop = enterprise(organisation, f"P-{number:03d}", f"Entreprise {number}", legal_form="706")
        out.job(shop, "J1", start_date=TODAY - 10 * DAY)
        out.accreditation(shop, "esd_obtained", TODAY - 5 * DAY)
        if number % 2:
            shop.cessation_date = TODAY
            shop.save()
        have.append(shop)


@pytest.mark.parametrize(
    "query", ["", "?state=active&accredited=yes&legal_form_family=cooperative"]
)
def test_enterprises_list_queries_do_not_grow_with_enterprises(org_a, coach, query):
    have = []
    counts = count_with(
        coach.client,
        make.url("enterprises", org_a) + query,
        lambda size: add_enterprises(org_a, have, size),
    )
    assert counts[5] == counts[50], counts


def add_jobs(organisation, have: list, size: int) -> None:
    while len(have) < size:
        number = len(have)
        shop = enterprise(organisation, f"P-{number:03d}", f"Entreprise {number}")
        have.append(out.job(shop, f"J{number}", start_date=TODAY - number * DAY))


@pytest.mark.parametrize("query", ["", f"?active_on={TODAY.isoformat()}&worker_status=employee"])
def test_jobs_list_queries_do_not_grow_with_jobs(org_a, coach, query):
    have = []
    counts = count_with(
        coach.client, make.url("jobs", org_a) + query, lambda size: add_jobs(org_a, have, size)
    )
    assert counts[5] == counts[50], counts


def test_cost_line_list_queries_do_not_grow_with_lines(org_a, coach):
    programme = make.programme(org_a)
    have = []

    def grow(size):
        while len(have) < size:
            start = datetime.date(2000 + len(have), 1, 1)
            have.append(
                out.cost_line(
                    org_a,
                    programme=programme,
                    period_start=start,
                    period_end=start.replace(month=12, day=31),
                )
            )

    counts = count_with(coach.client, make.url("cost_line_list", org_a), grow)
    assert counts[5] == counts[50], counts


def test_interaction_list_queries_do_not_grow_with_interactions(org_a, coach):
    have = []

    def grow(size):
        while len(have) < size:
            have.append(out.interaction(org_a, date=datetime.date(2024, 1, 1) + len(have) * DAY))

    counts = count_with(coach.client, make.url("interaction_list", org_a), grow)
    assert counts[5] == counts[50], counts


def test_project_page_queries_do_not_grow_with_its_outcomes(org_a, coach):
    project = make.project(org_a, "P-1")
    shop = make.enterprise(project)
    make.holder(project)
    agency = out.partner(org_a, "trace")
    start = datetime.date(2020, 1, 1)

    def grow(size):
        while shop.jobs.count() < size:
            number = shop.jobs.count()
            out.job(shop, f"J{number}", start_date=start + number * DAY)
            out.accreditation(shop, "esd_requested", start + number * DAY)
            out.non_accreditation(shop, date=start + number * DAY)
            out.transfer(project, agency, date=start + number * DAY)
            out.impact(project, date=start + number * DAY)

    counts = count_with(coach.client, make.url("project", org_a, project.pk), grow)
    assert counts[5] == counts[50], counts
