"""Activity.project_count kept equal to the number of the activity's project links.

Links change through the many-to-many manager (forms, admin, tests: `m2m_changed`),
through deleting a project (its links go by cascade, which sends no m2m signal) and
through the bulk writers of the demo and the workbook, which call `recount` or write
the count themselves.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, pre_delete

from sillon.register.models import Activity, Project

CHUNK = 500  # ids per UPDATE, under SQLite's limit of bound parameters


def recount(activity_ids) -> None:
    """Set project_count of these activities from their links, in the database."""
    links = (
        Activity.projects.through.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ids = sorted(set(activity_ids))
    for start in range(0, len(ids), CHUNK):
        Activity.objects.filter(pk__in=ids[start : start + CHUNK]).update(
            project_count=Coalesce(Subquery(links), 0)
        )


def _on_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # project.activities.clear(): the activities are unknown once the links are gone.
        instance._linked_activity_ids = list(instance.activities.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove") and pk_set:
        recount(pk_set if reverse else [instance.pk])
    elif action == "post_clear":
        recount(instance.__dict__.pop("_linked_activity_ids", []) if reverse else [instance.pk])


def _before_project_deleted(sender, instance, **kwargs):
    instance._linked_activity_ids = list(
        Activity.projects.through.objects.filter(project=instance).values_list(
            "activity_id", flat=True
        )
    )


def _after_project_deleted(sender, instance, **kwargs):
    recount(instance.__dict__.pop("_linked_activity_ids", []))


def connect() -> None:
    uid = "register-linkcounts"
    m2m_changed.connect(
        _on_links_changed, sender=Activity.projects.through, dispatch_uid=f"{uid}-links"
    )
    pre_delete.connect(_before_project_deleted, sender=Project, dispatch_uid=f"{uid}-pre")
    post_delete.connect(_after_project_deleted, sender=Project, dispatch_uid=f"{uid}-post")
