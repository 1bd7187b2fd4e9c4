"""Readable history of a record kept by django-simple-history: who, when, what changed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)


def shown(model_field, value) -> object:
    """A value as a person reads it: the label of a code, a dash for nothing."""
    if model_field.choices and value not in (None, ""):
        return dict(model_field.flatchoices).get(value, value)
    if value in (None, "", []):
        return "—"
    return value


def _links_by_version(historical_model, records, m2m_field) -> dict[int, int]:
    """How many links (e.g. holders) each version had, in one query for all versions."""
    through = next(
        rel.related_model
        for rel in historical_model._meta.related_objects
        if rel.field.name == "history" and rel.related_model.__name__.endswith(f"_{m2m_field.name}")
    )
    counts: dict[int, int] = {}
    history_ids = [record.history_id for record in records]
    for history_id in through.objects.filter(history_id__in=history_ids).values_list(
        "history_id", flat=True
    ):
        counts[history_id] = counts.get(history_id, 0) + 1
    return counts


def history_of(instance, limit: int = 50) -> list[HistoryEntry]:
    """The latest versions of a record, each with the fields that changed from the one before.

    A fixed number of queries whatever the length of the history: many-to-many links
    (project holders, projects of an activity) are counted for all versions at once.
    """
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    if not records:
        return []
    historical_model = type(records[0])
    m2m_fields = list(getattr(historical_model, "_history_m2m_fields", []))
    links = {f.name: _links_by_version(historical_model, records, f) for f in m2m_fields}
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(
                older, excluded_fields=[f.name for f in m2m_fields], foreign_keys_are_objs=False
            )
            for change in delta.changes:
                model_field = instance._meta.get_field(change.field)
                changes.append(
                    Change(
                        str(model_field.verbose_name),
                        shown(model_field, change.old),
                        shown(model_field, change.new),
                    )
                )
            for m2m_field in m2m_fields:
                before = links[m2m_field.name].get(older.history_id, 0)
                after = links[m2m_field.name].get(record.history_id, 0)
                if before != after:
                    changes.append(Change(str(m2m_field.verbose_name), before, after))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.get_username() if user else str(_("import or system")),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return entries
