"""Who reaches which page of the register: every URL of sillon/register/urls.py, with
real records. An outsider gets 404; a record of another organisation behind one's
own URL is 404; a role without the right gets 403; a wrong method gets 405; the
anonymous visitor is sent to the login page."""

from datetime import date

import pytest
from django.urls import reverse

from sillon.accounts.roles import Ability, Role
from sillon.register import urls as register_urls
from sillon.register.models import (
    Activity,
    Application,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)
from tests.register import factories as make


def application_of(register) -> int:
    """An application of the register's organisation (the Register builds none)."""
    programme = register.programme
    application, _ = Application.objects.get_or_create(
        organisation=programme.organisation,
        ref="C-ACCESS",
        defaults={"date": date(2025, 1, 10), "programme": programme, "name": "Candidature"},
    )
    return application.pk


# Each URL name, the ability it asks, and the record ids it takes from a Register
# (None: the URL takes no id).
PAGES = {
    "projects": (Ability.VIEW_RECORDS, None),
    "project_search": (Ability.VIEW_RECORDS, None),
    "project": (Ability.VIEW_RECORDS, lambda r: [r.project.pk]),
    "activities": (Ability.VIEW_RECORDS, None),
    "programmes": (Ability.VIEW, None),
    "project_create": (Ability.EDIT_ACCOMPANIMENT, None),
    "project_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.project.pk]),
    "project_delete": (Ability.EDIT_RECORDS, lambda r: [r.project.pk]),
    "holder_create": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.project.pk]),
    "holder_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.project.pk, r.person.pk]),
    "holder_remove": (Ability.EDIT_RECORDS, lambda r: [r.project.pk, r.person.pk]),
    "holder_export": (Ability.MANAGE_ORGANISATION, lambda r: [r.project.pk, r.person.pk]),
    "holder_erase": (Ability.MANAGE_ORGANISATION, lambda r: [r.project.pk, r.person.pk]),
    # A holder's own page (kept when the person holds no project any more).
    "holders": (Ability.VIEW_PERSONAL_DATA, None),
    "holder": (Ability.VIEW_PERSONAL_DATA, lambda r: [r.person.pk]),
    "person_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.person.pk]),
    "person_export": (Ability.MANAGE_ORGANISATION, lambda r: [r.person.pk]),
    "person_erase": (Ability.MANAGE_ORGANISATION, lambda r: [r.person.pk]),
    "enrolment_create": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.project.pk]),
    "enrolment_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.enrolment.pk]),
    "enrolment_delete": (Ability.EDIT_RECORDS, lambda r: [r.enrolment.pk]),
    "enterprise_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.project.pk]),
    "enterprise_delete": (Ability.EDIT_RECORDS, lambda r: [r.project.pk]),
    "activity_create": (Ability.EDIT_ACCOMPANIMENT, None),
    "activity_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.activity.pk]),
    "activity_delete": (Ability.EDIT_ACCOMPANIMENT, lambda r: [r.activity.pk]),
    "programme_create": (Ability.MANAGE_ORGANISATION, None),
    "programme_edit": (Ability.MANAGE_ORGANISATION, lambda r: [r.programme.pk]),
    "programme_delete": (Ability.MANAGE_ORGANISATION, lambda r: [r.programme.pk]),
    "cohort_create": (Ability.MANAGE_ORGANISATION, None),
    "cohort_edit": (Ability.MANAGE_ORGANISATION, lambda r: [r.cohort.pk]),
    "cohort_delete": (Ability.MANAGE_ORGANISATION, lambda r: [r.cohort.pk]),
    "applications": (Ability.VIEW_RECORDS, None),
    "application_create": (Ability.EDIT_ACCOMPANIMENT, None),
    "application_edit": (Ability.EDIT_ACCOMPANIMENT, lambda r: [application_of(r)]),
    "application_delete": (Ability.EDIT_ACCOMPANIMENT, lambda r: [application_of(r)]),
}
ALL = sorted(PAGES)
READ = sorted(
    name
    for name, (ability, _) in PAGES.items()
    if ability in (Ability.VIEW, Ability.VIEW_RECORDS, Ability.VIEW_PERSONAL_DATA)
)
WRITE = sorted(set(ALL) - set(READ))
# Pages of a write ability that only answer GET (a download): a POST there is a 405.
GET_ONLY = {"holder_export", "person_export"}
WITH_RECORD = sorted(name for name, (_, ids) in PAGES.items() if ids is not None)
MODELS = [Programme, Cohort, Project, Person, Enrolment, Enterprise, Activity]


def page_url(name, organisation, register) -> str:
    ids = PAGES[name][1]
    return make.url(name, organisation, *(ids(register) if ids else []))


def snapshot() -> dict:
    """How many records of each kind exist, to show that a refused request wrote nothing."""
    return {model.__name__: model.objects.count() for model in MODELS}


def test_every_register_url_is_covered_here():
    assert {pattern.name for pattern in register_urls.urlpatterns} == set(PAGES)


def test_pages_with_a_record_are_the_ones_whose_url_takes_an_id():
    # Guards the table above: a page given no record id would test a list page instead.
    taking_ids = {p.name for p in register_urls.urlpatterns if p.pattern.converters}
    assert set(WITH_RECORD) == taking_ids


# Outsiders


@pytest.mark.parametrize("name", ALL)
def test_outsider_gets_404_on_every_register_page_of_another_organisation(
    name, org_a, register_a, outsider
):
    assert outsider.client.get(page_url(name, org_a, register_a)).status_code == 404


@pytest.mark.parametrize("name", WRITE)
def test_outsider_posting_to_another_organisation_gets_404_and_changes_nothing(
    name, org_a, register_a, outsider
):
    before = snapshot()
    response = outsider.client.post(page_url(name, org_a, register_a), {"name": "Piraté"})
    assert response.status_code == 404
    assert snapshot() == before
    assert not Project.objects.filter(name="Piraté").exists()


@pytest.mark.parametrize("name", WITH_RECORD)
def test_record_of_another_organisation_behind_own_url_is_404(
    name, org_a, register_a, register_b, admin
):
    response = admin.client.get(page_url(name, org_a, register_b))
    assert response.status_code == 404


def test_exporting_a_person_of_another_organisation_behind_own_url_is_404(
    org_a, register_a, register_b, admin
):
    assert admin.client.get(page_url("holder_export", org_a, register_b)).status_code == 404


@pytest.mark.parametrize("name", sorted((set(WITH_RECORD) & set(WRITE)) - GET_ONLY))
def test_posting_to_a_record_of_another_organisation_behind_own_url_changes_nothing(
    name, org_a, register_a, register_b, admin
):
    before = snapshot()
    response = admin.client.post(page_url(name, org_a, register_b), {"name": "Piraté"})
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name", ["holder_edit", "holder_remove"])
def test_holder_pages_refuse_a_person_who_does_not_hold_the_project(name, org_a, register_a, admin):
    other = make.project(org_a, "P-2")
    stranger = make.holder(other, "Jean", "Autre")
    url = make.url(name, org_a, register_a.project.pk, stranger.pk)
    assert admin.client.get(url).status_code == 404
    assert admin.client.post(url).status_code == 404
    assert other.holders.filter(pk=stranger.pk).exists()


def test_project_edit_of_another_organisation_leaves_it_untouched(
    org_a, register_a, register_b, admin
):
    foreign = register_b.project
    response = admin.client.post(
        make.url("project_edit", org_a, foreign.pk), make.project_data(name="Piraté")
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Boulangerie solidaire"
    assert foreign.organisation_id != org_a.pk


# Roles


@pytest.mark.parametrize("name", ALL)
def test_each_role_opens_the_pages_its_abilities_allow(name, org_a, register_a, personas):
    ability = PAGES[name][0]
    url = page_url(name, org_a, register_a)
    statuses = {role: personas[role].client.get(url).status_code for role in Role}
    expected = {role: 200 if ability in role.abilities else 403 for role in Role}
    assert statuses == expected


@pytest.mark.parametrize("name", WRITE)
def test_viewer_is_refused_every_create_edit_and_delete_page(name, org_a, register_a, viewer):
    before = snapshot()
    url = page_url(name, org_a, register_a)
    assert viewer.client.get(url).status_code == 403
    if name not in GET_ONLY:
        assert viewer.client.post(url, {"name": "Vu"}).status_code == 403
    assert snapshot() == before


def test_coach_may_create_a_project_but_not_a_programme(org_a, coach):
    assert coach.client.get(make.url("project_create", org_a)).status_code == 200
    assert coach.client.get(make.url("programme_create", org_a)).status_code == 403
    response = coach.client.post(make.url("programme_create", org_a), make.programme_data())
    assert response.status_code == 403
    assert not Programme.objects.exists()


def test_manager_may_not_create_a_programme(org_a, manager):
    response = manager.client.post(make.url("programme_create", org_a), make.programme_data())
    assert response.status_code == 403
    assert not Programme.objects.exists()


def test_admin_creates_a_programme(org_a, admin):
    assert admin.client.get(make.url("programme_create", org_a)).status_code == 200
    response = admin.client.post(make.url("programme_create", org_a), make.programme_data())
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert (programme.organisation, programme.code) == (org_a, "blossom")


# Methods and the anonymous visitor


@pytest.mark.parametrize("name", READ)
def test_posting_to_a_read_only_page_is_405(name, org_a, register_a, admin):
    assert admin.client.post(page_url(name, org_a, register_a)).status_code == 405


@pytest.mark.parametrize("name", WRITE)
def test_other_methods_on_a_form_page_are_405(name, org_a, register_a, admin):
    url = page_url(name, org_a, register_a)
    assert admin.client.put(url).status_code == 405
    assert admin.client.delete(url).status_code == 405
    assert Project.objects.filter(pk=register_a.project.pk).exists()


@pytest.mark.parametrize("name", ALL)
def test_anonymous_visitor_is_sent_to_login(name, client, org_a, register_a):
    url = page_url(name, org_a, register_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
