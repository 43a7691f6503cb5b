"""Reads of money lines that depend on who is asking. Views and exports go through these.

"Not yours" and "does not exist" give the same answer (``Http404``). Every function runs a
fixed number of queries, whatever the number of rows.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from regions.models import ManagerAssignment, Membership, OrganisationKind, Period, Region
from regions.roles import Role, has_role, reads_everything
from regions.rules.money import cofinancing_minimum_met, required_cofinancing
from regions.selectors import municipality_of, regions_managed_by

from .models import (
    ZERO,
    CofinancingCommitment,
    ContributionStatus,
    Grant,
    MunicipalContribution,
)

HUNDRED = Decimal("100")


# --- regions -----------------------------------------------------------------------------------


def money_regions_visible_to(user) -> QuerySet[Region]:
    """Regions whose money pages ``user`` may read: all for reviewers and administrators, the
    managed ones for programme managers. Municipal officers see money only through their own
    municipality's contributions (``contributions_visible_to``)."""
    if not getattr(user, "is_authenticated", False):
        return Region.objects.none()
    if reads_everything(user):
        return Region.objects.all()
    return regions_managed_by(user)


def region_get_for_money(user, sto_number: str) -> Region:
    """The region with ``sto_number`` if ``user`` may read its money pages, else ``Http404``."""
    region = money_regions_visible_to(user).filter(sto_number=sto_number).first()
    if region is None:
        raise Http404("Regio niet gevonden.")
    return region


# --- company co-financing ----------------------------------------------------------------------


def commitments_of_region(
    region: Region, *, year: int | None = None
) -> QuerySet[CofinancingCommitment]:
    commitments = CofinancingCommitment.objects.filter(region=region).select_related("organisation")
    if year:
        commitments = commitments.filter(year=year)
    return commitments.order_by("year", "organisation__name", "form", "pk")


def commitment_get(region: Region, pk: int) -> CofinancingCommitment:
    """A commitment of ``region`` (the caller already checked access to the region)."""
    commitment = commitments_of_region(region).filter(pk=pk).first()
    if commitment is None:
        raise Http404("Cofinanciering niet gevonden.")
    return commitment


def company_members_of(region: Region):
    """Companies that are or were a member of ``region``: who may co-finance it."""
    from regions.models import Organisation

    return (
        Organisation.objects.filter(kind=OrganisationKind.COMPANY, memberships__region=region)
        .distinct()
        .order_by("name", "key")
    )


def municipal_members_of(region: Region, *, on: datetime.date | None = None):
    """Municipalities that are a member of ``region`` (on ``on`` if given, else ever)."""
    from regions.models import Organisation

    memberships = Membership.objects.filter(region=region)
    if on is not None:
        memberships = memberships.current_on(on)
    return Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY,
        pk__in=memberships.values("organisation_id"),
    ).order_by("name", "key")


def _pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.01"))


@dataclass
class YearLine:
    year: int
    period: Period | None
    grant: Decimal | None
    committed: Decimal = ZERO
    realised: Decimal = ZERO

    @property
    def committed_pct(self) -> Decimal | None:
        return _pct(self.committed, self.grant)

    @property
    def realised_pct(self) -> Decimal | None:
        return _pct(self.realised, self.grant)


@dataclass
class PeriodLine:
    """Co-financing over a whole period against its minimum (condition h, seeds 004 §2 and
    002: the minimum is measured over the period's total, not per year)."""

    period: Period
    grant: Decimal = ZERO
    committed: Decimal = ZERO
    realised: Decimal = ZERO
    years: list[int] = field(default_factory=list)

    @property
    def minimum_pct(self) -> Decimal:
        return self.period.min_cofinancing_pct

    @property
    def minimum_amount(self) -> Decimal:
        return required_cofinancing(self.grant, self.minimum_pct)

    @property
    def committed_pct(self) -> Decimal | None:
        return _pct(self.committed, self.grant)

    @property
    def realised_pct(self) -> Decimal | None:
        return _pct(self.realised, self.grant)

    @property
    def meets_minimum(self) -> bool | None:
        """``None`` when the period has no grants to measure against."""
        return cofinancing_minimum_met(self.committed, self.grant, self.minimum_pct)


@dataclass
class CofinancingSummary:
    years: list[YearLine]
    periods: list[PeriodLine]

    @property
    def committed(self) -> Decimal:
        return sum((line.committed for line in self.years), ZERO)

    @property
    def realised(self) -> Decimal:
        return sum((line.realised for line in self.years), ZERO)


def cofinancing_summary(region: Region) -> CofinancingSummary:
    """Grant, committed and realised co-financing per year and per period (three queries)."""
    periods = list(Period.objects.all())

    def period_of(year: int) -> Period | None:
        return next((p for p in periods if p.start_year <= year <= p.end_year), None)

    grants = {
        row["year"]: row["amount"]
        for row in Grant.objects.filter(region=region).values("year").annotate(amount=Sum("amount"))
    }
    money = {
        row["year"]: row
        for row in CofinancingCommitment.objects.filter(region=region)
        .values("year")
        .annotate(committed=Sum("committed"), realised=Sum("realised"))
    }
    years = []
    for year in sorted(set(grants) | set(money)):
        row = money.get(year, {})
        years.append(
            YearLine(
                year=year,
                period=period_of(year),
                grant=grants.get(year),
                committed=row.get("committed") or ZERO,
                realised=row.get("realised") or ZERO,
            )
        )
    by_period: dict[int, PeriodLine] = {}
    for line in years:
        if line.period is None:
            continue
        total = by_period.setdefault(line.period.pk, PeriodLine(period=line.period))
        total.grant += line.grant or ZERO
        total.committed += line.committed
        total.realised += line.realised
        total.years.append(line.year)
    ordered = sorted(by_period.values(), key=lambda p: (p.period.start_year, p.period.code))
    return CofinancingSummary(years=years, periods=ordered)


def grants_of_region(region: Region) -> QuerySet[Grant]:
    return Grant.objects.filter(region=region).select_related("period").order_by("year")


# --- municipal contributions -------------------------------------------------------------------


def contributions_of_region(
    region: Region, *, year: int | None = None, status: str | None = None
) -> QuerySet[MunicipalContribution]:
    contributions = MunicipalContribution.objects.filter(region=region).select_related(
        "municipality"
    )
    if year:
        contributions = contributions.filter(year=year)
    if status:
        contributions = contributions.filter(status=status)
    return contributions.order_by("-year", "municipality__name", "pk")


def contributions_visible_to(user) -> QuerySet[MunicipalContribution]:
    """Contributions ``user`` may read: reviewers and administrators all; a programme manager
    those of their regions; a municipal officer those asked of their own municipality."""
    contributions = MunicipalContribution.objects.select_related("region", "municipality")
    if not getattr(user, "is_authenticated", False):
        return contributions.none()
    if reads_everything(user):
        return contributions
    condition = Q(pk__in=[])
    if has_role(user, Role.PROGRAMME_MANAGER):
        # A subquery, not a join: a join would repeat a row once per manager of its region.
        condition |= Q(
            region_id__in=ManagerAssignment.objects.filter(user=user).values("region_id")
        )
    municipality = municipality_of(user)
    if municipality is not None:
        condition |= Q(municipality=municipality)
    return contributions.filter(condition)


def contributions_decidable_by(user) -> QuerySet[MunicipalContribution]:
    """Contributions ``user`` may decide on: their municipality's (officer), all (administrator)."""
    contributions = MunicipalContribution.objects.select_related("region", "municipality")
    if has_role(user, Role.ADMINISTRATOR):
        return contributions
    municipality = municipality_of(user)
    if municipality is None:
        return contributions.none()
    return contributions.filter(municipality=municipality)


def contribution_get_for_user(user, pk: int) -> MunicipalContribution:
    contribution = contributions_visible_to(user).filter(pk=pk).first()
    if contribution is None:
        raise Http404("Bijdrage niet gevonden.")
    return contribution


def contribution_get_for_officer(user, pk: int) -> MunicipalContribution:
    """A contribution ``user`` may decide on, else ``Http404`` (also for "not yours")."""
    contribution = contributions_decidable_by(user).filter(pk=pk).first()
    if contribution is None:
        raise Http404("Bijdrage niet gevonden.")
    return contribution


def period_of_year(year: int) -> Period | None:
    return (
        Period.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("start_year")
        .first()
    )


def _reverse_or_none(name: str, args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def council_decision_links(region: Region, municipality, period: Period | None) -> dict:
    """Links to the reporting app's council decision pages, only if those URLs exist."""
    if period is None:
        return {"edit": None, "pdf": None}
    args = (region.sto_number, municipality.key, period.code)
    return {
        "edit": _reverse_or_none("reporting:council_decision_edit", args),
        "pdf": _reverse_or_none("reporting:council_decision_pdf", args),
    }


@dataclass
class ContributionContext:
    """What a municipal officer needs to decide: the region's partners by kind, what the money
    is for, and this municipality's earlier contributions to the region."""

    partners_by_kind: list[tuple[str, list]]
    earlier: list[MunicipalContribution]
    period: Period | None
    council_decision: dict


def contribution_context(
    contribution: MunicipalContribution, *, today: datetime.date | None = None
) -> ContributionContext:
    """Three queries: current memberships, earlier contributions, the period."""
    today = today or timezone.localdate()
    memberships = (
        Membership.objects.current_on(today)
        .filter(region_id=contribution.region_id)
        .select_related("organisation")
        .order_by("organisation__name", "organisation__key")
    )
    grouped: dict[str, list] = {}
    for membership in memberships:
        grouped.setdefault(membership.organisation.kind, []).append(membership.organisation)
    labels = dict(OrganisationKind.choices)
    partners = [
        (labels[kind], grouped[kind]) for kind in OrganisationKind.values if kind in grouped
    ]
    earlier = list(
        MunicipalContribution.objects.filter(
            region_id=contribution.region_id,
            municipality_id=contribution.municipality_id,
            year__lt=contribution.year,
        ).order_by("-year")
    )
    period = period_of_year(contribution.year)
    return ContributionContext(
        partners_by_kind=partners,
        earlier=earlier,
        period=period,
        council_decision=council_decision_links(
            contribution.region, contribution.municipality, period
        ),
    )


def contribution_totals(contributions: QuerySet[MunicipalContribution]) -> dict:
    """Requested and approved totals per status of ``contributions`` (one query)."""
    rows = (
        contributions.order_by()
        .values("status")
        .annotate(requested=Sum("requested"), approved=Sum("approved"))
    )
    labels = dict(ContributionStatus.choices)
    by_status = {
        row["status"]: {
            "label": labels.get(row["status"], row["status"]),
            "requested": row["requested"] or ZERO,
            "approved": row["approved"] or ZERO,
        }
        for row in rows
    }
    return {
        "by_status": [by_status[s] for s in ContributionStatus.values if s in by_status],
        "requested": sum((r["requested"] for r in by_status.values()), ZERO),
        "approved": sum((r["approved"] for r in by_status.values()), ZERO),
    }
