"""Small Dutch text helpers for rule messages (formatting stays in ``sto.formatting``)."""

from decimal import Decimal

from sto.formatting import (  # noqa: F401 (re-export)
    format_date,
    format_euro,
    format_number,
    format_percentage,
)


def format_pct(value: Decimal) -> str:
    """A threshold as written in the regulation: ``10`` → ``10%``, ``7.50`` → ``7,5%``."""
    value = Decimal(value)
    for places in (0, 1, 2):
        if value == round(value, places):
            return format_percentage(value, places)
    return format_percentage(value, 2)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
