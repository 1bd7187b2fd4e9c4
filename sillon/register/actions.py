"""Writes that touch several records of the register, in one transaction each."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.dispatch import Signal

from sillon.core import personal_data
from sillon.register.choices import ActivityKind
from sillon.register.extensions import activity_form_extensions
from sillon.register.models import Activity, Person, Project


@transaction.atomic
def save_activity(form) -> Activity:
    """Save an ActivityForm with the projects it names."""
    activity = form.save()
    activity.projects.set(form.projects)
    for extension in activity_form_extensions():
        extension.save(form, activity)
    return activity


@transaction.atomic
def add_holder(project: Project, form) -> Person:
    person = form.save()
    project.holders.add(person)
    return person


# Sent by erase_person before the data go, with the organisation's id and what named
# the person ({"first", "last", "email"}), so that higher apps reach their own copies
# (the workbook deletes the kept uploads that name them).
person_erased = Signal()

ERASED = "—"


def _erased_value(name: str):
    """What an erased field holds: the mark where a value is required, else nothing."""
    field = Person._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        return False  # a consent: erased means withdrawn
    return None if field.null else ("" if field.blank else ERASED)


# The personal fields an erasure blanks (core/personal_data.py), and with what.
PERSONAL_FIELDS = {name: _erased_value(name) for name in personal_data.erased_fields(Person)}


def _scrub_history(person_ids: list[int]) -> None:
    """Remove personal data from the previous versions and from the administration
    site's log; who changed what and when stays."""
    Person.history.filter(id__in=person_ids).update(**PERSONAL_FIELDS)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person),
        object_id__in=[str(pk) for pk in person_ids],
    ).update(object_repr=ERASED, change_message="")


def export_person(person: Person, record: bool = True) -> dict:
    """Everything Sillon holds about a person (GDPR right of access); the export is
    recorded in the person's history unless `record` is false."""
    data = {name: getattr(person, name) for name in personal_data.personal_fields(Person)}
    data |= {
        # The projects, with the sensitive texts that may name the person.
        "projects": [
            {"ref": project.ref, "name": project.name}
            | {name: getattr(project, name) for name in personal_data.sensitive_fields(Project)}
            for project in person.projects.order_by("ref")
        ],
        "history": [
            {
                "date": record.history_date.isoformat(),
                "type": record.history_type,
                "by": record.history_user.get_username() if record.history_user else None,
                "reason": record.history_change_reason,
            }
            for record in person.history.select_related("history_user").order_by("history_date")
        ],
    }
    if record:
        person._change_reason = "gdpr_export"
        person.save()
    return data


@transaction.atomic
def erase_person(person: Person) -> None:
    """Anonymise a person in place (GDPR right to erasure): names, email and year of birth
    go, here and in every previous version; gender and situation stay, so that the
    figures do not change. The erasure is recorded in the history."""
    person_erased.send(
        sender=Person,
        organisation_id=person.organisation_id,
        person={"first": person.first_name, "last": person.last_name, "email": person.email},
    )
    for field, value in PERSONAL_FIELDS.items():
        setattr(person, field, value)
    person._change_reason = "gdpr_erasure"
    person.save()
    _scrub_history([person.pk])


def _erase_people_without_project(person_ids: list[int]) -> int:
    """Delete the persons who hold no project any more, and their names from history.

    Their previous versions keep who changed what and when, but no personal data:
    a person taken out of Sillon must not survive in its history (GDPR).
    """
    orphans = list(Person.objects.filter(pk__in=person_ids, projects__isnull=True))
    erased = [person.pk for person in orphans]  # delete() forgets the primary key
    for person in orphans:
        # Higher apps reach their own copies (kept uploads), as for an erasure.
        person_erased.send(
            sender=Person,
            organisation_id=person.organisation_id,
            person={"first": person.first_name, "last": person.last_name, "email": person.email},
        )
        person.delete()
    _scrub_history(erased)
    return len(erased)


@transaction.atomic
def remove_holder(project: Project, person: Person) -> None:
    """Take the person off the project. The person stays, with their data: only an
    erasure (erase_person, an administrator's) takes a person's data away."""
    project.holders.remove(person)


@transaction.atomic
def delete_project(project: Project) -> None:
    """Delete a project (its enrolments and enterprise go with it), its activities that
    concern it alone, and the holders it leaves without any project."""
    holder_ids = list(project.holders.values_list("pk", flat=True))
    # Sessions of this project alone would count hours for no project: they go too.
    # Shared sessions and events stay, without it.
    alone = Activity.objects.filter(projects=project, project_count=1).exclude(
        kind=ActivityKind.EVENT
    )
    Activity.objects.filter(pk__in=list(alone.values_list("pk", flat=True))).delete()
    project.delete()
    _erase_people_without_project(holder_ids)
