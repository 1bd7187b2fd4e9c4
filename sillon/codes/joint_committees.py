"""Joint committees (commissions paritaires / paritaire comités).

The package keys them without the dot ("32902"); Sillon stores, shows and accepts the
dotted form of the official numbering ("329.02"), and accepts "32902" too.
"""

import re
from functools import cache

from bce_codes_to_label import joint_committees as registry
from django.utils.translation import get_language

from sillon.codes.text import fold, label_in

PATTERN = re.compile(r"^\s*(?:(?:CP|PC|JC)\s*)?(\d{3})(?:\.?(\d{2}))?\b", re.IGNORECASE)


def dotted(key: str) -> str:
    return key if len(key) == 3 else f"{key[:3]}.{key[3:]}"


def normalise(text: str) -> str | None:
    """ "329.02", "32902", "CP 329.02 — …" → "329.02"; None when not a known committee."""
    match = PATTERN.match(text or "")
    if not match:
        return None
    key = match.group(1) + (match.group(2) or "")
    return dotted(key) if key in registry.codes else None


def label(code: str, language: str | None = None) -> str:
    entry = registry.codes.get(code.replace(".", ""))
    return label_in(entry, language or get_language()) if entry else code


@cache
def _index(language: str) -> list[tuple[str, str, str]]:
    return [
        (
            dotted(key),
            label_in(entry, language),
            fold(
                " ".join([key, dotted(key), entry.get("label_fr", ""), entry.get("label_nl", "")])
            ),
        )
        for key, entry in sorted(registry.codes.items())
    ]


def search(query: str, language: str | None = None, limit: int = 20) -> list[tuple[str, str]]:
    words = fold(query).split()
    return [
        (code, text_label)
        for code, text_label, text in _index(language or get_language())
        if all(word in text for word in words)
    ][:limit]
