"""Reads of plans that depend on who is asking. "Not yours" and "not there" are one 404.

Who may read a plan is ``regions.permissions.can_read_plan``: the region's programme managers,
reviewers and administrators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404

from regions.models import Period, Region
from regions.permissions import can_read_plan, managed_region_ids, reads_every_region
from regions.selectors import region_get_for_user

from .models import Activity, BudgetLine, Goal, Plan, Risk

if TYPE_CHECKING:
    from regions.permissions import Person


def latest_versions() -> QuerySet[Plan]:
    """The current version of every plan: the highest version per region and period."""
    newest = (
        Plan.objects.filter(region=OuterRef("region"), period=OuterRef("period"))
        .order_by("-version")
        .values("version")[:1]
    )
    return Plan.objects.filter(version=Subquery(newest))


def plans_visible_to(user: Person) -> QuerySet[Plan]:
    """The current versions of the plans ``user`` may read, with region and period."""
    plans = latest_versions().select_related("region", "period")
    if reads_every_region(user):
        return plans
    return plans.filter(region_id__in=managed_region_ids(user))


def plans_listed(user: Person, *, period: str = "", status: str = "") -> QuerySet[Plan]:
    """``plans_visible_to``, of one period and in one status when given, by period and region."""
    plans = plans_visible_to(user)
    if period:
        plans = plans.filter(period__code=period)
    if status:
        plans = plans.filter(status=status)
    return plans.order_by("period__start_year", "region__sto_number")


def region_for_plans(user: Person, sto_number: str) -> Region:
    """The region whose plans ``user`` may read, else ``Http404``."""
    region = region_get_for_user(user, sto_number)
    if not can_read_plan(user, region):
        raise Http404("Regio niet gevonden.")
    return region


@dataclass(frozen=True)
class PeriodPlans:
    """A period with the versions of the region's plan for it (newest first)."""

    period: Period
    versions: list[Plan]

    @property
    def current(self) -> Plan | None:
        return self.versions[0] if self.versions else None


def plans_of_region(region: Region) -> list[PeriodPlans]:
    """Every period, newest first, with the region's plan versions for it (two queries)."""
    versions: dict[int, list[Plan]] = {}
    for plan in Plan.objects.filter(region=region).order_by("-version"):
        versions.setdefault(plan.period_id, []).append(plan)
    return [
        PeriodPlans(period, versions.get(period.pk, []))
        for period in Period.objects.order_by("-start_year", "-code")
    ]


def plan_get(region: Region, period_code: str, version: int | None = None) -> Plan:
    """A version of the region's plan for the period (default: the current one), else
    ``Http404``. The caller got ``region`` from ``region_for_plans``."""
    plans = Plan.objects.filter(region=region, period__code=period_code).select_related(
        "period", "region"
    )
    if version is not None:
        plan = plans.filter(version=version).first()
    else:
        plan = plans.order_by("-version").first()
    if plan is None:
        raise Http404("Plan niet gevonden.")
    return plan


def version_count(plan: Plan) -> int:
    return Plan.objects.filter(region=plan.region, period=plan.period).aggregate(n=Max("version"))[
        "n"
    ]


def goal_get(plan: Plan, pk: int) -> Goal:
    goal = Goal.objects.filter(plan=plan, pk=pk).first()
    if goal is None:
        raise Http404("Doel niet gevonden.")
    return goal


def activity_get(plan: Plan, pk: int) -> Activity:
    activity = Activity.objects.filter(plan=plan, pk=pk).select_related("owner").first()
    if activity is None:
        raise Http404("Activiteit niet gevonden.")
    return activity


def risk_get(plan: Plan, pk: int) -> Risk:
    risk = Risk.objects.filter(plan=plan, pk=pk).select_related("owner").first()
    if risk is None:
        raise Http404("Risico niet gevonden.")
    return risk


def budget_lines_of(plan: Plan) -> QuerySet[BudgetLine]:
    return plan.budget_lines.select_related("organisation").order_by("year", "organisation__name")
