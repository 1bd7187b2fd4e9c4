"""Belgian enterprise numbers (BCE/KBO): ten digits, the last two a mod-97 check."""

from stdnum.be import vat
from stdnum.exceptions import ValidationError


def normalise(text: str) -> str | None:
    """ "0123.456.749", "BE 0123456749" or "123456749" → "0123456749"; None if invalid."""
    try:
        return vat.validate(text)
    except ValidationError:
        return None


def dotted(number: str) -> str:
    """The way the register writes it: 0123.456.749."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number
