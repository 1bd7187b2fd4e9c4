"""The register's screens do their job: record a project and a session, edit with
history, delete what may be deleted, find projects with filters, sort and pages."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib import messages
from django.utils import timezone, translation
from django.utils.translation import gettext

from sillon.register.models import Activity, Enrolment, Enterprise, Person, Programme, Project
from tests.register import factories as make


def refs(response) -> list[str]:
    """The project references listed on a page of the projects list, in order."""
    assert response.status_code == 200
    return [project.ref for project in response.context["page"]]


def shown_messages(response) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in response.context["messages"]]


# Projects


def test_coach_creates_a_project_and_finds_it_in_the_list(org_a, coach):
    response = coach.client.post(make.url("project_create", org_a), make.project_data())
    project = Project.objects.get(ref="P-2024-017")
    assert response.status_code == 302
    assert response["Location"] == make.url("project", org_a, project.pk)
    assert project.organisation == org_a
    assert project.themes == ["food"]
    listing = coach.client.get(make.url("projects", org_a))
    assert refs(listing) == ["P-2024-017"]
    assert "Boulangerie solidaire" in listing.content.decode()


def test_new_project_form_proposes_today_as_intake_date(org_a, coach):
    response = coach.client.get(make.url("project_create", org_a))
    assert response.context["form"]["intake_date"].value() == timezone.localdate()


def test_editing_a_project_is_kept_in_its_history_with_who_and_what(org_a, coach):
    project = make.project(org_a, "P-1", name="Boulangerie solidaire")
    response = coach.client.post(
        make.url("project_edit", org_a, project.pk),
        make.project_data(ref="P-1", name="Boulangerie coopérative"),
    )
    assert response.status_code == 302
    page = coach.client.get(make.url("project", org_a, project.pk))
    latest = page.context["history"][0]
    assert latest.who == coach.user.username
    changed = {change.field: (change.old, change.new) for change in latest.changes}
    assert changed["Nom"] == ("Boulangerie solidaire", "Boulangerie coopérative")
    content = page.content.decode()
    assert coach.user.username in content
    assert "Boulangerie solidaire → Boulangerie coopérative" in content


def test_project_page_summarises_its_activities_by_kind(org_a, coach):
    project = make.project(org_a, "P-1")
    make.activity(org_a, [project], kind="coaching", hours=2)
    make.activity(org_a, [project], kind="coaching", hours=1)
    make.activity(org_a, [project], kind="training", hours=3)
    response = coach.client.get(make.url("project", org_a, project.pk))
    assert response.context["totals"]["count"] == 3
    # project.html draws one chip per kind from `by_kind`: "Coaching (individuel): 2 · 3 h".
    assert 'class="chips"' in response.content.decode()
    assert "Coaching (individuel): 2 · 3 h" in response.content.decode()


def test_deleting_a_project_keeps_its_shared_activities_without_it(org_a, manager):
    project, other = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    session = make.activity(org_a, [project, other])
    own = make.activity(org_a, [project])
    make.enrolment(project, make.programme(org_a))
    make.enterprise(project)
    response = manager.client.post(
        make.url("project_delete", org_a, project.pk), {"reason": "Doublon"}
    )
    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not Enrolment.objects.exists()
    assert not Enterprise.objects.exists()
    assert list(session.projects.all()) == [other]
    # An activity of this project alone would count hours for nothing: it goes too.
    assert not Activity.objects.filter(pk=own.pk).exists()


def test_deleting_the_only_project_of_a_holder_deletes_the_person(org_a, manager):
    """Personal data must not outlive the project it was recorded for: no page lists
    people, so an orphan could be neither seen nor erased."""
    project = make.project(org_a, "P-1")
    person = make.holder(project)
    response = manager.client.post(
        make.url("project_delete", org_a, project.pk), {"reason": "Doublon"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


# Holders


def test_coach_adds_a_holder_to_a_project(org_a, coach):
    project = make.project(org_a, "P-1")
    response = coach.client.post(make.url("holder_create", org_a, project.pk), make.person_data())
    assert response.status_code == 302
    person = project.holders.get()
    assert (person.last_name, person.organisation) == ("Vanderelst", org_a)


def test_removing_a_holder_never_erases_the_person(org_a, manager, coach):
    project = make.project(org_a, "P-1")
    person = make.holder(project)
    url = make.url("holder_remove", org_a, project.pk, person.pk)
    assert coach.client.post(url, {"reason": "Erreur"}).status_code == 403
    response = manager.client.post(url, {"reason": "Erreur de saisie"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, list(person.projects.all())) == ("Vanderelst", [])
    # Who took the person off, and why, is in the project's history.
    latest = project.history.latest()
    assert latest.history_change_reason == "Erreur de saisie"
    assert latest.history_user == manager.user


def test_removing_a_holder_who_holds_another_project_keeps_the_person(org_a, manager):
    first, second = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    person = make.holder(first)
    second.holders.add(person)
    response = manager.client.post(
        make.url("holder_remove", org_a, first.pk, person.pk), {"reason": "Doublon"}
    )
    assert response.status_code == 302
    assert list(person.projects.all()) == [second]


def test_removing_a_holder_who_is_kept_does_not_say_they_were_deleted(org_a, manager):
    first, second = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    person = make.holder(first)
    second.holders.add(person)
    response = manager.client.post(
        make.url("holder_remove", org_a, first.pk, person.pk), {"reason": "Doublon"}, follow=True
    )
    with translation.override("fr"):
        deleted = gettext("“%(record)s” was deleted.") % {"record": person}
    assert Person.objects.filter(pk=person.pk).exists()
    assert deleted not in [text for _level, text in shown_messages(response)]


# Enterprise


def test_a_project_has_one_enterprise_which_the_form_edits(org_a, coach):
    project = make.project(org_a, "P-1")
    url = make.url("enterprise_edit", org_a, project.pk)
    assert coach.client.post(url, make.enterprise_data(name="Première")).status_code == 302
    assert coach.client.post(url, make.enterprise_data(name="Seconde")).status_code == 302
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["Seconde"]


# Activities: the "log a session" form


def test_log_a_session_records_one_activity_for_two_projects(org_a, coach):
    first, second = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    response = coach.client.post(
        make.url("activity_create", org_a),
        make.activity_data(project_refs="P-1, P-2", hours="1.5", note="Atelier budget"),
    )
    assert response.status_code == 302
    session = Activity.objects.get()
    assert set(session.projects.all()) == {first, second}
    assert session.organisation == org_a
    for project in (first, second):
        page = coach.client.get(make.url("project", org_a, project.pk))
        assert list(page.context["activities"]) == [session]
        assert "Atelier budget" in page.content.decode()


def test_log_a_session_accepts_refs_followed_by_project_names(org_a, coach):
    make.project(org_a, "P-1")
    make.project(org_a, "P-2")
    response = coach.client.post(
        make.url("activity_create", org_a),
        make.activity_data(project_refs="P-1 Projet P-1, P-2 Projet P-2, P-1"),
    )
    assert response.status_code == 302
    assert sorted(Activity.objects.get().projects.values_list("ref", flat=True)) == ["P-1", "P-2"]


def test_log_a_session_from_a_project_page_proposes_it_and_returns_there(org_a, coach):
    project = make.project(org_a, "P-1")
    back = make.url("project", org_a, project.pk)
    url = make.url("activity_create", org_a) + f"?project=P-1&next={back}"
    form = coach.client.get(url).context["form"]
    assert form["project_refs"].value() == "P-1"
    response = coach.client.post(url, make.activity_data(project_refs="P-1"))
    assert response.status_code == 302
    assert response["Location"] == back


@pytest.mark.parametrize(
    "elsewhere", ["//evil.example/", "https://evil.example/", "/\\evil.example/"]
)
def test_log_a_session_never_sends_the_user_to_another_site(elsewhere, org_a, coach):
    make.project(org_a, "P-1")
    url = make.url("activity_create", org_a)
    response = coach.client.post(
        url, make.activity_data(project_refs="P-1"), QUERY_STRING=f"next={elsewhere}"
    )
    assert response.status_code == 302
    location = response["Location"]
    # A browser reads "//host" and "/\\host" as another site; "/%5Chost" is a path here.
    target = urlsplit(location.replace("\\", "/"))
    assert (target.scheme, target.netloc) == ("", ""), location
    assert not location.startswith("//"), location


def test_editing_an_activity_shows_and_replaces_its_projects(org_a, coach):
    first, second = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    session = make.activity(org_a, [first, second])
    url = make.url("activity_edit", org_a, session.pk)
    assert 'value="P-1, P-2"' in coach.client.get(url).content.decode()
    response = coach.client.post(url, make.activity_data(project_refs="P-2"))
    assert response.status_code == 302
    assert list(session.projects.all()) == [second]


# Programmes and cohorts


def test_programme_with_enrolments_cannot_be_deleted(org_a, admin):
    programme = make.programme(org_a, "seeds")
    make.enrolment(make.project(org_a), programme)
    response = admin.client.post(
        make.url("programme_delete", org_a, programme.pk), {"reason": "Doublon"}, follow=True
    )
    assert response.redirect_chain[-1][0] == make.url("programmes", org_a)
    assert [level for level, _text in shown_messages(response)] == [messages.ERROR]
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_cohort_with_enrolments_cannot_be_deleted(org_a, admin):
    programme = make.programme(org_a, "seeds")
    cohort = make.cohort(programme)
    make.enrolment(make.project(org_a), programme, cohort=cohort)
    response = admin.client.post(
        make.url("cohort_delete", org_a, cohort.pk), {"reason": "Doublon"}, follow=True
    )
    assert [level for level, _text in shown_messages(response)] == [messages.ERROR]
    assert cohort in programme.cohorts.all()


def test_unused_programme_is_deleted(org_a, admin):
    programme = make.programme(org_a, "seeds")
    response = admin.client.post(
        make.url("programme_delete", org_a, programme.pk), {"reason": "Doublon"}, follow=True
    )
    assert [level for level, _text in shown_messages(response)] == [messages.SUCCESS]
    assert not Programme.objects.exists()


def test_programme_list_counts_enrolments(org_a, viewer):
    programme = make.programme(org_a, "seeds")
    make.enrolment(make.project(org_a, "P-1"), programme)
    make.enrolment(make.project(org_a, "P-2"), programme)
    response = viewer.client.get(make.url("programmes", org_a))
    assert [p.enrolment_count for p in response.context["programmes"]] == [2]


# The projects list: filters, sort and pages


@pytest.fixture
def three_projects(org_a):
    """P-1: a restaurant (section I) of 2023 in Seeds; P-2: an IT firm (section J) of
    2024 in Blossom, launched; P-3: a multi-actor canteen of 2024, stopped, no NACE."""
    seeds, blossom = make.programme(org_a, "seeds"), make.programme(org_a, "blossom")
    p1 = make.project(
        org_a,
        "P-1",
        name="Boulangerie solidaire",
        nace_code="56101",
        intake_date=datetime.date(2023, 5, 1),
    )
    p2 = make.project(
        org_a,
        "P-2",
        name="Atelier vélo",
        project_type="development",
        sector_type="non_market",
        nace_code="62010",
        intake_date=datetime.date(2024, 2, 1),
        status="launched",
        status_date=datetime.date(2024, 6, 1),
    )
    p3 = make.project(
        org_a,
        "P-3",
        name="Cantine de quartier",
        project_type="multi_actor",
        sector_type="mixed",
        intake_date=datetime.date(2024, 9, 1),
        status="stopped",
        status_date=datetime.date(2024, 12, 1),
        stop_reason="Pas de local",
    )
    make.enrolment(p1, seeds)
    make.enrolment(
        p2, seeds, start_date=datetime.date(2024, 2, 1), end_date=datetime.date(2024, 3, 1)
    )
    make.enrolment(p2, blossom, start_date=datetime.date(2024, 3, 2))
    make.enterprise(p2, name="Rayons SC")
    return {"seeds": seeds, "blossom": blossom, "projects": (p1, p2, p3)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["P-1", "P-2", "P-3"]),
        ({"status": "launched"}, ["P-2"]),
        ({"project_type": "multi_actor"}, ["P-3"]),
        ({"sector_type": "non_market"}, ["P-2"]),
        ({"nace_section": "2008:I"}, ["P-1"]),
        ({"nace_section": "2008:J"}, ["P-2"]),
        ({"nace_section": "2025:I"}, []),
        ({"year": "2024"}, ["P-2", "P-3"]),
        ({"year": "2024", "sector_type": "mixed"}, ["P-3"]),
        ({"q": "vélo"}, ["P-2"]),
        ({"q": "p-3"}, ["P-3"]),
        ({"q": "rayons"}, ["P-2"]),  # the enterprise's name
        ({"q": "nothing like it"}, []),
    ],
)
def test_projects_list_filters(query, expected, org_a, three_projects, coach):
    response = coach.client.get(make.url("projects", org_a), query)
    assert refs(response) == expected


def test_projects_list_filters_by_programme_listing_each_project_once(org_a, three_projects, coach):
    # P-2 went through Seeds, then Blossom; P-1 is in Seeds. Enrol P-1 twice in Seeds.
    p1 = three_projects["projects"][0]
    make.enrolment(p1, three_projects["seeds"], start_date=datetime.date(2024, 9, 1))
    seeds, blossom = three_projects["seeds"], three_projects["blossom"]
    url = make.url("projects", org_a)
    assert refs(coach.client.get(url, {"programme": seeds.pk})) == ["P-1", "P-2"]
    assert refs(coach.client.get(url, {"programme": blossom.pk})) == ["P-2"]


@pytest.mark.parametrize("page", ["projects", "activities"])
def test_list_filters_offer_only_the_organisations_programmes(page, org_a, org_b, coach):
    make.programme(org_a, "seeds", name_fr="Graines")
    make.programme(org_b, "secret", name_fr="Programme secret de B")
    response = coach.client.get(make.url(page, org_a))
    field = response.context["filters"].form["programme"].field
    offered = [str(label) for _value, label in field.choices if _value]
    assert offered == ["Graines"]
    assert "Programme secret de B" not in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-intake_date", ["P-3", "P-2", "P-1"]),
        ("intake_date", ["P-1", "P-2", "P-3"]),
        ("-ref", ["P-3", "P-2", "P-1"]),
    ],
)
def test_projects_list_sorts(sort, expected, org_a, three_projects, coach):
    response = coach.client.get(make.url("projects", org_a), {"sort": sort})
    assert refs(response) == expected


def test_projects_list_shows_fifty_projects_a_page(org_a, coach):
    for number in range(60):
        make.project(org_a, f"P-{number:03d}")
    url = make.url("projects", org_a)
    first = refs(coach.client.get(url))
    second = refs(coach.client.get(url, {"page": 2}))
    assert len(first) == 50
    assert second == [f"P-{number:03d}" for number in range(50, 60)]


def test_projects_pages_sorted_by_date_neither_repeat_nor_skip_a_project(org_a, coach):
    """Many projects share an intake date (a cohort starts the same day): sorting by
    date must still split them over the pages, each project on exactly one page.
    (150 projects: enough for PostgreSQL to sort the first page differently from the
    next ones when the order has ties.)"""
    for number in range(150):
        make.project(org_a, f"P-{number:03d}", intake_date=datetime.date(2024, 1, 1 + number % 2))
    url = make.url("projects", org_a)
    listed = []
    for page in (1, 2, 3):
        listed += refs(coach.client.get(url, {"sort": "-intake_date", "page": page}))
    assert sorted(listed) == [f"P-{number:03d}" for number in range(150)]


def test_projects_list_keeps_filters_when_paging(org_a, coach):
    for number in range(55):
        make.project(org_a, f"A-{number:03d}", status="active")
    make.project(org_a, "Z-1", status="launched", status_date=make.DAY)
    response = coach.client.get(make.url("projects", org_a), {"status": "active", "page": 2})
    assert refs(response) == [f"A-{number:03d}" for number in range(50, 55)]
    assert "status=active" in response.content.decode()


# The activities list


def test_activities_list_filters_by_project_and_totals_the_selection(org_a, coach):
    first, second = make.project(org_a, "P-1"), make.project(org_a, "P-2")
    make.activity(org_a, [first, second], hours=2)
    make.activity(org_a, [first], hours="1.5")
    make.activity(org_a, [second], hours=4)
    response = coach.client.get(make.url("activities", org_a), {"project": "P-1"})
    assert len(response.context["page"]) == 2
    assert response.context["totals"]["hours"] == pytest.approx(3.5)
