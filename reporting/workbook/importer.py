"""All-or-nothing import of the STO interchange workbook (docs/interfaces.md §1, §5).

The import first validates every row of every sheet in memory (``validation``: the models' own
validation plus the checks between sheets) and collects every problem. Only when there is none
does it write (``writing``), inside one transaction, with bulk inserts and updates that record
the acting user in the history. How each sheet maps onto its model is in ``bindings``.

Rows are upserted by their natural key; rows in the database that the data does not mention
are left alone; a row whose values did not change is not written, so importing the same
workbook twice changes nothing the second time.

Two entry points share that path: ``import_workbook`` reads an .xlsx file, ``import_sheets``
takes sheets that are already in memory (``manage.py seed_demo`` loads the demo data set so).
"""

from collections.abc import Iterable, Mapping

from django.db import transaction

from sto.actors import system_actor

from . import assessments, schema
from .bindings import PERIOD, REGION
from .reader import Problem, RawSheet, WorkbookInvalid, read_rows, read_workbook
from .validation import References, sort_problems, validate
from .writing import ImportSummary, SheetCounts, write_rows

CHANGE_REASON = "import werkmap"


def import_workbook(source, *, by=None) -> ImportSummary:
    """Import the workbook at ``source`` (a path or a binary file object), all or nothing.

    Raises ``WorkbookInvalid`` listing every problem as ``sheet!row: column: message`` when any
    row is invalid; the database is then unchanged. ``by`` is recorded as the history user.
    """
    sheets, problems = read_workbook(source)
    if problems and not sheets:
        raise WorkbookInvalid(problems)
    return _import(sheets, problems, by=by, reason=CHANGE_REASON, system_if_nobody=True)


def import_sheets(
    sheets: Mapping[str, Iterable[Mapping[str, object]]],
    *,
    by=None,
    reason: str = CHANGE_REASON,
) -> ImportSummary:
    """Import sheets that are already in memory, validated and written exactly like a workbook.

    ``sheets`` maps sheet names of the contract to rows, each a mapping of column key to a
    Python value (``str``, ``int``, ``Decimal``, ``datetime.date`` or ``None`` for an empty
    cell); see ``reader.read_rows``. All or nothing: raises ``WorkbookInvalid`` with every
    problem as ``sheet!row: column: message`` (the first row of a sheet is row 2, as in a
    workbook). ``by`` (the acting user, or ``None`` for the system) and ``reason`` are recorded
    in the history.
    """
    return _import(read_rows(sheets), [], by=by, reason=reason)


@transaction.atomic
def _import(
    sheets: dict[str, RawSheet],
    problems: list[Problem],
    *,
    by,
    reason: str,
    system_if_nobody: bool = False,
) -> ImportSummary:
    """Validate everything, then write. ``system_if_nobody``: a workbook import without a person
    is recorded as the system account (``sto.actors``), created only once there is a write."""
    parsed, row_problems = validate(sheets)
    review_rows: list = []
    review_problems: list[Problem] = []
    raw_reviews = sheets[schema.ASSESSMENTS.name]
    if raw_reviews.rows:  # no queries for a workbook without assessments
        review_rows, review_problems = assessments.validate_rows(
            raw_reviews, parsed[schema.PLANS.name], _references(parsed)
        )
    if problems or row_problems or review_problems:
        raise WorkbookInvalid(sort_problems(problems + row_problems + review_problems))
    if by is None and system_if_nobody:
        by = system_actor()
    summary = write_rows(parsed, by=by, reason=reason)
    # The reviews last: through ``assessment.services.review_import``, on the plans just written.
    counts, review_problems = assessments.write_rows(review_rows, by=by)
    if review_problems:
        raise WorkbookInvalid(sort_problems(review_problems))
    summary.sheets[schema.ASSESSMENTS.name] = SheetCounts(*counts)  # (0, 0, 0) without rows
    return summary


def _references(parsed: dict) -> References:
    """The regions and periods of the workbook and of the database."""
    references = References.from_database()
    for name, entity in ((schema.REGIONS.name, REGION), (schema.PERIODS.name, PERIOD)):
        for row in parsed[name]:
            if row.key is not None:
                references.add(entity, row)
    return references
