"""Reading an untrusted .xlsx safely (or rows already in memory), and turning cells into Python
values.

An .xlsx file is a zip of XML parts. Before openpyxl sees the file we open it with ``zipfile``
and refuse it when it is not a zip, has too many entries or would unpack to too many bytes
(``STO_WORKBOOK_MAX_ZIP_ENTRIES``, ``STO_WORKBOOK_MAX_UNCOMPRESSED_BYTES``): ``zipfile`` never
returns more bytes for an entry than its declared size, so the sum of declared sizes bounds what
openpyxl can unpack. openpyxl parses the XML with defusedxml (entity expansion and DTDs refused)
because defusedxml is installed, reads in read-only mode, and with ``data_only=False`` a formula
cell comes back as a formula, which we report instead of evaluating.
"""

import datetime
import io
import math
import os
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from plans.regiovisie import RegiovisieError, parse_regiovisie
from regions.identifiers import normalise_key
from regions.models import split_list
from sto.money import CENT
from sto.text import clean_text
from sto.years import YEAR_MAX, YEAR_MIN, is_valid_year

from .schema import (
    CODE,
    DATE,
    DECIMAL,
    ENUM,
    INT,
    LIST,
    MONEY,
    ORG_KEY,
    SECTIONS,
    SHEET_BY_NAME,
    SHEETS,
    TEXT,
    YEAR,
    ColumnSpec,
    SheetSpec,
)

# ASCII digits only: ``\d`` also matches Arabic-Indic and full-width digits.
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INTEGER = re.compile(r"^-?[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
_SHEET_ORDER = {sheet.name: index for index, sheet in enumerate(SHEETS)}

# At most this many problems are listed; reading a workbook stops once its rows hold this many
# unreadable cells, so a file of millions of bad rows is refused without being held in memory.
MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    """One problem in a workbook, shown as ``sheet!row: column: message``.

    Problems with the file itself (not a zip, too large, unreadable, a missing sheet) have no
    sheet and are shown as ``workbook: message``.
    """

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.sheet is None:
            return f"workbook: {self.message}"
        return f"{self.sheet}!{self.row}: {self.column or '*'}: {self.message}"

    def sort_key(self, column_order: dict[str, dict[str, int]]) -> tuple:
        if self.sheet is None:
            return (-1, 0, 0, "")
        columns = column_order.get(self.sheet, {})
        return (
            _SHEET_ORDER.get(self.sheet, len(_SHEET_ORDER)),
            self.row or 0,
            columns.get(self.column or "", len(columns)),
            self.message,
        )


class WorkbookInvalid(Exception):
    """The workbook was refused; ``errors`` lists every problem as ``sheet!row: column: message``."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems[:MAX_PROBLEMS])
        self.errors = [str(problem) for problem in self.problems]
        more = len(problems) - len(self.problems)
        if more:
            self.errors.append(
                ngettext("… en %(n)s meer probleem", "… en %(n)s meer problemen", more)
                % {"n": more}
            )
        super().__init__("\n".join(self.errors))


@dataclass(slots=True)
class RawRow:
    number: int  # the Excel row number (the header is row 1)
    cells: dict[str, tuple[object, str]]  # column key -> (value, openpyxl data type)


@dataclass
class RawSheet:
    spec: SheetSpec
    present: bool = False
    columns: set[str] = field(default_factory=set)  # the spec's columns present in row 1
    missing: set[str] = field(default_factory=set)  # contract columns missing from row 1
    rows: list[RawRow] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """Rows can be identified: every natural-key column is present."""
        return self.present and not (set(self.spec.natural_key) & self.missing)


def _limits() -> tuple[int, int, int]:
    return (
        settings.STO_WORKBOOK_MAX_ZIP_ENTRIES,
        settings.STO_WORKBOOK_MAX_UNCOMPRESSED_BYTES,
        settings.STO_WORKBOOK_MAX_ROWS,
    )


def _open_source(source):
    """A seekable binary file for ``source`` (a path or a binary file object)."""
    if isinstance(source, str | os.PathLike):
        return open(source, "rb")  # noqa: SIM115 - closed by the caller
    if hasattr(source, "seekable") and source.seekable():
        source.seek(0)
        return source
    _entries, max_bytes, _rows = _limits()
    data = source.read(max_bytes + 1)
    return io.BytesIO(data)


def check_container(fileobj) -> list[Problem]:
    """Refuse anything that is not a reasonably sized zip before openpyxl reads it."""
    max_entries, max_bytes, _rows = _limits()
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return [
            Problem(
                None, None, None, _("het bestand is geen .xlsx-werkmap (geen geldig zip-bestand).")
            )
        ]
    problems = []
    if len(entries) > max_entries:
        problems.append(
            Problem(
                None,
                None,
                None,
                _("de werkmap bevat %(n)s onderdelen; dat zijn er meer dan %(max)s.")
                % {"n": len(entries), "max": max_entries},
            )
        )
    total = sum(info.file_size for info in entries)
    if total > max_bytes:
        problems.append(
            Problem(
                None,
                None,
                None,
                _(
                    "de werkmap is uitgepakt %(n)s bytes; dat is meer dan de grens van %(max)s bytes."
                )
                % {"n": total, "max": max_bytes},
            )
        )
    if any(info.flag_bits & 0x1 for info in entries):
        problems.append(Problem(None, None, None, _("de werkmap is versleuteld.")))
    fileobj.seek(0)
    return problems


def read_workbook(
    source, sheets: Sequence[SheetSpec] = SHEETS
) -> tuple[dict[str, RawSheet], list[Problem]]:
    """Read the sheets of the contract from ``source`` into raw cells (values and types).

    ``sheets`` narrows what is read, for a file that holds only some of them (the offline
    budget sheet); any other sheet in the file is left alone.
    """
    try:
        fileobj = _open_source(source)
    except OSError as exc:
        return {}, [
            Problem(
                None,
                None,
                None,
                _("het bestand kan niet worden geopend: %(e)s") % {"e": exc.strerror or exc},
            )
        ]
    close = isinstance(source, str | os.PathLike)
    try:
        problems = check_container(fileobj)
        if problems:
            return {}, problems
        problems = oversize_sheets(fileobj)
        if problems:
            return {}, problems
        return _read_sheets(fileobj, sheets)
    finally:
        if close:
            fileobj.close()


@dataclass
class _CellProblems:
    """The unreadable cells met while reading the rows of a workbook, up to ``MAX_PROBLEMS``."""

    found: list[Problem] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.found) >= MAX_PROBLEMS


def _read_sheets(fileobj, specs: Sequence[SheetSpec]) -> tuple[dict[str, RawSheet], list[Problem]]:
    _entries, _bytes, max_rows = _limits()
    problems: list[Problem] = []
    cell_problems = _CellProblems()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(fileobj, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl, zipfile and defusedxml raise many kinds of errors
        if _forbidden_xml(exc):
            message = _(
                "de werkmap bevat verboden XML (een DTD of entiteiten) en wordt niet gelezen."
            )
        else:
            message = _("het bestand kan niet als .xlsx-werkmap worden gelezen (%(e)s).") % {
                "e": type(_root_cause(exc)).__name__
            }
        return {}, [Problem(None, None, None, message)]
    sheets: dict[str, RawSheet] = {}
    try:
        names = {name.strip().lower(): name for name in workbook.sheetnames}
        for spec in specs:
            raw = RawSheet(spec)
            sheets[spec.name] = raw
            title = names.get(spec.name)
            if title is None and spec.optional:
                continue  # not there: nothing to import (docs/interfaces.md §5)
            if title is None:
                problems.append(
                    Problem(
                        None,
                        None,
                        None,
                        _("het tabblad '%(sheet)s' ontbreekt.") % {"sheet": spec.name},
                    )
                )
                continue
            worksheet = workbook[title]
            if not hasattr(worksheet, "iter_rows"):
                problems.append(
                    Problem(
                        None,
                        None,
                        None,
                        _("het tabblad '%(sheet)s' is geen werkblad.") % {"sheet": spec.name},
                    )
                )
                continue
            try:
                problems.extend(_read_sheet(worksheet, raw, max_rows, cell_problems))
            except Exception as exc:  # a damaged sheet part
                if _forbidden_xml(exc):
                    message = _(
                        "het tabblad '%(sheet)s' bevat verboden XML (een DTD of entiteiten)."
                    )
                else:
                    message = _("het tabblad '%(sheet)s' kan niet worden gelezen (%(e)s).")
                problems.append(
                    Problem(
                        None,
                        None,
                        None,
                        message % {"sheet": spec.name, "e": type(_root_cause(exc)).__name__},
                    )
                )
            if cell_problems.full:
                # Nothing more is read: the workbook is refused with what was found so far.
                stopped = Problem(
                    None,
                    None,
                    None,
                    _(
                        "het lezen is gestopt na %(max)s onleesbare cellen; er kunnen meer "
                        "problemen zijn."
                    )
                    % {"max": MAX_PROBLEMS},
                )
                return {}, [*problems, stopped, *cell_problems.found]
    finally:
        workbook.close()
    return sheets, problems


def read_rows(sheets: Mapping[str, Iterable[Mapping[str, object]]]) -> dict[str, RawSheet]:
    """The raw sheets of data that is already in memory, read like a workbook.

    ``sheets`` maps a sheet name of the contract to its rows; a row maps column keys to Python
    values (``str``, ``int``, ``Decimal``, ``datetime.date``, ``None``). A sheet left out is
    empty. A row without a column has an empty cell there; an extra (non-contract) column is
    present when any row names it, and otherwise left alone like a column missing from a
    workbook. Rows are numbered as in a workbook whose row 1 is the header, so problems read
    ``sheet!2: ...`` for the first row. A sheet or column name outside the contract is a
    mistake in the calling code, not in the data: ``ValueError``.
    """
    unknown = set(sheets) - set(SHEET_BY_NAME)
    if unknown:
        raise ValueError(f"unknown sheets: {', '.join(sorted(unknown))}")
    raw_sheets = {}
    for spec in SHEETS:
        raw = RawSheet(spec, present=True, columns=set(spec.contract_keys))
        known = set(spec.keys)
        for number, row in enumerate(sheets.get(spec.name, ()), start=2):
            if not known >= row.keys():
                names = ", ".join(sorted(row.keys() - known))
                raise ValueError(f"{spec.name}: unknown columns {names}")
            raw.columns.update(row.keys())
            cells = _cells(row)
            if cells:
                raw.rows.append(RawRow(number, cells))
        raw_sheets[spec.name] = raw
    return raw_sheets


def _cells(row: Mapping[str, object]) -> dict[str, tuple[object, str]]:
    """The row's filled cells with openpyxl's data type: text ("s") or another value ("n"),
    never a formula or an error, which only a workbook can hold."""
    cells = {}
    for key, value in row.items():
        if isinstance(value, str):
            if value.strip():
                cells[key] = (value, "s")
        elif value is not None:
            cells[key] = (value, "n")
    return cells


def _root_cause(exc: BaseException) -> BaseException:
    seen = set()
    while exc.__cause__ is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc = exc.__cause__
    return exc


def _forbidden_xml(exc: BaseException) -> bool:
    """defusedxml refused a DTD, an entity declaration or an external reference."""
    return isinstance(_root_cause(exc), DefusedXmlException)


def _read_sheet(
    worksheet, raw: RawSheet, max_rows: int, cell_problems: _CellProblems
) -> list[Problem]:
    raw.present = True
    # A sheet that says it is too large is refused from its <dimension> before any row is read.
    declared = worksheet.max_row
    if declared is not None and declared - 1 > max_rows:
        return [_too_many_rows(raw, declared, max_rows)]
    # Beyond that, never trust the <dimension>: it can hide rows or claim a million columns.
    # (A sheet with too many row elements was refused by ``oversize_sheets`` already.)
    worksheet.reset_dimensions()
    rows: Iterator = worksheet.iter_rows()
    progress = [1]  # the last row read
    try:
        positions, problems = _header(raw, next(rows, ()))
        if raw.readable:
            problems.extend(_read_body(raw, rows, positions, max_rows, cell_problems, progress))
    except Exception as exc:  # a cell openpyxl cannot read, e.g. a number cell holding "nan"
        if _forbidden_xml(exc):
            raise
        return [_unreadable_row(raw, progress[0] + 1, exc)]
    return problems


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,31}:)?row[\s>/]")


def oversize_sheets(fileobj) -> list[Problem]:
    """A first pass before openpyxl opens the file: every worksheet part with more row elements
    than ``STO_WORKBOOK_MAX_ROWS`` + the header, counted in the XML without parsing it or
    keeping a row (openpyxl itself would read a sheet without a <dimension> in full just to
    open the workbook)."""
    _entries, _bytes, max_rows = _limits()
    problems = []
    with zipfile.ZipFile(fileobj) as archive:
        names = _sheet_names(archive)
        for info in archive.infolist():
            if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                continue
            with archive.open(info) as source:
                if _count_rows(source, max_rows + 1) > max_rows + 1:
                    name = names.get(info.filename, info.filename).strip().lower()
                    problems.append(
                        Problem(
                            name,
                            max_rows + 2,
                            None,
                            _("het tabblad heeft meer dan %(max)s rijen; splits de werkmap.")
                            % {"max": max_rows},
                        )
                    )
    fileobj.seek(0)
    return problems


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> sheet name, from xl/workbook.xml and its relationships (defusedxml)."""
    try:
        rels = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        book = DefusedET.fromstring(archive.read("xl/workbook.xml"))
    except Exception:  # noqa: BLE001 - openpyxl reports a damaged workbook in its own words
        return {}
    targets = {
        rel.get("Id"): "xl/" + (rel.get("Target") or "").removeprefix("/xl/").lstrip("/")
        for rel in rels
    }
    names = {}
    for sheet in book.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
        rid = sheet.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        if rid in targets:
            names[targets[rid]] = sheet.get("name") or ""
    return names


def _count_rows(source, limit: int) -> int:
    """The number of row elements in the sheet XML ``source``, counted without parsing it;
    counting stops once it passes ``limit``."""
    count = 0
    carry = b""
    while chunk := source.read(1 << 20):
        data = carry + chunk
        cut = data.rfind(b"<")  # a tag is never split between two pieces
        cut = len(data) if cut < 0 else cut
        count += len(_ROW_TAG.findall(data, 0, cut))
        carry = data[cut : cut + 64]  # enough for a row tag; the rest is no row tag
        if count > limit:
            return count
    return count + len(_ROW_TAG.findall(carry))


def _unreadable_row(raw: RawSheet, number: int, exc: BaseException) -> Problem:
    """Row ``number`` stops the sheet from being read: a number cell that holds no number
    (``<v>nan</v>``) or a character XML does not allow (``&#1;``)."""
    cause = _root_cause(exc)
    literal = re.search(r"'([^']{0,40})'", str(cause)) if isinstance(cause, ValueError) else None
    if literal:
        message = _(
            "een getalcel bevat '%(v)s', geen getal; het tabblad kan vanaf deze rij niet "
            "worden gelezen."
        ) % {"v": literal.group(1)}
    else:
        message = _(
            "deze rij kan niet worden gelezen (%(e)s), bijvoorbeeld door een teken dat in een "
            "werkmap niet mag; het tabblad kan vanaf deze rij niet worden gelezen."
        ) % {"e": type(cause).__name__}
    return Problem(raw.spec.name, number, None, message)


def _too_many_rows(raw: RawSheet, number: int, max_rows: int) -> Problem:
    return Problem(
        raw.spec.name,
        number,
        None,
        _("het tabblad heeft meer dan %(max)s rijen; splits de werkmap.") % {"max": max_rows},
    )


def _header(raw: RawSheet, header) -> tuple[dict[str, int], list[Problem]]:
    """The position of each of the spec's columns in row 1; a doubled or missing contract
    column is a problem. Extra columns are allowed and ignored."""
    spec = raw.spec
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    known = set(spec.keys)
    for index, cell in enumerate(header):
        key = "" if cell.value is None else str(cell.value).strip().lower()
        if key not in known:
            continue
        if key in positions:
            problems.append(Problem(spec.name, 1, key, _("deze kolom komt twee keer voor.")))
            continue
        positions[key] = index
    raw.columns = set(positions)
    raw.missing = {key for key in spec.contract_keys if key not in positions}
    for key in spec.contract_keys:
        if key in raw.missing:
            problems.append(Problem(spec.name, 1, key, _("de kolom ontbreekt.")))
    return positions, problems


def _read_body(
    raw: RawSheet,
    rows: Iterator,
    positions: dict[str, int],
    max_rows: int,
    cell_problems: _CellProblems,
    progress: list[int],
) -> list[Problem]:
    """The rows below the header with a filled cell in one of the spec's columns.

    Each cell is read once here only to count the unreadable ones: reading stops when the
    workbook holds ``MAX_PROBLEMS`` of them (validation reads the kept rows again)."""
    width = max(positions.values()) + 1
    columns = [column for column in raw.spec.columns if column.key in positions]
    for number, row in enumerate(rows, start=2):
        progress[0] = number
        if number - 1 > max_rows:  # empty rows skipped in the XML (<row r="...">) count too
            return [_too_many_rows(raw, number, max_rows)]
        cells = _sheet_cells(row[:width], positions)
        if not cells:
            continue
        raw.rows.append(RawRow(number, cells))
        for column in columns:
            try:
                parse_cell(column, cells.get(column.key))
            except CellError as exc:
                cell_problems.found.append(
                    Problem(raw.spec.name, number, column.key, str(exc.args[0]))
                )
        if cell_problems.full:
            return []
    return []


def _sheet_cells(row, positions: dict[str, int]) -> dict[str, tuple[object, str]]:
    cells = {}
    for key, index in positions.items():
        if index < len(row):
            cell = row[index]
            value = cell.value
            if value is not None and not (isinstance(value, str) and not value.strip()):
                cells[key] = (value, cell.data_type)
    return cells


# --- cell values -------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as its column's kind (the Dutch message is the argument)."""


def _number_text(value) -> str:
    if isinstance(value, bool):
        raise CellError(_("verwacht tekst, geen waar/onwaar."))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("verwacht tekst."))
        return str(int(value)) if value.is_integer() else str(Decimal(str(value)))
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        raise CellError(_("verwacht tekst, geen datum of tijd."))
    return str(value)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else _number_text(value)


def _integer(value) -> int:
    if isinstance(value, bool):
        raise CellError(_("verwacht een geheel getal."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        number = int(value)
    elif isinstance(value, str) and _INTEGER.match(value.strip()):
        number = int(value.strip())
    else:
        raise CellError(_("verwacht een geheel getal."))
    if number < 0:
        raise CellError(_("mag niet negatief zijn."))
    return number


def _year(value) -> int:
    try:
        year = _integer(value)
    except CellError:
        raise CellError(_("verwacht een jaartal, bijv. 2025.")) from None
    if not is_valid_year(year):
        raise CellError(_out_of_range(year))
    return year


def _out_of_range(year: int) -> str:
    return _("%(year)s is geen geldig jaartal (toegestaan: %(min)s–%(max)s).") % {
        "year": year,
        "min": YEAR_MIN,
        "max": YEAR_MAX,
    }


def _decimal(value, *, money: bool) -> Decimal:
    number = _number(value, money=money)
    if number < 0:
        raise CellError(
            _("Een bedrag kan niet negatief zijn.") if money else _("mag niet negatief zijn.")
        )
    try:
        rounded = number.quantize(CENT)
    except InvalidOperation:
        raise CellError(_("het getal is te groot.")) from None
    if rounded != number:
        raise CellError(_("%(v)s heeft meer dan 2 decimalen.") % {"v": number})
    return rounded


def _number(value, *, money: bool) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("verwacht een getal."))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("verwacht een getal, geen %(v)s.") % {"v": value})
        number = Decimal(str(value))  # the shortest repr: 0.1 stays 0.1, never float arithmetic
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError(_("verwacht een getal, geen %(v)s.") % {"v": value})
        number = value
    elif isinstance(value, str) and _NUMBER.match(value.strip()):
        number = Decimal(value.strip().replace(",", "."))
    else:
        raise CellError(_("verwacht een bedrag in euro's.") if money else _("verwacht een getal."))
    return number


def _date(value) -> datetime.date:
    day = _any_date(value)
    if not is_valid_year(day.year):
        # An Excel serial of 60 or less (or a negative one) lands in 1899 or 1900.
        raise CellError(
            _("%(v)s ligt buiten de jaren %(min)s–%(max)s; is dit echt een datum?")
            % {"v": day.isoformat(), "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return day


def _any_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0, 0):
            raise CellError(_("verwacht een datum zonder tijd."))
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise CellError(_("%(v)s is geen bestaande datum.") % {"v": value.strip()}) from None
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            _(
                "verwacht een datum; dit is een getal (geef de cel een datumopmaak of schrijf JJJJ-MM-DD)."
            )
        )
    raise CellError(_("verwacht een datum (een Excel-datum of JJJJ-MM-DD)."))


def _org_key(column: ColumnSpec, value) -> str:
    text = _text(value)
    if isinstance(value, int | float) and text.isdigit():
        text = text.zfill(8)  # a KvK number typed as a number lost its leading zeros
    return normalise_key("", text)


def _plain_text(column: ColumnSpec, value) -> str:
    text = _text(value)
    return column.normalise(text) if column.normalise else text


def _list(column: ColumnSpec, value) -> str:
    items = split_list(_text(value))
    if column.normalise:
        items = [column.normalise(item) for item in items]
    return ";".join(dict.fromkeys(items))


def _sections(column: ColumnSpec, value) -> dict[str, str]:
    try:
        return parse_regiovisie(_text(value))
    except RegiovisieError as exc:
        raise CellError(str(exc.args[0])) from None


def _choice(column: ColumnSpec, value) -> str:
    text = _text(value)
    if text not in column.choices:
        raise CellError(
            _("onbekende waarde '%(v)s' (toegestaan: %(ok)s).")
            % {"v": text, "ok": ", ".join(column.choices)}
        )
    return text


# How a filled cell is read, per kind of column.
_PARSERS = {
    TEXT: _plain_text,
    CODE: _plain_text,
    ORG_KEY: _org_key,
    ENUM: _choice,
    LIST: _list,
    INT: lambda column, value: _integer(value),
    YEAR: lambda column, value: _year(value),
    DECIMAL: lambda column, value: _decimal(value, money=False),
    MONEY: lambda column, value: _decimal(value, money=True),
    DATE: lambda column, value: _date(value),
    SECTIONS: _sections,
}
_TEXT_KINDS = (TEXT, CODE, LIST, ENUM, ORG_KEY)  # empty: "" rather than None


def parse_cell(column: ColumnSpec, cell: tuple[object, str] | None):
    """The Python value of a cell for ``column``; raises ``CellError`` with a Dutch message.

    An empty cell gives ``""`` for text-like kinds, every section empty for the regiovisie, and
    ``None`` otherwise.
    """
    value, data_type = cell if cell is not None else (None, "n")
    if data_type == "f":
        raise CellError(
            _("de cel bevat een formule (%(f)s); formules worden niet uitgevoerd.") % {"f": value}
        )
    if data_type == "e":
        raise CellError(_("de cel bevat een foutwaarde (%(v)s).") % {"v": value})
    if isinstance(value, str):
        try:
            value = clean_text(value, multiline=column.multiline or column.kind == SECTIONS)
        except ValidationError as exc:
            raise CellError(exc.messages[0]) from None
        value = value.strip() or None
    if value is None:
        if column.required:
            raise CellError(_("verplicht; de cel is leeg."))
        if column.kind == SECTIONS:
            return parse_regiovisie("")
        return "" if column.kind in _TEXT_KINDS else None
    parsed = _PARSERS[column.kind](column, value)
    if column.not_future and parsed is not None and parsed > timezone.localdate():
        raise CellError(
            _("%(v)s ligt in de toekomst; dit moet al gebeurd zijn.") % {"v": parsed.isoformat()}
        )
    return parsed
