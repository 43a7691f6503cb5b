"""Store the demo data set through the workbook importer, the one write path for bulk data.

``import_sheets`` validates every row exactly like an uploaded workbook (docs/workbook.md) and
writes all or nothing, with a history row for every row: reason "seed_demo" and no acting user,
because the data set is loaded by the system, not by a person.
"""

from regions.models import Period
from reporting.workbook import ImportSummary, import_sheets

from .rows import DemoDataset

CHANGE_REASON = "seed_demo"


def load_dataset(data: DemoDataset) -> ImportSummary:
    """Import every row of ``data``; raises ``WorkbookInvalid`` (and writes nothing) on any
    problem. A period that is already in the database is kept as it is."""
    sheets = data.sheets()
    existing = set(Period.objects.values_list("code", flat=True))
    sheets["periods"] = [row for row in sheets["periods"] if row["code"] not in existing]
    return import_sheets(sheets, by=None, reason=CHANGE_REASON)
