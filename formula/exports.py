"""Excel workbooks of the simulator (``sto.excel``): the parameters on the first sheet, the
results on the second, for one parameter set (saved or not) and for a comparison."""

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook

from sto.excel import Column, add_table_sheet, new_workbook

from .computation import FormulaResult, comparison_rows
from .models import FormulaScenario


def _parameter_columns() -> list[Column]:
    return [
        Column(_("Scenario"), "text", 28),
        Column(_("Opgeslagen door"), "text", 18),
        Column(_("Peildatum"), "date", 12),
        Column(_("Basisbedrag per school"), "money", 16),
        Column(_("Bedrag per technische leerling"), "money", 16),
        Column(_("Garantie (%)"), "pct", 10),
        Column(_("Garantiejaar"), "year", 10),
        Column(_("Plafond"), "money", 18),
        Column(_("Totaal na garantie, vóór plafond"), "money", 18),
        Column(_("Schaalfactor (plafond / totaal)"), "factor", 14),
        Column(_("Totaal"), "money", 18),
    ]


def _parameter_row(result: FormulaResult, scenario: FormulaScenario | None) -> list:
    p = result.parameters
    author = scenario.created_by if scenario is not None else None
    return [
        scenario.name if scenario is not None else _("(niet opgeslagen)"),
        author.get_username() if author is not None else "",
        p.reference_date,
        p.base_per_school,
        p.per_student,
        p.guarantee_pct,
        p.guarantee_year,
        p.ceiling,
        result.total_before_ceiling,
        result.scale,
        result.total,
    ]


def _result_columns() -> list[Column]:
    return [
        Column(_("STO-nummer"), "text", 12),
        Column(_("Regio"), "text", 32),
        Column(_("Scholen"), "int", 9),
        Column(_("Technische leerlingen"), "int", 12),
        Column(_("Formulebedrag"), "money", 16),
        Column(_("Gegarandeerd minimum"), "money", 16),
        Column(_("Garantie toegepast"), "text", 10),
        Column(_("Bedrag"), "money", 16),
        Column(_("Huidige subsidie"), "money", 16),
        Column(_("Jaar huidige subsidie"), "year", 10),
        Column(_("Verschil (€)"), "money", 16),
        Column(_("Verschil (%)"), "pct", 10),
    ]


def _result_rows(result: FormulaResult) -> Iterator[list]:
    for r in result.regions:
        yield [
            r.sto_number,
            r.name,
            r.schools,
            r.technical_students,
            r.formula_amount,
            r.guarantee,
            _("ja") if r.guaranteed else _("nee"),
            r.amount,
            r.current,
            r.current_year,
            r.change,
            r.shown_change_pct,
        ]
    yield [
        _("Totaal"),
        "",
        result.schools,
        result.technical_students,
        sum(r.formula_amount for r in result.regions),
        None,
        "",
        result.total,
        result.total_current,
        None,
        result.change,
        result.shown_change_pct,
    ]


def result_workbook(result: FormulaResult, scenario: FormulaScenario | None = None) -> Workbook:
    workbook = new_workbook()
    add_table_sheet(
        workbook, _("Parameters"), _parameter_columns(), [_parameter_row(result, scenario)]
    )
    add_table_sheet(workbook, _("Resultaten"), _result_columns(), _result_rows(result))
    return workbook


def comparison_workbook(
    scenarios: Sequence[FormulaScenario], results: Sequence[FormulaResult]
) -> Workbook:
    """One row of parameters per scenario; per region the amount under each scenario."""
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        _("Parameters"),
        _parameter_columns(),
        [_parameter_row(r, s) for s, r in zip(scenarios, results, strict=True)],
    )
    columns = [
        Column(_("STO-nummer"), "text", 12),
        Column(_("Regio"), "text", 32),
        # "Bedrag: <name>": a header never starts with the name, which could read as a formula.
        *(Column(_("Bedrag: %(name)s") % {"name": s.name}, "money", 20) for s in scenarios),
    ]
    rows: list[list] = [
        [row.sto_number, row.name, *row.amounts] for row in comparison_rows(results)
    ]
    rows.append([_("Totaal"), "", *(r.total for r in results)])
    add_table_sheet(workbook, _("Vergelijking"), columns, rows)
    return workbook
