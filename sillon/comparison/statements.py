"""Statements (docs/spec/comparison.md §2): written from the catalogue, read back with
every problem located, stored so that a publisher has one current statement per period."""

import json
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sillon.catalogue.indicators import BY_ID, CATALOGUE_VERSION
from sillon.catalogue.periods import Period, parse_period
from sillon.codes import enterprise_numbers
from sillon.comparison.models import Statement
from sillon.comparison.peers import catalogue
from sillon.indicators.output import plain

FORMAT = "sillon-statement/1"
# A statement of the whole catalogue is a few kilobytes; anything far larger is refused
# before it is read.
MAX_BYTES = 1_000_000
NUMBER_KEYS = ("value", "numerator", "denominator")


class StatementInvalid(Exception):
    """Every reason a statement is refused, each located (`where: what`)."""

    def __init__(self, reasons: list[str]):
        super().__init__("\n".join(reasons))
        self.reasons = reasons


def build(organisation, period: Period) -> dict:
    """The statement of an organisation for a period: its scalar indicators, no
    breakdown, no table, nothing personal."""
    indicators = []
    for result in catalogue(organisation, period):
        indicator, value = result.indicator, result.value
        if not indicator.is_scalar:
            continue
        item = {"id": indicator.id, "unit": indicator.unit, "value": plain(value.value)}
        if value.denominator is not None:
            item["numerator"] = plain(value.numerator)
            item["denominator"] = plain(value.denominator)
        indicators.append(item)
    return {
        "format": FORMAT,
        "organisation": {
            "name": organisation.name,
            "enterprise_number": organisation.enterprise_number or None,
        },
        "period": {
            "id": period.id,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": period.end.isoformat(),
        "definitions": CATALOGUE_VERSION,
        "produced_at": timezone.localtime().isoformat(timespec="seconds"),
        "indicators": indicators,
    }


def dumps(statement: dict) -> str:
    return json.dumps(statement, ensure_ascii=False, indent=2) + "\n"


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(document: dict, key: str, reasons: list, *, required=True, most=200) -> str:
    value = document.get(key)
    if value in (None, "") and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        reasons.append(_("%(where)s: a text is expected.") % {"where": key})
        return ""
    if len(value) > most:
        reasons.append(
            _("%(where)s: at most %(count)s characters.") % {"where": key, "count": most}
        )
    return value.strip()


def _period(document: dict, reasons: list) -> Period | None:
    period = document.get("period")
    if not isinstance(period, dict):
        reasons.append(_("period: an object with id, start and end is expected."))
        return None
    try:
        parsed = parse_period(str(period.get("id", "")))
    except ValidationError:
        reasons.append(
            _("period.id: %(value)s is not a period (2025, 2025-S1, 2025-S2 or a..b).")
            % {"value": json.dumps(period.get("id"))}
        )
        return None
    for key, expected in (("start", parsed.start), ("end", parsed.end)):
        if period.get(key) != expected.isoformat():
            reasons.append(
                _("period.%(key)s: %(value)s does not match the period %(period)s (%(expected)s).")
                % {
                    "key": key,
                    "value": json.dumps(period.get(key)),
                    "period": parsed.id,
                    "expected": expected.isoformat(),
                }
            )
    return parsed


def _indicators(items, reasons: list) -> list[dict]:
    if not isinstance(items, list):
        reasons.append(_("indicators: a list is expected."))
        return []
    kept, seen = [], set()
    for position, item in enumerate(items):
        where = f"indicators[{position}]"
        if not isinstance(item, dict):
            reasons.append(_("%(where)s: an object is expected.") % {"where": where})
            continue
        indicator = BY_ID.get(item.get("id"))
        if indicator is None:
            reasons.append(
                _("%(where)s.id: %(value)s is not an indicator of the catalogue.")
                % {"where": where, "value": json.dumps(item.get("id"), ensure_ascii=False)}
            )
            continue
        if not indicator.is_scalar:
            reasons.append(
                _("%(where)s.id: %(value)s is a table; a statement holds scalar indicators only.")
                % {"where": where, "value": indicator.id}
            )
            continue
        if indicator.id in seen:
            reasons.append(
                _("%(where)s.id: %(value)s appears twice.")
                % {"where": where, "value": indicator.id}
            )
            continue
        seen.add(indicator.id)
        if item.get("unit") != indicator.unit:
            reasons.append(
                _("%(where)s.unit: %(value)s does not match the unit of %(id)s (%(unit)s).")
                % {
                    "where": where,
                    "value": json.dumps(item.get("unit"), ensure_ascii=False),
                    "id": indicator.id,
                    "unit": indicator.unit,
                }
            )
        extra = sorted(set(item) - {"id", "unit", *NUMBER_KEYS})
        if extra:
            reasons.append(
                _("%(where)s: unexpected keys %(keys)s (no breakdown, no table).")
                % {"where": where, "keys": ", ".join(extra)}
            )
        for key in NUMBER_KEYS:
            if item.get(key) is not None and not _is_number(item[key]):
                reasons.append(
                    _("%(where)s.%(key)s: a number or null is expected.")
                    % {"where": where, "key": key}
                )
        kept.append(
            {"id": indicator.id, "unit": indicator.unit}
            | {key: item.get(key) for key in NUMBER_KEYS if key in item}
        )
    return kept


def validate(raw: bytes) -> dict:
    """The statement a file holds, cleaned, or StatementInvalid with every reason."""
    if len(raw) > MAX_BYTES:
        raise StatementInvalid(
            [
                _("The file is %(size)s bytes; a statement is at most %(most)s bytes.")
                % {"size": len(raw), "most": MAX_BYTES}
            ]
        )
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        where = getattr(error, "lineno", None)
        reason = _("The file is not JSON.")
        if where:
            reason = _("The file is not JSON (line %(line)s, column %(column)s: %(what)s).") % {
                "line": error.lineno,
                "column": error.colno,
                "what": error.msg,
            }
        raise StatementInvalid([reason]) from error
    if not isinstance(document, dict):
        raise StatementInvalid([_("The file holds no statement: a JSON object is expected.")])
    reasons: list[str] = []
    if document.get("format") != FORMAT:
        reasons.append(
            _("format: %(value)s, where %(expected)s is expected.")
            % {"value": json.dumps(document.get("format")), "expected": FORMAT}
        )
    organisation = document.get("organisation")
    name, number = "", ""
    if not isinstance(organisation, dict):
        reasons.append(_("organisation: an object with name and enterprise_number is expected."))
    else:
        name = _text(organisation, "name", reasons)
        given = organisation.get("enterprise_number")
        if given not in (None, ""):
            number = enterprise_numbers.normalise(str(given)) or ""
            if not number:
                reasons.append(
                    _(
                        "organisation.enterprise_number: %(value)s is not a valid enterprise "
                        "number (ten digits, the last two a mod-97 check)."
                    )
                    % {"value": json.dumps(given)}
                )
    period = _period(document, reasons)
    as_of = None
    try:
        as_of = date.fromisoformat(str(document.get("as_of")))
    except ValueError:
        reasons.append(_("as_of: a date YYYY-MM-DD is expected."))
    definitions = _text(document, "definitions", reasons, most=30)
    produced_at = None
    try:
        produced_at = datetime.fromisoformat(str(document.get("produced_at")))
        if timezone.is_naive(produced_at):
            produced_at = timezone.make_aware(produced_at)
    except ValueError:
        reasons.append(_("produced_at: a date and time (ISO 8601) is expected."))
    indicators = _indicators(document.get("indicators"), reasons)
    extra = sorted(
        set(document)
        - {"format", "organisation", "period", "as_of", "definitions", "produced_at", "indicators"}
    )
    if extra:
        reasons.append(_("Unexpected keys: %(keys)s.") % {"keys": ", ".join(extra)})
    if reasons:
        raise StatementInvalid(reasons)
    return {
        "name": name,
        "enterprise_number": number,
        "period": period,
        "as_of": as_of,
        "definitions": definitions,
        "produced_at": produced_at,
        "indicators": indicators,
    }


@transaction.atomic
def store(raw: bytes, *, user=None, organisation=None) -> tuple[Statement, Statement | None]:
    """Validate and store a statement; returns it and the one it replaced (if any).

    Nothing is stored when the file is invalid (StatementInvalid)."""
    cleaned = validate(raw)
    number, name, period = cleaned["enterprise_number"], cleaned["name"], cleaned["period"]
    key = number or f"name:{name}"
    previous = (
        Statement.objects.select_for_update()
        .current()
        .filter(publisher_key=key, period_id=period.id)
        .first()
    )
    now = timezone.now()
    if previous is not None:
        previous.replaced_at = now
        previous.save(update_fields=["replaced_at"])
    statement = Statement.objects.create(
        publisher_key=key,
        publisher_name=name,
        enterprise_number=number,
        period_id=period.id,
        period_start=period.start,
        period_end=period.end,
        as_of=cleaned["as_of"],
        definitions=cleaned["definitions"],
        produced_at=cleaned["produced_at"],
        indicators=cleaned["indicators"],
        imported_by=user,
        imported_for=organisation,
    )
    return statement, previous
