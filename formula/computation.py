"""The budget formula of seeds 003, exactly as docs/interfaces.md §6 ("Budget formula") states it.

For every region, on a reference date (peildatum):

- ``schools``: the region's vmbo members on that day (``Membership.objects.current_on``) that
  have at least one technical profile (``Organisation.has_technical_profile``);
- ``technical_students``: those schools' student counts dated exactly on that day, learning paths
  BB, KB and GL (``VOCATIONAL_PATHS``), in the five technical profiles (``TECHNICAL_PROFILES``);
- the formula: base × schools + per student × technical students;
- with a guarantee (P % of the region's grant in year Y) the amount is at least that share;
  ``current`` is then the grant in year Y, without a guarantee the grant in the latest year the
  region has one;
- with a ceiling that the total (after the guarantee) exceeds, every amount is multiplied by
  ceiling / total;
- then, and only then, every amount is rounded to whole euros, half up.

Everything is ``Decimal``. The data is read once, in a fixed number of queries whatever the
number of regions (``FormulaData.load``: 2 + 2 per reference date), and computed in memory
(``compute``), so the national data set at ten times its size is divided in well under a second
(docs/benchmarks.md).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.core.exceptions import ValidationError
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from cofinancing.models import Grant
from regions.models import (
    TECHNICAL_PROFILES,
    VOCATIONAL_PATHS,
    Membership,
    Organisation,
    OrganisationKind,
    Region,
    StudentCount,
)
from sto.money import HUNDRED, ZERO, percentage, shown_percentage
from sto.years import YEAR_MAX, YEAR_MIN, is_valid_year

EURO = Decimal(1)
# Products of amounts and a ceiling have up to ~30 digits; compute them without loss.
PRECISION = 60


# --- parameters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameters:
    """What a reviewer chooses; the field names are those of the form, the scenario model and
    (with dashes) the command's options."""

    reference_date: datetime.date
    base_per_school: Decimal
    per_student: Decimal
    guarantee_pct: Decimal | None = None
    guarantee_year: int | None = None
    ceiling: Decimal | None = None

    @property
    def has_guarantee(self) -> bool:
        return self.guarantee_pct is not None and self.guarantee_year is not None

    def validate(self) -> None:
        """Raise ``ValidationError`` keyed by field name for parameters the formula refuses:
        negative amounts, a percentage outside 0–100, a year outside ``sto.years``, and a
        guarantee percentage without its year or the other way round."""
        errors: dict[str, str] = {}
        for name in ("base_per_school", "per_student", "ceiling"):
            value = getattr(self, name)
            if value is not None and value < ZERO:
                errors[name] = _("Een bedrag kan niet negatief zijn.")
        if self.guarantee_pct is not None and not ZERO <= self.guarantee_pct <= HUNDRED:
            errors["guarantee_pct"] = _("Een garantiepercentage ligt tussen 0 en 100.")
        if self.guarantee_year is not None and not is_valid_year(self.guarantee_year):
            errors["guarantee_year"] = _("Kies een jaar van %(min)s tot en met %(max)s.") % {
                "min": YEAR_MIN,
                "max": YEAR_MAX,
            }
        if self.guarantee_pct is not None and self.guarantee_year is None:
            errors.setdefault(
                "guarantee_year",
                _("Vul ook het jaar in waarvan de subsidie gegarandeerd wordt."),
            )
        if self.guarantee_year is not None and self.guarantee_pct is None:
            errors.setdefault("guarantee_pct", _("Vul ook het garantiepercentage in."))
        if errors:
            raise ValidationError(errors)

    def as_fields(self) -> dict[str, object]:
        """The parameters by field name (to store them in a scenario)."""
        return {
            "reference_date": self.reference_date,
            "base_per_school": self.base_per_school,
            "per_student": self.per_student,
            "guarantee_pct": self.guarantee_pct,
            "guarantee_year": self.guarantee_year,
            "ceiling": self.ceiling,
        }


# --- the data the formula reads ---------------------------------------------------------------


@dataclass(frozen=True)
class RegionRow:
    id: int
    sto_number: str
    name: str


@dataclass(frozen=True)
class DayData:
    """What the formula reads for one reference date."""

    # region id → the ids of its schools (technical vmbo members on the day)
    schools: dict[int, frozenset[int]]
    # organisation id → its technical BB/KB/GL students on exactly that day
    students: dict[int, int]
    # whether any student count (of any kind) is dated on that day
    has_counts: bool


@dataclass(frozen=True)
class FormulaData:
    """Every region, every grant, and per reference date the schools and their students."""

    regions: list[RegionRow]
    grants: dict[int, dict[int, Decimal]]  # region id → year → amount
    days: dict[datetime.date, DayData]

    @classmethod
    def load(cls, reference_dates: Iterable[datetime.date]) -> "FormulaData":
        """Read it all: 2 queries (regions, grants) and 2 per distinct reference date."""
        regions = [
            RegionRow(pk, sto_number, name)
            for pk, sto_number, name in Region.objects.order_by("sto_number").values_list(
                "pk", "sto_number", "name"
            )
        ]
        grants: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for region_id, year, amount in Grant.objects.values_list("region_id", "year", "amount"):
            grants[region_id][year] = amount
        days = {day: _load_day(day) for day in sorted(set(reference_dates))}
        return cls(regions=regions, grants=dict(grants), days=days)


def _load_day(day: datetime.date) -> DayData:
    schools: dict[int, set[int]] = defaultdict(set)
    # ``Organisation.has_technical_profile`` decides, asked once per distinct list of profiles
    # rather than once per member: building thousands of model instances was most of the time.
    technical: dict[str, bool] = {}
    members = (
        Membership.objects.current_on(day)
        .filter(organisation__kind=OrganisationKind.VMBO)
        .values_list("region_id", "organisation_id", "organisation__technical_profiles")
    )
    for region_id, organisation_id, profiles in members:
        if profiles not in technical:
            technical[profiles] = Organisation(technical_profiles=profiles).has_technical_profile
        if technical[profiles]:
            schools[region_id].add(organisation_id)
    students = dict(
        StudentCount.objects.filter(
            reference_date=day,
            profile__in=TECHNICAL_PROFILES,
            learning_path__in=VOCATIONAL_PATHS,
        )
        .values_list("organisation_id")
        .annotate(total=Sum("students"))
        .order_by()
    )
    # Only when there is nothing technical: does the day have any counts at all?
    has_counts = bool(students) or StudentCount.objects.filter(reference_date=day).exists()
    return DayData(
        schools={region: frozenset(ids) for region, ids in schools.items()},
        students=students,
        has_counts=has_counts,
    )


def latest_reference_date() -> datetime.date | None:
    """The latest reference date that has student counts (the simulator's default)."""
    return StudentCount.objects.aggregate(latest=Max("reference_date"))["latest"]


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionResult:
    sto_number: str
    name: str
    schools: int
    technical_students: int
    formula_amount: Decimal  # base × schools + per student × students, exact
    guarantee: Decimal | None  # P % of the grant in year Y, exact; None without one
    guaranteed: bool  # the guarantee lifted the amount
    amount: Decimal  # after guarantee and ceiling, in whole euros (exact while computing)
    current: Decimal | None
    current_year: int | None

    @property
    def change(self) -> Decimal | None:
        return None if self.current is None else self.amount - self.current

    @property
    def change_pct(self) -> Decimal | None:
        """The change as an exact percentage of ``current`` (``None`` without a current grant)."""
        return percentage(self.change, self.current)

    @property
    def shown_change_pct(self) -> Decimal | None:
        return shown_percentage(self.change_pct)


@dataclass(frozen=True)
class FormulaResult:
    parameters: Parameters
    regions: list[RegionResult]
    total_before_ceiling: Decimal  # exact, after the guarantee
    scale: Decimal | None  # ceiling / total when the ceiling applied
    has_counts: bool
    total: Decimal = field(init=False)
    total_current: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum((r.amount for r in self.regions), ZERO))
        object.__setattr__(
            self,
            "total_current",
            sum((r.current for r in self.regions if r.current is not None), ZERO),
        )

    @property
    def schools(self) -> int:
        return sum(r.schools for r in self.regions)

    @property
    def technical_students(self) -> int:
        return sum(r.technical_students for r in self.regions)

    @property
    def guaranteed(self) -> int:
        """How many regions the guarantee lifted."""
        return sum(1 for r in self.regions if r.guaranteed)

    @property
    def change(self) -> Decimal:
        return self.total - self.total_current

    @property
    def change_pct(self) -> Decimal | None:
        return percentage(self.change, self.total_current)

    @property
    def shown_change_pct(self) -> Decimal | None:
        return shown_percentage(self.change_pct)

    @property
    def ceiling(self) -> Decimal | None:
        return self.parameters.ceiling

    @property
    def room(self) -> Decimal | None:
        """Ceiling minus the total of the rounded amounts (negative: above the ceiling, which
        rounding each amount on its own can cause by at most half a euro per region)."""
        return None if self.ceiling is None else self.ceiling - self.total


# --- the computation --------------------------------------------------------------------------


def compute(parameters: Parameters, data: FormulaData) -> FormulaResult:
    """The formula for every region of ``data`` (which must hold the parameters' reference
    date); in memory, no queries."""
    day = data.days[parameters.reference_date]
    ceiling = parameters.ceiling
    scale = None
    # First the exact amounts after the guarantee, then the ceiling over their total, then the
    # rounding: the order of docs/interfaces.md §6.
    with localcontext(prec=PRECISION):
        exact = [
            _region_before_ceiling(parameters, day, data.grants.get(region.id, {}), region)
            for region in data.regions
        ]
        total_before = sum((r.amount for r in exact), ZERO)
        if ceiling is not None and total_before > ceiling:
            scale = ceiling / total_before
            exact = [replace(r, amount=r.amount * ceiling / total_before) for r in exact]
        rounded = [
            replace(r, amount=r.amount.quantize(EURO, rounding=ROUND_HALF_UP)) for r in exact
        ]
    return FormulaResult(
        parameters=parameters,
        regions=rounded,
        total_before_ceiling=total_before,
        scale=scale,
        has_counts=day.has_counts,
    )


def _region_before_ceiling(
    parameters: Parameters, day: DayData, grants: dict[int, Decimal], region: RegionRow
) -> RegionResult:
    """One region's figures, its amount exact and after the guarantee (not yet scaled or
    rounded)."""
    schools = day.schools.get(region.id, frozenset())
    students = sum(day.students.get(school, 0) for school in schools)
    formula_amount = parameters.base_per_school * len(schools) + parameters.per_student * students
    guarantee = None
    if parameters.guarantee_pct is not None and parameters.guarantee_year is not None:
        current = grants.get(parameters.guarantee_year)
        current_year = parameters.guarantee_year if current is not None else None
        if current is not None:
            guarantee = current * parameters.guarantee_pct / HUNDRED
    else:
        current_year = max(grants, default=None)
        current = grants[current_year] if current_year is not None else None
    guaranteed = guarantee is not None and guarantee > formula_amount
    return RegionResult(
        sto_number=region.sto_number,
        name=region.name,
        schools=len(schools),
        technical_students=students,
        formula_amount=formula_amount,
        guarantee=guarantee,
        guaranteed=guaranteed,
        amount=guarantee if guarantee is not None and guaranteed else formula_amount,
        current=current,
        current_year=current_year,
    )


def simulate(parameters: Parameters) -> FormulaResult:
    """Load what the formula reads and divide the budget by ``parameters``."""
    return compute(parameters, FormulaData.load([parameters.reference_date]))


def compare(parameter_sets: Sequence[Parameters]) -> list[FormulaResult]:
    """Several parameter sets over the same data, read once (2 queries and 2 per distinct
    reference date); the results list the regions in the same order."""
    data = FormulaData.load(p.reference_date for p in parameter_sets)
    return [compute(p, data) for p in parameter_sets]


@dataclass(frozen=True)
class ComparisonRow:
    sto_number: str
    name: str
    amounts: list[Decimal]  # one per result, in the order compared


def comparison_rows(results: Sequence[FormulaResult]) -> list[ComparisonRow]:
    """Per region the amount under each result (results of one ``compare`` call)."""
    return [
        ComparisonRow(regions[0].sto_number, regions[0].name, [r.amount for r in regions])
        for regions in zip(*(result.regions for result in results), strict=True)
    ]
