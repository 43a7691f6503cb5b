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
