"""The national monitor: the tables of the monitor report (seeds 004 §2.1–2.2), computed live.

Definitions (seeds 004, Tabel 2.1, Tabel 2.2, Figuur 2.1), and the choices this product makes
where the report leaves them open:

- **Span**: a period (its years summed) or a single year.
- **Regions in the monitor**: the regions with a grant in the span ("approved plans": the report
  counts the 71 regions with an approved plan).
- **Partners** (Tabel 2.1): the organisations with a membership at any moment *during* the span
  (start ≤ last day and end empty or ≥ first day), counted once per region and kind. A partner
  that left half-way still took part in that span.
- Per partner kind: *regions involved* = regions with at least one such partner; *min*, *max* and
  *mean* are taken over **all** regions in the monitor, including those with none of that kind (as
  the report does for hbo: min 0, mean 0,1); *total* = the sum over the regions.
  vso and pro share one row ("vso-/pro-vestigingen"). The total row counts every partner of the
  listed kinds, po included (the report left po out only because plans did not specify it; our
  data does); organisations of kind "other" are not in the table.
- **Money** (Tabel 2.2): subsidy = grants summed over the span; co-financing = company
  co-financing *committed* ("getekend") summed over the span; total investment = subsidy +
  co-financing. Min, max, mean and total over the regions in the monitor.
- **Co-financing bands** (Figuur 2.1): a region's percentage is co-financing / subsidy × 100,
  unrounded. Bands include their lower bound and exclude their upper bound: < 10 %, 10–15 %
  (10 ≤ p < 15), 15–20 %, 20–25 %, ≥ 25 %. Exactly 10 % therefore meets the minimum and lands in
  10–15 %. A region with a subsidy of € 0 has no percentage and is left out of the figure.

Everything is computed in three queries whatever the number of regions: the span's period (if a
period code was given), the regions with their money sums (subqueries), and the partner counts
grouped by region and kind.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cofinancing.models import CofinancingCommitment, Grant
from cofinancing.shares import BANDS, CofinancingShare, band_of
from regions.models import Membership, Period, Region, RegionKind
from sto.money import ZERO, to_cents

# Tabel 2.1 rows: (key, label, kinds, mandatory)
PARTNER_ROWS: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    ("vmbo", _("Vmbo-vestigingen"), ("vmbo",), True),
    ("mbo", _("Mbo-instellingen"), ("mbo",), True),
    ("company", _("Bedrijven"), ("company",), True),
    ("po", _("Po-scholen"), ("po",), False),
    ("vso_pro", _("Vso-/pro-vestigingen"), ("vso", "pro"), False),
    ("hbo", _("Hbo-instellingen"), ("hbo",), False),
    ("municipality", _("Gemeenten/lokale overheden"), ("municipality",), False),
)
COUNTED_KINDS: tuple[str, ...] = tuple(k for _key, _l, kinds, _m in PARTNER_ROWS for k in kinds)


@dataclass(frozen=True)
class Span:
    """A period (``period`` set) or a single year of the monitor."""

    start_year: int
    end_year: int
    period: Period | None = None

    @property
    def code(self) -> str:
        return self.period.code if self.period else str(self.start_year)

    @property
    def label(self) -> str:
        if self.period:
            return _("periode %(code)s") % {"code": self.period.code}
        return _("jaar %(year)s") % {"year": self.start_year}

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.start_year, 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.end_year, 12, 31)


def span_from_code(code: str | None) -> Span | None:
    """A period code (``2025-2028``) or a year (``2025``) as a span; ``None`` if neither."""
    code = (code or "").strip()
    if not code:
        return None
    period = Period.objects.filter(code=code).first()
    if period:
        return Span(period.start_year, period.end_year, period)
    if code.isascii() and code.isdigit() and len(code) == 4:
        return Span(int(code), int(code))
    return None


def span_choices() -> list[tuple[str, str]]:
    """Periods and years that have grants, newest first, for the span chooser (two queries)."""
    years = sorted(set(Grant.objects.values_list("year", flat=True).distinct()), reverse=True)
    periods = list(Period.objects.order_by("-start_year", "-code"))
    choices = [(p.code, str(_("Periode %(code)s") % {"code": p.code})) for p in periods]
    choices += [(str(y), str(_("Jaar %(year)s") % {"year": y})) for y in years]
    return choices


def default_span() -> Span | None:
    """The most recent period with grants, else the most recent year with grants."""
    latest = Grant.objects.order_by("-year").select_related("period").first()
    if latest is None:
        return None
    return Span(latest.period.start_year, latest.period.end_year, latest.period)


@dataclass(frozen=True)
class RegionFigures:
    """One region's numbers in the span (the monitor's per-region data)."""

    pk: int
    sto_number: str
    name: str
    kind: str
    lead_name: str
    subsidy: Decimal
    cofinancing: Decimal
    partners: dict[str, int]

    @property
    def investment(self) -> Decimal:
        return self.subsidy + self.cofinancing

    @property
    def kind_label(self) -> str:
        """ "techniekregio" or "techniekarme regio", never the code."""
        return str(RegionKind(self.kind).label)

    @property
    def share(self) -> CofinancingShare:
        """Committed company co-financing against the subsidy over the span."""
        return CofinancingShare(amount=self.cofinancing, grants=self.subsidy)

    @property
    def partners_total(self) -> int:
        return sum(self.partners.get(k, 0) for k in COUNTED_KINDS)


@dataclass(frozen=True)
class PartnerRow:
    key: str
    label: str
    mandatory: bool
    regions_involved: int | None
    minimum: int
    maximum: int
    mean: Decimal
    total: int


@dataclass(frozen=True)
class MoneyRow:
    key: str
    label: str
    minimum: Decimal
    maximum: Decimal
    mean: Decimal
    total: Decimal


@dataclass(frozen=True)
class BandCount:
    label: str
    lower: Decimal | None
    upper: Decimal | None
    count: int


@dataclass(frozen=True)
class ChartBar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass(frozen=True)
class Chart:
    """Geometry of the Figuur 2.1 bar chart, drawn as inline SVG by the template."""

    width: int
    height: int
    baseline: float
    bars: list[ChartBar]
    ticks: list[tuple[int, float]]
    axis_left: float
    axis_right: float

    @property
    def tick_label_x(self) -> float:
        return self.axis_left - 6


@dataclass
class Monitor:
    span: Span
    regions: list[RegionFigures]
    partner_rows: list[PartnerRow] = field(default_factory=list)
    partner_total: PartnerRow | None = None
    money_rows: list[MoneyRow] = field(default_factory=list)
    bands: list[BandCount] = field(default_factory=list)
    without_percentage: int = 0

    @property
    def region_count(self) -> int:
        return len(self.regions)

    @property
    def chart(self) -> Chart:
        return band_chart(self.bands)


def _sum_subquery(queryset: QuerySet, field_name: str) -> Subquery:
    return Subquery(
        queryset.filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(total=Sum(field_name))
        .values("total")[:1],
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def _mean(total, count: int, places: str = "0.1") -> Decimal:
    if not count:
        return Decimal("0")
    return (Decimal(total) / count).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def region_figures(span: Span, regions: QuerySet[Region] | None = None) -> list[RegionFigures]:
    """Each region with a grant in ``span``: its subsidy, co-financing and partners per kind.

    Two queries, whatever the number of regions. ``regions`` narrows the set (e.g. to what a user
    may see).
    """
    years = (span.start_year, span.end_year)
    grants = Grant.objects.filter(year__range=years)
    cofinancing = CofinancingCommitment.objects.filter(year__range=years)
    base = regions if regions is not None else Region.objects.all()
    rows = list(
        base.annotate(
            subsidy_sum=_sum_subquery(grants, "amount"),
            cofinancing_sum=Coalesce(
                _sum_subquery(cofinancing, "committed"),
                Value(ZERO),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            ),
        )
        .filter(subsidy_sum__isnull=False)
        .order_by("sto_number")
        .values("pk", "sto_number", "name", "kind", "lead__name", "subsidy_sum", "cofinancing_sum")
    )
    partner_counts: dict[int, dict[str, int]] = {row["pk"]: {} for row in rows}
    if rows:
        memberships = (
            Membership.objects.filter(region__in=base)
            .during(span.first_day, span.last_day)
            .values("region_id", "organisation__kind")
            .annotate(n=Count("organisation_id", distinct=True))
            .order_by()
        )
        for item in memberships:
            counts = partner_counts.get(item["region_id"])
            if counts is not None:
                counts[item["organisation__kind"]] = item["n"]
    return [
        RegionFigures(
            pk=row["pk"],
            sto_number=row["sto_number"],
            name=row["name"],
            kind=row["kind"],
            lead_name=row["lead__name"] or "",
            subsidy=to_cents(row["subsidy_sum"]),
            cofinancing=to_cents(row["cofinancing_sum"]),
            partners=partner_counts[row["pk"]],
        )
        for row in rows
    ]


def _partner_row(key, label, mandatory, per_region: list[int], involved: bool = True) -> PartnerRow:
    count = len(per_region)
    total = sum(per_region)
    return PartnerRow(
        key=key,
        label=str(label),
        mandatory=mandatory,
        regions_involved=sum(1 for n in per_region if n > 0) if involved else None,
        minimum=min(per_region, default=0),
        maximum=max(per_region, default=0),
        mean=_mean(total, count),
        total=total,
    )


def _money_row(key, label, amounts: list[Decimal]) -> MoneyRow:
    total = sum(amounts, ZERO)
    return MoneyRow(
        key=key,
        label=str(label),
        minimum=min(amounts, default=ZERO),
        maximum=max(amounts, default=ZERO),
        mean=_mean(total, len(amounts), "0.01"),
        total=total,
    )


def compute_monitor(span: Span, regions: QuerySet[Region] | None = None) -> Monitor:
    """Tabel 2.1, Tabel 2.2 and Figuur 2.1 of the monitor for ``span`` (seeds 004 §2)."""
    figures = region_figures(span, regions)
    monitor = Monitor(span=span, regions=figures)
    for key, label, kinds, mandatory in PARTNER_ROWS:
        per_region = [sum(r.partners.get(k, 0) for k in kinds) for r in figures]
        monitor.partner_rows.append(_partner_row(key, label, mandatory, per_region))
    monitor.partner_total = _partner_row(
        "total", _("Totaal"), False, [r.partners_total for r in figures], involved=False
    )
    monitor.money_rows = [
        _money_row("subsidy", _("Subsidie"), [r.subsidy for r in figures]),
        _money_row(
            "cofinancing", _("Cofinanciering bedrijfsleven"), [r.cofinancing for r in figures]
        ),
        _money_row("investment", _("Totale investering"), [r.investment for r in figures]),
    ]
    counts = dict.fromkeys((band.key for band in BANDS), 0)
    for region in figures:
        pct = region.share.pct
        if pct is None:
            monitor.without_percentage += 1
            continue
        counts[band_of(pct).key] += 1
    monitor.bands = [
        BandCount(band.label, band.lower, band.upper, counts[band.key]) for band in BANDS
    ]
    return monitor


def _nice_step(peak: int) -> int:
    """A round tick step (1, 2, 5, 10, 20, 25, 50, …) giving at most about six ticks."""
    for magnitude in (1, 10, 100, 1000, 10000):
        for base in (1, 2, 5) if magnitude == 1 else (1, 2, 2.5, 5):
            step = int(base * magnitude)
            if step and peak / step <= 6:
                return step
    return max(1, -(-peak // 5))


def band_chart(bands: list[BandCount], *, width: int = 560, height: int = 300) -> Chart:
    """Bar positions for the Figuur 2.1 chart: one bar per band, a y axis in whole regions."""
    left, right, top, bottom = 48.0, 16.0, 16.0, 44.0
    plot_w = width - left - right
    plot_h = height - top - bottom
    peak = max((b.count for b in bands), default=0)
    step = _nice_step(peak)
    axis_max = max(step, -(-peak // step) * step)
    slot = plot_w / max(1, len(bands))
    bar_w = slot * 0.6
    baseline = top + plot_h
    bars = []
    for index, band in enumerate(bands):
        bar_h = plot_h * band.count / axis_max
        x = left + index * slot + (slot - bar_w) / 2
        bars.append(
            ChartBar(
                label=band.label,
                count=band.count,
                x=round(x, 1),
                y=round(baseline - bar_h, 1),
                width=round(bar_w, 1),
                height=round(bar_h, 1),
                label_x=round(x + bar_w / 2, 1),
            )
        )
    ticks = [
        (value, round(baseline - plot_h * value / axis_max, 1))
        for value in range(0, axis_max + 1, step)
    ]
    return Chart(
        width=width,
        height=height,
        baseline=baseline,
        bars=bars,
        ticks=ticks,
        axis_left=left,
        axis_right=width - right,
    )
