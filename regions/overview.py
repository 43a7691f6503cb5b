"""The figures of a region's dashboard: deadlines and money of a year.

The region is already scoped to the user by the caller. Every function runs a fixed number of
queries whatever the number of partners, years or signatures.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum

from .models import AnnualReport, Convenant, Membership, Period, Region, Signature
from .rules.money import cofinancing_minimum_met

ZERO = Decimal("0.00")


@dataclass
class Deadline:
    kind: str  # "convenant" or "annual_report"
    due: datetime.date
    label: str
    overdue: bool
    soon: bool
    missing: list[str] = field(default_factory=list)  # organisation names still to sign
    convenant: Convenant | None = None
    year: int | None = None


def _warning_window() -> int:
    return getattr(settings, "STO_WARNING_WINDOW_DAYS", 30)


def convenant_signing_status(region: Region, today: datetime.date) -> list[dict]:
    """Per convenant of ``region``: the current members and who of them signed. Three queries.

    Every partner signs the samenwerkingsovereenkomst (seeds 004 Bijlage B.3); "current" is on
    ``today``, as the rule ``convenant_unsigned`` checks it.
    """
    convenants = list(Convenant.objects.filter(region=region).select_related("period"))
    members = list(
        Membership.objects.current_on(today)
        .filter(region=region)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    signed = set(
        Signature.objects.filter(convenant__region=region, signed_on__isnull=False).values_list(
            "convenant_id", "organisation_id"
        )
    )
    result = []
    for convenant in convenants:
        missing = [
            m.organisation for m in members if (convenant.pk, m.organisation_id) not in signed
        ]
        result.append(
            {
                "convenant": convenant,
                "members": len(members),
                "signed": len(members) - len(missing),
                "missing": missing,
            }
        )
    return result


def region_deadlines(region: Region, today: datetime.date) -> list[Deadline]:
    """Deadlines of ``region`` that need attention, soonest first (five queries).

    - convenant signing deadlines with signatures missing (seeds 000: signed before 1 Oct 2024);
    - annual reports over years with a grant that are not in, due 1 June of the following year
      (seeds 004 Bijlage B.2 §3.2, seeds 000), for years that have begun.
    """
    from cofinancing.models import Grant

    window = datetime.timedelta(days=_warning_window())
    deadlines: list[Deadline] = []
    for status in convenant_signing_status(region, today):
        convenant = status["convenant"]
        if convenant.signing_deadline and status["missing"]:
            due = convenant.signing_deadline
            deadlines.append(
                Deadline(
                    kind="convenant",
                    due=due,
                    label=convenant.title,
                    overdue=due < today,
                    soon=today <= due <= today + window,
                    missing=[o.name for o in status["missing"]],
                    convenant=convenant,
                )
            )
    grant_years = set(
        Grant.objects.filter(region=region, year__lte=today.year).values_list("year", flat=True)
    )
    submitted = set(
        AnnualReport.objects.filter(region=region, submitted_on__isnull=False).values_list(
            "year", flat=True
        )
    )
    for year in sorted(grant_years - submitted):
        due = datetime.date(year + 1, 6, 1)
        deadlines.append(
            Deadline(
                kind="annual_report",
                due=due,
                label=str(year),
                overdue=due < today,
                soon=today <= due <= today + window,
                year=year,
            )
        )
    deadlines.sort(key=lambda d: d.due)
    return deadlines


@dataclass
class Money:
    year: int
    period: Period | None
    grant: Decimal | None
    committed: Decimal
    realised: Decimal
    period_grants: Decimal
    period_committed: Decimal
    period_realised: Decimal
    contributions: list[dict]

    @property
    def period_pct(self) -> Decimal | None:
        if not self.period_grants:
            return None
        return (self.period_committed * 100 / self.period_grants).quantize(Decimal("0.1"))

    @property
    def period_realised_pct(self) -> Decimal | None:
        if not self.period_grants:
            return None
        return (self.period_realised * 100 / self.period_grants).quantize(Decimal("0.1"))

    @property
    def meets_minimum(self) -> bool | None:
        if self.period is None:
            return None
        return cofinancing_minimum_met(
            self.period_committed, self.period_grants, self.period.min_cofinancing_pct
        )


def region_money(region: Region, year: int, *, municipality=None) -> Money:
    """Grant, co-financing and municipal contributions of ``region`` in ``year``, and the
    co-financing percentage over the whole period against its minimum (condition h, seeds 004
    §2, measured over the period as the regulation does). Six queries.

    ``municipality`` restricts the contributions to one municipality (a municipal officer sees
    only what was asked of their own municipality).
    """
    from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution

    period = (
        Period.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("start_year")
        .first()
    )
    years = (period.start_year, period.end_year) if period else (year, year)
    grants = Grant.objects.filter(region=region, year__gte=years[0], year__lte=years[1]).aggregate(
        this_year=Sum("amount", filter=Q(year=year)),
        total=Sum("amount"),
    )
    cofinancing = CofinancingCommitment.objects.filter(
        region=region, year__gte=years[0], year__lte=years[1]
    ).aggregate(
        year_committed=Sum("committed", filter=Q(year=year)),
        year_realised=Sum("realised", filter=Q(year=year)),
        period_committed=Sum("committed"),
        period_realised=Sum("realised"),
    )
    contributions = MunicipalContribution.objects.filter(region=region, year=year)
    if municipality is not None:
        contributions = contributions.filter(municipality=municipality)
    by_status = list(
        contributions.order_by("status")
        .values("status")
        .annotate(
            count=Count("pk"), total_requested=Sum("requested"), total_approved=Sum("approved")
        )
    )
    return Money(
        year=year,
        period=period,
        grant=grants["this_year"],
        committed=cofinancing["year_committed"] or ZERO,
        realised=cofinancing["year_realised"] or ZERO,
        period_grants=grants["total"] or ZERO,
        period_committed=cofinancing["period_committed"] or ZERO,
        period_realised=cofinancing["period_realised"] or ZERO,
        contributions=by_status,
    )
