"""The one hygiene rule for every text people type or import: a form field, a workbook cell.

Text pasted from Word, a PDF or a web page carries characters nobody sees. What is harmless
becomes what was meant: Unicode is normalised (NFC, so ``é`` is one character everywhere), a
tab or a non-breaking space becomes a space and a Windows line break (CRLF, or a lone CR)
becomes a line feed. What is not harmless is refused with a Dutch message: a control character,
and in a name or a key (a single line) also the invisible zero-width and bidirectional
formatting characters that make two different keys look the same. Bidirectional overrides are
refused in multi-line text too: they can make a text read differently from what is stored.

Passwords never pass through here: they are compared as typed.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Spaces that are harmless and become an ordinary space.
_AS_SPACE = {"\t", "\u00a0", "\u2007", "\u202f"}

# Bidirectional formatting characters (Unicode TR9): embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def normalise_text(value: str, *, multiline: bool = False) -> str:
    """``value`` with the harmless differences taken out (see the module docstring)."""
    text = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    text = "".join(" " if char in _AS_SPACE else char for char in text)
    return unicodedata.normalize("NFC", text)


def _name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """A Dutch message when ``value`` (already normalised) holds a character that is refused,
    else ``None``."""
    for char in value:
        if char == "\n" and multiline:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in ("\ufffe", "\uffff"):
            label = f"U+{ord(char):04X}"
            if char == "\n":
                return _("De tekst mag maar één regel zijn; haal de regelovergang weg.")
            return _(
                "De tekst bevat een onzichtbaar stuurteken (%(char)s); typ de tekst opnieuw."
            ) % {"char": label}
        if char in BIDI_CONTROLS or (category == "Cf" and not multiline):
            return _(
                "De tekst bevat een onzichtbaar opmaakteken (%(char)s, %(name)s) dat twee "
                "verschillende waarden gelijk laat lijken; typ de tekst opnieuw."
            ) % {"char": f"U+{ord(char):04X}", "name": _name(char).lower()}
    return None


def clean_text(value: str, *, multiline: bool = False) -> str:
    """``value`` normalised, or ``ValidationError`` with a Dutch message when it holds a refused
    character."""
    text = normalise_text(value, multiline=multiline)
    problem = text_problem(text, multiline=multiline)
    if problem:
        raise ValidationError(problem, code="invalid_character")
    return text


def is_ascii_key(value: str) -> bool:
    """A key (BRIN, KvK, CBS code, STO number) holds only ASCII letters and digits."""
    return value.isascii() and value.isalnum()
