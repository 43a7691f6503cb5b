"""The sheet and column contract of the STO interchange workbook (docs/interfaces.md §1, §5).

The sheets and their contract columns are listed in the order the contract gives them; an export
writes them in this order, an import requires each of them except the ``optional`` sheets of §5
(plans and what they hold), which a workbook may leave out. Columns marked ``contract=False`` are
extras the export adds after the contract columns; an import reads them when they are present and
otherwise leaves the stored value (or the model default) alone.
"""

from collections.abc import Callable
from dataclasses import dataclass

from assessment.framework import SUB_ASPECT_CODES
from cofinancing.models import CofinancingForm, ContributionStatus
from plans.models import GoalTheme, Level, PlanStatus
from plans.services import normalise_code, normalise_risk
from regions.models import (
    TECHNICAL_PROFILES,
    LearningPath,
    OrganisationKind,
    Profile,
    RegionKind,
)

# Value kinds of a column: how a cell is read and how the export formats it.
TEXT = "text"  # free text, stripped; empty -> ""
CODE = "code"  # an identifier such as a period code or STO number
ORG_KEY = "org_key"  # an organisation key (BRIN, KvK, CBS), normalised like Organisation.clean
ENUM = "enum"  # one of ``choices``
LIST = "list"  # ';'-separated values
INT = "int"  # a whole number (counts)
YEAR = "year"  # a whole number shown without thousands separator
DECIMAL = "decimal"  # a number with at most 2 decimals (percentages)
MONEY = "money"  # euros with at most 2 decimals
DATE = "date"  # a real Excel date or YYYY-MM-DD text
SECTIONS = "sections"  # the regiovisie: one text, read into its sections (plans.regiovisie)

# How the export formats each kind (sto.excel number formats; unknown kinds -> General).
EXCEL_KIND = {
    TEXT: "text",
    CODE: "text",
    ORG_KEY: "text",
    ENUM: "text",
    LIST: "text",
    INT: "int",
    YEAR: "year",
    DECIMAL: "general",
    MONEY: "money",
    DATE: "date",
    SECTIONS: "text",
}


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    kind: str = TEXT
    required: bool = True  # an empty cell is a problem
    contract: bool = True  # part of docs/interfaces.md §1: the column must be present
    choices: tuple[str, ...] = ()
    width: int | None = None
    # text as stored (e.g. a goal code in capitals); for a list, each item
    normalise: Callable[[str], str] | None = None


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    natural_key: tuple[str, ...]
    optional: bool = False  # a workbook may leave the sheet out (docs/interfaces.md §5)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def contract_keys(self) -> list[str]:
        return [c.key for c in self.columns if c.contract]

    def column(self, key: str) -> ColumnSpec:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


def _values(choices) -> tuple[str, ...]:
    return tuple(value for value, _label in choices)


ORGANISATION_KINDS = _values(OrganisationKind.choices)
REGION_KINDS = _values(RegionKind.choices)
PROFILES = _values(Profile.choices)
LEARNING_PATHS = _values(LearningPath.choices)
COFINANCING_FORMS = _values(CofinancingForm.choices)
CONTRIBUTION_STATUSES = _values(ContributionStatus.choices)
PLAN_STATUSES = _values(PlanStatus.choices)
GOAL_THEMES = _values(GoalTheme.choices)
LEVELS = _values(Level.choices)

PERIODS = SheetSpec(
    "periods",
    (
        ColumnSpec("code", CODE, width=12),
        ColumnSpec("start_year", YEAR),
        ColumnSpec("end_year", YEAR),
        ColumnSpec("min_cofinancing_pct", DECIMAL, width=22),
        ColumnSpec(
            "techniekarm_max_technical_pct", DECIMAL, required=False, contract=False, width=30
        ),
        ColumnSpec("plan_deadline", DATE, required=False, contract=False, width=14),
    ),
    ("code",),
)
ORGANISATIONS = SheetSpec(
    "organisations",
    (
        ColumnSpec("key", ORG_KEY, width=12),
        ColumnSpec("kind", ENUM, choices=ORGANISATION_KINDS, width=14),
        ColumnSpec("name", TEXT, width=40),
        ColumnSpec("city", TEXT, required=False, width=20),
        ColumnSpec("technical_profiles", LIST, required=False, width=20),
        ColumnSpec("inhabitants", INT, required=False),
    ),
    ("key",),
)
REGIONS = SheetSpec(
    "regions",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("name", TEXT, width=40),
        ColumnSpec("kind", ENUM, choices=REGION_KINDS, width=14),
        ColumnSpec("lead_key", ORG_KEY, required=False, width=12),
    ),
    ("sto_number",),
)
MEMBERSHIPS = SheetSpec(
    "memberships",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("organisation_key", ORG_KEY, width=18),
        ColumnSpec("start", DATE, width=12),
        ColumnSpec("end", DATE, required=False, width=12),
    ),
    ("sto_number", "organisation_key", "start"),
)
STUDENT_COUNTS = SheetSpec(
    "student_counts",
    (
        ColumnSpec("organisation_key", ORG_KEY, width=18),
        ColumnSpec("reference_date", DATE, width=16),
        ColumnSpec("profile", ENUM, choices=PROFILES),
        ColumnSpec("learning_path", ENUM, choices=LEARNING_PATHS, width=14),
        ColumnSpec("students", INT),
    ),
    ("organisation_key", "reference_date", "profile", "learning_path"),
)
GRANTS = SheetSpec(
    "grants",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("year", YEAR),
        ColumnSpec("amount", MONEY, width=16),
    ),
    ("sto_number", "year"),
)
COFINANCING = SheetSpec(
    "cofinancing",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("organisation_key", ORG_KEY, width=18),
        ColumnSpec("year", YEAR),
        ColumnSpec("form", ENUM, choices=COFINANCING_FORMS, width=16),
        ColumnSpec("committed", MONEY, width=16),
        ColumnSpec("realised", MONEY, required=False, width=16),
    ),
    ("sto_number", "organisation_key", "year", "form"),
)
CONTRIBUTIONS = SheetSpec(
    "contributions",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("organisation_key", ORG_KEY, width=18),
        ColumnSpec("year", YEAR),
        ColumnSpec("requested", MONEY, width=16),
        ColumnSpec("approved", MONEY, required=False, width=16),
        ColumnSpec("status", ENUM, choices=CONTRIBUTION_STATUSES, width=16),
        ColumnSpec("decided_on", DATE, required=False, contract=False, width=12),
        ColumnSpec("decision_reason", TEXT, required=False, contract=False, width=30),
        ColumnSpec("purpose", TEXT, required=False, contract=False, width=30),
    ),
    ("sto_number", "organisation_key", "year"),
)
CONVENANTS = SheetSpec(
    "convenants",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("title", TEXT, width=40),
        ColumnSpec("starts", DATE, width=12),
        ColumnSpec("ends", DATE, width=12),
        ColumnSpec("signing_deadline", DATE, required=False, width=18),
    ),
    ("sto_number", "period"),
)
SIGNATURES = SheetSpec(
    "signatures",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("organisation_key", ORG_KEY, width=18),
        ColumnSpec("signed_on", DATE, required=False, width=12),
        ColumnSpec("signatory", TEXT, required=False, width=24),
        ColumnSpec("function", TEXT, required=False, width=24),
    ),
    ("sto_number", "period", "organisation_key"),
)
ANNUAL_REPORTS = SheetSpec(
    "annual_reports",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("year", YEAR),
        ColumnSpec("submitted_on", DATE, required=False, width=14),
        ColumnSpec("activities", TEXT, required=False, contract=False, width=40),
    ),
    ("sto_number", "year"),
)


# --- plans (docs/interfaces.md §5): a row stands for the current version of the region's plan --

PLANS = SheetSpec(
    "plans",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("status", ENUM, choices=PLAN_STATUSES, width=24),
        ColumnSpec("submitted_on", DATE, required=False, width=14),
        ColumnSpec("requested", MONEY, width=16),
        ColumnSpec("regiovisie", SECTIONS, required=False, width=60),
        ColumnSpec("resubmission_deadline", DATE, required=False, contract=False, width=22),
    ),
    ("sto_number", "period"),
    optional=True,
)
GOALS = SheetSpec(
    "goals",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("code", CODE, normalise=normalise_code),
        ColumnSpec("theme", ENUM, choices=GOAL_THEMES, width=14),
        ColumnSpec("description", TEXT, width=50),
        ColumnSpec("milestone_2y", TEXT, width=40),
        ColumnSpec("milestone_4y", TEXT, width=40),
    ),
    ("sto_number", "period", "code"),
    optional=True,
)
ACTIVITIES = SheetSpec(
    "activities",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("code", CODE, normalise=normalise_code),
        ColumnSpec("title", TEXT, width=40),
        ColumnSpec("starts", DATE, width=12),
        ColumnSpec("ends", DATE, width=12),
        ColumnSpec("result", TEXT, width=50),
        ColumnSpec("owner_key", ORG_KEY, width=12),
        ColumnSpec("goal_codes", LIST, required=False, width=14, normalise=normalise_code),
    ),
    ("sto_number", "period", "code"),
    optional=True,
)
RISKS = SheetSpec(
    "risks",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("risk", TEXT, width=50, normalise=normalise_risk),
        ColumnSpec("likelihood", ENUM, choices=LEVELS),
        ColumnSpec("impact", ENUM, choices=LEVELS),
        ColumnSpec("measure", TEXT, width=50),
        ColumnSpec("owner_key", ORG_KEY, width=12),
    ),
    ("sto_number", "period", "risk"),
    optional=True,
)
TEACHER_SHORTAGE = SheetSpec(
    "teacher_shortage",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("profile", ENUM, choices=TECHNICAL_PROFILES),
        ColumnSpec("qualified", INT),
        ColumnSpec("to_train", INT),
        ColumnSpec("needing_training", INT, width=18),
        ColumnSpec("to_replace", INT),
    ),
    ("sto_number", "period", "profile"),
    optional=True,
)
BUDGET_LINES = SheetSpec(
    "budget_lines",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("year", YEAR),
        ColumnSpec("organisation_key", ORG_KEY, width=18),
        ColumnSpec("personnel", MONEY, width=16),
        ColumnSpec("material", MONEY, width=16),
        ColumnSpec("overhead", MONEY, width=16),
    ),
    ("sto_number", "period", "year", "organisation_key"),
    optional=True,
)

# --- assessments (docs/interfaces.md §5): one row per reviewer and sub-aspect of an application -

ASSESSMENTS = SheetSpec(
    "assessments",
    (
        ColumnSpec("sto_number", CODE, width=12),
        ColumnSpec("period", CODE, width=12),
        ColumnSpec("reviewer", TEXT, width=24),
        ColumnSpec("sub_aspect", ENUM, choices=SUB_ASPECT_CODES, width=26),
        ColumnSpec("minimum_met", ENUM, choices=("yes", "no"), width=12),
        ColumnSpec("score", DECIMAL, required=False),
        ColumnSpec("note", TEXT, required=False, width=40),
        ColumnSpec("reason", TEXT, required=False, contract=False, width=40),
        ColumnSpec("submitted_on", DATE, required=False, contract=False, width=14),
    ),
    ("sto_number", "period", "reviewer", "sub_aspect"),
    optional=True,
)

SHEETS: tuple[SheetSpec, ...] = (
    PERIODS,
    ORGANISATIONS,
    REGIONS,
    MEMBERSHIPS,
    STUDENT_COUNTS,
    GRANTS,
    COFINANCING,
    CONTRIBUTIONS,
    CONVENANTS,
    SIGNATURES,
    ANNUAL_REPORTS,
    PLANS,
    GOALS,
    ACTIVITIES,
    RISKS,
    TEACHER_SHORTAGE,
    BUDGET_LINES,
    ASSESSMENTS,
)
SHEET_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
