"""The engine's results as JSON (docs/spec/cli.md), CSV and text."""

import csv
import io
import json
from decimal import Decimal

from django.utils import translation

from sillon.catalogue import display
from sillon.catalogue.indicators import RATE, TABLE
from sillon.catalogue.periods import Period
from sillon.indicators.engine import compute
from sillon.indicators.targets import applying


def plain(number):
    """Plain JSON numbers: no rounding, no thousands separators (docs/spec/cli.md)."""
    if isinstance(number, Decimal):
        return int(number) if number == number.to_integral_value() else float(number)
    return number


def as_dict(result, target=None) -> dict:
    """An indicator as cli.md writes it; `target`: the TargetFigure that applies."""
    indicator, value = result.indicator, result.value
    item = {"id": indicator.id, "label": str(indicator.label), "unit": indicator.unit}
    if indicator.unit == TABLE:
        item["rows"] = [{key: plain(cell) for key, cell in row.items()} for row in value.rows]
        return item
    item["value"] = plain(value.value)
    if value.denominator is not None or indicator.unit == RATE or "_per_" in indicator.id:
        item["numerator"] = plain(value.numerator)
        item["denominator"] = plain(value.denominator)
    if target is not None:
        item["target"] = {
            "value": plain(target.value),
            "direction": target.direction,
            "period": target.period,
        }
    if value.breakdowns:
        item["breakdowns"] = {
            name: {key: plain(amount) for key, amount in parts.items()}
            for name, parts in value.breakdowns.items()
        }
    return item


def to_json(organisation, period: Period, as_of, results, targets=None) -> str:
    targets = targets or {}
    document = {
        "organisation": organisation.slug,
        "period": {
            "id": period.id,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": as_of.isoformat(),
        "indicators": [as_dict(r, targets.get(r.indicator.id)) for r in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def to_csv(results) -> str:
    """One line per value: the indicator, then each breakdown part and table cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["id", "label", "unit", "breakdown", "key", "value", "numerator", "denominator"]
    )
    for result in results:
        item = as_dict(result)
        head = [item["id"], item["label"], item["unit"]]
        if "rows" in item:
            for row in item["rows"]:
                first, *cells = row.items()
                for column, cell in cells:
                    writer.writerow([*head, f"{first[0]}={first[1]}", column, cell, "", ""])
            continue
        writer.writerow(
            [*head, "", "", item["value"], item.get("numerator", ""), item.get("denominator", "")]
        )
        for name, parts in item.get("breakdowns", {}).items():
            for key, amount in parts.items():
                writer.writerow([*head, name, key, amount, "", ""])
    return buffer.getvalue()


def shown(number, unit: str) -> str:
    if number is None:
        return "—"
    if isinstance(number, str):
        return number
    if unit in ("cohort", "years"):  # a year or a number of years, not a quantity
        return str(number)
    return display.figure(number, unit)


def _row_unit(key: str) -> str:
    """The unit of a table indicator's column (indicators.md: rates, counts, FTE)."""
    if key in ("cohort", "years"):
        return key
    if key.startswith("rate_") or key == "survival":
        return RATE
    if key.startswith("fte"):
        return "FTE"
    return "count"


def to_text(organisation, period: Period, results) -> str:
    lines = [f"{organisation.name} — {period.id} ({period.start} … {period.end})", ""]
    for result in results:
        indicator, value = result.indicator, result.value
        if indicator.unit == TABLE:
            lines.append(f"{indicator.label}:")
            for row in value.rows or []:
                cells = (f"{k}={shown(v, _row_unit(k))}" for k, v in row.items())
                lines.append("    " + "  ".join(cells))
            continue
        lines.append(f"{indicator.label:<70} {shown(value.value, indicator.unit):>14}")
    return "\n".join(lines) + "\n"


def render(fmt: str, language: str, organisation, period, as_of, results, targets=None) -> str:
    with translation.override(language):
        if fmt == "json":
            return to_json(organisation, period, as_of, results, targets)
        if fmt == "csv":
            return to_csv(results)
        return to_text(organisation, period, results)


def catalogue(fmt: str, language: str, organisation, period, as_of) -> str:
    """The whole catalogue with its targets, as `sillon indicators` and the API's
    indicators endpoint write it (one function, so they never differ)."""
    results = compute(organisation, period, as_of)
    targets, _compared = applying(organisation, period)
    return render(fmt, language, organisation, period, as_of, results, targets)
