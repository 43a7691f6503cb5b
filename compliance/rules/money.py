"""Company co-financing over a period (condition h, seeds 004 §2; lowered to 7.5 %, seeds 002)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from regions.models import Severity
from sto.formatting import format_euro, format_threshold

from .registry import Violation, rule
from .snapshot import RegionFacts, Snapshot


@rule("cofinancing_share", Severity.ERROR, _("Cofinanciering onder het minimum"))
def cofinancing_share(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Condition h (seeds 004 §2, seeds 002; Subsidieregeling 2025–2028): for every period in
    which the region has grants, the company co-financing committed over the period's years is
    at least ``Period.min_cofinancing_pct`` of the grants over those years. The regulation sets
    the minimum over the whole period, not per year, so a low year is made up by another. "Met"
    is decided by ``cofinancing.shares.CofinancingShare``, as on every page and document."""
    for period_id in facts.grants_by_period:
        period = snapshot.periods[period_id]
        share = facts.cofinancing_share(period)
        if share.minimum_met is not False:
            continue
        yield Violation(
            subject=period.code,
            message=(
                f"Cofinanciering {period.code}: {format_euro(share.amount)} toegezegd, minimaal "
                f"{format_threshold(period.min_cofinancing_pct)} van {format_euro(share.grants)} "
                f"subsidie = {format_euro(share.required)} nodig "
                f"(tekort {format_euro(share.shortfall)})."
            ),
        )
