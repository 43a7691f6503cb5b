"""The STO interchange workbook: one .xlsx holding a whole data set (docs/interfaces.md §1, §5).

``export_workbook(target, *, regions=None)`` writes it; ``import_workbook(source, *, by=None)``
reads it back all or nothing, raising ``WorkbookInvalid`` (``.errors``: every problem as
``sheet!row: column: message``). ``import_sheets(sheets, *, by=None, reason=...)`` imports the
same sheets from memory (rows of Python values), validated and written the same way. See
docs/workbook.md.
"""

from .exporter import ExportSummary, export_workbook, write_workbook
from .importer import import_sheets, import_workbook
from .reader import Problem, WorkbookInvalid
from .schema import SHEETS
from .writing import ImportSummary, SheetCounts

__all__ = [
    "SHEETS",
    "ExportSummary",
    "ImportSummary",
    "Problem",
    "SheetCounts",
    "WorkbookInvalid",
    "export_workbook",
    "import_sheets",
    "import_workbook",
    "write_workbook",
]
