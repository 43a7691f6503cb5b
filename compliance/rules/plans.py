"""The region's plan for a period (seeds 004 Bijlage B): submitted by the period's plan deadline,
an improved version by the resubmission deadline the assessment set."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from plans.models import PlanStatus
from regions.models import Severity
from sto.formatting import format_date

from .deadlines import PLAN, Deadline, unmet_deadlines
from .registry import Violation, rule
from .snapshot import RegionFacts, Snapshot


def _what(deadline: Deadline) -> str:
    """ "Het regioplan 2025-2028", or its improved version once the assessment sent it back."""
    versions = deadline.facts.plans.get(deadline.period.pk, []) if deadline.period else []
    improving = bool(versions) and (
        versions[0].version > 1 or versions[0].status == PlanStatus.TO_IMPROVE
    )
    if improving:
        return f"De verbeterde versie van het regioplan {deadline.subject}"
    return f"Het regioplan {deadline.subject}"


@rule("plan_overdue", Severity.ERROR, _("Regioplan te laat"))
def plan_overdue(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Error when the plan of a period the region takes part in (a grant or a convenant in it)
    is not submitted while its deadline has passed: the period's plan deadline, or the
    resubmission deadline of a plan that must be improved (``plans.deadlines``)."""
    for deadline in unmet_deadlines(facts, snapshot):
        if deadline.kind != PLAN or not deadline.is_overdue(snapshot.today):
            continue
        yield Violation(
            subject=deadline.subject,
            message=(
                f"{_what(deadline)} is niet ingediend; het moest uiterlijk "
                f"{format_date(deadline.due_on)} binnen zijn."
            ),
        )


@rule("plan_due_soon", Severity.WARNING, _("Regioplan binnenkort verwacht"))
def plan_due_soon(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Warning when that deadline lies within the warning window (``STO_WARNING_WINDOW_DAYS``,
    30 days; the day itself included) and the plan is not submitted."""
    for deadline in unmet_deadlines(facts, snapshot):
        if deadline.kind != PLAN or not deadline.is_due_soon(snapshot):
            continue
        yield Violation(
            subject=deadline.subject,
            message=(
                f"{_what(deadline)} moet uiterlijk {format_date(deadline.due_on)} ingediend "
                f"zijn en is nog niet binnen."
            ),
        )
