"""The samenwerkingsovereenkomst (convenant) of a region per period (seeds 004 B.3; seeds 000:
signed before 1 October 2024 or the region cannot apply)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from regions.models import Severity
from sto.formatting import format_date

from .deadlines import CONVENANT, describe_organisations, unmet_deadlines
from .registry import Violation, rule
from .snapshot import RegionFacts, Snapshot
from .text import plural


def _missing_text(deadline) -> str:
    count = plural(len(deadline.missing_signers), "deelnemer", "deelnemers")
    return f"{count} nog niet ondertekend: {describe_organisations(deadline.missing_signers)}"


@rule("convenant_unsigned", Severity.ERROR, _("Convenant niet door alle deelnemers ondertekend"))
def convenant_unsigned(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Seeds 004 B.3 and seeds 000: every partner signs the convenant, before its signing
    deadline. Error when the deadline has passed (it lies before the day checked) and a current
    member has not signed. Convenants of periods that are over are not checked any more."""
    for deadline in unmet_deadlines(facts, snapshot):
        if deadline.kind != CONVENANT or not deadline.is_overdue(snapshot.today):
            continue
        yield Violation(
            subject=deadline.subject,
            message=(
                f"Convenant {deadline.subject} ({deadline.convenant.convenant.title}): de uiterste "
                f"ondertekendatum {format_date(deadline.due_on)} is verstreken en "
                f"{_missing_text(deadline)}."
            ),
        )


@rule("convenant_deadline_near", Severity.WARNING, _("Uiterste ondertekendatum convenant nadert"))
def convenant_deadline_near(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Seeds 000: warning when the signing deadline lies within the warning window
    (``STO_WARNING_WINDOW_DAYS``, 30 days; the deadline day itself included) and signatures are
    missing."""
    for deadline in unmet_deadlines(facts, snapshot):
        if deadline.kind != CONVENANT or not deadline.is_due_soon(snapshot):
            continue
        yield Violation(
            subject=deadline.subject,
            message=(
                f"Convenant {deadline.subject} ({deadline.convenant.convenant.title}) moet uiterlijk "
                f"{format_date(deadline.due_on)} ondertekend zijn; {_missing_text(deadline)}."
            ),
        )


@rule("convenant_period", Severity.ERROR, _("Convenant dekt de periode niet"))
def convenant_period(facts: RegionFacts, snapshot: Snapshot) -> Iterator[Violation]:
    """Seeds 004 B.3: the convenant is valid for the whole subsidy period, so it may not end
    before 31 December of the period's last year."""
    for convenant in facts.convenants:
        if convenant.convenant.ends >= convenant.period.end_date:
            continue
        yield Violation(
            subject=convenant.period.code,
            message=(
                f"Convenant {convenant.period.code} ({convenant.convenant.title}) loopt tot "
                f"{format_date(convenant.convenant.ends)}, maar periode {convenant.period.code} "
                f"loopt tot {format_date(convenant.period.end_date)}; het convenant moet de hele "
                f"periode gelden."
            ),
        )
