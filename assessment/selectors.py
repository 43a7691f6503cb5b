"""Reads of the assessment that depend on who is asking. "Not yours" and "not there" are one 404.

Who may see what is asked of ``regions.permissions``: ``can_follow_assessment`` (the pages over
all applications), ``can_assess`` (a reviewer's own review) and ``can_see_scores`` (every
reviewer's scores side by side: after one's own review is submitted; the region's programme
managers once the decision is approved).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from plans.models import SUBMITTED_STATUSES, Plan
from regions.models import Period
from regions.permissions import (
    can_approve_outcome,
    can_follow_assessment,
    can_read_plan,
    can_see_scores,
    managed_region_ids,
    users_with_other_role_in,
)
from regions.roles import Role

from .models import Decision, Judgement, LotDraw, Override, Review

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from regions.permissions import Person


def submitted_applications(period: Period | None = None) -> QuerySet[Plan]:
    """Every submitted plan version (submitted or later), with region, period, reviews and
    decision, by period and region: the applications to assess."""
    plans = (
        Plan.objects.filter(status__in=SUBMITTED_STATUSES)
        .select_related("region", "period", "decision")
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer").order_by("pk"))
        )
        .order_by("period__start_year", "region__sto_number", "version")
    )
    if period is not None:
        plans = plans.filter(period=period)
    return plans


def applications_for(user: Person, period: Period | None = None) -> QuerySet[Plan]:
    """The applications ``user`` follows: all of them for coordinators and administrators;
    for a reviewer, those assigned to them."""
    plans = submitted_applications(period)
    if can_follow_assessment(user):
        return plans
    return plans.filter(reviews__reviewer_id=getattr(user, "pk", None)).distinct()


def work_list(user: Person) -> QuerySet[Review]:
    """The reviews assigned to ``user``: open ones first, then by period and region."""
    return (
        Review.objects.filter(reviewer_id=getattr(user, "pk", None))
        .select_related("plan__region", "plan__period", "framework")
        .annotate(judged=Count("judgements"))
        .order_by(
            F("submitted_at").asc(nulls_first=True),
            "plan__period__start_year",
            "plan__region__sto_number",
        )
    )


def own_review(user: Person, pk: int) -> Review:
    """A review of ``user`` (the assigned reviewer), else ``Http404``."""
    review = (
        Review.objects.select_related("plan__region", "plan__period", "framework__period")
        .filter(pk=pk, reviewer_id=getattr(user, "pk", None))
        .first()
    )
    if review is None:
        raise Http404("Beoordeling niet gevonden.")
    return review


def application_get(user: Person, sto_number: str, period: str, version: int) -> Plan:
    """A submitted plan version as an application ``user`` may open: coordinators and
    administrators, its assigned reviewers, and (for the outcome) the region's programme
    managers once the decision is approved. Anything else is ``Http404``."""
    plan = (
        Plan.objects.select_related("region", "period")
        .filter(
            region__sto_number=sto_number,
            period__code=period,
            version=version,
            status__in=SUBMITTED_STATUSES,
        )
        .first()
    )
    if plan is None or not can_read_plan(user, plan.region):
        raise Http404("Aanvraag niet gevonden.")
    if can_follow_assessment(user):
        return plan
    if plan.reviews.filter(reviewer_id=getattr(user, "pk", None)).exists():
        return plan
    if plan.region_id in managed_region_ids(user) and decision_in_force(plan) is not None:
        return plan
    raise Http404("Aanvraag niet gevonden.")


def decision_in_force(plan: Plan) -> Decision | None:
    """The approved decision on ``plan``, if any."""
    return (
        Decision.objects.filter(plan=plan, approved_at__isnull=False)
        .select_related("proposed_by", "approved_by")
        .first()
    )


def may_see_scores(user: Person, plan: Plan) -> bool:
    """``regions.permissions.can_see_scores`` with the facts of this plan."""
    own = Review.objects.filter(plan=plan, reviewer_id=getattr(user, "pk", None)).first()
    return can_see_scores(
        user,
        plan.region,
        own_review_submitted=None if own is None else own.is_submitted,
        decided=decision_in_force(plan) is not None,
    )


def judgements_of(review: Review) -> dict[str, Judgement]:
    """A review's judgements by sub-aspect code."""
    return {j.sub_aspect.code: j for j in review.judgements.select_related("sub_aspect")}


@dataclass(frozen=True)
class Workload:
    reviewer: User
    assigned: int
    submitted: int

    @property
    def open(self) -> int:
        return self.assigned - self.submitted


def workload(period: Period | None = None) -> list[Workload]:
    """Per reviewer: the applications assigned and submitted (in ``period`` when given), every
    reviewer listed, also those with none yet. One query."""
    in_period = Q(reviews__plan__period=period) if period is not None else Q()
    reviewers = (
        get_user_model()
        .objects.filter(groups__name=Role.REVIEWER.value, is_active=True)
        .annotate(
            assigned=Count("reviews", filter=in_period, distinct=True),
            submitted=Count(
                "reviews",
                filter=in_period & Q(reviews__submitted_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("username")
    )
    return [Workload(r, r.assigned, r.submitted) for r in reviewers]


def assignable_reviewers(plan: Plan) -> list[User]:
    """Reviewers who may be assigned to ``plan``: active reviewers, not assigned yet, without
    another role in the region (``can_assess``). Three queries, whatever their number."""
    taken = {pk for pk in plan.reviews.values_list("reviewer_id", flat=True) if pk is not None}
    return list(
        get_user_model()
        .objects.filter(groups__name=Role.REVIEWER.value, is_active=True)
        .exclude(pk__in=taken | users_with_other_role_in(plan.region))
        .order_by("username")
    )


def overrides_of(plans: list[Plan]) -> dict[int, list[Override]]:
    """The overrides proposed for ``plans`` (pending, approved and refused), by plan id."""
    result: dict[int, list[Override]] = {}
    for override in (
        Override.objects.filter(plan__in=plans)
        .select_related("proposed_by", "decided_by")
        .order_by("proposed_at", "pk")
    ):
        result.setdefault(override.plan_id, []).append(override)
    return result


# --- outcomes: the ranking, overrides, decisions and what the region sees ------------------------


def ranking_period_get(user: Person, code: str) -> Period:
    """The period whose ranking ``user`` may follow (coordinators and administrators)."""
    period = Period.objects.filter(code=code).first()
    if period is None or not can_follow_assessment(user):
        raise Http404("Periode niet gevonden.")
    return period


def own_review_states(user: Person, plans: list[Plan]) -> dict[int, bool]:
    """For the ``plans`` that ``user`` is assigned to: whether their own review is submitted.
    One query."""
    return {
        plan_id: submitted_at is not None
        for plan_id, submitted_at in Review.objects.filter(
            plan__in=plans, reviewer_id=getattr(user, "pk", None)
        ).values_list("plan_id", "submitted_at")
    }


def decisions_of(plans: list[Plan]) -> dict[int, Decision]:
    """The decisions (proposed or in force) on ``plans``, by plan id. One query."""
    return {
        d.plan_id: d
        for d in Decision.objects.filter(plan__in=plans).select_related(
            "proposed_by", "approved_by"
        )
    }


def lot_draws_of(period: Period) -> list[LotDraw]:
    """The lots recorded for ``period``, with who drew them, in the order of their numbers."""
    return list(
        LotDraw.objects.filter(period=period)
        .select_related("region", "drawn_by")
        .order_by("number")
    )


def _application(sto_number: str, period: str, version: int) -> Plan | None:
    return (
        Plan.objects.select_related("region", "period")
        .filter(
            region__sto_number=sto_number,
            period__code=period,
            version=version,
            status__in=SUBMITTED_STATUSES,
        )
        .first()
    )


def decision_application_get(user: Person, sto_number: str, period: str, version: int) -> Plan:
    """An application whose decision ``user`` may follow: a reviewer, coordinator or
    administrator without another role in the region (who may propose it or approve it as the
    second person). Anything else is ``Http404``."""
    plan = _application(sto_number, period, version)
    if plan is None or not can_approve_outcome(user, plan.region, None):
        raise Http404("Aanvraag niet gevonden.")
    return plan


def outcome_application_get(user: Person, sto_number: str, period: str, version: int) -> Plan:
    """An application as its region sees the outcome: everybody who reads the region's plan
    (its programme managers, reviewers and administrators). What they see of it depends on the
    decision (``decision_in_force``) and on ``may_see_scores``."""
    plan = _application(sto_number, period, version)
    if plan is None or not can_read_plan(user, plan.region):
        raise Http404("Aanvraag niet gevonden.")
    return plan


def override_get(user: Person, pk: int) -> Override:
    """A proposed override that ``user`` may open: a reviewer, coordinator or administrator
    without another role in the region. Whether they may decide on it is
    ``can_approve_outcome`` with its proposer."""
    override = (
        Override.objects.select_related("plan__region", "plan__period", "proposed_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if override is None or not can_approve_outcome(user, override.plan.region, None):
        raise Http404("Afwijking niet gevonden.")
    return override
