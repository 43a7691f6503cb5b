"""Validating the sheets of an import in memory, before anything is written (docs/workbook.md).

For every sheet, in the order of ``BINDINGS``: the cells are read into Python values, duplicate
natural keys are found, every reference must point to a row of the workbook or of the database,
the cross-sheet checks run (a grant's year lies within its period, a contribution is only asked
of a municipality that is or was a member of the region, a plan's activities, risks and budget
follow the rules of ``plans.services``) and the model's own validation (``full_clean``) runs on
an unsaved copy. Every problem is collected as ``sheet!row: column: message``; nothing stops at
the first one.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from plans.services import BudgetInput, budget_line_problems, not_a_partner, outside_period
from regions.models import (
    Convenant,
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    split_list,
)
from regions.services import vmbo_in_two_regions
from sto.money import ZERO

from . import schema
from .bindings import (
    BINDINGS,
    CONVENANT,
    GOAL,
    ORGANISATION,
    PERIOD,
    PLAN,
    REGION,
    Binding,
    Ref,
)
from .reader import CellError, Problem, RawRow, RawSheet, parse_cell


@dataclass
class ParsedRow:
    """One row of a sheet after validation."""

    number: int
    values: dict[str, object]  # column -> parsed value, for the columns read without a problem
    failed: set[str]  # columns with a problem (or missing from the sheet)
    key: tuple | None = None  # natural key, when every key column was read
    existing: models.Model | None = None  # the row in the database with the same natural key
    clean: dict[str, object] = field(default_factory=dict)  # model field -> validated value
    instance: models.Model | None = None  # the validated unsaved copy (a new row is saved so)

    def given(self, columns: tuple[str, ...]) -> bool:
        """Every one of ``columns`` was read without a problem and is not empty."""
        return not (set(columns) & self.failed) and all(
            self.values.get(column) not in (None, "") for column in columns
        )


@dataclass
class References:
    """What a reference may point to: rows of the workbook and rows already in the database."""

    # code -> the period (unsaved, for its years and days); None when its years are unreadable
    periods: dict[str, Period | None] = field(default_factory=dict)
    organisations: dict[str, str | None] = field(default_factory=dict)  # key -> kind
    organisation_names: dict[str, str] = field(default_factory=dict)  # key -> name
    regions: set[str] = field(default_factory=set)
    convenants: set[tuple[str, str]] = field(default_factory=set)
    # (sto_number, organisation_key) of every membership, current or past
    members: set[tuple[str, str]] = field(default_factory=set)
    # (sto_number, organisation_key, start) -> the membership (start and end), the workbook's
    # row where it has one
    memberships: dict[tuple, Membership] = field(default_factory=dict)
    plans: set[tuple[str, str]] = field(default_factory=set)  # (sto_number, period)
    goals: set[tuple[str, str, str]] = field(default_factory=set)  # (sto_number, period, code)
    _partners: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _by_organisation: dict[str, list[tuple[tuple, Membership]]] | None = None
    one_region_per_vmbo: bool = True
    # the memberships in the database, by natural key (a workbook row may restate one)
    stored_memberships: dict[tuple, Membership] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> "References":
        references = cls(
            periods={
                code: Period(code=code, start_year=start, end_year=end)
                for code, start, end in Period.objects.order_by().values_list(
                    "code", "start_year", "end_year"
                )
            },
            regions=set(Region.objects.order_by().values_list("sto_number", flat=True)),
            convenants=set(
                Convenant.objects.order_by().values_list("region__sto_number", "period__code")
            ),
        )
        for key, kind, name in Organisation.objects.order_by().values_list("key", "kind", "name"):
            references.organisations[key] = kind
            references.organisation_names[key] = name
        return references

    def add(self, entity: str, row: ParsedRow) -> None:
        """Make the workbook row ``row``, which defines ``entity``, a valid reference."""
        v = row.values
        if entity == PERIOD:
            readable = v.get("start_year") is not None and v.get("end_year") is not None
            self.periods[v["code"]] = (
                Period(code=v["code"], start_year=v["start_year"], end_year=v["end_year"])
                if readable
                else None
            )
        elif entity == ORGANISATION:
            self.organisations[v["key"]] = v.get("kind")
            if v.get("name"):
                self.organisation_names[v["key"]] = v["name"]
        elif entity == REGION:
            self.regions.add(v["sto_number"])
        elif entity == CONVENANT:
            self.convenants.add((v["sto_number"], v["period"]))
        elif entity == PLAN:
            self.plans.add((v["sto_number"], v["period"]))
        elif entity == GOAL:
            self.goals.add((v["sto_number"], v["period"], v["code"]))

    def add_existing(
        self, binding: Binding, rows: list[ParsedRow], existing: dict[tuple, models.Model]
    ) -> None:
        """What the sheet's rows in the database (``existing``) make valid references."""
        if binding.spec is schema.MEMBERSHIPS:
            self.add_members(rows, existing)
        elif binding.spec is schema.PLANS:
            self.plans.update(existing)
        elif binding.spec is schema.GOALS:
            self.goals.update(existing)

    def add_members(self, rows: list[ParsedRow], existing: dict[tuple, models.Model]) -> None:
        """The memberships of the workbook and of the database (natural key: region,
        organisation, start)."""
        self.members.update(key[:2] for key in existing)
        columns = ("sto_number", "organisation_key")
        self.members.update(
            (row.values["sto_number"], row.values["organisation_key"])
            for row in rows
            if row.given(columns)
        )
        self.memberships.update(existing)
        self.stored_memberships.update(existing)
        for row in rows:
            if row.key is not None and row.given((*columns, "start")):
                self.memberships[row.key] = Membership(
                    start=row.values["start"], end=row.values.get("end")
                )

    def memberships_of(self, key: str) -> list[tuple[tuple, Membership]]:
        """Every membership (natural key, membership) of the organisation ``key``."""
        if self._by_organisation is None:
            self._by_organisation = {}
            for natural_key, membership in self.memberships.items():
                self._by_organisation.setdefault(natural_key[1], []).append(
                    (natural_key, membership)
                )
        return self._by_organisation.get(key, [])

    def partners(self, sto_number: str, period: Period) -> set[str]:
        """The keys of the organisations that are a partner of the region at some moment of
        the period (``Membership.overlaps``), from the memberships of the workbook and the
        database."""
        found = self._partners.get((sto_number, period.code))
        if found is None:
            found = {
                key
                for (sto, key, _start), membership in self.memberships.items()
                if sto == sto_number and membership.overlaps(period.first_day, period.end_date)
            }
            self._partners[(sto_number, period.code)] = found
        return found


def validate(
    sheets: dict[str, RawSheet], *, one_region_per_vmbo: bool = True
) -> tuple[dict[str, list[ParsedRow]], list[Problem]]:
    """Every sheet's rows, validated, and every problem found (in no particular order).

    ``one_region_per_vmbo=False`` lets a vmbo location be a member of two regions at once, for
    data built by code that breaks that programme rule on purpose (the demo data set, so that
    ``check_rules`` has something to find); a workbook from a person never does."""
    references = References.from_database()
    references.one_region_per_vmbo = one_region_per_vmbo
    parsed: dict[str, list[ParsedRow]] = {}
    problems: list[Problem] = []
    for binding in BINDINGS:
        rows, sheet_problems = _validate_sheet(binding, sheets[binding.spec.name], references)
        parsed[binding.spec.name] = rows
        problems.extend(sheet_problems)
    return parsed, problems


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """In sheet order, then row, then the column's place in the sheet."""
    order = {s.name: {key: i for i, key in enumerate(s.keys)} for s in schema.SHEETS}
    return sorted(problems, key=lambda p: p.sort_key(order))


# Sheets whose rows in the database other sheets refer to through ``References.add_existing``:
# read even when the workbook leaves the sheet out (an optional sheet) or it cannot be read.
_REFERENCED_IN_THE_DATABASE = (schema.MEMBERSHIPS, schema.PLANS, schema.GOALS)


def _validate_sheet(
    binding: Binding, raw: RawSheet, references: References
) -> tuple[list[ParsedRow], list[Problem]]:
    if not raw.readable:
        if binding.spec in _REFERENCED_IN_THE_DATABASE:
            references.add_existing(binding, [], _load_existing(binding))
        return [], []
    rows, problems = _read_rows(raw)
    problems.extend(_duplicate_keys(raw.spec, rows))
    if binding.defines:
        for row in rows:
            if row.key is not None:
                references.add(binding.defines, row)
    existing = _load_existing(binding)
    references.add_existing(binding, rows, existing)
    checks = CROSS_SHEET_CHECKS.get(binding.spec.name, ())
    for row in rows:
        problems.extend(_check_references(binding, row, references))
        for check in checks:
            for problem in check(binding.spec.name, row, references):
                problems.extend(_flag(row, problem))
        if row.key is not None and not (set(raw.spec.natural_key) & row.failed):
            row.existing = existing.get(row.key)
        problems.extend(_full_clean(binding, row))
    return rows, problems


# --- cells into rows -----------------------------------------------------------------------


def _read_rows(raw: RawSheet) -> tuple[list[ParsedRow], list[Problem]]:
    problems: list[Problem] = []
    present = [column for column in raw.spec.columns if column.key in raw.columns]
    rows = [_read_row(raw, present, raw_row, problems) for raw_row in raw.rows]
    return rows, problems


def _read_row(
    raw: RawSheet, present: list[schema.ColumnSpec], raw_row: RawRow, problems: list[Problem]
) -> ParsedRow:
    spec = raw.spec
    row = ParsedRow(raw_row.number, {}, set(raw.missing))
    for column in present:
        try:
            row.values[column.key] = parse_cell(column, raw_row.cells.get(column.key))
        except CellError as exc:
            row.failed.add(column.key)
            problems.append(Problem(spec.name, row.number, column.key, str(exc.args[0])))
    if not row.failed.intersection(spec.natural_key):
        row.key = tuple(row.values[key] for key in spec.natural_key)
    return row


def _duplicate_keys(spec: schema.SheetSpec, rows: list[ParsedRow]) -> list[Problem]:
    """A natural key that occurs twice in the sheet; the later row is at fault."""
    problems = []
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.key is None:
            continue
        if row.key not in seen:
            seen[row.key] = row.number
            continue
        problems.append(
            Problem(
                spec.name,
                row.number,
                spec.natural_key[0],
                _("dubbel: %(key)s staat ook op rij %(row)s.")
                % {"key": _describe_key(spec, row.key), "row": seen[row.key]},
            )
        )
        row.failed.add(spec.natural_key[0])
    return problems


def _describe_key(spec: schema.SheetSpec, key: tuple) -> str:
    return ", ".join(
        f"{column}={value.isoformat() if isinstance(value, datetime.date) else value}"
        for column, value in zip(spec.natural_key, key, strict=True)
    )


def _load_existing(binding: Binding) -> dict[tuple, models.Model]:
    """The sheet's rows already in the database, by natural key, in one query."""
    queryset = binding.existing() if binding.existing else binding.model._default_manager.all()
    if binding.related:
        queryset = queryset.select_related(*binding.related)
    return {binding.db_key(obj): obj for obj in queryset.order_by()}


def _flag(row: ParsedRow, problem: Problem | None) -> list[Problem]:
    """``problem`` as a list, its column marked as failed so later checks leave it alone."""
    if problem is None:
        return []
    row.failed.add(problem.column)
    return [problem]


# --- references ----------------------------------------------------------------------------


def _check_references(binding: Binding, row: ParsedRow, references: References) -> list[Problem]:
    problems = []
    for ref in binding.refs:
        if row.given(ref.columns):
            check = _REFERENCE_CHECKS[ref.entity]
            problems.extend(_flag(row, check(binding.spec.name, ref, row, references)))
    return problems


def _check_organisation(
    sheet: str, ref: Ref, row: ParsedRow, references: References
) -> Problem | None:
    column = ref.columns[0]
    key = row.values[column]
    if key not in references.organisations:
        return Problem(
            sheet,
            row.number,
            column,
            _(
                "onbekende organisatie '%(key)s': niet in het tabblad organisations en niet in de database."
            )
            % {"key": key},
        )
    kind = references.organisations[key]
    if ref.kinds and kind and kind not in ref.kinds:
        return Problem(
            sheet,
            row.number,
            column,
            _("%(rule)s; %(key)s is een %(kind)s.")
            % {
                "rule": _(ref.kind_message).rstrip("."),
                "key": key,
                "kind": OrganisationKind(kind).label,
            },
        )
    return None


def _check_region(sheet: str, ref: Ref, row: ParsedRow, references: References) -> Problem | None:
    column = ref.columns[0]
    if row.values[column] in references.regions:
        return None
    return _unknown_region(sheet, row, column)


def _check_period(sheet: str, ref: Ref, row: ParsedRow, references: References) -> Problem | None:
    column = ref.columns[0]
    if row.values[column] in references.periods:
        return None
    return _unknown_period(sheet, row, column)


def _check_convenant(
    sheet: str, ref: Ref, row: ParsedRow, references: References
) -> Problem | None:
    region_column, period_column = ref.columns
    sto_number, code = row.values[region_column], row.values[period_column]
    if sto_number not in references.regions:
        return _unknown_region(sheet, row, region_column)
    if code not in references.periods:
        return _unknown_period(sheet, row, period_column)
    if (sto_number, code) in references.convenants:
        return None
    return Problem(
        sheet,
        row.number,
        period_column,
        _("regio %(region)s heeft geen convenant voor periode %(period)s (tabblad convenants).")
        % {"region": sto_number, "period": code},
    )


def _check_plan(sheet: str, ref: Ref, row: ParsedRow, references: References) -> Problem | None:
    region_column, period_column = ref.columns
    sto_number, code = row.values[region_column], row.values[period_column]
    if sto_number not in references.regions:
        return _unknown_region(sheet, row, region_column)
    if code not in references.periods:
        return _unknown_period(sheet, row, period_column)
    if (sto_number, code) in references.plans:
        return None
    return Problem(
        sheet,
        row.number,
        period_column,
        _(
            "regio %(region)s heeft geen plan voor periode %(period)s: niet in het tabblad plans "
            "en niet in de database."
        )
        % {"region": sto_number, "period": code},
    )


_REFERENCE_CHECKS: dict[str, Callable[[str, Ref, ParsedRow, References], Problem | None]] = {
    ORGANISATION: _check_organisation,
    REGION: _check_region,
    PERIOD: _check_period,
    CONVENANT: _check_convenant,
    PLAN: _check_plan,
}


def _unknown_region(sheet: str, row: ParsedRow, column: str) -> Problem:
    return Problem(
        sheet,
        row.number,
        column,
        _("onbekende regio '%(v)s': niet in het tabblad regions en niet in de database.")
        % {"v": row.values[column]},
    )


def _unknown_period(sheet: str, row: ParsedRow, column: str) -> Problem:
    return Problem(
        sheet,
        row.number,
        column,
        _("onbekende periode '%(v)s': niet in het tabblad periods en niet in de database.")
        % {"v": row.values[column]},
    )


# --- checks across sheets ------------------------------------------------------------------


def _grant_year_in_period(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """A grant's year lies within its period (``Grant.clean``, which needs the period row)."""
    if not row.given(("period", "year")):
        return []
    period = references.periods.get(row.values["period"])
    if period is None or row.values["year"] in period.years:
        return []
    return [
        Problem(
            sheet,
            row.number,
            "year",
            _("Het jaar %(year)s valt niet in periode %(period)s.")
            % {"year": row.values["year"], "period": row.values["period"]},
        )
    ]


def _contribution_from_member(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """A contribution is only asked of a municipality that is or was a member of the region,
    as ``cofinancing.services.contribution_request`` requires on the web."""
    if not row.given(("sto_number", "organisation_key")):
        return []
    sto_number, key = row.values["sto_number"], row.values["organisation_key"]
    if (sto_number, key) in references.members:
        return []
    return [
        Problem(
            sheet,
            row.number,
            "organisation_key",
            _("%(name)s is geen lid van regio %(region)s.")
            % {"name": references.organisation_names.get(key, key), "region": sto_number},
        )
    ]


def _plan_period(row: ParsedRow, references: References, *columns: str) -> Period | None:
    """The period of the row's plan, when the plan and ``columns`` were read without a problem
    and the period's years are known."""
    if not row.given(("sto_number", "period", *columns)):
        return None
    return references.periods.get(row.values["period"])


def _days_in_period(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """An activity takes place within the plan's period (``plans.services.activity_save``)."""
    problems = []
    for column in ("starts", "ends"):
        period = _plan_period(row, references, column)
        message = None if period is None else outside_period(row.values[column], period)
        if message:
            problems.append(Problem(sheet, row.number, column, message))
    return problems


def _owner_is_partner(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """An activity or a risk is owned by a partner of the region during the plan's period
    (``plans.services``)."""
    period = _plan_period(row, references, "owner_key")
    sto_number, key = row.values.get("sto_number"), row.values.get("owner_key")
    if period is None or key in references.partners(sto_number, period):
        return []
    name = references.organisation_names.get(key, key)
    return [Problem(sheet, row.number, "owner_key", not_a_partner(name, period, sto_number))]


def _goals_of_the_plan(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """An activity serves goals of the same plan: in the goals sheet or in the database."""
    if not row.given(("sto_number", "period", "goal_codes")):
        return []
    plan = (row.values["sto_number"], row.values["period"])
    unknown = [
        code
        for code in split_list(row.values["goal_codes"])
        if (*plan, code) not in references.goals
    ]
    if not unknown:
        return []
    return [
        Problem(
            sheet,
            row.number,
            "goal_codes",
            _(
                "onbekend doel %(codes)s: geen doel van het plan van regio %(region)s voor "
                "periode %(period)s, niet in het tabblad goals en niet in de database."
            )
            % {"codes": ", ".join(unknown), "region": plan[0], "period": plan[1]},
        )
    ]


_BUDGET_COLUMNS = {"organisation": "organisation_key"}


def _budget_line(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """The rules of ``plans.services.budget_line_problems``: a partner of the region during
    the period, a year within the period, amounts ≥ 0."""
    period = _plan_period(row, references, "year", "organisation_key")
    if period is None:
        return []
    v = row.values
    key = v["organisation_key"]
    line = BudgetInput(
        year=v["year"],
        organisation=Organisation(key=key, name=references.organisation_names.get(key, key)),
        personnel=v.get("personnel") or ZERO,
        material=v.get("material") or ZERO,
        overhead=v.get("overhead") or ZERO,
        row=row.number,
    )
    partners = references.partners(v["sto_number"], period)
    return [
        Problem(sheet, row.number, _BUDGET_COLUMNS.get(p.field, p.field), p.message)
        for p in budget_line_problems(period, v["sto_number"], [line], partners)
    ]


def _membership_overlaps(sheet: str, row: ParsedRow, references: References) -> list[Problem]:
    """A new or changed membership does not overlap another membership of the same organisation
    in the same region, and a vmbo location is a member of one region at a time
    (``regions.services.membership_create``); the memberships of the workbook and the database.
    A row that restates a stored membership unchanged adds nothing and passes, as on the web,
    where only a new membership is refused."""
    if row.key is None or not row.given(("sto_number", "organisation_key", "start")):
        return []
    sto_number, key = row.values["sto_number"], row.values["organisation_key"]
    start, end = row.values["start"], row.values.get("end")
    if end is not None and end < start:
        return []  # the model's own validation refuses the row
    stored = references.stored_memberships.get(row.key)
    if stored is not None and (stored.start, stored.end) == (start, end):
        return []  # restates a stored membership: the import adds nothing (as the web allows)
    vmbo = references.one_region_per_vmbo and (
        references.organisations.get(key) == OrganisationKind.VMBO
    )
    for other_key, other in references.memberships_of(key):
        if other_key == row.key or not other.overlaps(start, end):
            continue
        if other_key[0] == sto_number:
            message = _("dit lidmaatschap overlapt met dat vanaf %(start)s in dezelfde regio.") % {
                "start": other.start.isoformat()
            }
        elif vmbo:
            message = vmbo_in_two_regions(references.organisation_names.get(key, key), other_key[0])
        else:
            continue
        return [Problem(sheet, row.number, "start", message)]
    return []


CROSS_SHEET_CHECKS: dict[str, tuple[Callable[[str, ParsedRow, References], list[Problem]], ...]] = {
    schema.MEMBERSHIPS.name: (_membership_overlaps,),
    schema.GRANTS.name: (_grant_year_in_period,),
    schema.CONTRIBUTIONS.name: (_contribution_from_member,),
    schema.ACTIVITIES.name: (_days_in_period, _owner_is_partner, _goals_of_the_plan),
    schema.RISKS.name: (_owner_is_partner,),
    schema.BUDGET_LINES.name: (_budget_line,),
}


# --- the models' own validation ------------------------------------------------------------


def _full_clean(binding: Binding, row: ParsedRow) -> list[Problem]:
    """The model's own validation on an unsaved copy, without database queries.

    Foreign keys are checked above against the workbook and the database, so they are left out
    here (``ForeignKey.validate`` would query once per row), and so are unique checks and
    constraints (duplicates are checked in memory; the check constraints mirror ``clean()``).
    """
    instance = binding.model(**_model_values(binding, row))
    exclude = {ref.field for ref in binding.refs} | {
        name for column in row.failed for name in binding.fields_of(column)
    }
    problems = []
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        problems = _model_problems(binding, row, exc, exclude)
    # Validation may normalise values (Organisation.clean: the key and the profile list).
    row.clean = {
        model_field: getattr(instance, model_field)
        for column in row.values
        for model_field in binding.fields_of(column)
    }
    row.instance = instance
    return problems


def _model_values(binding: Binding, row: ParsedRow) -> dict[str, object]:
    """The stored values, overwritten by what the row says; a failed column is left empty."""
    values = (
        {name: getattr(row.existing, name) for name in binding.model_fields}
        if row.existing is not None
        else {}
    )
    for column in (*binding.fields, *binding.spread):
        if column in row.failed:
            values.update(binding.field_values(column, None))
        elif column in row.values:
            values.update(binding.field_values(column, row.values[column]))
    return values


def _model_problems(
    binding: Binding, row: ParsedRow, exc: ValidationError, exclude: set[str]
) -> list[Problem]:
    columns = binding.field_columns
    problems = []
    for model_field, messages in exc.message_dict.items():
        if model_field in exclude:
            continue
        column = (
            binding.spec.natural_key[0]
            if model_field == NON_FIELD_ERRORS
            else columns.get(model_field, None)
        )
        problems.extend(Problem(binding.spec.name, row.number, column, m) for m in messages)
    return problems
