"""The one display rule of docs/spec/indicators.md ("Display"): values are rounded only
to be shown, half away from zero, once, by these functions. The interface (template
filters), the reports' HTML and PDF, the CLI's text and the XLSX number formats all go
through here, so that a figure never reads differently in two places."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language

from sillon.catalogue.indicators import COUNT, DAYS, EUR, FTE, HOURS, PEOPLE, RATE, RATIO

# Decimal places shown, by unit: counts as integers, hours and FTE to 2 decimals, euros
# to the cent, rates as percentages to 1 decimal (3 places of the fraction).
PLACES = {COUNT: 0, PEOPLE: 0, DAYS: 0, HOURS: 2, FTE: 2, RATIO: 2, EUR: 2, RATE: 1}
DEFAULT_PLACES = 2

# The same rule written as spreadsheet number formats: the XLSX keeps the unrounded
# value and shows it rounded as here (spreadsheets round half away from zero too).
NUMBER_FORMATS = {
    COUNT: "#,##0",
    PEOPLE: "#,##0",
    DAYS: "#,##0",
    "year": "0",
    HOURS: "#,##0.00",
    FTE: "#,##0.00",
    RATIO: "#,##0.00",
    RATE: "0.0%",
    EUR: '#,##0.00 "€"',
}

# Where the euro sign goes, by language: "1 125,00 €" in French, "€ 1.125,00" in Dutch.
EURO_AFTER = {"fr"}


def half_away_from_zero(value, places: int) -> Decimal:
    """`value` rounded to `places` decimals, ties away from zero (2.5 → 3, −2.5 → −3).

    A float is read through its shortest text (0.665 is "0.665", not the binary
    0.66500000000000003552…), so what people read as a tie rounds as a tie."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    exponent = Decimal(1).scaleb(-places)
    magnitude = abs(number).quantize(exponent, rounding=ROUND_HALF_UP)
    return -magnitude if number < 0 and magnitude else magnitude


def rounded(value, unit: str, whole_euros: bool = False) -> Decimal | None:
    """The number shown for a value of a unit; a rate becomes its percentage."""
    if value is None or value == "":
        return None
    if unit == RATE:
        return half_away_from_zero(Decimal(str(value)) * 100, PLACES[RATE])
    if unit == EUR and whole_euros:
        return half_away_from_zero(value, 0)
    if unit not in PLACES and _is_whole(value):
        return Decimal(int(value))
    return half_away_from_zero(value, PLACES.get(unit, DEFAULT_PLACES))


def _is_whole(value) -> bool:
    if isinstance(value, int):
        return True
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number == number.to_integral_value()


def figure(value, unit: str = "", whole_euros: bool = False) -> str:
    """A value as the active language writes it: "66,7 %", "1 125,00 €", "12 933"."""
    number = rounded(value, unit, whole_euros)
    if number is None:
        return "—"
    places = max(0, -number.as_tuple().exponent)
    text = number_format(number, places, use_l10n=True, force_grouping=True)
    if unit == RATE:
        return f"{text}\u00a0%"
    if unit == EUR:
        return euro_sign(text)
    return text


def euros(value, whole: bool = False) -> str:
    """An amount of money, to the cent (or whole euros), with the language's euro sign."""
    if value is None or value == "":
        return ""
    return figure(value, EUR, whole_euros=whole)


def euro_sign(amount: str) -> str:
    if (get_language() or "fr")[:2] in EURO_AFTER:
        return f"{amount}\u00a0€"
    return f"€\u00a0{amount}"
