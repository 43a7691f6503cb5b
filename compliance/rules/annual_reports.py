"""The annual report (jaarverslag) over year Y is due 1 June of Y+1 (seeds 000, seeds 004 B.2)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from regions.models import Severity
from sto.formatting import format_date, format_euro

from .deadlines import ANNUAL_REPORT, unmet_deadlines
from .registry import Violation, rule
from .snapshot import RegionFacts, Snapshot


@rule("annual_report_overdue", Severity.ERROR, _("Jaarverslag te laat"))
def annual_report_overdue(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Seeds 000 ("Dit jaarverslag moet voor 1 juni van het daaropvolgende jaar ..."): error for
    every year Y with a grant whose report is not submitted while 1 June of Y+1 has passed."""
    for deadline in unmet_deadlines(facts, snapshot):
        if deadline.kind != ANNUAL_REPORT or not deadline.is_overdue(snapshot.today):
            continue
        yield Violation(
            subject=deadline.subject,
            message=(
                f"Jaarverslag {deadline.year} is niet ingediend; het moest uiterlijk "
                f"{format_date(deadline.due_on)} binnen zijn (subsidie {deadline.year}: "
                f"{format_euro(deadline.grant)})."
            ),
        )


@rule("annual_report_due_soon", Severity.WARNING, _("Jaarverslag binnenkort verwacht"))
def annual_report_due_soon(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Seeds 000: warning when 1 June of Y+1 lies within the warning window
    (``STO_WARNING_WINDOW_DAYS``, 30 days; the due day itself included) and the report over Y
    is not in."""
    for deadline in unmet_deadlines(facts, snapshot):
        if deadline.kind != ANNUAL_REPORT or not deadline.is_due_soon(snapshot):
            continue
        yield Violation(
            subject=deadline.subject,
            message=(
                f"Jaarverslag {deadline.year} moet uiterlijk {format_date(deadline.due_on)} "
                f"ingediend zijn en is nog niet binnen (subsidie {deadline.year}: "
                f"{format_euro(deadline.grant)})."
            ),
        )
