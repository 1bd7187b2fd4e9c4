"""Cell parsers: a raw cell (text from CSV, or the value openpyxl reads) → the value
Sillon stores, or CellError with a translated message. Every parser returns the same
canonical value for a value Sillon exported, so that a re-import changes nothing."""

import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from sillon.codes import enterprise_numbers, joint_committees, legal_forms, nace
from sillon.codes.text import fold
from sillon.core.validators import validate_record_date

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
REF = re.compile(r"^[^\s,;]+$")
YES = {"yes", "oui", "ja", "true", "1", "y", "o", "j"}
NO = {"no", "non", "nee", "false", "0", "n"}
LANGUAGES = ("fr", "nl", "en")


class CellError(ValueError):
    pass


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def text(raw) -> str:
    if is_empty(raw):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a reference typed as a number: 17, not 17.0
    if isinstance(raw, datetime.datetime | datetime.date):
        return parse_date(raw).isoformat()
    return str(raw).strip()


def bounded_text(max_length: int) -> Callable:
    def parse(raw) -> str:
        value = text(raw)
        if len(value) > max_length:
            raise CellError(
                _("At most %(count)d characters (this one has %(length)d).")
                % {"count": max_length, "length": len(value)}
            )
        return value

    return parse


def reference(raw) -> str:
    value = text(raw)
    if value and not REF.match(value):
        raise CellError(_("A reference holds no spaces, commas or semicolons, e.g. P-2024-017."))
    if len(value) > 40:
        raise CellError(_("A reference has at most 40 characters."))
    return value


def parse_date(raw) -> datetime.date | None:
    if is_empty(raw):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, int | float):
        raise CellError(_("Not a date: write it as YYYY-MM-DD or use a date cell."))
    match = ISO_DATE.match(str(raw).strip())
    if not match:
        raise CellError(_("Not a date: write it as YYYY-MM-DD, e.g. 2024-03-15."))
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("This date does not exist in the calendar.")) from None


def checked(parse: Callable, validator: Callable) -> Callable:
    """A parser whose value must also pass one of the shared validators of
    core/validators.py — the same ones the forms apply through the model fields."""

    def parse_and_check(raw):
        value = parse(raw)
        if value is not None:
            try:
                validator(value)
            except ValidationError as error:
                raise CellError(" ".join(error.messages)) from None
        return value

    return parse_and_check


def decimal(raw) -> Decimal | None:
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise CellError(_("Not a number."))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    cleaned = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # decimal comma
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(_("Not a number: write it like 12.5 or 12,5.")) from None
    if not value.is_finite():
        raise CellError(_("Not a number: write it like 12.5 or 12,5."))
    return value


def integer(raw) -> int | None:
    value = decimal(raw)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(_("A whole number is expected."))
    return int(value)


def yes_no(raw) -> bool | None:
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        return raw
    value = fold(text(raw))
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellError(_("Write yes or no."))


def split_list(raw) -> list[str]:
    if is_empty(raw):
        return []
    return [part.strip() for part in str(raw).split(";") if part.strip()]


class CodeList:
    """The codes of a TextChoices; labels in French, Dutch or English are read as their
    code (case and accents ignored)."""

    def __init__(self, choices: type[models.TextChoices], default: str = ""):
        self.choices = choices
        self.default = default
        self._index: dict[str, str] | None = None

    def index(self) -> dict[str, str]:
        if self._index is None:
            index = {}
            for code, label in self.choices.choices:
                for language in LANGUAGES:
                    with translation.override(language):
                        index.setdefault(fold(str(label)), code)
            for code in self.choices.values:
                index[fold(code)] = code
            self._index = index
        return self._index

    def code(self, raw: str) -> str:
        code = self.index().get(fold(raw.strip()))
        if code is None:
            raise CellError(
                _("Unknown code. Known codes: %(codes)s.")
                % {"codes": ", ".join(self.choices.values)}
            )
        return code

    def __call__(self, raw) -> str:
        value = text(raw)
        return self.code(value) if value else self.default

    def many(self, raw) -> list[str]:
        return list(dict.fromkeys(self.code(part) for part in split_list(raw)))


def tags(raw) -> list[str]:
    """Free tags, stored lowercase like the project form does."""
    return list(dict.fromkeys(" ".join(part.lower().split()) for part in split_list(raw)))


def texts(raw) -> list[str]:
    return list(dict.fromkeys(split_list(raw)))


def enterprise_number(raw) -> str:
    value = text(raw)
    if not value:
        return ""
    if value.isdigit() and len(value) == 9:
        value = "0" + value  # a spreadsheet drops the leading zero of a number
    number = enterprise_numbers.normalise(value)
    if number is None:
        raise CellError(_("Not a valid enterprise number (ten digits, mod-97 check)."))
    return number


def legal_form(raw) -> str:
    value = text(raw)
    if not value:
        return ""
    code = legal_forms.normalise(value)
    if code is None:
        raise CellError(_("Not a legal form of the KBO/BCE list, e.g. 017, 610, 706."))
    return code


def joint_committee(raw) -> str:
    value = text(raw)
    if not value:
        return ""
    if isinstance(raw, float):
        value = f"{raw:.2f}"  # 329.02 read as a number
    code = joint_committees.normalise(value)
    if code is None:
        raise CellError(_("Not a joint committee of the official list, e.g. 200 or 329.02."))
    return code


def joint_committee_list(raw) -> list[str]:
    return list(dict.fromkeys(joint_committee(part) for part in split_list(raw)))


def nace_code(raw) -> str:
    """A subclass of NACE-BEL 2008, the version Sillon defaults to, or else of 2025."""
    value = text(raw)
    if not value:
        return ""
    if isinstance(raw, int | float) and len(value) < 5:
        value = value.zfill(5)  # a spreadsheet drops the leading zero of 01110
    code = nace.normalise(value)
    if code and nace_version(code):
        return code
    raise CellError(_("Not a NACE-BEL subclass of the official list, e.g. 56101."))


def nace_version(code: str) -> str:
    return next((v for v in ("2008", "2025") if nace.lookup(v, code)), "")


# A date of a record: read, then checked by the rule the forms share.
record_date = checked(parse_date, validate_record_date)
