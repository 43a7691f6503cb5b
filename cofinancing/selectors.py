"""Reads of money lines that depend on who is asking. Views and exports go through these.

"Not yours" and "does not exist" give the same answer (``Http404``). Who may read what is decided
by ``regions.permissions``. Every function runs a fixed number of queries, whatever the number of
rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from regions.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    period_containing,
)
from regions.permissions import (
    can_read_region_money,
    managed_region_ids,
    municipality_of,
    reads_every_region,
)
from regions.roles import Role, has_role
from regions.selectors import regions_managed_by
from sto.money import ZERO, to_cents

from .models import CofinancingCommitment, ContributionStatus, Grant, MunicipalContribution
from .shares import CofinancingShare

if TYPE_CHECKING:
    from regions.permissions import Person


# --- regions -----------------------------------------------------------------------------------


def money_regions_visible_to(user: Person) -> QuerySet[Region]:
    """Regions whose money pages ``user`` may read (``can_read_region_money``): all for
    reviewers and administrators, the managed ones for programme managers. Municipal officers see
    money only through their own municipality's contributions (``contributions_visible_to``)."""
    if reads_every_region(user):
        return Region.objects.all()
    return regions_managed_by(user)


def region_get_for_money(user: Person, sto_number: str) -> Region:
    """The region with ``sto_number`` if ``user`` may read its money pages, else ``Http404``."""
    region = Region.objects.filter(sto_number=sto_number).first()
    if region is None or not can_read_region_money(user, region):
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


def company_members_of(region: Region) -> QuerySet[Organisation]:
    """Companies that are or were a member of ``region``: who may co-finance it."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.COMPANY, memberships__region=region)
        .distinct()
        .order_by("name", "key")
    )


def municipal_members_of(
    region: Region, *, on: datetime.date | None = None
) -> QuerySet[Organisation]:
    """Municipalities that are a member of ``region`` (on ``on`` if given, else ever)."""
    memberships = Membership.objects.filter(region=region)
    if on is not None:
        memberships = memberships.current_on(on)
    return Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY,
        pk__in=memberships.values("organisation_id"),
    ).order_by("name", "key")


@dataclass
class YearLine:
    year: int
    period: Period | None
    grant: Decimal | None
    committed: Decimal = ZERO
    realised: Decimal = ZERO

    @property
    def committed_share(self) -> CofinancingShare:
        return CofinancingShare(amount=self.committed, grants=self.grant or ZERO)

    @property
    def realised_share(self) -> CofinancingShare:
        return CofinancingShare(amount=self.realised, grants=self.grant or ZERO)


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
    def share(self) -> CofinancingShare:
        """Committed co-financing against the minimum."""
        return CofinancingShare(
            amount=self.committed, grants=self.grant, minimum_pct=self.period.min_cofinancing_pct
        )

    @property
    def realised_share(self) -> CofinancingShare:
        return CofinancingShare(amount=self.realised, grants=self.grant)


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

    grants = {
        row["year"]: row["amount"]
        for row in Grant.objects.filter(region=region).values("year").annotate(amount=Sum("amount"))
    }
    money: dict[int, tuple[Decimal | None, Decimal | None]] = {
        row["year"]: (row["committed"], row["realised"])
        for row in CofinancingCommitment.objects.filter(region=region)
        .values("year")
        .annotate(committed=Sum("committed"), realised=Sum("realised"))
    }
    years = []
    for year in sorted(set(grants) | set(money)):
        committed, realised = money.get(year, (None, None))
        years.append(
            YearLine(
                year=year,
                period=period_containing(periods, year),
                grant=grants.get(year),
                committed=to_cents(committed or ZERO),
                realised=to_cents(realised or ZERO),
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
    region: Region,
    *,
    year: int | None = None,
    status: str | None = None,
    municipality_id: int | None = None,
) -> QuerySet[MunicipalContribution]:
    contributions = MunicipalContribution.objects.filter(region=region).select_related(
        "municipality"
    )
    if year:
        contributions = contributions.filter(year=year)
    if status:
        contributions = contributions.filter(status=status)
    if municipality_id:
        contributions = contributions.filter(municipality_id=municipality_id)
    return contributions.order_by("-year", "municipality__name", "pk")


def contributions_visible_to(user: Person) -> QuerySet[MunicipalContribution]:
    """Contributions ``user`` may read: reviewers and administrators all; a programme manager
    those of their regions; a municipal officer those asked of their own municipality."""
    contributions = MunicipalContribution.objects.select_related("region", "municipality")
    if not getattr(user, "is_authenticated", False):
        return contributions.none()
    if reads_every_region(user):
        return contributions
    condition = Q(region_id__in=managed_region_ids(user))
    municipality = municipality_of(user)
    if municipality is not None:
        condition |= Q(municipality=municipality)
    return contributions.filter(condition)


def contributions_listed(
    user: Person, *, year: int | None = None, status: str | None = None
) -> QuerySet[MunicipalContribution]:
    """The contributions ``user`` may read (``contributions_visible_to``) of ``year`` and in
    ``status`` when given: newest year first, then by region and municipality."""
    contributions = contributions_visible_to(user)
    if year:
        contributions = contributions.filter(year=year)
    if status:
        contributions = contributions.filter(status=status)
    return contributions.order_by("-year", "region__sto_number", "municipality__name", "pk")


def open_requests(contributions: QuerySet[MunicipalContribution]) -> int:
    """How many of ``contributions`` still wait for a decision."""
    return contributions.filter(status=ContributionStatus.REQUESTED).count()


def contributions_decidable_by(user: Person) -> QuerySet[MunicipalContribution]:
    """Contributions ``user`` may decide on (``can_decide_contribution``): their
    municipality's (officer), all (administrator)."""
    contributions = MunicipalContribution.objects.select_related("region", "municipality")
    if has_role(user, Role.ADMINISTRATOR):
        return contributions
    municipality = municipality_of(user)
    if municipality is None:
        return contributions.none()
    return contributions.filter(municipality=municipality)


def contribution_get_for_user(user: Person, pk: int) -> MunicipalContribution:
    contribution = contributions_visible_to(user).filter(pk=pk).first()
    if contribution is None:
        raise Http404("Bijdrage niet gevonden.")
    return contribution


def contribution_get_for_officer(user: Person, pk: int) -> MunicipalContribution:
    """A contribution ``user`` may decide on, else ``Http404`` (also for "not yours")."""
    contribution = contributions_decidable_by(user).filter(pk=pk).first()
    if contribution is None:
        raise Http404("Bijdrage niet gevonden.")
    return contribution


def council_decision_links(
    region: Region, municipality: Organisation, period: Period | None
) -> dict[str, str | None]:
    """Links to the council decision pages (``reporting``), by their URL names."""
    if period is None:
        return {"edit": None, "pdf": None}
    args = (region.sto_number, municipality.key, period.code)
    return {
        "edit": reverse("reporting:council_decision_edit", args=args),
        "pdf": reverse("reporting:council_decision_pdf", args=args),
    }


@dataclass
class ContributionContext:
    """What a municipal officer needs to decide: the region's partners by kind, what the money
    is for, and this municipality's earlier contributions to the region."""

    partners_by_kind: list[tuple[StrOrPromise, list[Organisation]]]
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
    grouped: dict[str, list[Organisation]] = {}
    for membership in memberships:
        grouped.setdefault(membership.organisation.kind, []).append(membership.organisation)
    labels: dict[str, StrOrPromise] = dict(OrganisationKind.choices)
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
    period = Period.objects.for_year(contribution.year)
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
        .annotate(count=Count("pk"), requested=Sum("requested"), approved=Sum("approved"))
    )
    labels = dict(ContributionStatus.choices)
    by_status = {
        row["status"]: {
            "status": row["status"],
            "label": labels.get(row["status"], row["status"]),
            "count": row["count"],
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
