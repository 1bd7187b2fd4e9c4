"""Personal data in the outcomes: jobs carry no names; a viewer never sees who holds a
project; an administrator exports (JSON) and erases a person, both recorded in the
person's history (GDPR, docs/spec/domain.md)."""

import json

import pytest
from django.db import models

from sillon.outcomes.models import Job
from sillon.register.models import Person
from tests.outcomes import factories as out
from tests.register import factories as make

FIRST, SURNAME, EMAIL = "Zoé", "Vanderelst", "zoe.vanderelst@example.org"


@pytest.fixture
def project(org_a):
    project = make.project(org_a, "P-1", name="Boulangerie solidaire")
    shop = make.enterprise(project)
    out.job(shop, "J1")
    out.accreditation(shop)
    out.impact(project)
    return project


@pytest.fixture
def person(project):
    person = make.holder(
        project,
        FIRST,
        SURNAME,
        email=EMAIL,
        gender="f",
        birth_year=1990,
        situation_at_intake="jobseeker",
    )
    person.email = "zoe@example.org"  # a previous version with another email
    person.save()
    person.email = EMAIL
    person.save()
    return person


def gdpr_url(name, organisation, project, person) -> str:
    return make.url(name, organisation, project.pk, person.pk)


# Jobs are pseudonymous


def test_jobs_have_no_field_for_a_name():
    text_fields = {
        field.name
        for field in Job._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField | models.EmailField)
    }
    assert text_fields == {"job_ref", "worker_status", "contract_type", "joint_committee"} | {
        "gender",
        "source",
    }
    assert not any("name" in name or "mail" in name for name in text_fields)


@pytest.mark.parametrize("name", ["project", "enterprises", "jobs"])
def test_viewer_opens_neither_the_project_page_nor_the_lists(org_a, project, person, viewer, name):
    args = [project.pk] if name == "project" else []
    response = viewer.client.get(make.url(name, org_a, *args))
    assert response.status_code == 403
    content = response.content.decode()
    for secret in [FIRST, SURNAME, EMAIL]:
        assert secret not in content


def test_coach_sees_the_outcomes_panel_on_the_project_page(org_a, project, person, coach):
    content = coach.client.get(make.url("project", org_a, project.pk)).content.decode()
    assert 'id="jobs"' in content and 'id="impact"' in content


# Export


def test_admin_downloads_the_data_of_a_person(org_a, project, person, admin):
    response = admin.client.get(gdpr_url("holder_export", org_a, project, person))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"person-{person.pk}.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert (data["first_name"], data["last_name"], data["email"]) == (FIRST, SURNAME, EMAIL)
    assert (data["birth_year"], data["gender"]) == (1990, "f")
    assert [p["ref"] for p in data["projects"]] == ["P-1"]
    assert [entry["type"] for entry in data["history"]] == ["+", "~", "~"]


def test_export_lists_every_project_of_the_person(org_a, project, person, admin):
    make.project(org_a, "P-2").holders.add(person)
    data = admin.client.get(gdpr_url("holder_export", org_a, project, person)).json()
    assert sorted(p["ref"] for p in data["projects"]) == ["P-1", "P-2"]


def test_export_is_recorded_in_the_history_of_the_person(org_a, project, person, admin):
    admin.client.get(gdpr_url("holder_export", org_a, project, person))
    latest = person.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "gdpr_export"
    assert latest.history_user == admin.user
    page = admin.client.get(make.url("project", org_a, project.pk))
    holder_entries = dict(page.context["holder_histories"])[person]
    assert holder_entries[0].who == admin.user.username
    assert holder_entries[0].reason  # shown as "personal data exported", translated


# Erasure


def test_admin_erases_a_person_here_and_in_every_previous_version(org_a, project, person, admin):
    url = gdpr_url("holder_erase", org_a, project, person)
    assert admin.client.get(url).status_code == 200  # the confirmation page
    response = admin.client.post(url)
    assert response.status_code == 302
    assert response["Location"] == make.url("project", org_a, project.pk)
    person.refresh_from_db()
    assert SURNAME not in (person.first_name, person.last_name)
    assert FIRST not in (person.first_name, person.last_name)
    assert (person.email, person.birth_year) == ("", None)
    assert (person.gender, person.situation_at_intake) == ("f", "jobseeker")
    assert project.holders.filter(pk=person.pk).exists()  # still counts as a holder
    versions = Person.history.filter(id=person.pk)
    assert versions.count() >= 4
    for version in versions:
        assert version.first_name != FIRST and version.last_name != SURNAME
        assert version.email in ("", None) and version.birth_year is None
        assert (version.gender, version.situation_at_intake) == ("f", "jobseeker")
    assert not Person.history.filter(last_name=SURNAME).exists()
    assert not Person.history.filter(email__icontains="zoe").exists()


def test_erasure_is_recorded_in_the_history(org_a, project, person, admin):
    admin.client.post(gdpr_url("holder_erase", org_a, project, person))
    latest = person.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "gdpr_erasure"
    assert latest.history_user == admin.user
    page = admin.client.get(make.url("project", org_a, project.pk))
    assert SURNAME not in page.content.decode()


def test_erased_person_leaves_the_project_outcomes_untouched(org_a, project, person, admin):
    admin.client.post(gdpr_url("holder_erase", org_a, project, person))
    assert Job.objects.filter(enterprise__project=project).count() == 1
    assert project.impact_assessments.count() == 1


@pytest.mark.parametrize("role", ["manager", "coach", "viewer"])
def test_only_an_admin_may_export_or_erase(org_a, project, person, personas, role):
    from sillon.accounts.roles import Role

    client = personas[Role(role)].client
    assert client.get(gdpr_url("holder_export", org_a, project, person)).status_code == 403
    assert client.get(gdpr_url("holder_erase", org_a, project, person)).status_code == 403
    assert client.post(gdpr_url("holder_erase", org_a, project, person)).status_code == 403
    person.refresh_from_db()
    assert person.last_name == SURNAME
    assert not person.history.filter(history_change_reason__startswith="gdpr").exists()


def test_outsider_gets_404_on_export_and_erase(org_a, project, person, outsider):
    assert outsider.client.get(gdpr_url("holder_export", org_a, project, person)).status_code == 404
    assert outsider.client.post(gdpr_url("holder_erase", org_a, project, person)).status_code == 404
    person.refresh_from_db()
    assert person.last_name == SURNAME


def test_export_and_erase_refuse_a_person_who_does_not_hold_the_project(
    org_a, project, person, admin
):
    other = make.project(org_a, "P-2")
    for name in ["holder_export", "holder_erase"]:
        url = gdpr_url(name, org_a, other, person)
        assert admin.client.get(url).status_code == 404
        assert admin.client.post(url).status_code in (404, 405)
    person.refresh_from_db()
    assert person.last_name == SURNAME


def test_admin_of_another_organisation_cannot_reach_a_person_through_own_urls(
    org_a, org_b, project, person, outsider
):
    own = make.project(org_b, "P-1")
    url = make.url("holder_export", org_b, own.pk, person.pk)
    assert outsider.client.get(url).status_code == 404
    assert (
        outsider.client.post(make.url("holder_erase", org_b, own.pk, person.pk)).status_code == 404
    )


def test_export_takes_no_post(org_a, project, person, admin):
    assert admin.client.post(gdpr_url("holder_export", org_a, project, person)).status_code == 405


def test_erasure_also_clears_the_name_from_the_administration_log(org_a, project, person, admin):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.log_actions(
        user_id=admin.user.pk, queryset=[person], action_flag=CHANGE, change_message="edited"
    )
    admin.client.post(gdpr_url("holder_erase", org_a, project, person))
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Person))
    assert entries.exists()
    assert not entries.filter(object_repr__contains=SURNAME).exists()


def test_a_viewer_does_not_read_free_text_notes_of_outcomes(org_a, project, viewer, coach):
    out.transfer(project, note=f"Suivi par {SURNAME}")
    for persona, shown in [(viewer, False), (coach, True)]:
        page = persona.client.get(make.url("project", org_a, project.pk)).content.decode()
        assert (SURNAME in page) is shown
