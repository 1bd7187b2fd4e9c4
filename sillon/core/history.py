"""Readable history of a record kept by django-simple-history: who, when, what changed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.template.defaultfilters import yesno
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Reasons stored as codes with a version (history_change_reason), shown translated.
REASONS = {
    "gdpr_export": _("personal data exported"),
    "gdpr_erasure": _("personal data erased"),
    "demo": _("demo data"),
}


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
    reason: str = ""


def shown(model_field, value, names: dict) -> object:
    """A value as a person reads it: the label of a code, the name of a linked record,
    a list joined, yes or no, a dash for nothing."""
    if value in (None, "", []):
        return "—"
    if model_field.is_relation:
        return names.get((model_field.related_model, value), value)
    if isinstance(value, bool):
        return yesno(value)
    if isinstance(value, list):
        # A model may name the code list of a list of codes: LIST_CHOICES = {"topics": Topic}.
        codes = getattr(model_field.model, "LIST_CHOICES", {}).get(model_field.name)
        labels = dict(codes.choices) if codes else {}
        return ", ".join(str(labels.get(item, item)) for item in value)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    return value


def _related_names(model_deltas) -> dict:
    """Names of the records that changed foreign keys point to: one query per model.

    `model_deltas` gives (model, delta) pairs, the model being the tracked one.
    """
    wanted: dict = {}
    for model, delta in model_deltas:
        for change in delta.changes:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation and not model_field.many_to_many:
                ids = wanted.setdefault(model_field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    return {
        (model, pk): str(record)
        for model, ids in wanted.items()
        for pk, record in model._base_manager.in_bulk(ids).items()
    }


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
    m2m_names = [f.name for f in m2m_fields]
    deltas = {}
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        if older is not None and record.history_type == "~":
            deltas[record.history_id] = record.diff_against(
                older, excluded_fields=m2m_names, foreign_keys_are_objs=False
            )
    names = _related_names((type(instance), delta) for delta in deltas.values())
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_id in deltas:
            for change in deltas[record.history_id].changes:
                model_field = instance._meta.get_field(change.field)
                changes.append(
                    Change(
                        capfirst(model_field.verbose_name),
                        shown(model_field, change.old, names),
                        shown(model_field, change.new, names),
                    )
                )
            for m2m_field in m2m_fields:
                before = links[m2m_field.name].get(older.history_id, 0)
                after = links[m2m_field.name].get(record.history_id, 0)
                if before != after:
                    changes.append(Change(str(m2m_field.verbose_name), before, after))
        reason = record.history_change_reason or ""
        if record.history_type == "~" and not changes and not reason:
            continue  # saved without a change: nothing to tell
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.get_username() if user else str(_("import or system")),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
                reason=str(REASONS.get(reason, reason)),
            )
        )
    return entries


@dataclass
class TimelineEntry(HistoryEntry):
    subject: str = ""


def timeline_of(sources, limit: int = 50) -> list[TimelineEntry]:
    """One history for several kinds of record, newest first: each source is a queryset
    of historical records (one query each) and a function naming the record of a version.

    Deleted records are included: their history outlives them.
    """
    versions = []
    for queryset, subject in sources:
        records = list(queryset.select_related("history_user").order_by("id", "history_date"))
        for index, record in enumerate(records):
            previous = records[index - 1] if index and records[index - 1].id == record.id else None
            versions.append((record, previous, subject))
    versions.sort(key=lambda item: item[0].history_date, reverse=True)
    versions = versions[:limit]
    deltas = {
        id(record): record.diff_against(previous, foreign_keys_are_objs=False)
        for record, previous, _subject in versions
        if previous is not None and record.history_type == "~"
    }
    names = _related_names(
        (record.instance_type, deltas[id(record)])
        for record, _p, _s in versions
        if id(record) in deltas
    )
    entries = []
    for record, _previous, subject in versions:
        changes = []
        if id(record) in deltas:
            model = record.instance_type
            for change in deltas[id(record)].changes:
                model_field = model._meta.get_field(change.field)
                changes.append(
                    Change(
                        capfirst(model_field.verbose_name),
                        shown(model_field, change.old, names),
                        shown(model_field, change.new, names),
                    )
                )
            if not changes:
                continue
        user = record.history_user
        entries.append(
            TimelineEntry(
                when=record.history_date,
                who=user.get_username() if user else str(_("import or system")),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
                subject=subject(record),
            )
        )
    return entries
