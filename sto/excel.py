"""Excel output shared by every export: real number and date cells, Dutch headers, a frozen
header row, an autofilter, column widths, and text that can never run as a formula.

Years are plain whole numbers ("2025", never "2.025"). Every workbook says it was made by
STO-beheer and carries a title. Text holds only what Excel accepts: a control character that
slipped into the data (pasted from Word or a PDF) is written as a space, so an old bad value can
never break an export.

Workbooks are written in openpyxl's write-only mode so a large export streams row by row.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel (and LibreOffice) treat a cell starting with these as a formula or DDE call.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

NUMBER_FORMATS = {
    "text": "@",
    "int": "#,##0",
    "year": "0",  # a year: no thousands separator
    "money": "#,##0.00",
    "pct": "0.0",
    "date": "DD-MM-YYYY",
    "decimal": "#,##0.0",  # e.g. a mean number of partners
    "factor": "0.000000",  # e.g. the budget formula's scale factor (ceiling / total)
}


CREATOR = "STO-beheer"


def excel_text(value: str) -> str:
    """``value`` with every character Excel refuses in a cell (the C0 controls except tab, line
    feed and carriage return) replaced by a space."""
    return ILLEGAL_CHARACTERS_RE.sub(" ", value)


def neutralise(value):
    """Text that Excel would read as a formula is stored as text with a leading apostrophe
    quote prefix (the cell's ``quotePrefix``) — it shows exactly as typed, never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return value, True
    return value, False


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, int, year, money, pct, date, decimal, factor
    width: int | None = None


def _header_cell(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=excel_text(str(text)))
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
        value, quoted = neutralise(excel_text(value))
    cell = WriteOnlyCell(ws, value=value)
    if quoted:
        cell.data_type = "s"
        cell.style = "Normal"
        cell.quotePrefix = True
    if value is not None and not isinstance(value, str):
        cell.number_format = NUMBER_FORMATS.get(kind, "General")
    return cell


def sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "-", excel_text(title)).strip()[:31] or "Blad"


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
    if not workbook.properties.title:  # a workbook made without a title is named by its first sheet
        workbook.properties.title = excel_text(title)
    ws = workbook.create_sheet(title=sheet_title(title))
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


def new_workbook(title: str = "") -> Workbook:
    """A streaming workbook whose file properties name STO-beheer as its maker and ``title``."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = CREATOR
    workbook.properties.lastModifiedBy = CREATOR
    if title:
        workbook.properties.title = excel_text(title)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
