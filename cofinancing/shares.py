"""Company co-financing as a share of the grants: the percentage, "minimum met" and the bands.

Condition h (seeds 004 §2; lowered to 7.5 %, seeds 002; 10 % again for 2025–2028): the companies
of a region co-finance at least ``Period.min_cofinancing_pct`` of its grants, measured over the
whole period, not per year. Every page, PDF, Excel export and the rule ``cofinancing_share`` read
these facts from ``CofinancingShare``; the rounding is that of ``sto.money``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from regions.models import Period, Region
from sto.money import ZERO, Threshold, percentage, required_part, shown_percentage, to_cents

from .models import CofinancingCommitment, Grant


@dataclass(frozen=True)
class CofinancingShare:
    """Co-financing (``amount``: committed, or realised) against the grants of the same years,
    and the period's minimum percentage when there is one."""

    amount: Decimal
    grants: Decimal
    minimum_pct: Decimal | None = None

    @property
    def pct(self) -> Decimal | None:
        """The exact percentage; ``None`` without grants. Compare with this one."""
        return percentage(self.amount, self.grants)

    @property
    def shown_pct(self) -> Decimal | None:
        """The percentage as a person reads it: one decimal, rounded down (``sto.money``)."""
        return shown_percentage(self.pct, threshold=Threshold.MINIMUM)

    @property
    def required(self) -> Decimal | None:
        """The co-financing the minimum requires: the smallest amount in cents that meets it;
        ``None`` without a minimum."""
        if self.minimum_pct is None:
            return None
        return required_part(self.grants, self.minimum_pct)

    @property
    def minimum_met(self) -> bool | None:
        """Whether the co-financing meets the minimum; ``None`` without grants or minimum."""
        required = self.required
        if required is None or not self.grants:
            return None
        return self.amount >= required

    @property
    def shortfall(self) -> Decimal:
        required = self.required
        return max(required - self.amount, ZERO) if required is not None else ZERO


def _years(period: Period, through_year: int | None) -> tuple[int, int]:
    """The first and last year of ``period``, or of its years up to ``through_year``."""
    last = period.end_year if through_year is None else min(period.end_year, through_year)
    return period.start_year, last


def cofinancing_over(
    region: Region, period: Period, *, through_year: int | None = None
) -> tuple[Decimal, Decimal]:
    """The company co-financing of ``region`` over ``period`` (or its years up to
    ``through_year``): committed and realised (one query)."""
    sums = CofinancingCommitment.objects.filter(
        region=region, year__range=_years(period, through_year)
    ).aggregate(committed=Sum("committed"), realised=Sum("realised"))
    return to_cents(sums["committed"] or ZERO), to_cents(sums["realised"] or ZERO)


def period_shares(
    region: Region, period: Period, *, through_year: int | None = None
) -> tuple[CofinancingShare, CofinancingShare]:
    """The committed and the realised co-financing of ``region`` over ``period``, each against
    the period's grants and minimum (two queries).

    With ``through_year``: over the period's years up to and including that year, against the
    grants of those same years. That is how realised co-financing is read during a period: what
    was realised in the years that have passed against the grants of those years, never against
    grants of years still to come."""
    years = _years(period, through_year)
    grants = Grant.objects.filter(region=region, year__range=years).aggregate(s=Sum("amount"))["s"]
    committed, realised = cofinancing_over(region, period, through_year=through_year)
    return tuple(  # type: ignore[return-value]
        CofinancingShare(
            amount=amount, grants=to_cents(grants or ZERO), minimum_pct=period.min_cofinancing_pct
        )
        for amount in (committed, realised)
    )


@dataclass(frozen=True)
class Band:
    """A class of co-financing percentages (seeds 004 Figuur 2.1): the lower bound belongs to
    the band, the upper bound does not; ``None`` is open."""

    key: str
    label: str
    lower: Decimal | None
    upper: Decimal | None

    def contains(self, pct: Decimal) -> bool:
        return (self.lower is None or pct >= self.lower) and (
            self.upper is None or pct < self.upper
        )


BANDS: tuple[Band, ...] = (
    Band("lt10", "< 10 %", None, Decimal("10")),
    Band("10-15", "10–15 %", Decimal("10"), Decimal("15")),
    Band("15-20", "15–20 %", Decimal("15"), Decimal("20")),
    Band("20-25", "20–25 %", Decimal("20"), Decimal("25")),
    Band("25+", "≥ 25 %", Decimal("25"), None),
)
BAND_BY_KEY = {band.key: band for band in BANDS}
BANDS_NOTE = _(
    "Een klasse telt haar ondergrens mee en haar bovengrens niet: precies 10 % valt in 10–15 %, "
    "precies 25 % in ≥ 25 %."
)


def band_of(pct: Decimal) -> Band:
    """The band of an exact co-financing percentage."""
    for band in BANDS:
        if band.contains(pct):
            return band
    raise AssertionError(pct)  # pragma: no cover - the bands cover every number
