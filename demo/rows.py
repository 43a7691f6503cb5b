"""The rows of the demo data set: one named tuple per sheet of the interchange workbook.

Each row's fields are the sheet's column keys (docs/interfaces.md §1), so ``DemoDataset.sheets()``
hands the data set to the importer as it is.
"""

import datetime as dt
from dataclasses import dataclass
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

    def as_model(self) -> Period:
        """An unsaved ``Period``, for its years and first and last day."""
        return Period(
            code=self.code,
            start_year=self.start_year,
            end_year=self.end_year,
            min_cofinancing_pct=self.min_cofinancing_pct,
        )


PERIODS = (
    PeriodRow("2020-2023", 2020, 2023, Decimal("7.5")),
    PeriodRow("2024", 2024, 2024, Decimal("7.5")),
    PeriodRow("2025-2028", 2025, 2028, Decimal("10")),
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
