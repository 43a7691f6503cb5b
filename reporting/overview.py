"""The reporting start page: which documents the user can open (a fixed number of queries)."""

from dataclasses import dataclass, field

from django.db.models import Q

from assessment.models import Decision
from cofinancing.models import Grant, MunicipalContribution
from plans.models import SUBMITTED_STATUSES
from regions.models import Membership, Period, period_containing
from regions.permissions import (
    can_export_assessments,
    can_read_decision_letter,
    can_run_batch,
    can_use_monitor,
    managed_region_ids,
    municipality_of,
    reads_every_region,
)


@dataclass
class RegionYears:
    sto_number: str
    name: str
    years: list[int] = field(default_factory=list)
    can_explain: bool = False  # the user writes the report's explanations (its manager)


@dataclass(frozen=True)
class DecisionLink:
    sto_number: str
    region_name: str
    municipality_key: str
    municipality_name: str
    period_code: str


def decision_letters_for(user) -> list[Decision]:
    """The decisions on applications whose letter ``user`` may open
    (``can_read_decision_letter``): for a programme manager the approved ones of their regions.
    Two queries."""
    decisions = Decision.objects.select_related("plan__region", "plan__period").order_by(
        "plan__period__start_year", "plan__region__sto_number", "plan__version"
    )
    if not (reads_every_region(user) or can_export_assessments(user)):
        decisions = decisions.filter(
            plan__region_id__in=managed_region_ids(user), approved_at__isnull=False
        )
    return [d for d in decisions if can_read_decision_letter(user, d.plan.region, final=d.is_final)]


def overview_for(user) -> dict:
    everything = reads_every_region(user)
    managed = managed_region_ids(user)
    municipality = municipality_of(user)

    # Annual reports: the years with a grant of the regions whose reports the user may read.
    grants = Grant.objects.all() if everything else Grant.objects.filter(region_id__in=managed)
    reports: dict[str, RegionYears] = {}
    if everything or managed:
        for region_id, sto, name, year in grants.order_by("region__sto_number", "year").values_list(
            "region_id", "region__sto_number", "region__name", "year"
        ):
            row = reports.setdefault(sto, RegionYears(sto, name))
            row.years.append(year)
            row.can_explain = region_id in managed

    # Council decisions: (region, municipality, period) with a contribution the user may see.
    condition = Q(pk__in=[])
    if everything:
        condition = Q()
    else:
        if managed:
            condition |= Q(region_id__in=managed)
        if municipality is not None:
            condition |= Q(municipality=municipality)
    periods = list(Period.objects.order_by("start_year"))
    links: dict[tuple, DecisionLink] = {}
    rows = (
        MunicipalContribution.objects.filter(condition)
        .values_list(
            "region__sto_number", "region__name", "municipality__key", "municipality__name", "year"
        )
        .distinct()
        .order_by("region__sto_number", "municipality__name", "year")
    )
    for sto, region_name, key, municipality_name, year in rows:
        period = period_containing(periods, year)
        if period:
            links.setdefault(
                (sto, key, period.code),
                DecisionLink(sto, region_name, key, municipality_name, period.code),
            )
    if municipality is not None:
        # A member municipality that was not (yet) asked for money can still prepare a decision.
        for membership in Membership.objects.filter(organisation=municipality).select_related(
            "region"
        ):
            for period in periods:
                if membership.overlaps(period.first_day, period.end_date):
                    links.setdefault(
                        (membership.region.sto_number, municipality.key, period.code),
                        DecisionLink(
                            membership.region.sto_number,
                            membership.region.name,
                            municipality.key,
                            municipality.name,
                            period.code,
                        ),
                    )
    return {
        "annual_reports": list(reports.values()),
        "council_decisions": sorted(
            links.values(), key=lambda d: (d.sto_number, d.municipality_name, d.period_code)
        ),
        "can_use_monitor": can_use_monitor(user),
        "can_run_batch": can_run_batch(user),
        "decision_letters": decision_letters_for(user),
        # The periods with applications, for the Excel export of their assessments.
        "assessment_periods": (
            list(
                Period.objects.filter(plans__status__in=SUBMITTED_STATUSES)
                .distinct()
                .order_by("start_year")
            )
            if can_export_assessments(user)
            else []
        ),
    }
