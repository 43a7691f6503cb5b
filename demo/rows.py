"""The rows of the demo data set: one named tuple per sheet of the interchange workbook.

Each row's fields are the sheet's column keys (docs/interfaces.md §1), so ``DemoDataset.sheets()``
hands the data set to the importer as it is.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from regions.models import Period
from reporting.workbook import SHEETS

from .bijlage_a import AMSTELLAND_NUMBER
from .breakers import RULE_BREAKERS, RuleBreaker


class PeriodRow(NamedTuple):
    code: str
    start_year: int
    end_year: int
    min_cofinancing_pct: Decimal
    plan_deadline: dt.date | None = None  # an extra column of the sheet

    def as_model(self) -> Period:
        """An unsaved ``Period``, for its years and first and last day."""
        return Period(
            code=self.code,
            start_year=self.start_year,
            end_year=self.end_year,
            min_cofinancing_pct=self.min_cofinancing_pct,
            plan_deadline=self.plan_deadline,
        )


PERIODS = (
    PeriodRow("2020-2023", 2020, 2023, Decimal("7.5")),
    PeriodRow("2024", 2024, 2024, Decimal("7.5")),
    # applications for 2025-2028 were due on 1 October 2024 (docs/domain.md)
    PeriodRow("2025-2028", 2025, 2028, Decimal("10"), dt.date(2024, 10, 1)),
)


class OrganisationRow(NamedTuple):
    key: str
    kind: str
    name: str
    city: str
    technical_profiles: str
    inhabitants: int | None


class RegionRow(NamedTuple):
    sto_number: str
    name: str
    kind: str
    lead_key: str


class MembershipRow(NamedTuple):
    sto_number: str
    organisation_key: str
    start: dt.date
    end: dt.date | None


class StudentCountRow(NamedTuple):
    organisation_key: str
    reference_date: dt.date
    profile: str
    learning_path: str
    students: int


class GrantRow(NamedTuple):
    sto_number: str
    period: str
    year: int
    amount: Decimal


class CofinancingRow(NamedTuple):
    sto_number: str
    organisation_key: str
    year: int
    form: str
    committed: Decimal
    realised: Decimal | None


class ContributionRow(NamedTuple):
    sto_number: str
    organisation_key: str
    year: int
    requested: Decimal
    approved: Decimal | None
    status: str
    decided_on: dt.date | None
    purpose: str


class ConvenantRow(NamedTuple):
    sto_number: str
    period: str
    title: str
    starts: dt.date
    ends: dt.date
    signing_deadline: dt.date


class SignatureRow(NamedTuple):
    sto_number: str
    period: str
    organisation_key: str
    signed_on: dt.date | None
    signatory: str
    function: str


class AnnualReportRow(NamedTuple):
    sto_number: str
    year: int
    submitted_on: dt.date
    activities: str


class PlanRow(NamedTuple):
    sto_number: str
    period: str
    status: str
    submitted_on: dt.date | None
    requested: Decimal
    regiovisie: str
    resubmission_deadline: dt.date | None


class GoalRow(NamedTuple):
    sto_number: str
    period: str
    code: str
    theme: str
    description: str
    milestone_2y: str
    milestone_4y: str


class ActivityRow(NamedTuple):
    sto_number: str
    period: str
    code: str
    title: str
    starts: dt.date
    ends: dt.date
    result: str
    owner_key: str
    goal_codes: str


class RiskRow(NamedTuple):
    sto_number: str
    period: str
    risk: str
    likelihood: str
    impact: str
    measure: str
    owner_key: str


class TeacherShortageRow(NamedTuple):
    sto_number: str
    period: str
    profile: str
    qualified: int
    to_train: int
    needing_training: int
    to_replace: int


class BudgetLineRow(NamedTuple):
    sto_number: str
    period: str
    year: int
    organisation_key: str
    personnel: Decimal
    material: Decimal
    overhead: Decimal


class AssessmentRow(NamedTuple):
    sto_number: str
    period: str
    reviewer: str
    sub_aspect: str
    minimum_met: str
    score: Decimal | None
    note: str
    reason: str
    submitted_on: dt.date | None


@dataclass
class DemoDataset:
    seed: int
    periods: tuple[PeriodRow, ...]
    organisations: list[OrganisationRow]
    regions: list[RegionRow]
    memberships: list[MembershipRow]
    student_counts: list[StudentCountRow]
    grants: list[GrantRow]
    cofinancing: list[CofinancingRow]
    contributions: list[ContributionRow]
    convenants: list[ConvenantRow]
    signatures: list[SignatureRow]
    annual_reports: list[AnnualReportRow]
    plans: list[PlanRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    risks: list[RiskRow] = field(default_factory=list)
    teacher_shortage: list[TeacherShortageRow] = field(default_factory=list)
    budget_lines: list[BudgetLineRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    rule_breakers: tuple[RuleBreaker, ...] = RULE_BREAKERS
    bijlage_a: tuple[str, ...] = ()  # STO numbers of the 71 regions of Bijlage A
    amstelland: str = "STO" + AMSTELLAND_NUMBER
    amstelveen: str = "GM0362"

    def sheets(self) -> dict[str, list[dict[str, object]]]:
        """Per sheet, the rows as column key -> value (``reporting.workbook.import_sheets``).

        The data set's fields are named after the sheets.
        """
        return {
            sheet.name: [row._asdict() for row in getattr(self, sheet.name)] for sheet in SHEETS
        }
