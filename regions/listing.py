"""The reviewer's region list: key figures per region annotated in SQL, and its filters.

Everything here works on a queryset that is already scoped to the user
(``regions_visible_to(user)``), so the list, its Excel export and the workbook export of the
selection show the same regions. The figures are subqueries, so the list runs a fixed number of
queries whatever the number of regions.
"""

import datetime
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
from django.utils.translation import gettext_lazy as _

from .models import Finding, Membership, Organisation, OrganisationKind, Period, Region, Severity

# The rule codes of docs/interfaces.md §3, with a Dutch label for the filter.
RULE_LABELS: dict[str, str] = {
    "min_vmbo_locations": _("minder dan 2 technische vmbo-vestigingen"),
    "min_mbo": _("geen mbo-instelling"),
    "min_company": _("geen bedrijf"),
    "vmbo_single_region": _("vmbo-vestiging in meer dan één regio"),
    "lead_technical_vmbo": _("penvoerder geen technische vmbo-vestiging"),
    "techniekarm_share": _("techniekarme regio: technisch aandeel te hoog"),
    "cofinancing_share": _("cofinanciering onder het minimum"),
    "convenant_unsigned": _("convenant niet door alle partners ondertekend"),
    "convenant_deadline_near": _("ondertekentermijn convenant loopt bijna af"),
    "convenant_period": _("convenant eindigt voor de periode"),
    "annual_report_overdue": _("jaarverslag te laat"),
    "annual_report_due_soon": _("jaarverslag moet binnenkort binnen zijn"),
}

# Bands of the national monitor (seeds 004 Figuur 2.1): [low, high) in percent; None = open.
PCT_BANDS: dict[str, tuple[Decimal | None, Decimal | None, str]] = {
    "lt10": (None, Decimal("10"), _("minder dan 10%")),
    "10-15": (Decimal("10"), Decimal("15"), _("10 tot 15%")),
    "15-20": (Decimal("15"), Decimal("20"), _("15 tot 20%")),
    "20-25": (Decimal("20"), Decimal("25"), _("20 tot 25%")),
    "25+": (Decimal("25"), None, _("25% of meer")),
}

MONEY = DecimalField(max_digits=16, decimal_places=2)


def period_for_year(periods: list[Period], year: int) -> Period | None:
    """The period that contains ``year``; else the last one before it; else the first one."""
    containing = [p for p in periods if p.start_year <= year <= p.end_year]
    if containing:
        return containing[0]
    earlier = [p for p in periods if p.end_year < year]
    if earlier:
        return earlier[-1]
    return periods[0] if periods else None


def _sum_over_years(model, field: str, years: range | None):
    if years is None:
        return Value(Decimal("0"), output_field=MONEY)
    rows = (
        model.objects.filter(region=OuterRef("pk"), year__gte=years.start, year__lte=years.stop - 1)
        .order_by()
        .values("region")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY), Value(Decimal("0"), output_field=MONEY))


def with_figures(regions: QuerySet[Region], *, period: Period | None, today: datetime.date):
    """Annotate ``partner_count`` (current members), ``grant_total`` and ``cofinancing_total``
    (committed, summed over the period's years), ``cofinancing_pct`` (float, NULL without
    grants) and ``open_findings``. The percentage is measured over the whole period, as the
    regulation does (condition h, seeds 004 §2; docs/interfaces.md rule ``cofinancing_share``)."""
    from cofinancing.models import CofinancingCommitment, Grant

    years = period.years if period else None
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
    return (
        regions.select_related("lead")
        .annotate(
            partner_count=Coalesce(Subquery(partner_count), Value(0)),
            open_findings=Coalesce(Subquery(findings), Value(0)),
            grant_total=_sum_over_years(Grant, "amount", years),
            cofinancing_total=_sum_over_years(CofinancingCommitment, "committed", years),
        )
        .annotate(
            cofinancing_pct=Case(
                When(
                    grant_total__gt=0,
                    then=Cast(F("cofinancing_total"), FloatField())
                    * Value(100.0)
                    / Cast(F("grant_total"), FloatField()),
                ),
                default=None,
                output_field=FloatField(),
            )
        )
    )


def _pct_compared(regions: QuerySet[Region], lookup: str, pct: Decimal) -> QuerySet[Region]:
    """Regions whose co-financing percentage is ``lookup`` (lt, lte, gte) ``pct``.

    Compared as amounts (co-financing × 100 against grants × pct) rather than through the float
    percentage, so a region exactly at the minimum is never "below" it. The difference is rounded
    to cents, which absorbs SQLite's floating-point sums.
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
    band: str = ""  # "", "below_min" or a key of PCT_BANDS
    pct_min: Decimal | None = None
    pct_max: Decimal | None = None
    municipality: str = ""
    lead: str = ""


def apply_filter(regions: QuerySet[Region], f: RegionFilter, *, period: Period | None):
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
    elif f.band in PCT_BANDS:
        low, high, _label = PCT_BANDS[f.band]
        if low is not None:
            regions = _pct_compared(regions, "gte", low)
        if high is not None:
            regions = _pct_compared(regions, "lt", high)
    if f.pct_min is not None:
        regions = _pct_compared(regions, "gte", f.pct_min)
    if f.pct_max is not None:
        regions = _pct_compared(regions, "lte", f.pct_max)
    if f.municipality:
        from cofinancing.models import MunicipalContribution

        value = f.municipality.strip()
        municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).filter(
            Q(key__iexact=value.replace(" ", "")) | Q(name__icontains=value)
        )
        regions = regions.filter(
            Exists(
                Membership.objects.filter(region=OuterRef("pk"), organisation__in=municipalities)
            )
            | Exists(
                MunicipalContribution.objects.filter(
                    region=OuterRef("pk"), municipality__in=municipalities
                )
            )
        )
    if f.lead:
        regions = regions.filter(lead__name__icontains=f.lead)
    return regions.order_by("sto_number")
