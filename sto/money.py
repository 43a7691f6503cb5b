"""Money and percentages: computed exactly with ``Decimal``, rounded once, at the edge.

The one rounding rule of STO-beheer (docs/decisions/0007-one-definition-per-fact.md):

- **Amounts** are euros with two places. Sums of amounts are exact. The amount a minimum
  percentage requires is rounded *up* to the cent: the smallest amount in cents that meets it. So
  "amount ≥ required" and "exact percentage ≥ minimum" are one and the same test, in Python and
  in SQL alike.
- **Percentages** are computed exactly (``percentage``) and kept exact for every comparison.
  Only when a person reads one is it rounded, to one decimal, by ``shown_percentage``: half up,
  except that a figure judged against a threshold is rounded away from passing it (against a
  minimum: down; against a maximum: up). So a shown figure never seems to pass a threshold that
  the exact figure fails: 9,96 % of co-financing reads 9,9 %, not 10,0 %.

The screens, the PDFs and the Excel exports all show the value ``shown_percentage`` returns, so
the same figure reads the same everywhere.
"""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import Enum

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
PERCENTAGE_PLACES = 1


class Threshold(Enum):
    """What a shown percentage is judged against, which decides its rounding direction."""

    NONE = ROUND_HALF_UP
    MINIMUM = ROUND_FLOOR
    MAXIMUM = ROUND_CEILING


def to_cents(amount: Decimal | int | float | str) -> Decimal:
    """An amount to the cent, half up (sums read back from SQLite can carry float noise)."""
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)


def percentage(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """``part`` as an exact percentage of ``whole``; ``None`` when there is no whole."""
    if part is None or not whole:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def required_part(whole: Decimal, pct: Decimal) -> Decimal:
    """The smallest amount in cents that is at least ``pct`` % of ``whole`` (rounded up)."""
    return (Decimal(whole) * Decimal(pct) / HUNDRED).quantize(CENT, rounding=ROUND_CEILING)


def shown_percentage(
    value: Decimal | None, *, threshold: Threshold = Threshold.NONE
) -> Decimal | None:
    """The percentage as a person reads it: one decimal, rounded by the rule above."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-PERCENTAGE_PLACES)
    return Decimal(value).quantize(quantum, rounding=threshold.value)


def json_number(value: Decimal | None) -> int | float | None:
    """A figure in a command's ``--json`` output: a whole amount as an integer, one with cents
    (or decimals) as a number with those decimals."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
