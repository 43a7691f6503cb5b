"""Writing validated rows: upsert by natural key, with history (docs/workbook.md).

Each sheet costs a fixed number of queries: new rows are inserted with
``bulk_create_with_history`` and changed rows updated with ``bulk_update_with_history``, both
recording the acting user and the reason in the history rows. A row whose values did not change
is not written at all, so importing the same data twice changes nothing the second time.

An activity's goals (many-to-many) are written after the activities, in bulk too; an activity
whose goals change gets a history row like one whose fields change, and every history row
written holds the activity's goals as they are after the import (django-simple-history's m2m
history, ``HistoricalRecords(m2m_fields=[goals])``).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cofinancing.models import MunicipalContribution
from plans.models import Activity, Goal
from plans.selectors import latest_versions
from regions.models import Convenant, Organisation, Period, Region, split_list

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
        for entity in (PERIOD, ORGANISATION, REGION, CONVENANT, PLAN, GOAL):
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
        elif entity == PLAN:  # the current version of each plan
            self.maps[PLAN] = {
                (sto, code): pk
                for sto, code, pk in latest_versions()
                .order_by()
                .values_list("region__sto_number", "period__code", "pk")
            }
        elif entity == GOAL:  # the goals of the current versions
            self.maps[GOAL] = {
                (sto, period, code): pk
                for sto, period, code, pk in Goal.objects.filter(plan__in=latest_versions())
                .order_by()
                .values_list("plan__region__sto_number", "plan__period__code", "code", "pk")
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
    objects: list[tuple[ParsedRow, models.Model]] = field(default_factory=list)  # row -> its object

    @property
    def counts(self) -> SheetCounts:
        return SheetCounts(len(self.created), len(self.changed), self.unchanged)


def write_rows(parsed: dict[str, list[ParsedRow]], *, by, reason: str) -> ImportSummary:
    """Upsert every validated row, sheet by sheet in the order of ``BINDINGS``."""
    summary = ImportSummary()
    keys = _Keys()
    for binding in BINDINGS:
        plan = _plan(binding, parsed[binding.spec.name], keys)
        if binding.model is Activity:
            _store_activities(plan, keys, by=by, reason=reason)
        else:
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
            plan.objects.append((row, plan.created[-1]))
            continue
        plan.objects.append((row, row.existing))
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


# --- activities and their goals ------------------------------------------------------------


def _store_activities(plan: _SheetWrite, keys: _Keys, *, by, reason: str) -> None:
    """Write the activities, then their goals (the goals are written by now), then one
    history row for each activity created, changed or given other goals, holding its goals."""
    if not plan.objects:
        return
    through = Activity.goals.through
    linked: dict[int, dict[int, int]] = {}  # activity -> goal -> link, as in the database
    for pk, activity_id, goal_id in through.objects.filter(
        activity__plan__in=latest_versions()
    ).values_list("pk", "activity_id", "goal_id"):
        linked.setdefault(activity_id, {})[goal_id] = pk
    wanted = [(obj, _goal_ids(row, keys)) for row, obj in plan.objects]
    changed = {obj.pk for obj in plan.changed}
    regoaled = [
        obj
        for obj, goals in wanted
        if obj.pk is not None and obj.pk not in changed and goals != set(linked.get(obj.pk, {}))
    ]

    Activity.objects.bulk_create(plan.created)
    if plan.changed:
        Activity.objects.bulk_update(plan.changed, sorted(plan.changed_fields))
    stale = [
        link
        for obj, goals in wanted
        for goal_id, link in linked.get(obj.pk, {}).items()
        if goal_id not in goals
    ]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    new_links = through.objects.bulk_create(
        through(activity_id=obj.pk, goal_id=goal_id)
        for obj, goals in wanted
        for goal_id in sorted(goals - set(linked.get(obj.pk, {})))
    )
    links: dict[int, list[tuple[int, int]]] = {}  # activity -> (goal, link) after the import
    for link in new_links:
        links.setdefault(link.activity_id, []).append((link.goal_id, link.pk))
    for obj, goals in wanted:
        for goal_id, pk in linked.get(obj.pk, {}).items():
            if goal_id in goals:
                links.setdefault(obj.pk, []).append((goal_id, pk))

    plan.changed.extend(regoaled)  # counted as changed: its goals are
    plan.unchanged -= len(regoaled)
    # SQLite and PostgreSQL return the primary keys of bulk inserts: the links and the m2m
    # history below refer to the new activities and history rows by them.
    history = (
        Activity.history.bulk_history_create(
            plan.created, default_user=by, default_change_reason=reason
        )
        or []
    ) + (
        Activity.history.bulk_history_create(
            plan.changed, update=True, default_user=by, default_change_reason=reason
        )
        or []
    )
    goals_history = Activity.history.model.goals.model  # HistoricalActivity_goals
    goals_history.objects.bulk_create(
        goals_history(history=record, id=pk, activity_id=record.id, goal_id=goal_id)
        for record in history
        for goal_id, pk in sorted(links.get(record.id, []))
    )


def _goal_ids(row: ParsedRow, keys: _Keys) -> set[int]:
    """The goals of ``row``'s plan that its ``goal_codes`` name."""
    plan = (row.values["sto_number"], row.values["period"])
    return {keys.maps[GOAL][(*plan, code)] for code in split_list(row.values.get("goal_codes", ""))}
