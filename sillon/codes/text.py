import unicodedata


def fold(text: str) -> str:
    """Lowercase without accents, for searching "restaur" in "Restauration"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def label_in(entry: dict, language: str) -> str:
    """The entry's label in the language, else French, else Dutch (Brussels' languages)."""
    for key in (f"label_{language}", "label_fr", "label_nl", "label_en"):
        if entry.get(key):
            return " ".join(entry[key].split())
    return ""
