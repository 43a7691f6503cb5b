import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from sto.excel import Column, add_table_sheet, new_workbook, workbook_bytes


def test_table_sheet_has_typed_cells_frozen_header_filter_and_no_formulas():
    wb = new_workbook()
    add_table_sheet(
        wb,
        "Regio's",
        [
            Column("Naam"),
            Column("Subsidie", "money", 16),
            Column("Datum", "date"),
            Column("Partners", "int"),
        ],
        [
            ['=HYPERLINK("http://x")', Decimal("1399000.50"), datetime.date(2024, 10, 1), 25],
            ["-2+3", Decimal("0"), None, 8],
            ["@SUM(A1)", Decimal("12.00"), datetime.date(2025, 1, 1), 108],
        ],
    )
    ws = load_workbook(io.BytesIO(workbook_bytes(wb)))["Regio's"]
    assert [c.value for c in ws[1]] == ["Naam", "Subsidie", "Datum", "Partners"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D4"
    assert ws.column_dimensions["B"].width == 16
    name = ws["A2"]
    assert name.value == '=HYPERLINK("http://x")'
    assert name.data_type == "s"  # stored as text, not as a formula
    assert name.quotePrefix is True
    assert ws["A3"].data_type == "s" and ws["A4"].data_type == "s"
    assert ws["B2"].value == 1399000.5 and ws["B2"].data_type == "n"
    assert ws["C2"].is_date and ws["C2"].value.date() == datetime.date(2024, 10, 1)
    assert ws["D4"].value == 108


def test_years_are_plain_and_the_file_says_who_made_it():
    wb = new_workbook("Cofinanciering 2025")
    add_table_sheet(
        wb, "Cofinanciering", [Column("Jaar", "year"), Column("Bedrag", "int")], [[2025, 2025]]
    )
    loaded = load_workbook(io.BytesIO(workbook_bytes(wb)))
    ws = loaded["Cofinanciering"]
    assert ws["A2"].value == 2025 and ws["A2"].number_format == "0"  # Dutch Excel shows 2025
    assert ws["B2"].number_format == "#,##0"  # an amount keeps its thousands separator
    assert loaded.properties.creator == "STO-beheer"
    assert loaded.properties.lastModifiedBy == "STO-beheer"
    assert loaded.properties.title == "Cofinanciering 2025"


def test_a_workbook_without_a_title_is_named_by_its_first_sheet():
    wb = new_workbook()
    add_table_sheet(wb, "Gemeentelijke bijdragen", [Column("Naam")], [["x"]])
    add_table_sheet(wb, "Tweede", [Column("Naam")], [["y"]])
    loaded = load_workbook(io.BytesIO(workbook_bytes(wb)))
    assert loaded.properties.title == "Gemeentelijke bijdragen"


def test_a_control_character_in_the_data_never_breaks_an_export():
    wb = new_workbook()
    add_table_sheet(
        wb,
        "Bedrijven: a/b [1]",
        [Column("Naam\x0b"), Column("Reden")],
        [["Bedrijf\x0bVT", "regel\x01een\tmet tab\nen regel"]],
    )
    loaded = load_workbook(io.BytesIO(workbook_bytes(wb)))
    ws = loaded.worksheets[0]
    assert ws.title == "Bedrijven- a-b -1-"
    assert [c.value for c in ws[1]] == ["Naam ", "Reden"]
    assert ws["A2"].value == "Bedrijf VT"
    assert ws["B2"].value == "regel een\tmet tab\nen regel"
