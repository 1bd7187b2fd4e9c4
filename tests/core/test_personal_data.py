"""Personal data declared once (sillon/core/personal_data.py): every field of every
Sillon model is declared, and what reads the declaration follows it."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from sillon.core import personal_data
from sillon.core.personal_data import HISTORY_FIELDS, KINDS, PERSONAL, SENSITIVE, declaration


def sillon_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("sillon.")
        or model._meta.app_config.name.startswith("sillon.")
    ]


def holds_ids_only(model) -> bool:
    """An automatic many-to-many table, or its history: ids and keys, nothing to declare."""
    return all(
        field.primary_key or isinstance(field, models.ForeignKey) or field.name == "id"
        for field in model._meta.concrete_fields
    )


def test_every_field_of_every_sillon_model_is_declared():
    undeclared = []
    for model in sillon_models():
        names = {field.name for field in model._meta.concrete_fields}
        if model._meta.auto_created or (
            getattr(model, "instance_type", None) is None and holds_ids_only(model)
        ):
            continue
        if getattr(model, "instance_type", None) is not None:  # a historical model
            if holds_ids_only(model):
                continue
            names -= set(HISTORY_FIELDS)
        declared = declaration(model)
        undeclared += [f"{model._meta.label}.{name}" for name in sorted(names - set(declared))]
    assert not undeclared, (
        f"declare these fields in sillon/core/personal_data.py (personal, sensitive or "
        f"plain): {undeclared}"
    )


def test_the_declaration_names_only_fields_that_exist_once():
    for label, kinds in personal_data.DECLARED.items():
        model = apps.get_model(label)
        names = {field.name for field in model._meta.concrete_fields}
        listed = [name for kind in kinds for name in kinds[kind]]
        assert set(kinds) <= set(KINDS), label
        assert len(listed) == len(set(listed)), f"{label}: a field in two kinds"
        assert set(listed) <= names, f"{label}: {set(listed) - names} do not exist"


def test_the_spec_s_personal_and_sensitive_fields_are_declared_so():
    # docs/spec/domain.md, "Personal and sensitive data".
    person = set(personal_data.personal_fields("register.Person"))
    assert {"first_name", "last_name", "email", "birth_year", "gender"} <= person
    assert personal_data.personal_fields("outcomes.Job") == ("gender",)
    assert "expert_name" in personal_data.personal_fields("register.Activity")
    for label, name in [
        ("register.Project", "stop_reason"),
        ("register.Activity", "note"),
        ("outcomes.ImpactAssessment", "social_impact"),
        ("outcomes.Transfer", "note"),
        ("outcomes.PartnerInteraction", "note"),
        ("outcomes.NonAccreditationReason", "note"),
        ("outcomes.CostLine", "note"),
    ]:
        assert declaration(label)[name] == SENSITIVE, (label, name)
    # A historical model has its model's declaration.
    historical = apps.get_model("register", "HistoricalPerson")
    assert declaration(historical)["last_name"] == PERSONAL


def test_erasure_keeps_what_the_figures_count():
    assert set(personal_data.erased_fields("register.Person")) == {
        "first_name",
        "last_name",
        "email",
        "birth_year",
        "language",
        "followup_consent",
        "followup_consent_date",
    }


def test_the_workbook_leaves_out_the_declared_columns():
    from sillon.workbook.sheets import EXPORTED, SHEET_MODELS

    assert set(SHEET_MODELS) == set(EXPORTED)
    hidden = {(sheet, column.name) for sheet, found in EXPORTED.items() for column in found.columns}
    hidden = {(sheet, name) for sheet, name in hidden if EXPORTED[sheet].by_name[name].personal}
    assert hidden == {
        ("projects", "stop_reason"),
        ("holders", "first_name"),
        ("holders", "last_name"),
        ("holders", "email"),
        ("holders", "gender"),
        ("holders", "birth_year"),
        ("holders", "situation_at_intake"),
        ("holders", "language"),
        ("holders", "followup_consent"),
        ("holders", "followup_consent_date"),
        ("stakes", "note"),
        ("activities", "expert_name"),
        ("jobs", "gender"),
        ("non_accreditation", "note"),
        ("transfers", "note"),
        ("interactions", "note"),
        ("impact", "social_impact"),
        ("applications", "reason"),
    }


def test_the_gdpr_export_holds_every_personal_field_and_the_projects_stop_reasons(org_a):
    from sillon.register.actions import export_person
    from tests.register import factories as make

    project = make.project(org_a, "P-1", status="stopped", stop_reason="Her illness")
    person = make.holder(project, email="zoe@example.org", birth_year=1980)
    data = export_person(person, record=False)
    assert set(personal_data.personal_fields("register.Person")) <= set(data)
    assert data["birth_year"] == 1980
    assert data["projects"][0]["stop_reason"] == "Her illness"


# What the pages show: `{% shown record "field" as value %}` (core/templatetags/sillon.py)
# reads the declaration and the member's role, so no template decides on its own.


def member(organisation, role):
    from sillon.accounts.models import Membership
    from tests.conftest import make_member

    return Membership.objects.get(user=make_member(organisation, f"someone-{role}", role))


def rendered(text: str, membership, **context) -> str:
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.membership = membership
    return Template("{% load sillon %}" + text).render(Context({"request": request, **context}))


@pytest.fixture
def stopped(org_a):
    from tests.register import factories as make

    project = make.project(org_a, "P-1", status="stopped", stop_reason="Her illness")
    person = make.holder(project, email="zoe@example.org", birth_year=1980, gender="f")
    return project, person


@pytest.mark.parametrize(
    "role, sees", [("admin", True), ("manager", True), ("coach", True), ("viewer", False)]
)
def test_a_personal_or_sensitive_field_is_shown_by_role(stopped, org_a, role, sees):
    project, person = stopped
    membership = member(org_a, role)
    template = (
        '{% shown project "stop_reason" as reason %}{% shown person "email" as email %}'
        '{% shown person "gender" as gender %}[{{ reason|default:"" }}|{{ email|default:"" }}|'
        '{{ gender|default:"" }}]'
    )
    with translation.override("en"):
        text = rendered(template, membership, project=project, person=person)
    assert text == ("[Her illness|zoe@example.org|Woman]" if sees else "[||]")


def test_a_plain_field_is_shown_to_every_role(stopped, org_a):
    project, person = stopped
    for role in ("viewer", "coach"):
        text = rendered(
            '{% shown project "ref" as ref %}{{ ref }}', member(org_a, role), project=project
        )
        assert text == "P-1"
    # Without a membership (a public page), nothing personal.
    assert (
        rendered(
            '{% shown person "last_name" as name %}{{ name|default:"-" }}', None, person=person
        )
        == "-"
    )


def test_a_field_the_declaration_does_not_name_is_an_error(stopped, org_a):
    project, _person = stopped
    with pytest.raises(KeyError, match=r"register\.Project\.holders"):
        personal_data.readable(type(project), "holders", member(org_a, "coach"))


def test_the_shared_templates_follow_the_declaration(stopped, org_a):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from tests.register import factories as make

    project, person = stopped
    make.activity(
        org_a,
        [project],
        kind="expert",
        expert_type="legal",
        expert_name="Maître Leclercq",
        note="Talked about her debts",
        cost_eur=100,
    )
    for role, sees in (("coach", True), ("viewer", False)):
        request = RequestFactory().get("/")
        request.membership = member(org_a, role)
        request.organisation = org_a
        holder = render_to_string("register/_person.html", {"person": person, "request": request})
        table = render_to_string(
            "register/_activity_table.html",
            {"activities": project.activities.all(), "request": request, "can": {}},
        )
        assert ("zoe@example.org" in holder) is sees
        assert ("Vanderelst" in holder) is sees
        assert ("Maître Leclercq" in table) is sees
        assert ("her debts" in table) is sees


def test_the_project_page_shows_a_coach_the_stop_reason_and_the_holders(stopped, coach, org_a):
    from django.urls import reverse

    project, _person = stopped
    text = coach.client.get(reverse("project", args=[org_a.slug, project.pk])).content.decode()
    assert "Her illness" in text and "zoe@example.org" in text and "Vanderelst" in text
