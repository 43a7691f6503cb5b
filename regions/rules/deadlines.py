"""Deadlines that are not met yet: convenant signatures and annual reports.

The deadline rules (``convenant_unsigned``, ``convenant_deadline_near``, ``annual_report_overdue``,
``annual_report_due_soon``) and the deadline reminders (``regions.reminders``) both read them from
here, so a reminder is sent for exactly what a rule would report.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from regions.models import Organisation

from .snapshot import ConvenantFacts, RegionFacts, Snapshot

CONVENANT = "convenant"
ANNUAL_REPORT = "annual_report"

# The annual report over year Y is due on 1 June of Y+1 (seeds 000, "Vervolgstappen").
ANNUAL_REPORT_DUE_MONTH_DAY = (6, 1)


def annual_report_due_on(year: int) -> datetime.date:
    month, day = ANNUAL_REPORT_DUE_MONTH_DAY
    return datetime.date(year + 1, month, day)


@dataclass
class Deadline:
    facts: RegionFacts
    kind: str  # CONVENANT or ANNUAL_REPORT
    subject: str  # period code or year
    due_on: datetime.date
    convenant: ConvenantFacts | None = None
    missing_signers: list[Organisation] = field(default_factory=list)
    year: int | None = None
    grant: Decimal | None = None

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days


def missing_signers(facts: RegionFacts, convenant: ConvenantFacts) -> list[Organisation]:
    """Current members that have not signed ``convenant`` on the day checked (seeds 004 B.3:
    every partner signs)."""
    return sorted(
        (
            org
            for org_id, org in facts.members.items()
            if org_id not in convenant.signed_organisation_ids
        ),
        key=lambda o: (o.name, o.key),
    )


def unmet_deadlines(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Deadline]:
    """Every deadline of the region that is not met on the day checked, passed or not.

    - a convenant with a signing deadline, of a period not yet over, that a current member has
      not signed;
    - an annual report for a year with a grant that is not submitted.
    """
    today = snapshot.today
    for convenant in facts.convenants:
        deadline = convenant.convenant.signing_deadline
        if deadline is None or convenant.period.end_date < today:
            continue
        missing = missing_signers(facts, convenant)
        if missing:
            yield Deadline(
                facts=facts,
                kind=CONVENANT,
                subject=convenant.period.code,
                due_on=deadline,
                convenant=convenant,
                missing_signers=missing,
            )
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


def describe_organisations(organisations: list[Organisation]) -> str:
    """``Scholengemeenschap 1 (12AB01), ROC 2 (25LX)``."""
    return ", ".join(f"{org.name} ({org.key})" for org in organisations)
