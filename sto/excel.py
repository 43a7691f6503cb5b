"""Excel output shared by every export: real number and date cells, Dutch headers, a frozen
header row, an autofilter, column widths, and text that can never run as a formula.

Workbooks are written in openpyxl's write-only mode so a large export streams row by row.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel (and LibreOffice) treat a cell starting with these as a formula or DDE call.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

NUMBER_FORMATS = {
    "text": "@",
    "int": "#,##0",
    "money": "#,##0.00",
    "pct": "0.0",
    "date": "DD-MM-YYYY",
    "decimal": "#,##0.0",  # e.g. a mean number of partners
    "factor": "0.000000",  # e.g. the budget formula's scale factor (ceiling / total)
}


def neutralise(value):
    """Text that Excel would read as a formula is stored as text with a leading apostrophe
    quote prefix (the cell's ``quotePrefix``) — it shows exactly as typed, never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return value, True
    return value, False


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, int, money, pct, date, decimal, factor
    width: int | None = None


def _header_cell(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDE8EE")
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


def _value_cell(ws, value, kind: str) -> WriteOnlyCell:
    if isinstance(value, Decimal):
        value = float(value) if kind in ("pct", "decimal", "factor") else value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    quoted = False
    if isinstance(value, str):
        value, quoted = neutralise(value)
    cell = WriteOnlyCell(ws, value=value)
    if quoted:
        cell.data_type = "s"
        cell.style = "Normal"
        cell.quotePrefix = True
    if value is not None and not isinstance(value, str):
        cell.number_format = NUMBER_FORMATS.get(kind, "General")
    return cell


def add_table_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    header_keys: Sequence[str] | None = None,
) -> None:
    """Append a sheet with a header row and typed value rows.

    ``header_keys`` replaces the shown header texts (used by the interchange workbook whose row 1
    holds the column keys).
    """
    ws = workbook.create_sheet(title=title[:31])
    headers = list(header_keys) if header_keys is not None else [c.header for c in columns]
    for index, column in enumerate(columns, start=1):
        width = column.width or max(10, min(50, len(headers[index - 1]) + 4))
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    count = 0
    ws.append([_header_cell(ws, h) for h in headers])
    for row in rows:
        ws.append(
            [_value_cell(ws, value, col.kind) for value, col in zip(row, columns, strict=False)]
        )
        count += 1
    last_row = max(1, count + 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(columns)))}{last_row}"


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
