"""When a region's plan for a period is due (seeds 004 Bijlage B; docs/domain.md, "The programme":
the application before the period's deadline, an improved version before the resubmission
deadline the assessment set).

One definition, used by the rules ``plan_overdue`` and ``plan_due_soon``, their reminder mails
and the region overview.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from regions.models import Period

from .models import PlanStatus


@dataclass(frozen=True)
class VersionFacts:
    """What the deadline needs of one version of a plan."""

    version: int
    status: str
    resubmission_deadline: datetime.date | None


def plan_due_on(period: Period, versions: Sequence[VersionFacts]) -> datetime.date | None:
    """The day the region's plan for ``period`` is (still) due, or ``None`` when nothing is due.

    ``versions`` are the region's versions for the period, newest first:
    - no plan, or a first version still in draft: the period's plan deadline;
    - a plan that must be improved, or its new version still in draft: the resubmission deadline;
    - a submitted, assessed or decided plan: nothing is due.
    """
    if not versions:
        return period.plan_deadline
    latest = versions[0]
    if latest.status == PlanStatus.TO_IMPROVE:
        return latest.resubmission_deadline
    if latest.status != PlanStatus.DRAFT:
        return None
    if latest.version == 1 or len(versions) < 2:
        return period.plan_deadline
    return versions[1].resubmission_deadline


@dataclass(frozen=True)
class Milestone:
    """The moment the goals' milestones after 2 or after 4 years fall due (seeds 004 B.2 §1)."""

    years: int
    day: datetime.date


def milestones(period: Period) -> list[Milestone]:
    """The end of the period's second and fourth year (for 2025–2028: 31 December 2026 and
    31 December 2028)."""
    return [
        Milestone(years, datetime.date(period.start_year + years - 1, 12, 31)) for years in (2, 4)
    ]


def next_milestone(period: Period, today: datetime.date) -> Milestone | None:
    """The first milestone on or after ``today``; ``None`` once both have passed."""
    return next((m for m in milestones(period) if m.day >= today), None)
