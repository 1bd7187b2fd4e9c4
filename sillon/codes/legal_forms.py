"""KBO legal forms (JuridicalForm codes) and the families Sillon groups them into."""

from functools import cache

from bce_codes_to_label import legal_forms as registry
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sillon.codes.text import fold, label_in


class Family(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    NONPROFIT = "nonprofit", _("Non-profit")
    COMPANY = "company", _("Company")
    FOUNDATION = "foundation", _("Foundation")
    PUBLIC = "public", _("Public body")
    SOLE_TRADER = "sole_trader", _("Sole trader")
    OTHER = "other", _("Other")


# spec/reference.md, "Legal-form families".
FAMILY_CODES = {
    Family.COOPERATIVE: {
        "001",
        "006",
        "008",
        "009",
        "016",
        "106",
        "107",
        "108",
        "109",
        "116",
        "206",
        "208",
        "506",
        "508",
        "606",
        "608",
        "706",
    },
    Family.NONPROFIT: {"017", "023", "028", "117", "125"},
    Family.FOUNDATION: {"018", "026", "029"},
    Family.COMPANY: {
        "010",
        "011",
        "012",
        "013",
        "014",
        "015",
        "027",
        "510",
        "511",
        "512",
        "513",
        "514",
        "515",
        "560",
        "610",
        "612",
    },
}


def family_of(code: str) -> Family:
    """The family of a legal-form code; an empty code is a natural person's enterprise."""
    if not code:
        return Family.SOLE_TRADER
    for family, codes in FAMILY_CODES.items():
        if code in codes:
            return family
    if code[0] in "134":
        return Family.PUBLIC
    return Family.OTHER


def normalise(text: str) -> str | None:
    """ "17", "017" or "017 — ASBL" → "017"; None when it is not a known code."""
    head = (text or "").strip().split(" ")[0]
    if not head.isdigit() or len(head) > 3:
        return None
    code = head.zfill(3)
    return code if code in registry.codes else None


def label(code: str, language: str | None = None) -> str:
    entry = registry.codes.get(code)
    return label_in(entry, language or get_language()) if entry else code


@cache
def _index(language: str) -> list[tuple[str, str, str]]:
    return [
        (
            code,
            label_in(entry, language),
            fold(
                " ".join([code, *(entry.get(f"label_{lang}", "") for lang in ("fr", "nl", "en"))])
            ),
        )
        for code, entry in sorted(registry.codes.items())
    ]


def search(query: str, language: str | None = None, limit: int = 20) -> list[tuple[str, str]]:
    words = fold(query).split()
    return [
        (code, text_label)
        for code, text_label, text in _index(language or get_language())
        if all(word in text for word in words)
    ][:limit]


def choices(language: str | None = None) -> list[tuple[str, str]]:
    return [(code, f"{code} {text}") for code, text, _ in _index(language or get_language())]
