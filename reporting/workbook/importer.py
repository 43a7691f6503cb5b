"""All-or-nothing import of the STO interchange workbook (docs/interfaces.md §1).

The import first validates every row of every sheet in memory — the models' own validation
(``full_clean``: BRIN/KvK/CBS keys, enum values, end before start, contribution status) plus the
cross-checks between sheets (references, kinds, a grant's year within its period, duplicate
keys) — and collects every problem. Only when there is none does it write, inside one
transaction, with bulk inserts and updates that record the acting user in the history.

Rows are upserted by their natural key; rows in the database that the workbook does not mention
are left alone; a row whose values did not change is not written, so importing the same workbook
twice changes nothing the second time.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from regions.models import (
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    Signature,
    StudentCount,
)

from . import schema
from .reader import CellError, Problem, RawSheet, WorkbookInvalid, parse_cell, read_workbook

CHANGE_REASON = "import werkmap"

# Entities other sheets refer to, and the sheet that defines each.
PERIOD, ORGANISATION, REGION, CONVENANT = "period", "organisation", "region", "convenant"


@dataclass(frozen=True)
class Ref:
    """A foreign key given by one or more columns holding the referenced row's natural key."""

    entity: str
    field: str  # the model's ForeignKey
    columns: tuple[str, ...]
    kinds: tuple[str, ...] = ()  # allowed organisation kinds
    kind_message: str = ""


@dataclass(frozen=True)
class Binding:
    """How one sheet maps onto its model."""

    spec: schema.SheetSpec
    model: type[models.Model]
    fields: dict[str, str]  # column -> plain model field
    refs: tuple[Ref, ...] = ()
    defines: str | None = None  # the entity this sheet's rows are
    related: tuple[str, ...] = ()  # select_related for loading existing rows
    db_key: Callable[[models.Model], tuple] = lambda obj: ()

    @property
    def field_columns(self) -> dict[str, str]:
        mapping = {model_field: column for column, model_field in self.fields.items()}
        for ref in self.refs:
            mapping.setdefault(ref.field, ref.columns[-1])
        return mapping


BINDINGS: tuple[Binding, ...] = (
    Binding(
        schema.PERIODS,
        Period,
        {
            "code": "code",
            "start_year": "start_year",
            "end_year": "end_year",
            "min_cofinancing_pct": "min_cofinancing_pct",
            "techniekarm_max_technical_pct": "techniekarm_max_technical_pct",
        },
        defines=PERIOD,
        db_key=lambda o: (o.code,),
    ),
    Binding(
        schema.ORGANISATIONS,
        Organisation,
        {
            "key": "key",
            "kind": "kind",
            "name": "name",
            "city": "city",
            "technical_profiles": "technical_profiles",
            "inhabitants": "inhabitants",
        },
        defines=ORGANISATION,
        db_key=lambda o: (o.key,),
    ),
    Binding(
        schema.REGIONS,
        Region,
        {"sto_number": "sto_number", "name": "name", "kind": "kind"},
        refs=(
            Ref(
                ORGANISATION,
                "lead",
                ("lead_key",),
                kinds=(OrganisationKind.VMBO,),
                kind_message="De penvoerder moet een vmbo-vestiging zijn.",
            ),
        ),
        defines=REGION,
        db_key=lambda o: (o.sto_number,),
    ),
    Binding(
        schema.MEMBERSHIPS,
        Membership,
        {"start": "start", "end": "end"},
        refs=(
            Ref(REGION, "region", ("sto_number",)),
            Ref(ORGANISATION, "organisation", ("organisation_key",)),
        ),
        related=("region", "organisation"),
        db_key=lambda o: (o.region.sto_number, o.organisation.key, o.start),
    ),
    Binding(
        schema.STUDENT_COUNTS,
        StudentCount,
        {
            "reference_date": "reference_date",
            "profile": "profile",
            "learning_path": "learning_path",
            "students": "students",
        },
        refs=(Ref(ORGANISATION, "organisation", ("organisation_key",)),),
        related=("organisation",),
        db_key=lambda o: (o.organisation.key, o.reference_date, o.profile, o.learning_path),
    ),
    Binding(
        schema.GRANTS,
        Grant,
        {"year": "year", "amount": "amount"},
        refs=(Ref(REGION, "region", ("sto_number",)), Ref(PERIOD, "period", ("period",))),
        related=("region", "period"),
        db_key=lambda o: (o.region.sto_number, o.year),
    ),
    Binding(
        schema.COFINANCING,
        CofinancingCommitment,
        {"year": "year", "form": "form", "committed": "committed", "realised": "realised"},
        refs=(
            Ref(REGION, "region", ("sto_number",)),
            Ref(
                ORGANISATION,
                "organisation",
                ("organisation_key",),
                kinds=(OrganisationKind.COMPANY,),
                kind_message="Cofinanciering komt van een bedrijf.",
            ),
        ),
        related=("region", "organisation"),
        db_key=lambda o: (o.region.sto_number, o.organisation.key, o.year, o.form),
    ),
    Binding(
        schema.CONTRIBUTIONS,
        MunicipalContribution,
        {
            "year": "year",
            "requested": "requested",
            "approved": "approved",
            "status": "status",
            "decided_on": "decided_on",
            "decision_reason": "decision_reason",
            "purpose": "purpose",
        },
        refs=(
            Ref(REGION, "region", ("sto_number",)),
            Ref(
                ORGANISATION,
                "municipality",
                ("organisation_key",),
                kinds=(OrganisationKind.MUNICIPALITY,),
                kind_message="Een bijdrage komt van een gemeente.",
            ),
        ),
        related=("region", "municipality"),
        db_key=lambda o: (o.region.sto_number, o.municipality.key, o.year),
    ),
    Binding(
        schema.CONVENANTS,
        Convenant,
        {
            "title": "title",
            "starts": "starts",
            "ends": "ends",
            "signing_deadline": "signing_deadline",
        },
        refs=(Ref(REGION, "region", ("sto_number",)), Ref(PERIOD, "period", ("period",))),
        defines=CONVENANT,
        related=("region", "period"),
        db_key=lambda o: (o.region.sto_number, o.period.code),
    ),
    Binding(
        schema.SIGNATURES,
        Signature,
        {"signed_on": "signed_on", "signatory": "signatory", "function": "function"},
        refs=(
            Ref(CONVENANT, "convenant", ("sto_number", "period")),
            Ref(ORGANISATION, "organisation", ("organisation_key",)),
        ),
        related=("convenant__region", "convenant__period", "organisation"),
        db_key=lambda o: (
            o.convenant.region.sto_number,
            o.convenant.period.code,
            o.organisation.key,
        ),
    ),
    Binding(
        schema.ANNUAL_REPORTS,
        AnnualReport,
        {"year": "year", "submitted_on": "submitted_on", "activities": "activities"},
        refs=(Ref(REGION, "region", ("sto_number",)),),
        related=("region",),
        db_key=lambda o: (o.region.sto_number, o.year),
    ),
)


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportSummary:
    """Rows per sheet: created, updated and unchanged."""

    sheets: dict[str, SheetCounts] = field(default_factory=dict)

    def __getitem__(self, sheet: str) -> SheetCounts:
        return self.sheets[sheet]

    @property
    def created(self) -> int:
        return sum(c.created for c in self.sheets.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.sheets.values())

    def lines(self) -> list[str]:
        return [
            _("%(sheet)s: %(c)s nieuw, %(u)s gewijzigd, %(n)s ongewijzigd")
            % {"sheet": name, "c": c.created, "u": c.updated, "n": c.unchanged}
            for name, c in self.sheets.items()
        ]

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass
class _Row:
    number: int
    values: dict[str, object]  # column -> parsed value, for the columns read without a problem
    failed: set[str]  # columns with a problem (or missing from the sheet)
    key: tuple | None = None  # natural key, when every key column was read
    existing: models.Model | None = None
    clean: dict[str, object] = field(default_factory=dict)  # model field -> validated value


@dataclass
class _Index:
    """What a reference may point to: rows of the workbook and rows already in the database."""

    periods: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # code -> years
    organisations: dict[str, str | None] = field(default_factory=dict)  # key -> kind
    regions: set[str] = field(default_factory=set)
    convenants: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def from_database(cls) -> "_Index":
        return cls(
            periods={
                c: (s, e)
                for c, s, e in Period.objects.order_by().values_list(
                    "code", "start_year", "end_year"
                )
            },
            organisations=dict(Organisation.objects.order_by().values_list("key", "kind")),
            regions=set(Region.objects.order_by().values_list("sto_number", flat=True)),
            convenants=set(
                Convenant.objects.order_by().values_list("region__sto_number", "period__code")
            ),
        )

    def add(self, entity: str, row: _Row) -> None:
        v = row.values
        if entity == PERIOD:
            years = (
                (v["start_year"], v["end_year"]) if {"start_year", "end_year"} <= v.keys() else None
            )
            self.periods[v["code"]] = years
        elif entity == ORGANISATION:
            self.organisations[v["key"]] = v.get("kind")
        elif entity == REGION:
            self.regions.add(v["sto_number"])
        elif entity == CONVENANT:
            self.convenants.add((v["sto_number"], v["period"]))


def import_workbook(source, *, by=None) -> ImportSummary:
    """Import the workbook at ``source`` (a path or a binary file object), all or nothing.

    Raises ``WorkbookInvalid`` listing every problem as ``sheet!row: column: message`` when any
    row is invalid; the database is then unchanged. ``by`` is recorded as the history user.
    """
    sheets, problems = read_workbook(source)
    if problems and not sheets:
        raise WorkbookInvalid(problems)
    with transaction.atomic():
        index = _Index.from_database()
        parsed: dict[str, list[_Row]] = {}
        for binding in BINDINGS:
            rows, sheet_problems = _validate_sheet(binding, sheets[binding.spec.name], index)
            parsed[binding.spec.name] = rows
            problems.extend(sheet_problems)
        if problems:
            order = {s.name: {key: i for i, key in enumerate(s.keys)} for s in schema.SHEETS}
            raise WorkbookInvalid(sorted(problems, key=lambda p: p.sort_key(order)))
        return _write(parsed, by=by)


# --- validation --------------------------------------------------------------------------


def _validate_sheet(
    binding: Binding, raw: RawSheet, index: _Index
) -> tuple[list[_Row], list[Problem]]:
    spec = binding.spec
    problems: list[Problem] = []
    if not raw.readable:
        return [], problems
    rows = []
    for raw_row in raw.rows:
        row = _Row(raw_row.number, {}, set(raw.missing))
        for column in spec.columns:
            if column.key not in raw.columns:
                continue
            try:
                row.values[column.key] = parse_cell(column, raw_row.cells.get(column.key))
            except CellError as exc:
                row.failed.add(column.key)
                problems.append(Problem(spec.name, row.number, column.key, str(exc.args[0])))
        if not set(spec.natural_key) & row.failed:
            row.key = tuple(row.values[key] for key in spec.natural_key)
        rows.append(row)

    # Duplicate keys inside the sheet.
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.key is None:
            continue
        if row.key in seen:
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
        else:
            seen[row.key] = row.number

    if binding.defines:
        for row in rows:
            if row.key is not None:
                index.add(binding.defines, row)

    existing = _load_existing(binding)
    for row in rows:
        problems.extend(_check_references(binding, row, index))
        if row.key is not None and not (set(spec.natural_key) & row.failed):
            row.existing = existing.get(row.key)
        problems.extend(_full_clean(binding, row))
    return rows, problems


def _describe_key(spec: schema.SheetSpec, key: tuple) -> str:
    return ", ".join(
        f"{column}={value.isoformat() if isinstance(value, datetime.date) else value}"
        for column, value in zip(spec.natural_key, key, strict=True)
    )


def _load_existing(binding: Binding) -> dict[tuple, models.Model]:
    """The sheet's rows already in the database, by natural key, in one query."""
    queryset = binding.model.objects.all()
    if binding.related:
        queryset = queryset.select_related(*binding.related)
    return {binding.db_key(obj): obj for obj in queryset.order_by()}


def _check_references(binding: Binding, row: _Row, index: _Index) -> list[Problem]:
    sheet = binding.spec.name
    problems = []
    for ref in binding.refs:
        if set(ref.columns) & row.failed or any(
            row.values.get(c) in (None, "") for c in ref.columns
        ):
            continue
        if ref.entity == ORGANISATION:
            column = ref.columns[0]
            key = row.values[column]
            if key not in index.organisations:
                problems.append(
                    Problem(
                        sheet,
                        row.number,
                        column,
                        _(
                            "onbekende organisatie '%(key)s': niet in het tabblad organisations en niet in de database."
                        )
                        % {"key": key},
                    )
                )
                row.failed.add(column)
            elif (
                ref.kinds and index.organisations[key] and index.organisations[key] not in ref.kinds
            ):
                problems.append(
                    Problem(
                        sheet,
                        row.number,
                        column,
                        _("%(rule)s; %(key)s is een %(kind)s.")
                        % {
                            "rule": _(ref.kind_message).rstrip("."),
                            "key": key,
                            "kind": OrganisationKind(index.organisations[key]).label,
                        },
                    )
                )
                row.failed.add(column)
        elif ref.entity == REGION:
            column = ref.columns[0]
            if row.values[column] not in index.regions:
                problems.append(_unknown_region(sheet, row, column))
                row.failed.add(column)
        elif ref.entity == PERIOD:
            column = ref.columns[0]
            code = row.values[column]
            if code not in index.periods:
                problems.append(_unknown_period(sheet, row, column))
                row.failed.add(column)
            elif binding.model is Grant and "year" in row.values and index.periods[code]:
                start, end = index.periods[code]
                if not start <= row.values["year"] <= end:
                    problems.append(
                        Problem(
                            sheet,
                            row.number,
                            "year",
                            _("Het jaar %(year)s valt niet in periode %(period)s.")
                            % {"year": row.values["year"], "period": code},
                        )
                    )
                    row.failed.add("year")
        elif ref.entity == CONVENANT:
            region_column, period_column = ref.columns
            sto_number, code = row.values[region_column], row.values[period_column]
            if sto_number not in index.regions:
                problems.append(_unknown_region(sheet, row, region_column))
                row.failed.add(region_column)
            elif code not in index.periods:
                problems.append(_unknown_period(sheet, row, period_column))
                row.failed.add(period_column)
            elif (sto_number, code) not in index.convenants:
                problems.append(
                    Problem(
                        sheet,
                        row.number,
                        period_column,
                        _(
                            "regio %(region)s heeft geen convenant voor periode %(period)s (tabblad convenants)."
                        )
                        % {"region": sto_number, "period": code},
                    )
                )
                row.failed.add(period_column)
    return problems


def _unknown_region(sheet: str, row: _Row, column: str) -> Problem:
    return Problem(
        sheet,
        row.number,
        column,
        _("onbekende regio '%(v)s': niet in het tabblad regions en niet in de database.")
        % {"v": row.values[column]},
    )


def _unknown_period(sheet: str, row: _Row, column: str) -> Problem:
    return Problem(
        sheet,
        row.number,
        column,
        _("onbekende periode '%(v)s': niet in het tabblad periods en niet in de database.")
        % {"v": row.values[column]},
    )


def _plain_values(obj: models.Model, fields: list[str]) -> dict[str, object]:
    return {name: getattr(obj, name) for name in fields}


def _full_clean(binding: Binding, row: _Row) -> list[Problem]:
    """The model's own validation on an unsaved copy, without database queries.

    Foreign keys are checked above against the workbook and the database, so they are left out
    here (``ForeignKey.validate`` would query once per row), and so are unique checks and
    constraints (duplicates are checked in memory; the check constraints mirror ``clean()``).
    """
    model_fields = list(binding.fields.values())
    values = _plain_values(row.existing, model_fields) if row.existing is not None else {}
    for column, model_field in binding.fields.items():
        if column in row.failed:
            values[model_field] = None
        elif column in row.values:
            values[model_field] = row.values[column]
    instance = binding.model(**values)
    failed_fields = {binding.fields[c] for c in row.failed if c in binding.fields}
    exclude = {ref.field for ref in binding.refs} | failed_fields
    columns = binding.field_columns
    problems = []
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for model_field, messages in exc.message_dict.items():
            if model_field in exclude:
                continue
            column = (
                binding.spec.natural_key[0]
                if model_field == NON_FIELD_ERRORS
                else columns.get(model_field, None)
            )
            for message in messages:
                problems.append(Problem(binding.spec.name, row.number, column, message))
    # Validation may normalise values (Organisation.clean: the key and the profile list).
    row.clean = {
        model_field: getattr(instance, model_field)
        for column, model_field in binding.fields.items()
        if column in row.values
    }
    return problems


# --- writing -----------------------------------------------------------------------------


class _Keys:
    """Primary keys by natural key, refreshed after each sheet that defines an entity."""

    def __init__(self):
        self.maps: dict[str, dict] = {}
        for entity in (PERIOD, ORGANISATION, REGION, CONVENANT):
            self.refresh(entity)

    def refresh(self, entity: str) -> None:
        if entity == PERIOD:
            self.maps[PERIOD] = dict(Period.objects.order_by().values_list("code", "pk"))
        elif entity == ORGANISATION:
            self.maps[ORGANISATION] = dict(Organisation.objects.order_by().values_list("key", "pk"))
        elif entity == REGION:
            self.maps[REGION] = dict(Region.objects.order_by().values_list("sto_number", "pk"))
        elif entity == CONVENANT:
            self.maps[CONVENANT] = {
                (sto, code): pk
                for sto, code, pk in Convenant.objects.order_by().values_list(
                    "region__sto_number", "period__code", "pk"
                )
            }

    def resolve(self, ref: Ref, row: _Row):
        values = tuple(row.values.get(column) for column in ref.columns)
        if any(value in (None, "") for value in values):
            return None
        return self.maps[ref.entity][values if len(values) > 1 else values[0]]


def _write(parsed: dict[str, list[_Row]], *, by) -> ImportSummary:
    summary = ImportSummary()
    keys = _Keys()
    for binding in BINDINGS:
        counts = SheetCounts()
        summary.sheets[binding.spec.name] = counts
        created, changed, changed_fields = [], [], set()
        for row in parsed[binding.spec.name]:
            values = dict(row.clean)
            for ref in binding.refs:
                if all(column in row.values for column in ref.columns):
                    values[f"{ref.field}_id"] = keys.resolve(ref, row)
            if row.existing is None:
                created.append(binding.model(**values))
                continue
            obj = row.existing
            differs = [name for name, value in values.items() if getattr(obj, name) != value]
            if not differs:
                counts.unchanged += 1
                continue
            for name in differs:
                setattr(obj, name, values[name])
                changed_fields.add(name.removesuffix("_id"))
            if binding.model is MunicipalContribution:
                # Someone editing this contribution at the same time must notice the change.
                obj.version += 1
                changed_fields.add("version")
            changed.append(obj)
        if created:
            bulk_create_with_history(
                created, binding.model, default_user=by, default_change_reason=CHANGE_REASON
            )
        if changed:
            bulk_update_with_history(
                changed,
                binding.model,
                fields=sorted(changed_fields),
                default_user=by,
                default_change_reason=CHANGE_REASON,
            )
        counts.created, counts.updated = len(created), len(changed)
        if binding.defines and (created or changed):
            keys.refresh(binding.defines)
    return summary
