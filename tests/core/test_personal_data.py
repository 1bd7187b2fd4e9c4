"""Personal data declared once (sillon/core/personal_data.py): every field of every
Sillon model is declared, and what reads the declaration follows it."""

from django.apps import apps
from django.db import models

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
    from sillon.workbook.sheets import BY_NAME, SHEET_MODELS

    assert set(SHEET_MODELS) == set(BY_NAME)
    hidden = {(sheet, column.name) for sheet, found in BY_NAME.items() for column in found.columns}
    hidden = {(sheet, name) for sheet, name in hidden if BY_NAME[sheet].by_name[name].personal}
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
