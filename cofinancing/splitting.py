"""Splitting a regional municipal contribution over the region's municipalities.

The municipalities of a region share a yearly total in proportion to their inhabitants, in whole
euros (seeds 000: Amstelland asks € 45.000 a year of its five municipalities, "gebaseerd op het
inwonersaantal van de regiogemeenten"). Rounding every share on its own can make the parts add
up to a euro more or less than the total, so the largest remainder method (Hamilton) is used:
every municipality first gets the whole euros of its exact share, and the euros still left go,
one each, to the largest fractional remainders. Ties are broken by key, so the outcome never
depends on the order of the input.

All arithmetic is done on integers: the exact share of ``key`` is
``total * inhabitants[key] / sum(inhabitants)``.
"""

from collections.abc import Hashable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from django.utils.translation import gettext as _

from sto.money import CENT

K = TypeVar("K", bound=Hashable)

WHOLE_EURO = Decimal("1")


class SplitError(ValueError):
    """The split cannot be made; ``str(error)`` is a message for the user (Dutch)."""


def split_by_inhabitants(total: Decimal, inhabitants: Mapping[K, int | None]) -> dict[K, Decimal]:
    """Split ``total`` (whole euros) over ``inhabitants``' keys in proportion to their values.

    The parts are whole euros (``Decimal`` with two places), never negative, add up exactly to
    ``total``, and each lies less than € 1 from the exact proportional share.

    Raises ``SplitError`` for a negative or fractional total, no municipalities at all, or a
    municipality with 0 or unknown (``None``) inhabitants — a share of nothing cannot be right.
    """
    total = Decimal(total)
    if total < 0:
        raise SplitError(_("Het totaalbedrag kan niet negatief zijn."))
    if total != total.to_integral_value():
        raise SplitError(_("Het totaalbedrag moet een bedrag in hele euro's zijn."))
    if not inhabitants:
        raise SplitError(_("Er zijn geen gemeenten om het bedrag over te verdelen."))
    unknown = [key for key, count in inhabitants.items() if not count or count < 0]
    if unknown:
        raise SplitError(
            _("Het aantal inwoners is onbekend of 0 voor: %(keys)s.")
            % {"keys": ", ".join(sorted(str(key) for key in unknown))}
        )

    whole_total = int(total)
    population = sum(inhabitants.values())
    floors: dict[K, int] = {}
    remainders: dict[K, int] = {}
    for key, count in inhabitants.items():
        floors[key], remainders[key] = divmod(whole_total * count, population)
    left = whole_total - sum(floors.values())
    # Largest remainder first; equal remainders in key order (as text, so mixed keys compare).
    by_remainder = sorted(inhabitants, key=lambda key: (-remainders[key], str(key)))
    for key in by_remainder[:left]:
        floors[key] += 1
    return {key: Decimal(floors[key]).quantize(CENT) for key in inhabitants}


def indexed_totals(
    total: Decimal, first_year: int, last_year: int, indexation_pct: Decimal | None = None
) -> dict[int, Decimal]:
    """The yearly totals from ``first_year`` to ``last_year`` with a yearly indexation.

    The first year is ``total``; each later year is ``total × (1 + pct/100)^(year − first_year)``
    (compounding from the first year, as in seeds 000: "een jaarlijkse indexatie voor de jaren
    2026 t/m 2028" on top of the 2025 amount), rounded half up to whole euros. Each year's total
    is then split on its own with ``split_by_inhabitants``.
    """
    if last_year < first_year:
        raise SplitError(_("Het laatste jaar ligt voor het eerste jaar."))
    pct = Decimal(indexation_pct or 0)
    if pct < 0:
        raise SplitError(_("De indexatie kan niet negatief zijn."))
    factor = Decimal(1) + pct / Decimal(100)
    return {
        year: (Decimal(total) * factor ** (year - first_year))
        .quantize(WHOLE_EURO, rounding=ROUND_HALF_UP)
        .quantize(CENT)
        for year in range(first_year, last_year + 1)
    }


def indexation_of(totals: Mapping[int, Decimal]) -> Decimal | None:
    """The yearly indexation (in %) with which ``indexed_totals`` gives exactly ``totals``, or
    ``None`` when the totals are not indexed that way (one year, the same every year, a gap
    between the years, or amounts changed one by one afterwards).

    The inverse of ``indexed_totals``: a council decision states the indexation the region asked
    for (seeds 000) from the yearly totals it was asked, with the percentage as it was typed (one
    decimal, else two).
    """
    years = sorted(totals)
    if len(years) < 2 or years != list(range(years[0], years[-1] + 1)):
        return None
    first, last = Decimal(totals[years[0]]), Decimal(totals[years[-1]])
    if first <= 0 or last <= first:
        return None
    exact = ((last / first) ** (Decimal(1) / (years[-1] - years[0])) - 1) * 100
    for places in ("0.1", "0.01"):
        pct = exact.quantize(Decimal(places), rounding=ROUND_HALF_UP)
        if pct <= 0:
            continue
        indexed = indexed_totals(first, years[0], years[-1], pct)
        if all(indexed[year] == Decimal(totals[year]) for year in years):
            return pct
    return None
