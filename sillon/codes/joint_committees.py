"""Joint committees (commissions paritaires / paritaire comités).

The package keys them without the dot ("32902"); Sillon stores, shows and accepts the
dotted form of the official numbering ("329.02"), and accepts "32902" too.
"""

import re
from functools import cache

from bce_codes_to_label import joint_committees as registry
from django.utils.translation import get_language

from sillon.codes.text import fold, label_in

PREFIX = re.compile(r"^(?:CP|PC|JC)\s*", re.IGNORECASE)
CODE = re.compile(r"^(\d{3})(?:\.?(\d{2}))?$")


# Words people type for the committees they deal with most, missing from the labels.
KEYWORDS = {
    "302": "horeca hotel restaurant",
    "322.01": "titres-services dienstencheques",
    "329.02": "socioculturel socio-cultureel",
    "337": "non marchand non-profit",
    "200": "employés bedienden",
    "319.02": "éducatif hébergement opvoeding",
    "330": "santé soins gezondheid",
    "327": "ETA maatwerk entreprise de travail adapté",
}


def dotted(key: str) -> str:
    return key if len(key) == 3 else f"{key[:3]}.{key[3:]}"


def normalise(text: str) -> str | None:
    """ "329.02", "32902", "CP 329.02 SCP pour…" → "329.02"; None when not a known committee.

    The code must be written whole: "329.0" is refused, not read as 329.
    """
    text = PREFIX.sub("", (text or "").strip())
    match = CODE.match(text.split(maxsplit=1)[0]) if text else None
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
                " ".join(
                    [key, dotted(key), KEYWORDS.get(dotted(key), "")]
                    + [entry.get(f"label_{lang}", "") for lang in ("fr", "nl", "en")]
                )
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
