"""The region list: key figures per region annotated in SQL, its filters, and its rows.

Everything here works on a queryset that is already scoped to the user
(``regions_visible_to(user)``), so the list, its Excel export and the workbook export of the
selection show the same regions. The figures are subqueries, so the list runs a fixed number of
queries whatever the number of regions.

The co-financing of a row is a ``cofinancing.shares.CofinancingShare`` built from the summed
amounts, the same object the overview, the annual report and the rule read; the filters compare
amounts exactly in SQL, which is the same test as ``CofinancingShare.minimum_met`` (see
``sto.money``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round

from cofinancing.models import CofinancingCommitment, Grant
from cofinancing.shares import BAND_BY_KEY, CofinancingShare
from regions.models import Finding, Membership, Period, Region, Severity, period_containing
from sto.money import to_cents
from sto.web import Sort

MONEY = DecimalField(max_digits=16, decimal_places=2)


def default_period(periods: list[Period], year: int) -> Period | None:
    """The period the list shows first: the one containing ``year``; else the last one before
    it; else the first one."""
    containing = period_containing(periods, year)
    if containing:
        return containing
    earlier = [p for p in periods if p.end_year < year]
    if earlier:
        return max(earlier, key=lambda p: (p.end_year, p.start_year))
    return periods[0] if periods else None


def _sum_over_years(model, field: str, period: Period | None):
    if period is None:
        return Value(Decimal("0"), output_field=MONEY)
    rows = (
        model.objects.filter(
            region=OuterRef("pk"), year__gte=period.start_year, year__lte=period.end_year
        )
        .order_by()
        .values("region")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY), Value(Decimal("0"), output_field=MONEY))


def with_figures(
    regions: QuerySet[Region], *, period: Period | None, today: datetime.date
) -> QuerySet[Region]:
    """Annotate ``partner_count`` (current members), ``grant_total`` and ``cofinancing_total``
    (committed, summed over the period's years) and ``open_findings``. The co-financing is
    measured over the whole period, as the regulation does (condition h, seeds 004 §2)."""
    partner_count = (
        Membership.objects.current_on(today)
        .filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    findings = (
        Finding.objects.open()
        .filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return regions.select_related("lead").annotate(
        partner_count=Coalesce(Subquery(partner_count), Value(0)),
        open_findings=Coalesce(Subquery(findings), Value(0)),
        grant_total=_sum_over_years(Grant, "amount", period),
        cofinancing_total=_sum_over_years(CofinancingCommitment, "committed", period),
    )


def share_of(region: Region, period: Period | None) -> CofinancingShare | None:
    """The co-financing of a region annotated by ``with_figures``; ``None`` without grants."""
    if period is None or not region.grant_total:
        return None
    return CofinancingShare(
        amount=to_cents(region.cofinancing_total),
        grants=to_cents(region.grant_total),
        minimum_pct=period.min_cofinancing_pct,
    )


def with_shares(regions: Iterable[Region], period: Period | None) -> Iterator[Region]:
    """The regions, each with its ``cofinancing_share`` (``share_of``) for the page and export."""
    for region in regions:
        region.cofinancing_share = share_of(region, period)
        yield region


def _pct_compared(regions: QuerySet[Region], lookup: str, pct: Decimal) -> QuerySet[Region]:
    """Regions whose exact co-financing percentage is ``lookup`` (lt, lte, gte) ``pct``.

    Compared as amounts (co-financing × 100 against grants × pct), never through a rounded
    percentage, so a region exactly at the minimum is never "below" it. The difference is rounded
    to 4 places, which absorbs SQLite's floating-point sums.
    """
    difference = Round(
        F("cofinancing_total") * Value(Decimal(100)) - F("grant_total") * Value(Decimal(pct)),
        4,
        output_field=DecimalField(max_digits=24, decimal_places=4),
    )
    return (
        regions.filter(grant_total__gt=0)
        .alias(pct_difference=difference)
        .filter(**{f"pct_difference__{lookup}": 0})
    )


@dataclass
class RegionFilter:
    """The cleaned filter values of the region list (all optional)."""

    q: str = ""
    kind: str = ""
    findings: str = ""  # "", "any", "error", "none" or a rule code
    band: str = ""  # "", "below_min" or a key of ``cofinancing.shares.BANDS``
    pct_min: Decimal | None = None
    pct_max: Decimal | None = None
    municipality: str = ""
    lead: str = ""


def apply_filter(
    regions: QuerySet[Region], f: RegionFilter, *, period: Period | None
) -> QuerySet[Region]:
    """Apply the filters to a queryset annotated by ``with_figures``."""
    if f.q:
        regions = regions.filter(Q(name__icontains=f.q) | Q(sto_number__icontains=f.q))
    if f.kind:
        regions = regions.filter(kind=f.kind)
    if f.findings:
        open_findings = Finding.objects.open().filter(region=OuterRef("pk"))
        if f.findings == "any":
            regions = regions.filter(Exists(open_findings))
        elif f.findings == "none":
            regions = regions.exclude(Exists(open_findings))
        elif f.findings == "error":
            regions = regions.filter(Exists(open_findings.filter(severity=Severity.ERROR)))
        else:
            regions = regions.filter(Exists(open_findings.filter(rule=f.findings)))
    if f.band == "below_min":
        if period is not None:
            regions = _pct_compared(regions, "lt", period.min_cofinancing_pct)
    elif f.band in BAND_BY_KEY:
        band = BAND_BY_KEY[f.band]
        if band.lower is not None:
            regions = _pct_compared(regions, "gte", band.lower)
        if band.upper is not None:
            regions = _pct_compared(regions, "lt", band.upper)
    if f.pct_min is not None:
        regions = _pct_compared(regions, "gte", f.pct_min)
    if f.pct_max is not None:
        regions = _pct_compared(regions, "lte", f.pct_max)
    if f.municipality:
        value = f.municipality.strip()
        municipalities = Membership.objects.filter(
            organisation__kind="municipality",
        ).filter(
            Q(organisation__key__iexact=value.replace(" ", ""))
            | Q(organisation__name__icontains=value)
        )
        regions = regions.filter(pk__in=municipalities.values("region_id"))
    if f.lead:
        regions = regions.filter(lead__name__icontains=f.lead)
    return regions.order_by("sto_number")


# The columns the list sorts by (``?sorteer=``), each with the fields it orders on; the STO number
# breaks ties, so the page, the next page and the Excel export are always in the same order.
SORTS: dict[str, tuple[str, ...]] = {
    "nummer": ("sto_number",),
    "naam": ("name",),
    "soort": ("kind",),
    "penvoerder": ("lead__name",),
    "partners": ("partner_count",),
    "subsidie": ("grant_total",),
    "cofinanciering": ("cofinancing_ratio",),
    "bevindingen": ("open_findings",),
}
DEFAULT_SORT = "nummer"


def apply_sort(regions: QuerySet[Region], sort: Sort) -> QuerySet[Region]:
    """Order a queryset annotated by ``with_figures`` by one of ``SORTS``. Co-financing sorts by
    the exact percentage (co-financing over grants); regions without grants come last either way,
    as the list shows them with "—"."""
    regions = regions.alias(
        cofinancing_ratio=Case(
            When(
                grant_total__gt=0,
                then=Cast("cofinancing_total", FloatField()) / Cast("grant_total", FloatField()),
            ),
            default=None,
            output_field=FloatField(),
        )
    )
    order = []
    for field in SORTS.get(sort.key, SORTS[DEFAULT_SORT]):
        expression = F(field)
        order.append(
            expression.desc(nulls_last=True) if sort.descending else expression.asc(nulls_last=True)
        )
    return regions.order_by(*order, "sto_number")
