"""Deadlines that are not met yet: convenant signatures and annual reports.

The deadline rules (``convenant_unsigned``, ``convenant_deadline_near``, ``annual_report_overdue``,
``annual_report_due_soon``), the deadline reminders (``compliance.reminders``) and the region
overview all read them from here, so a page, a reminder and a finding always name the same
deadlines.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from plans.deadlines import plan_due_on
from regions.convenants import missing_signers, signing_is_checked
from regions.models import Organisation, Period, Region, annual_report_due_on

from .snapshot import ConvenantFacts, RegionFacts, Snapshot, load_snapshot

CONVENANT = "convenant"
ANNUAL_REPORT = "annual_report"
PLAN = "plan"


@dataclass
class Deadline:
    facts: RegionFacts
    kind: str  # CONVENANT, ANNUAL_REPORT or PLAN
    subject: str  # period code or year
    due_on: datetime.date
    convenant: ConvenantFacts | None = None
    missing_signers: list[Organisation] = field(default_factory=list)
    year: int | None = None
    grant: Decimal | None = None
    period: Period | None = None  # of a plan

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days

    def is_overdue(self, today: datetime.date) -> bool:
        """The due day lies before ``today`` (an error: ``convenant_unsigned``,
        ``annual_report_overdue``)."""
        return self.due_on < today

    def is_due_soon(self, snapshot: Snapshot) -> bool:
        """The due day lies within the warning window, the day itself included (a warning:
        ``convenant_deadline_near``, ``annual_report_due_soon``)."""
        return snapshot.today <= self.due_on <= snapshot.warning_horizon


def unmet_deadlines(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Deadline]:
    """Every deadline of the region that is not met on the day checked, passed or not.

    - a convenant whose signatures are owed (``regions.convenants.signing_is_checked``: it has a
      signing deadline and its period is not over) that a current member has not signed;
    - an annual report for a year with a grant that is not submitted;
    - the plan of a period the region takes part in, while it is due (``plans.deadlines``).
    """
    today = snapshot.today
    for convenant in facts.convenants:
        if not signing_is_checked(convenant.convenant, convenant.period, today):
            continue
        missing = missing_signers(facts.members.values(), convenant.signed_organisation_ids)
        if missing:
            yield Deadline(
                facts=facts,
                kind=CONVENANT,
                subject=convenant.period.code,
                due_on=convenant.convenant.signing_deadline,  # type: ignore[arg-type]
                convenant=convenant,
                missing_signers=missing,
            )
    for period in sorted(snapshot.periods.values(), key=lambda p: (p.start_year, p.code)):
        if not facts.takes_part_in(period):
            continue
        due = plan_due_on(period, facts.plans.get(period.pk, []))
        if due is not None:
            yield Deadline(facts=facts, kind=PLAN, subject=period.code, due_on=due, period=period)
    for year in sorted(facts.grants_by_year):
        if year not in facts.reports_submitted:
            yield Deadline(
                facts=facts,
                kind=ANNUAL_REPORT,
                subject=str(year),
                due_on=annual_report_due_on(year),
                year=year,
                grant=facts.grants_by_year[year],
            )


@dataclass(frozen=True)
class DeadlineStatus:
    """A deadline as the region overview shows it."""

    deadline: Deadline
    overdue: bool
    soon: bool


def region_deadlines(region: Region, today: datetime.date) -> list[DeadlineStatus]:
    """The unmet deadlines of one region that need attention on ``today``, soonest first: every
    overdue or soon deadline, and the open ones of years that have begun. Loaded through the same
    snapshot and ``unmet_deadlines`` as the rules (a fixed number of queries)."""
    snapshot = load_snapshot(today, regions=[region])
    if not snapshot.regions:
        return []
    statuses = []
    for deadline in unmet_deadlines(snapshot.regions[0], snapshot):
        overdue, soon = deadline.is_overdue(today), deadline.is_due_soon(snapshot)
        begun = deadline.year is None or deadline.year <= today.year
        if overdue or soon or begun:
            statuses.append(DeadlineStatus(deadline, overdue=overdue, soon=soon))
    statuses.sort(key=lambda s: (s.deadline.due_on, s.deadline.kind, s.deadline.subject))
    return statuses


def describe_organisations(organisations: list[Organisation]) -> str:
    """``Scholengemeenschap 1 (12AB01), ROC 2 (25LX)``."""
    return ", ".join(f"{org.name} ({org.key})" for org in organisations)
