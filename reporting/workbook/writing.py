"""Writing validated rows: upsert by natural key, with history (docs/workbook.md).

Each sheet costs a fixed number of queries: new rows are inserted with
``bulk_create_with_history`` and changed rows updated with ``bulk_update_with_history``, both
recording the acting user and the reason in the history rows. A row whose values did not change
is not written at all, so importing the same data twice changes nothing the second time.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cofinancing.models import MunicipalContribution
from regions.models import Convenant, Organisation, Period, Region

from .bindings import BINDINGS, CONVENANT, ORGANISATION, PERIOD, REGION, Binding, Ref
from .validation import ParsedRow


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

    def resolve(self, ref: Ref, row: ParsedRow):
        values = tuple(row.values.get(column) for column in ref.columns)
        if any(value in (None, "") for value in values):
            return None
        return self.maps[ref.entity][values if len(values) > 1 else values[0]]


@dataclass
class _SheetWrite:
    """What one sheet changes: new rows, changed rows and the fields that changed."""

    created: list[models.Model] = field(default_factory=list)
    changed: list[models.Model] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    unchanged: int = 0

    @property
    def counts(self) -> SheetCounts:
        return SheetCounts(len(self.created), len(self.changed), self.unchanged)


def write_rows(parsed: dict[str, list[ParsedRow]], *, by, reason: str) -> ImportSummary:
    """Upsert every validated row, sheet by sheet in the order of ``BINDINGS``."""
    summary = ImportSummary()
    keys = _Keys()
    for binding in BINDINGS:
        plan = _plan(binding, parsed[binding.spec.name], keys)
        _store(binding, plan, by=by, reason=reason)
        summary.sheets[binding.spec.name] = plan.counts
        if binding.defines and (plan.created or plan.changed):
            keys.refresh(binding.defines)
    return summary


def _plan(binding: Binding, rows: list[ParsedRow], keys: _Keys) -> _SheetWrite:
    plan = _SheetWrite()
    for row in rows:
        if row.existing is None:
            plan.created.append(_new(binding, row, keys))
            continue
        changed = _update(binding, row.existing, _row_values(binding, row, keys))
        if changed:
            plan.changed.append(row.existing)
            plan.changed_fields |= changed
        else:
            plan.unchanged += 1
    return plan


def _new(binding: Binding, row: ParsedRow, keys: _Keys) -> models.Model:
    """The validated copy of a new row (its values as ``row.clean``, the model's defaults for
    the columns it lacks), with its references resolved to primary keys."""
    instance = row.instance
    for ref in binding.refs:
        if all(column in row.values for column in ref.columns):
            setattr(instance, f"{ref.field}_id", keys.resolve(ref, row))
    return instance


def _row_values(binding: Binding, row: ParsedRow, keys: _Keys) -> dict[str, object]:
    """Model field (or ``<foreign key>_id``) -> value, for the columns the row has."""
    values = dict(row.clean)
    for ref in binding.refs:
        if all(column in row.values for column in ref.columns):
            values[f"{ref.field}_id"] = keys.resolve(ref, row)
    return values


def _update(binding: Binding, obj: models.Model, values: dict[str, object]) -> set[str]:
    """Set the values that differ on ``obj``; returns the names of the fields that changed."""
    differs = [name for name, value in values.items() if getattr(obj, name) != value]
    if not differs:
        return set()
    for name in differs:
        setattr(obj, name, values[name])
    changed = {name.removesuffix("_id") for name in differs}
    if binding.model is MunicipalContribution:
        # Someone editing this contribution at the same time must notice the change.
        obj.version += 1
        changed.add("version")
    return changed


def _store(binding: Binding, plan: _SheetWrite, *, by, reason: str) -> None:
    if plan.created:
        bulk_create_with_history(
            plan.created, binding.model, default_user=by, default_change_reason=reason
        )
    if plan.changed:
        bulk_update_with_history(
            plan.changed,
            binding.model,
            fields=sorted(plan.changed_fields),
            default_user=by,
            default_change_reason=reason,
        )
