"""Company co-financing over a period (condition h, seeds 004 §2; lowered to 7.5 %, seeds 002)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from regions.models import Severity

from .registry import Violation, rule
from .snapshot import ZERO, RegionFacts, Snapshot
from .text import format_euro, format_pct

CENT = Decimal("0.01")


def required_cofinancing(grants: Decimal, minimum_pct: Decimal) -> Decimal:
    """``minimum_pct`` % of ``grants``, rounded to the cent (half up)."""
    return (grants * minimum_pct / Decimal(100)).quantize(CENT, ROUND_HALF_UP)


def cofinancing_minimum_met(
    committed: Decimal, grants: Decimal, minimum_pct: Decimal
) -> bool | None:
    """Whether ``committed`` co-financing meets ``minimum_pct`` % of ``grants``, decided exactly
    as the rule ``cofinancing_share`` does (condition h, seeds 004 §2); ``None`` without grants.

    Pages and documents that show "minimum met" use this, so they never disagree with the
    finding (e.g. 9,96 % rounded for display to 10,0 % still falls short of 10 %).
    """
    if not grants:
        return None
    return committed >= required_cofinancing(grants, minimum_pct)


@rule("cofinancing_share", Severity.ERROR, "Cofinanciering onder het minimum")
def cofinancing_share(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition h (seeds 004 §2, seeds 002; Subsidieregeling 2025–2028): for every period in
    which the region has grants, the company co-financing committed over the period's years is
    at least ``Period.min_cofinancing_pct`` of the grants over those years. The regulation sets
    the minimum over the whole period, not per year, so a low year is made up by another."""
    for period_id, grants in facts.grants_by_period.items():
        period = snapshot.periods[period_id]
        committed = sum((facts.cofinancing_by_year.get(y, ZERO) for y in period.years), ZERO)
        required = required_cofinancing(grants, period.min_cofinancing_pct)
        if committed >= required:
            continue
        yield Violation(
            subject=period.code,
            message=(
                f"Cofinanciering {period.code}: {format_euro(committed)} toegezegd, minimaal "
                f"{format_pct(period.min_cofinancing_pct)} van {format_euro(grants)} subsidie = "
                f"{format_euro(required)} nodig (tekort {format_euro(required - committed)})."
            ),
        )
