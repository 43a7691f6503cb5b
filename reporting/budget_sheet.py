"""The budget sheet a programme manager fills in offline and uploads (seeds 004 B.4).

It is the ``budget_lines`` sheet of the interchange workbook (docs/interfaces.md §5) for one plan:
one row per partner of the region during the period and year, with the amounts so far (0 where
there is no line yet), and the partner's name as an extra column the upload ignores. The
upload reads it with the workbook's own reader and checks, all or nothing: every problem is
reported as ``budget_lines!row: column: message`` and nothing is saved. An uploaded sheet
replaces the whole budget of the plan: a partner and year not on it has no line afterwards.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from plans.models import Plan
from plans.selectors import budget_lines_of
from plans.services import BudgetInput, budget_problems
from regions.models import Organisation, partners_during
from sto.excel import Column, add_table_sheet, new_workbook
from sto.money import ZERO

from .workbook import schema
from .workbook.reader import CellError, Problem, WorkbookInvalid, parse_cell, read_workbook

SHEET = schema.BUDGET_LINES
NAME_COLUMN = "naam"  # extra, ignored on upload
PROBLEM_COLUMN = {"year": "year", "organisation": "organisation_key"}


def budget_sheet(plan: Plan) -> Workbook:
    """The plan's budget as the interchange sheet, a row per partner and year of the period."""
    partners = list(partners_during(plan.region, plan.period.first_day, plan.period.end_date))
    lines = {(line.year, line.organisation_id): line for line in budget_lines_of(plan)}
    rows = []
    for year in plan.period.years:
        for organisation in partners:
            line = lines.get((year, organisation.pk))
            rows.append(
                [
                    plan.region.sto_number,
                    plan.period.code,
                    year,
                    organisation.key,
                    line.personnel if line else ZERO,
                    line.material if line else ZERO,
                    line.overhead if line else ZERO,
                    organisation.name,
                ]
            )
    columns = [
        Column(spec.key, schema.EXCEL_KIND.get(spec.kind, "text"), spec.width)
        for spec in SHEET.columns
    ] + [Column(NAME_COLUMN, "text", 40)]
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        SHEET.name,
        columns,
        rows,
        header_keys=[*SHEET.keys, NAME_COLUMN],
    )
    add_table_sheet(
        workbook,
        _("toelichting"),
        [Column(_("Toelichting"), "text", 100)],
        [
            [_("Vul per partner en jaar de kosten in euro's in: personeel, materieel, overhead.")],
            [_("Zet 0 als de partner in dat jaar geen kosten van die soort heeft.")],
            [_("Verander de kolommen sto_number, period, year en organisation_key niet.")],
            [_("De kolom naam is alleen ter informatie; een upload leest haar niet.")],
            [
                _(
                    "Een upload vervangt de hele begroting: bij één fout wordt niets opgeslagen "
                    "en krijgt u elke fout als tabblad!rij: kolom: melding."
                )
            ],
        ],
    )
    return workbook


def read_budget_sheet(source, plan: Plan) -> list[BudgetInput]:
    """The budget lines of an uploaded sheet for ``plan``; raises ``WorkbookInvalid`` with every
    problem as ``budget_lines!row: column: message``."""
    sheets, problems = read_workbook(source, sheets=[SHEET])
    raw = sheets.get(SHEET.name)
    if not problems and (raw is None or not raw.present):
        problems.append(
            Problem(None, None, None, _("het tabblad budget_lines ontbreekt in het bestand."))
        )
    if raw is None or not raw.readable:
        raise WorkbookInvalid(problems)
    organisations = {
        o.key: o
        for o in Organisation.objects.filter(
            key__in=[
                str(row.cells.get("organisation_key", ("", ""))[0] or "").strip().upper()
                for row in raw.rows
            ]
        )
    }
    lines: list[BudgetInput] = []
    for raw_row in raw.rows:
        values: dict[str, object] = {}
        failed = False
        for column in SHEET.columns:
            try:
                values[column.key] = parse_cell(column, raw_row.cells.get(column.key))
            except CellError as exc:
                problems.append(Problem(SHEET.name, raw_row.number, column.key, str(exc.args[0])))
                failed = True
        if failed:
            continue
        if (values["sto_number"], values["period"]) != (plan.region.sto_number, plan.period.code):
            problems.append(
                Problem(
                    SHEET.name,
                    raw_row.number,
                    "sto_number",
                    _(
                        "deze regel hoort bij %(sto)s %(period)s, niet bij dit plan (%(own)s %(code)s)."
                    )
                    % {
                        "sto": values["sto_number"],
                        "period": values["period"],
                        "own": plan.region.sto_number,
                        "code": plan.period.code,
                    },
                )
            )
            continue
        organisation = organisations.get(str(values["organisation_key"]))
        if organisation is None:
            problems.append(
                Problem(
                    SHEET.name,
                    raw_row.number,
                    "organisation_key",
                    _("onbekende organisatie '%(key)s'.") % {"key": values["organisation_key"]},
                )
            )
            continue
        lines.append(
            BudgetInput(
                year=int(values["year"]),  # type: ignore[call-overload]
                organisation=organisation,
                personnel=_amount(values["personnel"]),
                material=_amount(values["material"]),
                overhead=_amount(values["overhead"]),
                row=raw_row.number,
            )
        )
    for problem in budget_problems(plan, lines):
        problems.append(
            Problem(
                SHEET.name,
                problem.row,
                PROBLEM_COLUMN.get(problem.field, problem.field),
                problem.message,
            )
        )
    if problems:
        order = {SHEET.name: {key: i for i, key in enumerate(SHEET.keys)}}
        raise WorkbookInvalid(sorted(problems, key=lambda p: p.sort_key(order)))
    return lines


def _amount(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else ZERO
