"""Everything the rules need, for every region, loaded in a fixed number of queries.

``load_snapshot(today)`` runs the same ten queries whether there are 3 regions or 78: each table
is read once for the whole country and grouped per region in memory. The rules then work on
plain Python objects and never touch the database. ``load_snapshot(today, regions=…)`` loads the
same facts for a few regions only (the region overview), in the same number of queries.

"As of a day" (docs/interfaces.md §1): a membership counts when ``start`` ≤ day and ``end`` is
empty or ≥ day; for student counts each location's latest reference date on or before the day
counts; a signature or annual report counts once its date is on or before the day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet, Sum

from cofinancing.models import CofinancingCommitment, Grant
from cofinancing.shares import CofinancingShare
from plans.deadlines import VersionFacts
from plans.models import Plan
from regions.models import (
    VOCATIONAL_PATHS,
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    RegionKind,
    Signature,
    StudentCount,
    period_containing,
)
from sto.money import ZERO, to_cents


@dataclass
class ConvenantFacts:
    convenant: Convenant
    period: Period
    signed_organisation_ids: set[int] = field(default_factory=set)


@dataclass
class StudentCountRow:
    organisation_id: int
    reference_date: datetime.date
    profile: str
    learning_path: str
    students: int


@dataclass
class RegionFacts:
    """One region as of the day checked."""

    region: Region  # with ``lead`` loaded
    members: dict[int, Organisation] = field(default_factory=dict)  # current on the day
    convenants: list[ConvenantFacts] = field(default_factory=list)
    grants_by_period: dict[int, Decimal] = field(default_factory=dict)  # period id -> total
    grants_by_year: dict[int, Decimal] = field(default_factory=dict)
    cofinancing_by_year: dict[int, Decimal] = field(default_factory=dict)  # committed
    reports_submitted: set[int] = field(default_factory=set)  # years
    student_counts: list[StudentCountRow] = field(default_factory=list)  # latest per location
    # period id -> the versions of the region's plan for it, newest first
    plans: dict[int, list[VersionFacts]] = field(default_factory=dict)

    def takes_part_in(self, period: Period) -> bool:
        """The region has a grant or a convenant in the period: it owes the period's plan."""
        return period.pk in self.grants_by_period or any(
            c.period.pk == period.pk for c in self.convenants
        )

    def members_of_kind(self, kind: str) -> list[Organisation]:
        return sorted(
            (org for org in self.members.values() if org.kind == kind),
            key=lambda o: (o.name, o.key),
        )

    def cofinancing_share(self, period: Period) -> CofinancingShare:
        """Committed company co-financing over the period's years against its grants."""
        committed = sum((self.cofinancing_by_year.get(y, ZERO) for y in period.years), ZERO)
        return CofinancingShare(
            amount=committed,
            grants=self.grants_by_period.get(period.pk, ZERO),
            minimum_pct=period.min_cofinancing_pct,
        )


@dataclass
class Snapshot:
    today: datetime.date
    warning_window_days: int
    periods: dict[int, Period]
    regions: list[RegionFacts]
    regions_by_id: dict[int, Region]  # the regions checked, and the others a vmbo location is in
    # vmbo location id -> ids of the regions it is a current member of (condition f)
    vmbo_region_ids: dict[int, set[int]]

    @property
    def warning_horizon(self) -> datetime.date:
        return self.today + datetime.timedelta(days=self.warning_window_days)

    def period_containing(self, year: int) -> Period | None:
        return period_containing(self.periods.values(), year)


def _in_regions(queryset: QuerySet, region_ids: Collection[int] | None, field: str = "region_id"):
    return queryset if region_ids is None else queryset.filter(**{f"{field}__in": region_ids})


def load_snapshot(
    today: datetime.date,
    *,
    warning_window_days: int | None = None,
    regions: Collection[Region] | None = None,
) -> Snapshot:
    """Load the state as of ``today`` in a fixed number of queries (at most ten): of every
    region, or of ``regions`` only (loaded by the caller, with their ``lead``)."""
    if warning_window_days is None:
        warning_window_days = settings.STO_WARNING_WINDOW_DAYS
    region_ids = None if regions is None else [region.pk for region in regions]

    periods = {p.pk: p for p in Period.objects.all()}
    if regions is None:
        regions = list(Region.objects.select_related("lead").order_by("sto_number"))
    else:
        regions = sorted(regions, key=lambda region: region.sto_number)
    facts = {region.pk: RegionFacts(region=region) for region in regions}
    regions_by_id = {region.pk: region for region in regions}

    # Current memberships of the regions checked, and (condition f) the current memberships of
    # their vmbo locations in any other region.
    memberships = Membership.objects.current_on(today).select_related("organisation")
    if region_ids is not None:  # the other regions are not loaded above: join them here
        memberships = memberships.select_related("region")
        own_vmbo = Membership.objects.current_on(today).filter(
            region_id__in=region_ids, organisation__kind=OrganisationKind.VMBO
        )
        memberships = memberships.filter(
            Q(region_id__in=region_ids) | Q(organisation_id__in=own_vmbo.values("organisation_id"))
        )
    vmbo_region_ids: dict[int, set[int]] = defaultdict(set)
    techniekarm_vmbo: dict[int, set[int]] = defaultdict(set)  # location -> techniekarm regions
    for membership in memberships:
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.VMBO:
            vmbo_region_ids[organisation.pk].add(membership.region_id)
        region_facts = facts.get(membership.region_id)
        if region_facts is None:  # another region of a vmbo location checked here
            regions_by_id.setdefault(membership.region_id, membership.region)
            continue
        region_facts.members[organisation.pk] = organisation
        if organisation.kind == OrganisationKind.VMBO and (
            region_facts.region.kind == RegionKind.TECHNIEKARM
        ):
            techniekarm_vmbo[organisation.pk].add(membership.region_id)

    # Student counts matter only for techniekarm regions (their condition c); each location's
    # latest reference date on or before the day counts.
    latest: dict[int, datetime.date] = {}
    rows: list[StudentCountRow] = []
    if techniekarm_vmbo:
        for row in StudentCount.objects.filter(
            organisation_id__in=list(techniekarm_vmbo),
            reference_date__lte=today,
            learning_path__in=VOCATIONAL_PATHS,
        ).values_list("organisation_id", "reference_date", "profile", "learning_path", "students"):
            count = StudentCountRow(*row)
            rows.append(count)
            if count.reference_date > latest.get(count.organisation_id, datetime.date.min):
                latest[count.organisation_id] = count.reference_date
    for count in rows:
        if count.reference_date == latest[count.organisation_id]:
            for region_id in techniekarm_vmbo[count.organisation_id]:
                facts[region_id].student_counts.append(count)

    for region_id, period_id, year, amount in _in_regions(Grant.objects, region_ids).values_list(
        "region_id", "period_id", "year", "amount"
    ):
        region_facts = facts[region_id]
        region_facts.grants_by_period[period_id] = (
            region_facts.grants_by_period.get(period_id, ZERO) + amount
        )
        region_facts.grants_by_year[year] = region_facts.grants_by_year.get(year, ZERO) + amount

    for row in (
        _in_regions(CofinancingCommitment.objects, region_ids)
        .filter(organisation__kind=OrganisationKind.COMPANY)
        .values("region_id", "year")
        .annotate(total=Sum("committed"))
        .order_by()
    ):
        facts[row["region_id"]].cofinancing_by_year[row["year"]] = to_cents(row["total"])

    convenants: dict[int, ConvenantFacts] = {}
    for convenant in _in_regions(Convenant.objects, region_ids).order_by("region_id", "starts"):
        convenant_facts = ConvenantFacts(convenant=convenant, period=periods[convenant.period_id])
        convenants[convenant.pk] = convenant_facts
        facts[convenant.region_id].convenants.append(convenant_facts)
    for convenant_id, organisation_id in (
        _in_regions(Signature.objects, region_ids, "convenant__region_id")
        .filter(signed_on__isnull=False, signed_on__lte=today)
        .values_list("convenant_id", "organisation_id")
    ):
        convenants[convenant_id].signed_organisation_ids.add(organisation_id)

    for region_id, period_id, version, status, resubmission_deadline in (
        _in_regions(Plan.objects, region_ids)
        .order_by("region_id", "period_id", "-version")
        .values_list("region_id", "period_id", "version", "status", "resubmission_deadline")
    ):
        facts[region_id].plans.setdefault(period_id, []).append(
            VersionFacts(version, status, resubmission_deadline)
        )

    for region_id, year in (
        _in_regions(AnnualReport.objects, region_ids)
        .filter(submitted_on__isnull=False, submitted_on__lte=today)
        .values_list("region_id", "year")
    ):
        facts[region_id].reports_submitted.add(year)

    return Snapshot(
        today=today,
        warning_window_days=warning_window_days,
        periods=periods,
        regions=list(facts.values()),
        regions_by_id=regions_by_id,
        vmbo_region_ids=dict(vmbo_region_ids),
    )
