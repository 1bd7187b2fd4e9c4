"""The one bulk writer (sillon/core/bulk.py) and what it relies on in django-simple-history.

The first tests describe django-simple-history's storage as the bulk writer uses it:
they fail when an upgrade changes the historical tables, the kinds of version or the
naming of the historical models, before any demo or import writes a wrong version.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from simple_history.models import HistoricalRecords

from sillon.accounts.models import Organisation
from sillon.core import bulk
from sillon.core.history import history_of
from sillon.register.models import Activity, Person, Project


def historied_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in ("register", "outcomes")
        and not model.__name__.startswith("Historical")
        and hasattr(model, "history")
    ]


def test_every_register_and_outcomes_model_has_history():
    names = {model.__name__ for model in historied_models()}
    assert {"Project", "Person", "Enrolment", "Enterprise", "Activity", "Job"} <= names


@pytest.mark.parametrize("model", historied_models(), ids=lambda m: m.__name__)
def test_historical_table_is_the_tracked_columns_plus_those_the_writer_fills(model):
    historical = model.history.model
    assert historical.__name__ == f"Historical{model.__name__}"
    assert (
        historical._meta.db_table == f"{model._meta.app_label}_historical{model._meta.model_name}"
    )
    assert historical._meta.pk.column == "history_id"
    tracked = set(bulk.tracked_columns(historical))
    assert tracked and "id" in tracked
    columns = {field.column for field in historical._meta.concrete_fields}
    generated = {
        field.column
        for field in historical._meta.concrete_fields
        if field.name in {f.name for f in historical.tracked_fields if f.generated}
    }
    # Nothing the writer leaves out, besides the primary key and generated values.
    assert columns - tracked - generated == {"history_id", *bulk.HISTORY_COLUMNS}


@pytest.mark.parametrize("model", historied_models(), ids=lambda m: m.__name__)
def test_history_fields_are_those_the_writer_fills(model):
    historical = model.history.model
    kinds = {value for value, _label in historical._meta.get_field("history_type").choices}
    assert kinds == {bulk.CREATED, bulk.CHANGED, bulk.DELETED}
    date = historical._meta.get_field("history_date")
    assert date.get_internal_type() == "DateTimeField"
    reason = historical._meta.get_field("history_change_reason")
    assert reason.get_internal_type() == "CharField" and reason.null
    user = historical._meta.get_field("history_user")
    assert user.column == "history_user_id" and user.null
    assert user.related_model._meta.label == settings.AUTH_USER_MODEL


@pytest.mark.parametrize(("model", "field_name"), [(Project, "holders"), (Activity, "projects")])
def test_history_of_links_is_the_through_columns_and_the_version(model, field_name):
    field = model._meta.get_field(field_name)
    links = HistoricalRecords.m2m_models[field]
    assert links.__name__ == f"Historical{model.__name__}_{field_name}"
    columns = {f.column for f in links._meta.concrete_fields}
    own, other = field.m2m_column_name(), field.m2m_reverse_name()
    assert columns == {"id", own, other, "history_id", "m2m_history_id"}
    assert links._meta.get_field("history").related_model is model.history.model


def project_values(organisation, ref):
    return {
        "organisation_id": organisation.pk,
        "source": "test",
        "ref": ref,
        "name": "Cantine Molenbeek",
        "project_type": "creation",
        "sector_type": "market",
        "nace_version": "2008",
        "nace_code": "56101",
        "themes": ["food"],
        "intake_date": datetime.date(2024, 2, 29),
    }


@pytest.mark.django_db
def test_a_bulk_version_reads_like_one_django_simple_history_writes(org_a, admin):
    """Same fields, same values, read back by history_of as any other version."""
    saved = Project.objects.create(**project_values(org_a, "P-1"))
    saved_version = saved.history.get()
    org_a.bump_data_version()
    [pk] = bulk.insert(Project, [project_values(org_a, "P-2")])
    bulk.History(admin.user, "workbook").record(Project, [pk], bulk.CREATED)
    written = Project.objects.get(pk=pk)
    version = written.history.get()

    def comparable(record):
        values = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}
        for name in ("id", "ref", "history_id", "history_date", "history_user_id"):
            values.pop(name)
        values.pop("history_change_reason")
        return values

    assert comparable(version) == comparable(saved_version)
    assert version.history_type == "+"
    assert version.history_user == admin.user
    assert version.history_change_reason == "workbook"
    assert version.instance == written
    [entry] = history_of(written)
    assert entry.who == admin.user.get_username()
    assert entry.reason == "workbook"


@pytest.mark.django_db
def test_bulk_links_are_attached_to_the_version_of_the_import(org_a, admin):
    org_a.bump_data_version()
    [project] = bulk.insert(Project, [project_values(org_a, "P-1")])
    [person] = bulk.insert(
        Person,
        [{"organisation_id": org_a.pk, "ref": "H-1", "first_name": "Amina", "last_name": "D"}],
    )
    history = bulk.History(admin.user, "workbook")
    history.record(Project, [project], bulk.CREATED)
    bulk.insert(Project.holders.through, [{"project_id": project, "person_id": person}])
    history.record_links(Project, "holders", [project])
    version = Project.objects.get(pk=project).history.get()
    assert [link.person_id for link in version.holders.all()] == [person]


@pytest.mark.django_db
def test_row_writer_reserves_ids_and_prepares_dates_decimals_and_lists(org_a):
    org_a.bump_data_version()
    existing = Activity.objects.create(
        organisation=org_a,
        ref="A-0",
        date=datetime.date(2024, 1, 2),
        kind="coaching",
        hours=Decimal("1"),
    )
    fields = ["organisation", "source", "ref", "date", "kind", "hours", "topics"]
    # Every other column takes its default, as the demo gives it.
    others = [f for f in bulk.writable_fields(Activity) if f.name not in fields]
    writer = bulk.RowWriter(Activity, fields + [f.name for f in others])
    defaults = [0 if f.name == "project_count" else f.get_default() for f in others]
    first = writer.add(
        org_a.pk, "", "A-1", datetime.date(2024, 2, 29), "coaching", Decimal("1.5"), ["legal"],
        *defaults,
    )  # fmt: skip
    second = writer.add(
        org_a.pk, "", "A-2", datetime.date(2024, 3, 1), "coaching", Decimal("2"), [], *defaults
    )  # fmt: skip
    assert Activity.objects.filter(pk=first).count() == 0  # queued until flushed
    writer.flush()
    assert first > existing.pk and second == first + 1
    activity = Activity.objects.get(pk=first)
    assert (activity.ref, activity.date, activity.hours, activity.topics) == (
        "A-1",
        datetime.date(2024, 2, 29),
        Decimal("1.5"),
        ["legal"],
    )
    assert Activity.objects.get(pk=second).hours == Decimal("2")


@pytest.mark.django_db
def test_bump_data_version_changes_only_that_organisation(org_a, org_b):
    org_a.bump_data_version()
    org_a.bump_data_version()
    assert Organisation.objects.get(pk=org_a.pk).data_version == 2
    assert Organisation.objects.get(pk=org_b.pk).data_version == 0


@pytest.mark.django_db
def test_instances_written_with_their_defaults_and_a_version_at_their_own_date(org_a):
    org_a.bump_data_version()
    writer = bulk.InstanceWriter(Project)
    project = Project(**project_values(org_a, "P-1"))
    pk = writer.write(project)
    writer.flush()
    assert project.pk == pk
    stored = Project.objects.get(pk=pk)
    assert (stored.status, stored.stop_reason, stored.nace_section) == ("active", "", "I")
    when = datetime.datetime(2024, 2, 29, 9, tzinfo=datetime.UTC)
    bulk.History(None, "demo").record_each(Project, [(pk, when)])
    version = stored.history.get()
    assert (version.history_date, version.history_type) == (when, "+")
    assert (version.history_user_id, version.history_change_reason) == (None, "demo")
    assert version.nace_code == "56101"


@pytest.mark.django_db
def test_update_rows_sets_the_fields_of_each_row(org_a):
    first = Project.objects.create(**project_values(org_a, "P-1"))
    second = Project.objects.create(**project_values(org_a, "P-2"))
    bulk.update_rows(
        Project,
        ["name", "themes"],
        [(first.pk, "Atelier", ["gender", "food"]), (second.pk, "Vrac", [])],
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.name, first.themes) == ("Atelier", ["gender", "food"])
    assert (second.name, second.themes) == ("Vrac", [])


@pytest.mark.django_db
def test_a_writer_flushes_the_rows_its_rows_refer_to_first(org_a):
    org_a.bump_data_version()
    projects = bulk.InstanceWriter(Project, batch=100)
    holders = bulk.RowWriter(
        Project.holders.through, ["project", "person"], batch=1, parents=(projects,)
    )
    person = Person.objects.create(organisation=org_a, ref="H-1", first_name="Zoé")
    project = Project(**project_values(org_a, "P-1"))
    projects.write(project)
    # The link fills its batch at once: its project is written before it.
    holders.add(project.pk, person.pk)
    assert Project.objects.filter(pk=project.pk).exists()
    assert list(project.holders.all()) == [person]


def index_names(*models) -> set[str]:
    tables = {model._meta.db_table for model in models}
    with connection.cursor() as cursor:
        return {
            name
            for table in tables
            for name, info in connection.introspection.get_constraints(cursor, table).items()
            if info["index"]
        }


@pytest.mark.django_db
def test_indexes_are_built_again_after_the_rows_are_loaded(org_a):
    models = (Activity, Activity.projects.through)
    before = index_names(*models)
    assert "activity_period_figures" in before
    with bulk.indexes_built_after(*models):
        if connection.vendor == "sqlite":
            assert "activity_period_figures" not in index_names(*models)
        Activity.objects.create(
            organisation=org_a, ref="A-1", date=datetime.date(2024, 1, 2), kind="event", hours=1
        )
    assert index_names(*models) == before
    # Rebuilt, a unique index still refuses a duplicate.
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(
            organisation=org_a, ref="A-1", date=datetime.date(2024, 1, 3), kind="event", hours=1
        )


@pytest.mark.django_db(transaction=True)
def test_indexes_are_not_dropped_outside_a_transaction():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its indexes while loading")
    with pytest.raises(RuntimeError), bulk.indexes_built_after(Activity):
        pass
    assert "activity_period_figures" in index_names(Activity)
