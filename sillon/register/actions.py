"""Writes that touch several records of the register, in one transaction each."""

from django.db import transaction

from sillon.register.models import Activity, Person, Project


@transaction.atomic
def save_activity(form) -> Activity:
    """Save an ActivityForm with the projects it names."""
    activity = form.save()
    activity.projects.set(form.projects)
    return activity


@transaction.atomic
def add_holder(project: Project, form) -> Person:
    person = form.save()
    project.holders.add(person)
    return person


def _erase_people_without_project(person_ids: list[int]) -> int:
    """Delete the persons who hold no project any more, and their names from history.

    Their previous versions keep who changed what and when, but no personal data:
    a person taken out of Sillon must not survive in its history (GDPR).
    """
    orphans = list(Person.objects.filter(pk__in=person_ids, projects__isnull=True))
    erased = [person.pk for person in orphans]  # delete() forgets the primary key
    for person in orphans:
        person.delete()
    Person.history.filter(id__in=erased).update(
        first_name="", last_name="", email="", birth_year=None
    )
    return len(erased)


@transaction.atomic
def remove_holder(project: Project, person: Person) -> bool:
    """Take the person off the project; erase them when they hold no other project.

    Returns True when the person was erased.
    """
    person_id = person.pk
    project.holders.remove(person)
    return _erase_people_without_project([person_id]) == 1


@transaction.atomic
def delete_project(project: Project) -> None:
    """Delete a project (its enrolments and enterprise go with it) and the holders it
    leaves without any project."""
    holder_ids = list(project.holders.values_list("pk", flat=True))
    project.delete()
    _erase_people_without_project(holder_ids)
