"""What the register's forms accept and refuse: official codes, dates in order,
activity rules, references unique per organisation. Each goes through the screen a
person uses, and checks what reached the database."""

import datetime
from decimal import Decimal

import pytest

from sillon.register.models import Activity, Cohort, Enrolment, Enterprise, Programme, Project
from tests.register import factories as make


def form_errors(response) -> dict:
    """The errors of the form a refused POST shows again (200, not a redirect)."""
    assert response.status_code == 200, response.get("Location")
    return response.context["form"].errors


# Enterprise number (BCE/KBO)


def post_enterprise(persona, project, **data):
    return persona.client.post(
        make.url("enterprise_edit", project.organisation, project.pk), make.enterprise_data(**data)
    )


def test_enterprise_form_refuses_a_number_failing_the_mod_97_check(org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(coach, project, enterprise_number="0123.456.748")
    assert "enterprise_number" in form_errors(response)
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("typed", ["0123.456.749", "0123456749", "BE 0123 456 749"])
def test_enterprise_form_stores_a_valid_number_as_ten_digits(typed, org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(coach, project, enterprise_number=typed)
    assert response.status_code == 302
    assert Enterprise.objects.get(project=project).enterprise_number == "0123456749"


def test_enterprise_form_refuses_a_number_another_enterprise_of_the_organisation_has(org_a, coach):
    make.enterprise(make.project(org_a, "P-1"), enterprise_number="0123456749")
    second = make.project(org_a, "P-2")
    response = post_enterprise(coach, second, enterprise_number="0123.456.749")
    assert "enterprise_number" in form_errors(response)
    assert not Enterprise.objects.filter(project=second).exists()


def test_enterprise_form_refuses_cessation_before_creation(org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(
        coach,
        project,
        creation_date="2024-05-01",
        cessation_date="2024-04-30",
        cessation_reason="dissolution",
    )
    assert form_errors(response)
    assert not Enterprise.objects.exists()


def test_enterprise_form_accepts_cessation_on_the_creation_day(org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(
        coach,
        project,
        creation_date="2024-05-01",
        cessation_date="2024-05-01",
        cessation_reason="dissolution",
    )
    assert response.status_code == 302
    assert Enterprise.objects.get().cessation_date == datetime.date(2024, 5, 1)


# Legal forms and joint committees


def test_enterprise_form_refuses_an_unknown_legal_form(org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(coach, project, legal_form="999")
    assert "legal_form" in form_errors(response)
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("typed", ["706", "706 Société coopérative"])
def test_cooperative_legal_form_is_stored_with_its_family(typed, org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(coach, project, legal_form=typed)
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(project=project)
    enterprise.refresh_from_db()  # legal_form_family is computed by the database
    assert enterprise.legal_form == "706"
    assert enterprise.legal_form_family == "cooperative"


def test_legal_form_family_follows_a_change_of_legal_form(org_a):
    enterprise = make.enterprise(make.project(org_a), legal_form="706")
    enterprise.legal_form = "017"
    enterprise.save()
    enterprise.refresh_from_db()
    assert enterprise.legal_form_family == "nonprofit"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("329.02, 337", ["329.02", "337"]),
        ("32902", ["329.02"]),
        ("329.02, 32902", ["329.02"]),
        ("", []),
    ],
)
def test_joint_committees_are_stored_as_dotted_codes(typed, stored, org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(coach, project, joint_committees=typed)
    assert response.status_code == 302
    assert Enterprise.objects.get(project=project).joint_committees == stored


def test_enterprise_form_refuses_an_unknown_joint_committee(org_a, coach):
    project = make.project(org_a)
    response = post_enterprise(coach, project, joint_committees="329.02, 999.99")
    assert "joint_committees" in form_errors(response)
    assert not Enterprise.objects.exists()


# NACE-BEL


def post_project(persona, organisation, **data):
    return persona.client.post(make.url("project_create", organisation), make.project_data(**data))


def test_project_form_refuses_a_nace_code_absent_from_the_version(org_a, coach):
    response = post_project(coach, org_a, nace_version="2008", nace_code="99999")
    assert "nace_code" in form_errors(response)
    assert not Project.objects.exists()


def test_project_form_refuses_text_that_is_not_a_nace_code(org_a, coach):
    response = post_project(coach, org_a, nace_code="restaurant")
    assert "nace_code" in form_errors(response)
    assert not Project.objects.exists()


@pytest.mark.parametrize("typed", ["56101", "56.101", "56101 Restauration à service complet"])
def test_project_form_accepts_a_nace_code_and_the_database_derives_its_section(typed, org_a, coach):
    response = post_project(coach, org_a, nace_code=typed)
    assert response.status_code == 302
    project = Project.objects.get(ref="P-2024-017")
    project.refresh_from_db()  # nace_section is a GeneratedField
    assert project.nace_code == "56101"
    assert project.nace_section == "I"


def test_nace_section_follows_a_change_of_code(org_a):
    project = make.project(org_a, nace_code="56101")
    project.nace_code = "62010"
    project.save()
    project.refresh_from_db()
    assert project.nace_section == "J"


def test_project_without_nace_code_has_no_section(org_a, coach):
    response = post_project(coach, org_a, nace_code="")
    assert response.status_code == 302
    assert Project.objects.get().nace_section == ""


# Project references


def test_project_ref_must_be_unique_in_the_organisation(org_a, coach):
    make.project(org_a, "P-2024-017")
    response = post_project(coach, org_a, ref="P-2024-017", name="Autre projet")
    assert "ref" in form_errors(response)
    assert list(Project.objects.values_list("name", flat=True)) == ["Projet P-2024-017"]


def test_same_project_ref_is_allowed_in_another_organisation(org_a, org_b, outsider):
    make.project(org_a, "P-2024-017")
    response = post_project(outsider, org_b, ref="P-2024-017")
    assert response.status_code == 302
    assert Project.objects.filter(organisation=org_b, ref="P-2024-017").exists()


def test_editing_a_project_keeps_its_own_ref(org_a, coach):
    project = make.project(org_a, "P-2024-017")
    response = coach.client.post(
        make.url("project_edit", org_a, project.pk),
        make.project_data(ref="P-2024-017", name="Nouveau nom"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.name == "Nouveau nom"


@pytest.mark.parametrize("ref", ["ATELIER 2024", "P-1,2"])
def test_a_ref_the_project_form_accepts_can_be_named_when_logging_a_session(ref, org_a, coach):
    """The log-a-session form reads "P-1, P-2" or "P-1 Its name": a reference holding
    a space or a comma can never be named there, so the project form must refuse it."""
    created = post_project(coach, org_a, ref=ref)
    if created.status_code == 200:
        assert "ref" in created.context["form"].errors
        return
    response = post_activity(coach, org_a, project_refs=ref)
    assert response.status_code == 302, form_errors(response)
    assert Activity.objects.get().projects.get().ref == ref


def test_stopped_project_needs_a_reason_and_a_date(org_a, coach):
    response = post_project(coach, org_a, status="stopped")
    errors = form_errors(response)
    assert {"stop_reason", "status_date"} <= set(errors)
    assert not Project.objects.exists()


# Enrolments and cohorts


def test_enrolment_form_refuses_an_end_before_the_start(org_a, coach):
    project = make.project(org_a)
    programme = make.programme(org_a)
    response = coach.client.post(
        make.url("enrolment_create", org_a, project.pk),
        make.enrolment_data(programme, start_date="2024-03-04", end_date="2024-03-03"),
    )
    assert form_errors(response)
    assert not Enrolment.objects.exists()


def test_enrolment_form_refuses_a_cohort_of_another_programme(org_a, coach):
    project = make.project(org_a)
    seeds, blossom = make.programme(org_a, "seeds"), make.programme(org_a, "blossom")
    response = coach.client.post(
        make.url("enrolment_create", org_a, project.pk),
        make.enrolment_data(seeds, cohort=make.cohort(blossom).pk),
    )
    assert "cohort" in form_errors(response)
    assert not Enrolment.objects.exists()


def test_enrolment_form_refuses_a_programme_of_another_organisation(org_a, org_b, coach):
    project = make.project(org_a)
    foreign = make.programme(org_b, "seeds")
    response = coach.client.post(
        make.url("enrolment_create", org_a, project.pk), make.enrolment_data(foreign)
    )
    assert "programme" in form_errors(response)
    assert not Enrolment.objects.exists()


def test_cohort_form_refuses_an_end_before_the_start(org_a, admin):
    programme = make.programme(org_a)
    response = admin.client.post(
        make.url("cohort_create", org_a),
        make.cohort_data(programme, start_date="2024-09-01", end_date="2024-08-31"),
    )
    assert form_errors(response)
    assert not Cohort.objects.exists()


def test_cohort_form_refuses_a_programme_of_another_organisation(org_a, org_b, admin):
    foreign = make.programme(org_b)
    response = admin.client.post(make.url("cohort_create", org_a), make.cohort_data(foreign))
    assert "programme" in form_errors(response)
    assert not Cohort.objects.exists()


def test_programme_code_must_be_unique_in_the_organisation(org_a, admin):
    make.programme(org_a, "seeds")
    response = admin.client.post(
        make.url("programme_create", org_a), make.programme_data(code="seeds")
    )
    assert "code" in form_errors(response)
    assert Programme.objects.filter(organisation=org_a).count() == 1


# Activities


def post_activity(persona, organisation, **data):
    return persona.client.post(
        make.url("activity_create", organisation), make.activity_data(**data)
    )


def test_activity_form_refuses_negative_hours(org_a, coach):
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, hours="-1")
    assert "hours" in form_errors(response)
    assert not Activity.objects.exists()


def expert_data(**overrides) -> dict:
    data = {
        "kind": "expert",
        "expert_type": "legal",
        "expert_name": "Cabinet Dupont",
        "cost_eur": "450.00",
    }
    return data | overrides


def test_activity_form_refuses_a_negative_cost(org_a, coach):
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, **expert_data(cost_eur="-10"))
    assert "cost_eur" in form_errors(response)
    assert not Activity.objects.exists()


def test_expert_activity_is_recorded_with_its_cost(org_a, coach):
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, **expert_data())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.kind, activity.cost_eur) == ("expert", Decimal("450.00"))


@pytest.mark.parametrize("missing", ["expert_type", "expert_name", "cost_eur"])
def test_expert_activity_needs_type_name_and_cost(missing, org_a, coach):
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, **expert_data(**{missing: ""}))
    assert missing in form_errors(response)
    assert not Activity.objects.exists()


@pytest.mark.parametrize("expert_field", [{"cost_eur": "100"}, {"expert_name": "Cabinet Dupont"}])
def test_non_expert_activity_refuses_expert_fields(expert_field, org_a, coach):
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, kind="coaching", **expert_field)
    assert set(expert_field) <= set(form_errors(response))
    assert not Activity.objects.exists()


@pytest.mark.parametrize("kind", ["coaching", "training", "expert", "coworking"])
def test_activity_other_than_an_event_needs_a_project(kind, org_a, coach):
    fields = expert_data() if kind == "expert" else {"kind": kind}
    response = post_activity(coach, org_a, **fields, project_refs="")
    assert "project_refs" in form_errors(response)
    assert not Activity.objects.exists()


def test_event_may_have_no_project(org_a, coach):
    response = post_activity(coach, org_a, kind="event", project_refs="", attendees="35")
    assert response.status_code == 302
    event = Activity.objects.get()
    assert (event.kind, event.attendees, event.projects.count()) == ("event", 35, 0)


def test_activity_cannot_name_a_project_of_another_organisation(org_a, org_b, coach):
    make.project(org_a, "P-1")
    make.project(org_b, "P-B-7")
    response = post_activity(coach, org_a, project_refs="P-1, P-B-7")
    errors = form_errors(response)
    assert "project_refs" in errors
    assert not Activity.objects.exists()
    # The error names the reference as typed, and nothing of the other organisation.
    assert "Projet P-B-7" not in response.content.decode()


@pytest.mark.parametrize("kind", ["coaching", "training", "coworking"])
def test_attendees_are_only_for_events(kind, org_a, coach):
    """docs/spec/domain.md: `attendees` is "for `event`: number of people present"."""
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, kind=kind, attendees="12")
    assert "attendees" in form_errors(response)
    assert not Activity.objects.exists()


def test_activity_refuses_an_unknown_project_ref(org_a, coach):
    make.project(org_a, "P-1")
    response = post_activity(coach, org_a, project_refs="P-404")
    assert "project_refs" in form_errors(response)
    assert not Activity.objects.exists()


def test_activity_form_refuses_a_programme_of_another_organisation(org_a, org_b, coach):
    make.project(org_a, "P-1")
    foreign = make.programme(org_b)
    response = post_activity(coach, org_a, programme=foreign.pk)
    assert "programme" in form_errors(response)
    assert not Activity.objects.exists()


# The explanation comes in the user's language


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "n’est pas un numéro d’entreprise valide"),
        ("nl", "is geen geldig ondernemingsnummer"),
    ],
)
def test_bad_enterprise_number_is_explained_in_the_users_language(language, words, org_a, coach):
    coach.client.cookies["django_language"] = language
    project = make.project(org_a)
    response = post_enterprise(coach, project, enterprise_number="0123.456.748")
    [message] = form_errors(response)["enterprise_number"]
    assert message.startswith(f"0123.456.748 {words}")
    assert "0123.456.749" in message  # the example of a valid number
