"""How an import of a hostile workbook is refused: time and peak memory (docs/benchmarks.md).

    python -m bench.hostile

Writes two small files that unpack to millions of rows, straight as XML (no openpyxl, so the
files are made in seconds), and imports each in a fresh Python process (migrated SQLite in a
temporary folder), which prints the time of ``import_workbook`` and the peak resident memory
of the process (``resource.getrusage``, which includes Django itself):

- ``two-million``: the sheets ``periods`` and ``organisations``, each a header and 1,000,000
  rows of one unreadable cell, with and without a ``<dimension>``;
- ``over-limit``: the sheet ``organisations`` with a header and 1,000,001 rows, once with an
  honest ``<dimension>`` and once without one (read until the first pass passes the limit).
"""

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
</Types>"""
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"""
_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet_xml(header: list[str], rows: int, *, dimension: bool):
    """The sheet part, in pieces: the header and ``rows`` rows of one text cell in column A."""
    letters = "ABCDEFGHIJ"
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        yield f'<dimension ref="A1:{letters[len(header) - 1]}{rows + 1}"/>'
    yield "<sheetData>"
    cells = "".join(_cell(f"{letters[i]}1", key) for i, key in enumerate(header))
    yield f'<row r="1">{cells}</row>'
    for number in range(2, rows + 2):
        yield f'<row r="{number}">{_cell(f"A{number}", "x")}</row>'
    yield "</sheetData></worksheet>"


def write_workbook(path: Path, sheets: list[tuple[str, list[str], int]], *, dimension: bool):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        numbers = range(1, len(sheets) + 1)
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=n) for n in numbers)),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            _WORKBOOK.format(
                sheets="".join(
                    f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
                    for n, (name, _h, _r) in zip(numbers, sheets, strict=True)
                )
            ),
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _WORKBOOK_RELS.format(rels="".join(_REL.format(n=n) for n in numbers)),
        )
        for n, (_name, header, rows) in zip(numbers, sheets, strict=True):
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w") as part:
                buffer = io.BufferedWriter(part, 1 << 20)
                for piece in _sheet_xml(header, rows, dimension=dimension):
                    buffer.write(piece.encode())
                buffer.flush()


def measure(path: str, database: str) -> dict:
    """In this process: import ``path`` and report the time, the result and the peak memory."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sto.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from reporting.workbook import WorkbookInvalid, import_workbook

    if not Path(database).exists():
        call_command("migrate", verbosity=0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        import_workbook(path)
        errors: list[str] = []
    except WorkbookInvalid as exc:
        errors = exc.errors
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak / 1024),
        "before_mb": round(before / 1024),
        "problems": len(errors),
        "first": errors[:2],
        "last": errors[-1:] if errors else [],
    }


def main() -> None:
    from reporting.workbook.schema import ORGANISATIONS, PERIODS

    tmp = Path(tempfile.mkdtemp(prefix="sto-hostile-"))
    database = tmp / "bench.sqlite3"
    two_million = [
        ("periods", PERIODS.contract_keys, 1_000_000),
        ("organisations", ORGANISATIONS.contract_keys, 1_000_000),
    ]
    cases = {
        "two-million (2 × 1,000,000 one-cell rows), honest <dimension>": (two_million, True),
        "two-million (2 × 1,000,000 one-cell rows), no <dimension>": (two_million, False),
        "1,000,001 rows, honest <dimension>": (
            [("organisations", ORGANISATIONS.contract_keys, 1_000_001)],
            True,
        ),
        "1,000,001 rows, no <dimension>": (
            [("organisations", ORGANISATIONS.contract_keys, 1_000_001)],
            False,
        ),
    }
    for index, (label, (sheets, dimension)) in enumerate(cases.items()):
        path = tmp / f"case{index}.xlsx"
        write_workbook(path, sheets, dimension=dimension)
        size = path.stat().st_size
        output = subprocess.run(
            [sys.executable, "-m", "bench.hostile", "--measure", str(path), str(database)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(output.splitlines()[-1])
        print(f"{label}: file {size / 1024:.0f} KB; {json.dumps(result, ensure_ascii=False)}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3]), ensure_ascii=False))
    else:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sto.settings")
        import django

        django.setup()
        main()
