"""NACE-BEL activity codes (5-digit national subclasses), versions 2008 and 2025."""

import re
from dataclasses import dataclass
from functools import cache

from bce_codes_to_label import nace as registry
from django.utils.translation import get_language

from sillon.codes.text import fold, label_in

VERSIONS = ("2008", "2025")
DEFAULT_VERSION = "2008"

# Sections by their first and last division. NACE Rev. 2 (NACE-BEL 2008) and
# NACE Rev. 2.1 (NACE-BEL 2025) split the divisions differently: section letters moved.
SECTION_DIVISIONS = {
    "2008": [
        ("A", 1, 3),
        ("B", 5, 9),
        ("C", 10, 33),
        ("D", 35, 35),
        ("E", 36, 39),
        ("F", 41, 43),
        ("G", 45, 47),
        ("H", 49, 53),
        ("I", 55, 56),
        ("J", 58, 63),
        ("K", 64, 66),
        ("L", 68, 68),
        ("M", 69, 75),
        ("N", 77, 82),
        ("O", 84, 84),
        ("P", 85, 85),
        ("Q", 86, 88),
        ("R", 90, 93),
        ("S", 94, 96),
        ("T", 97, 98),
        ("U", 99, 99),
    ],
    "2025": [
        ("A", 1, 3),
        ("B", 5, 9),
        ("C", 10, 33),
        ("D", 35, 35),
        ("E", 36, 39),
        ("F", 41, 43),
        ("G", 46, 47),
        ("H", 49, 53),
        ("I", 55, 56),
        ("J", 58, 60),
        ("K", 61, 63),
        ("L", 64, 66),
        ("M", 68, 68),
        ("N", 69, 75),
        ("O", 77, 82),
        ("P", 84, 84),
        ("Q", 85, 85),
        ("R", 86, 88),
        ("S", 90, 93),
        ("T", 94, 96),
        ("U", 97, 98),
        ("V", 99, 99),
    ],
}

CODE_PATTERN = re.compile(r"^\s*(\d{2})\.?(\d{3})\b")
SECTION_PREFIX = re.compile(r"^(SECTION|SECTIE)?\s*[A-Z]\s*--\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NaceActivity:
    version: str
    code: str  # five digits, e.g. "56101"

    def label(self, language: str | None = None) -> str:
        return label_in(registry.codes[f"{self.version}:{self.code}"], language or get_language())

    def __str__(self) -> str:
        return f"{self.code} {self.label()}"


def normalise(text: str) -> str | None:
    """ "56101", "56.101" or "56101 — Restauration…" → "56101"; None if not a code shape."""
    match = CODE_PATTERN.match(text or "")
    return match.group(1) + match.group(2) if match else None


def lookup(version: str, code: str) -> NaceActivity | None:
    if version in VERSIONS and f"{version}:{code}" in _subclasses(version):
        return NaceActivity(version, code)
    return None


def sections(version: str = DEFAULT_VERSION, language: str | None = None) -> list[tuple[str, str]]:
    """(letter, label) of every section of a version, for filters."""
    result = []
    for letter, _first, _last in SECTION_DIVISIONS[version]:
        entry = registry.codes[f"{version}:{letter}"]
        label = SECTION_PREFIX.sub("", label_in(entry, language or get_language()))
        result.append((letter, f"{letter} — {label.capitalize()}"))
    return result


@cache
def _subclasses(version: str) -> frozenset[str]:
    return frozenset(
        key
        for key, entry in registry.codes.items()
        if entry["version"] == version and entry["level"] == 5
    )


@cache
def _search_index(version: str, language: str) -> list[tuple[str, str, str]]:
    """(code, label, folded text searched) of every subclass of a version."""
    rows = []
    for key in sorted(_subclasses(version)):
        entry = registry.codes[key]
        code = entry["value"]
        words = " ".join(
            [
                code,
                entry["value_dot"],
                label_in(entry, language),
                entry.get("label_fr", ""),
                entry.get("label_nl", ""),
                entry.get("label_en", ""),
            ]
        )
        rows.append((code, label_in(entry, language), fold(words)))
    return rows


def search(
    query: str, version: str = DEFAULT_VERSION, language: str | None = None, limit: int = 20
) -> list[tuple[str, str]]:
    """Subclasses whose code or label (in any of the three languages) holds every word."""
    words = fold(query).replace(".", "").split()
    if not words or version not in VERSIONS:
        return []
    found = []
    for code, label, text in _search_index(version, language or get_language()):
        if all(word in text.replace(".", "") for word in words):
            found.append((code, label))
            if len(found) == limit:
                break
    return found
