"""The multi-year budget of a plan (seeds 004 B.4) beside the co-financing of the same period.

Per year and per partner: personnel, material and overhead. The overhead share and the
co-financing percentage are computed once here, with ``sto.money`` and
``cofinancing.shares.CofinancingShare``: for 2025–2028 the co-financing minimum is measured
against the subsidised multi-year budget (docs/domain.md, "The programme").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from cofinancing.shares import CofinancingShare, cofinancing_over
from regions.models import Organisation
from sto.money import ZERO, percentage, shown_percentage

from .models import BudgetLine, Plan
from .selectors import budget_lines_of


@dataclass
class Totals:
    personnel: Decimal = ZERO
    material: Decimal = ZERO
    overhead: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.personnel + self.material + self.overhead

    def add(self, line: BudgetLine) -> None:
        self.personnel += line.personnel
        self.material += line.material
        self.overhead += line.overhead


@dataclass
class PartnerRow:
    organisation: Organisation
    by_year: dict[int, BudgetLine] = field(default_factory=dict)
    totals: Totals = field(default_factory=Totals)
    years: list[int] = field(default_factory=list)

    @property
    def year_totals(self) -> list[Decimal | None]:
        """The partner's total in each year of the period (``None``: no line that year)."""
        return [self.by_year[y].total if y in self.by_year else None for y in self.years]


@dataclass
class BudgetSummary:
    plan: Plan
    lines: list[BudgetLine]
    committed: Decimal  # company co-financing committed over the plan's period
    years: list[int]
    totals: Totals
    by_year: dict[int, Totals]
    partners: list[PartnerRow]

    @property
    def total(self) -> Decimal:
        return self.totals.total

    @property
    def requested(self) -> Decimal:
        return self.plan.requested

    @property
    def difference(self) -> Decimal:
        """Budget total minus the requested amount: 0 when they match."""
        return self.total - self.requested

    @property
    def overhead_share(self) -> Decimal | None:
        """Overhead as a percentage of the budget, shown with one decimal."""
        return shown_percentage(percentage(self.totals.overhead, self.total))

    @property
    def cofinancing(self) -> CofinancingShare:
        """The co-financing committed over the period against the budget and the minimum."""
        return CofinancingShare(
            amount=self.committed,
            grants=self.total,
            minimum_pct=self.plan.period.min_cofinancing_pct,
        )


def budget_summary(plan: Plan) -> BudgetSummary:
    """The plan's budget per year and per partner, with the co-financing of the period (two
    queries)."""
    lines = list(budget_lines_of(plan))
    years = list(plan.period.years)
    totals = Totals()
    by_year = {year: Totals() for year in years}
    partners: dict[int, PartnerRow] = {}
    for line in lines:
        totals.add(line)
        by_year.setdefault(line.year, Totals()).add(line)
        row = partners.setdefault(line.organisation_id, PartnerRow(line.organisation, years=years))
        row.by_year[line.year] = line
        row.totals.add(line)
    committed, _realised = cofinancing_over(plan.region, plan.period)
    return BudgetSummary(
        plan=plan,
        lines=lines,
        committed=committed,
        years=years,
        totals=totals,
        by_year=by_year,
        partners=sorted(partners.values(), key=lambda r: (r.organisation.name, r.organisation.key)),
    )
