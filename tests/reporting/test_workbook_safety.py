"""Hostile workbooks are refused before they can do harm, and formula-like text stays text."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl import load_workbook

from regions.models import Organisation, Period
from reporting.workbook import WorkbookInvalid, export_workbook, import_workbook
from tests.factories import OrganisationFactory, PeriodFactory

pytestmark = pytest.mark.django_db

FORMULA_LIKE = ["=1+1", "@SUM(A1)", "-2", "+31 6 12345678", '=HYPERLINK("http://evil","klik")']


def exported() -> bytes:
    buffer = io.BytesIO()
    export_workbook(buffer)
    return buffer.getvalue()


def rezip(
    data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """A copy of the zip ``data`` with members replaced or added."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def sheet_part(data: bytes, title: str) -> str:
    """The zip member holding the sheet called ``title``."""
    workbook = load_workbook(io.BytesIO(data))
    index = workbook.sheetnames.index(title)
    return f"xl/worksheets/sheet{index + 1}.xml"


def problems(data: bytes) -> list[str]:
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(io.BytesIO(data))
    return caught.value.errors


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_formula_like_names_are_exported_as_text_and_import_back_unchanged():
    for index, name in enumerate(FORMULA_LIKE):
        OrganisationFactory(key=f"{index + 10}AB00", name=name)
    data = exported()

    sheet = load_workbook(io.BytesIO(data))["organisations"]
    names = {row[0].value: row[2] for row in sheet.iter_rows(min_row=2)}
    for index, name in enumerate(FORMULA_LIKE):
        cell = names[f"{index + 10}AB00"]
        assert cell.value == name
        assert cell.data_type == "s"  # text, never "f"
        assert cell.quotePrefix is True
    raw = zipfile.ZipFile(io.BytesIO(data)).read(sheet_part(data, "organisations"))
    assert b"<f>" not in raw and b"<f " not in raw

    Organisation.objects.all().delete()
    import_workbook(io.BytesIO(data))
    assert sorted(Organisation.objects.values_list("name", flat=True)) == sorted(FORMULA_LIKE)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "werkmap.xlsx"
    path.write_text("sto_number;name\nSTO1;Regio\n")
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(path)
    assert caught.value.errors == [
        "workbook: het bestand is geen .xlsx-werkmap (geen geldig zip-bestand)."
    ]
    assert problems(b"") == caught.value.errors


def test_too_many_zip_entries_are_refused_before_parsing(settings):
    PeriodFactory()
    data = rezip(exported(), add={f"xl/media/image{n}.png": b"x" for n in range(30)})
    settings.STO_WORKBOOK_MAX_ZIP_ENTRIES = 20
    Period.objects.all().delete()

    errors = problems(data)

    # 26 parts of an exported workbook of 18 sheets (one part each, and 8 more), and 30 images
    assert len(errors) == 1 and errors[0].startswith("workbook: de werkmap bevat 56 onderdelen")
    assert "meer dan 20" in errors[0]
    assert Period.objects.count() == 0


def test_a_member_that_unpacks_too_large_is_refused(settings):
    PeriodFactory()
    data = rezip(exported(), add={"xl/media/bom.bin": b"\0" * 5_000_000})
    assert len(data) < 100_000  # a small file on disk ...
    settings.STO_WORKBOOK_MAX_UNCOMPRESSED_BYTES = 1_000_000  # ... far larger unpacked
    Period.objects.all().delete()

    errors = problems(data)

    assert len(errors) == 1
    assert errors[0].startswith("workbook: de werkmap is uitgepakt ")
    assert "meer dan de grens van 1000000 bytes" in errors[0]
    assert Period.objects.count() == 0


def test_an_xml_entity_bomb_is_not_expanded():
    PeriodFactory()
    data = exported()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    data = rezip(data, replace={sheet_part(data, "periods"): bomb})
    Period.objects.all().delete()

    errors = problems(data)

    assert errors == [
        "workbook: de werkmap bevat verboden XML (een DTD of entiteiten) en wordt niet gelezen."
    ]
    assert Period.objects.count() == 0


def test_rows_per_sheet_are_capped(settings):
    for n in range(5):
        OrganisationFactory(key=f"{n + 10}AB00")
    data = exported()
    Organisation.objects.all().delete()
    settings.STO_WORKBOOK_MAX_ROWS = 3

    errors = problems(data)

    assert errors == ["organisations!5: *: het tabblad heeft meer dan 3 rijen; splits de werkmap."]
    assert Organisation.objects.count() == 0


def test_a_lying_sheet_dimension_does_not_hide_rows():
    PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    PeriodFactory(code="2025-2028")
    data = exported()
    part = sheet_part(data, "periods")
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part)
    xml = xml.replace(b"<sheetViews>", b'<dimension ref="A1:A1"/><sheetViews>', 1)
    data = rezip(data, replace={part: xml})
    Period.objects.all().delete()

    import_workbook(io.BytesIO(data))

    assert sorted(Period.objects.values_list("code", flat=True)) == ["2020-2023", "2025-2028"]
