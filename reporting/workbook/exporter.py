"""Export of the STO interchange workbook (docs/interfaces.md §1, §5).

Written in openpyxl's write-only mode through ``sto.excel``: real number and date cells,
and text that Excel would read as a formula (``= + - @``) stored as text with a quote prefix.
Rows are sorted by their natural key in Python (not by the database's collation), so an export,
imported into an empty database and exported again, gives identical sheets. Of every plan the
current version is written (``plans.selectors.latest_versions``), with its goals, activities,
risks, teacher table and budget; one query per sheet.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from plans.models import (
    SECTION_FIELDS,
    Activity,
    BudgetLine,
    Goal,
    Plan,
    Risk,
    TeacherShortage,
)
from plans.regiovisie import format_regiovisie
from plans.selectors import latest_versions
from regions.models import (
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    Period,
    Region,
    Signature,
    StudentCount,
)
from sto.excel import Column, add_table_sheet, new_workbook

from . import assessments, schema

# Per sheet: the model and the values_list lookups, one per column of the sheet's spec.
SOURCES = {
    "periods": (
        Period,
        (
            "code",
            "start_year",
            "end_year",
            "min_cofinancing_pct",
            "techniekarm_max_technical_pct",
            "plan_deadline",
        ),
    ),
    "organisations": (
        Organisation,
        ("key", "kind", "name", "city", "technical_profiles", "inhabitants"),
    ),
    "regions": (Region, ("sto_number", "name", "kind", "lead__key")),
    "memberships": (Membership, ("region__sto_number", "organisation__key", "start", "end")),
    "student_counts": (
        StudentCount,
        ("organisation__key", "reference_date", "profile", "learning_path", "students"),
    ),
    "grants": (Grant, ("region__sto_number", "period__code", "year", "amount")),
    "cofinancing": (
        CofinancingCommitment,
        ("region__sto_number", "organisation__key", "year", "form", "committed", "realised"),
    ),
    "contributions": (
        MunicipalContribution,
        (
            "region__sto_number",
            "municipality__key",
            "year",
            "requested",
            "approved",
            "status",
            "decided_on",
            "decision_reason",
            "purpose",
        ),
    ),
    "convenants": (
        Convenant,
        ("region__sto_number", "period__code", "title", "starts", "ends", "signing_deadline"),
    ),
    "signatures": (
        Signature,
        (
            "convenant__region__sto_number",
            "convenant__period__code",
            "organisation__key",
            "signed_on",
            "signatory",
            "function",
        ),
    ),
    "annual_reports": (AnnualReport, ("region__sto_number", "year", "submitted_on", "activities")),
    "plans": (
        Plan,
        (
            "region__sto_number",
            "period__code",
            "status",
            "submitted_on",
            "requested",
            *SECTION_FIELDS,
            "resubmission_deadline",
        ),
    ),
    "goals": (
        Goal,
        (
            "plan__region__sto_number",
            "plan__period__code",
            "code",
            "theme",
            "description",
            "milestone_2y",
            "milestone_4y",
        ),
    ),
    "activities": (
        Activity,
        (
            "plan__region__sto_number",
            "plan__period__code",
            "code",
            "title",
            "starts",
            "ends",
            "result",
            "owner__key",
            "goals__code",  # a row per goal: joined into goal_codes by ``_goal_codes``
        ),
    ),
    "risks": (
        Risk,
        (
            "plan__region__sto_number",
            "plan__period__code",
            "risk",
            "likelihood",
            "impact",
            "measure",
            "owner__key",
        ),
    ),
    "teacher_shortage": (
        TeacherShortage,
        (
            "plan__region__sto_number",
            "plan__period__code",
            "profile",
            "qualified",
            "to_train",
            "needing_training",
            "to_replace",
        ),
    ),
    "budget_lines": (
        BudgetLine,
        (
            "plan__region__sto_number",
            "plan__period__code",
            "year",
            "organisation__key",
            "personnel",
            "material",
            "overhead",
        ),
    ),
}

# Plans: only the current version of each, and of the other sheets the rows of that version.
_PLAN_SHEETS = ("goals", "activities", "risks", "teacher_shortage", "budget_lines")


def _regiovisie(rows: list[tuple]) -> list[tuple]:
    """The plan's sections as the one ``regiovisie`` cell."""
    first, last = 5, 5 + len(SECTION_FIELDS)
    return [
        (*row[:first], format_regiovisie(dict(zip(SECTION_FIELDS, row[first:last], strict=True))))
        + row[last:]
        for row in rows
    ]


def _goal_codes(rows: list[tuple]) -> list[tuple]:
    """One row per activity, its goals' codes sorted and ``;``-separated."""
    codes: dict[tuple, list[str]] = {}
    for *activity, code in rows:
        codes.setdefault(tuple(activity), [])
        if code is not None:
            codes[tuple(activity)].append(code)
    return [(*activity, ";".join(sorted(goals))) for activity, goals in codes.items()]


# Sheets whose values_list rows are turned into the sheet's columns.
_CONVERT: dict[str, Callable[[list[tuple]], list[tuple]]] = {
    "plans": _regiovisie,
    "activities": _goal_codes,
}

# How each sheet is limited to a set of regions (``region_ids`` is a subquery of their pks).
_REGION_FILTERS = {
    "regions": "pk__in",
    "memberships": "region__in",
    "grants": "region__in",
    "cofinancing": "region__in",
    "contributions": "region__in",
    "convenants": "region__in",
    "signatures": "convenant__region__in",
    "annual_reports": "region__in",
    "plans": "region__in",
    **{sheet: "plan__region__in" for sheet in _PLAN_SHEETS},
}


@dataclass
class ExportSummary:
    rows: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{sheet}: {count}" for sheet, count in self.rows.items()]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _queryset(sheet: str, regions: QuerySet | None) -> QuerySet:
    model, _lookups = SOURCES[sheet]
    queryset = model._default_manager.all()
    if sheet == "plans":
        queryset = latest_versions()
    elif sheet in _PLAN_SHEETS:
        queryset = queryset.filter(plan__in=latest_versions())
    if regions is None or sheet == "periods":
        return queryset
    region_ids = Region.objects.filter(pk__in=regions.values("pk")).values("pk")
    if sheet in _REGION_FILTERS:
        return queryset.filter(**{_REGION_FILTERS[sheet]: region_ids})
    plans = latest_versions().filter(region__in=region_ids)  # their current plans
    referenced = (
        Q(pk__in=Region.objects.filter(pk__in=region_ids, lead__isnull=False).values("lead_id"))
        | Q(pk__in=Membership.objects.filter(region__in=region_ids).values("organisation_id"))
        | Q(
            pk__in=CofinancingCommitment.objects.filter(region__in=region_ids).values(
                "organisation_id"
            )
        )
        | Q(
            pk__in=MunicipalContribution.objects.filter(region__in=region_ids).values(
                "municipality_id"
            )
        )
        | Q(
            pk__in=Signature.objects.filter(convenant__region__in=region_ids).values(
                "organisation_id"
            )
        )
        | Q(pk__in=Activity.objects.filter(plan__in=plans).values("owner_id"))
        | Q(pk__in=Risk.objects.filter(plan__in=plans).values("owner_id"))
        | Q(pk__in=BudgetLine.objects.filter(plan__in=plans).values("organisation_id"))
    )
    organisations = Organisation.objects.filter(referenced).values("pk")
    if sheet == "organisations":
        return queryset.filter(pk__in=organisations)
    if sheet == "student_counts":
        return queryset.filter(organisation__in=organisations)
    raise AssertionError(sheet)


def sheet_rows(spec: schema.SheetSpec, regions: QuerySet | None = None) -> list[tuple]:
    """The rows of one sheet, in column order, sorted by natural key (one query; two for the
    assessments)."""
    if spec is schema.ASSESSMENTS:
        rows = assessments.export_rows(regions)
    else:
        _model, lookups = SOURCES[spec.name]
        rows = list(_queryset(spec.name, regions).order_by().values_list(*lookups))
        if spec.name in _CONVERT:
            rows = _CONVERT[spec.name](rows)
        else:
            assert len(lookups) == len(spec.columns), spec.name
    positions = [spec.keys.index(key) for key in spec.natural_key]
    rows.sort(key=lambda row: tuple(row[i] for i in positions))
    return [tuple(None if value == "" else value for value in row) for row in rows]


def write_workbook(target, *, regions: QuerySet | None = None) -> ExportSummary:
    """Write the workbook to ``target`` and return the number of rows per sheet."""
    workbook = new_workbook(_("Uitwisselingswerkmap STO-beheer"))
    summary = ExportSummary()
    for spec in schema.SHEETS:
        rows = sheet_rows(spec, regions)
        columns = [Column(c.key, schema.EXCEL_KIND[c.kind], c.width) for c in spec.columns]
        add_table_sheet(workbook, spec.name, columns, rows, header_keys=spec.keys)
        summary.rows[spec.name] = len(rows)
    workbook.save(target)
    return summary


def export_workbook(target, *, regions: QuerySet | None = None) -> None:
    """Export the whole data set, or only ``regions`` (their rows and the organisations they
    reference; periods always all), as the STO workbook to ``target`` (a path or a binary file).
    """
    write_workbook(target, regions=regions)
