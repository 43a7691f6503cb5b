"""The years STO-beheer accepts anywhere a year is given: in a URL, a form, a command or a file.

A year outside 2000–2100 is a typing error, not a subsidy year; every entry point refuses it
with the same range.
"""

YEAR_MIN = 2000
YEAR_MAX = 2100


def is_valid_year(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def parse_year(value: object) -> int | None:
    """``"2025"`` → ``2025``; anything else (non-ASCII digits, out of range, empty) → ``None``."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    year = int(text)
    return year if is_valid_year(year) else None
