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
    UNKNOWN = "unknown", _("Unknown")


# docs/spec/reference.md, "Legal-form families".
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


# The abbreviations people type, which the official labels do not contain.
ABBREVIATIONS = {
    "017": "ASBL VZW",
    "018": "EUP SON",
    "026": "FP PS",
    "029": "FUP SON",
    "014": "SA NV",
    "610": "SRL BV",
    "015": "SPRL BVBA",
    "706": "SC CV coop",
    "016": "SC CV coop",
    "008": "SCRL CVBA coop",
    "006": "SCRI CVOA coop",
    "508": "SCRL FS CVBA SO coop",
    "506": "SCRI FS CVOA SO coop",
    "560": "GIE ESV",
    "011": "SNC VOF",
    "012": "SCS GCV",
    "612": "SComm CommV",
}
# Forms of the Code of Companies and Associations (2019), offered first in searches.
CURRENT = ["017", "706", "610", "014", "026", "029", "018", "612", "560"]


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
    rows = []
    for code, entry in registry.codes.items():
        words = [code, ABBREVIATIONS.get(code, "")]
        words += [entry.get(f"label_{lang}", "") for lang in ("fr", "nl", "en")]
        rows.append((code, label_in(entry, language), fold(" ".join(words))))
    rank = {code: position for position, code in enumerate(CURRENT)}
    return sorted(rows, key=lambda row: (rank.get(row[0], len(CURRENT)), row[0]))


def search(query: str, language: str | None = None, limit: int = 20) -> list[tuple[str, str]]:
    """Legal forms whose code, abbreviation or label holds every word; current forms first."""
    words = fold(query).split()
    return [
        (code, text_label)
        for code, text_label, text in _index(language or get_language())
        if all(word in text for word in words)
    ][:limit]
