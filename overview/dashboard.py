"""The region overview: one region's partners, findings, deadlines and money of a year.

Every fact comes from the function that defines it, never a copy: the deadlines from the rule
engine (``compliance.rules.deadlines.region_deadlines``), the findings from the stored results of
the rule check, the co-financing against its minimum from ``cofinancing.shares``. So the page
says what ``check_rules``, the region list, the annual report and the Excel exports say.

The region is already scoped to the user by the caller. A fixed number of queries, whatever the
number of partners, years or signatures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from cofinancing.selectors import contribution_totals
from cofinancing.shares import CofinancingShare, period_shares
from compliance.rules import open_findings_for
from compliance.rules.deadlines import DeadlineStatus, region_deadlines
from plans.budget import BudgetSummary, budget_summary
from plans.deadlines import Milestone, VersionFacts, next_milestone, plan_due_on
from plans.models import Plan
from regions.models import (
    AnnualReport,
    Finding,
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    ReportState,
    annual_report_due_on,
    annual_report_state,
)
from sto.money import ZERO, to_cents


@dataclass
class Money:
    """Grant, co-financing and municipal contributions of a region in a year, with the
    co-financing of the year's period against its minimum."""

    year: int
    period: Period | None
    grant: Decimal | None
    committed: Decimal
    realised: Decimal
    period_share: CofinancingShare | None  # committed over the period
    period_realised_share: CofinancingShare | None
    contributions: list[dict] = field(default_factory=list)


def region_money(region: Region, year: int, *, municipality: Organisation | None = None) -> Money:
    """Grant, co-financing and municipal contributions of ``region`` in ``year``, and the
    co-financing over the year's whole period against its minimum (condition h, seeds 004 §2,
    measured over the period as the regulation does). Six queries.

    ``municipality`` restricts the contributions to one municipality (a municipal officer sees
    only what was asked of their own municipality).
    """
    period = Period.objects.for_year(year)
    shares = period_shares(region, period) if period else None
    grant = Grant.objects.filter(region=region, year=year).aggregate(s=Sum("amount"))["s"]
    cofinancing = CofinancingCommitment.objects.filter(region=region, year=year).aggregate(
        committed=Sum("committed"), realised=Sum("realised")
    )
    contributions = MunicipalContribution.objects.filter(region=region, year=year)
    if municipality is not None:
        contributions = contributions.filter(municipality=municipality)
    return Money(
        year=year,
        period=period,
        grant=grant,
        committed=to_cents(cofinancing["committed"] or ZERO),
        realised=to_cents(cofinancing["realised"] or ZERO),
        period_share=shares[0] if shares else None,
        period_realised_share=shares[1] if shares else None,
        contributions=contribution_totals(contributions)["by_status"],
    )


@dataclass
class PlanOverview:
    """The region's plan for the period of the day: its current version (if any), when it is
    due, the next milestone of its goals and its budget against the co-financing."""

    period: Period
    plan: Plan | None
    due: datetime.date | None
    milestone: Milestone | None
    budget: BudgetSummary | None


def plan_overview(region: Region, today: datetime.date) -> PlanOverview | None:
    """The plan of the period containing ``today`` (a fixed number of queries)."""
    period = Period.objects.for_year(today.year)
    if period is None:
        return None
    versions = list(Plan.objects.filter(region=region, period=period).order_by("-version"))
    plan = versions[0] if versions else None
    if plan is not None:
        plan.period = period
        plan.region = region
    return PlanOverview(
        period=period,
        plan=plan,
        due=plan_due_on(
            period, [VersionFacts(v.version, v.status, v.resubmission_deadline) for v in versions]
        ),
        milestone=next_milestone(period, today),
        budget=budget_summary(plan) if plan is not None else None,
    )


@dataclass
class RegionOverview:
    region: Region
    today: datetime.date
    partners_by_kind: list[dict]
    findings: list[Finding]
    deadlines: list[DeadlineStatus]
    money: Money
    plan: PlanOverview | None = None

    @property
    def partner_total(self) -> int:
        return sum(p["count"] for p in self.partners_by_kind)


def partners_by_kind(region: Region, day: datetime.date) -> list[dict]:
    """The current partners of ``region`` counted per kind (one query)."""
    kinds = dict(OrganisationKind.choices)
    return [
        {"kind": kinds.get(row["organisation__kind"], row["organisation__kind"]), "count": row["n"]}
        for row in Membership.objects.current_on(day)
        .filter(region=region)
        .order_by("organisation__kind")
        .values("organisation__kind")
        .annotate(n=Count("organisation", distinct=True))
    ]


def region_overview(
    region: Region,
    *,
    today: datetime.date,
    year: int,
    municipality: Organisation | None = None,
    with_plan: bool = False,
) -> RegionOverview:
    """Everything the region overview shows (``municipality``: see ``region_money``; the plan
    only ``with_plan``, for those who may read it)."""
    return RegionOverview(
        region=region,
        today=today,
        partners_by_kind=partners_by_kind(region, today),
        findings=list(open_findings_for(Region.objects.filter(pk=region.pk))),
        deadlines=region_deadlines(region, today),
        money=region_money(region, year, municipality=municipality),
        plan=plan_overview(region, today) if with_plan else None,
    )


@dataclass(frozen=True)
class ReportYear:
    """A year on a region's list of annual reports."""

    year: int
    report: AnnualReport | None
    has_grant: bool
    today: datetime.date

    @property
    def due(self) -> datetime.date:
        return annual_report_due_on(self.year)

    @property
    def state(self) -> ReportState:
        return annual_report_state(
            self.year, self.report.submitted_on if self.report else None, self.today
        )


def annual_report_years(region: Region, today: datetime.date) -> list[ReportYear]:
    """The years of ``region`` that owe an annual report and have begun (years with a grant,
    as the rule ``annual_report_overdue`` counts them), and the years that have one, newest
    first. Two queries."""
    reports = {r.year: r for r in region.annual_reports.all()}
    grant_years = set(
        Grant.objects.filter(region=region, year__lte=today.year).values_list("year", flat=True)
    )
    return [
        ReportYear(year, reports.get(year), year in grant_years, today)
        for year in sorted(grant_years | set(reports), reverse=True)
    ]


def first_year_to_submit(rows: list[ReportYear], today: datetime.date) -> int:
    """The year the "submit an annual report over year" field offers first: the earliest year
    that owes a report and has none submitted; when every such year is in, the year after the
    last one submitted (at most this year); with no years at all, last year."""
    submitted = [row.year for row in rows if row.report and row.report.submitted_on]
    open_years = [row.year for row in rows if row.has_grant and row.year not in submitted]
    if open_years:
        return min(open_years)
    if submitted:
        return min(max(submitted) + 1, today.year)
    return today.year - 1
