"""The ``assessments`` sheet of the interchange workbook (docs/interfaces.md §5): one row per
reviewer and sub-aspect of an application, read into submitted reviews through
``assessment.services.review_import`` and written from the submitted reviews.

A row ``(sto_number, period)`` stands for the region's *application* for the period: its latest
submitted plan version (docs/decisions/0010), which must exist in the database or be made
submitted by the ``plans`` sheet of the same workbook. The rows of one reviewer of one
application together are that reviewer's review, and must judge every sub-aspect: the rules of
``review_import`` (a score within the framework's scale where the framework asks for one, none
where it does not, a reason for every minimum not met). ``reviewer`` is a username when a user
of that name exists, who must be allowed to assess the region (``can_assess``: a reviewer without
another role there); any other name is an assessment held outside STO-beheer.

The contract has no column for the reason of a minimum not met. The extra column ``reason``
holds it; without it the ``note`` of that row is taken as the reason, and a ``no`` without
either is refused. The extra column ``submitted_on`` gives the day the review was submitted
(the day of the import otherwise).

The import checks the cells, the references and the reasons with the other sheets, before
anything is written; the framework's rules are applied by ``review_import`` itself as the
reviews are written, after the other sheets, in the same transaction: a problem there is
reported as ``assessments!row: column: message`` as well, and nothing is kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import Judgement, Review
from assessment.ranking import choose_applications
from assessment.services import JudgementInput, JudgementsInvalid, review_import
from plans.models import SUBMITTED_STATUSES, Plan
from regions.models import Region
from regions.permissions import can_assess

from . import schema
from .reader import Problem, RawSheet
from .validation import (
    ParsedRow,
    References,
    _duplicate_keys,
    _read_rows,
    _unknown_period,
    _unknown_region,
)

YES, NO = "yes", "no"
SHEET = schema.ASSESSMENTS.name


def _application_plans(plans: QuerySet[Plan]) -> dict[tuple[str, str], Plan]:
    """(sto_number, period) -> the region's application for the period, when it is submitted
    (``assessment.ranking.choose_applications``)."""
    chosen = choose_applications(plans.select_related("region", "period"))
    return {
        (plan.region.sto_number, plan.period.code): plan
        for plan in chosen.values()
        if plan.status in SUBMITTED_STATUSES
    }


# --- validation, before anything is written ------------------------------------------------


def validate_rows(
    raw: RawSheet, plan_rows: Iterable[ParsedRow], references: References
) -> tuple[list[ParsedRow], list[Problem]]:
    """The sheet's rows read and checked against the workbook and the database: known region
    and period, a submitted application, a reason for every ``no``. ``plan_rows`` are the
    validated rows of the ``plans`` sheet."""
    if not raw.readable:
        return [], []
    rows, problems = _read_rows(raw)
    problems.extend(_duplicate_keys(raw.spec, rows))
    submitted = {
        (row.values["sto_number"], row.values["period"])
        for row in plan_rows
        if row.key is not None and row.values.get("status") in SUBMITTED_STATUSES
    }
    submitted |= set(
        Plan.objects.filter(status__in=SUBMITTED_STATUSES)
        .order_by()
        .values_list("region__sto_number", "period__code")
    )
    for row in rows:
        v = row.values
        if row.given(("sto_number",)) and v["sto_number"] not in references.regions:
            problems.append(_unknown_region(SHEET, row, "sto_number"))
            row.failed.add("sto_number")
        if row.given(("period",)) and v["period"] not in references.periods:
            problems.append(_unknown_period(SHEET, row, "period"))
            row.failed.add("period")
        if row.given(("sto_number", "period")) and (v["sto_number"], v["period"]) not in submitted:
            problems.append(
                Problem(
                    SHEET,
                    row.number,
                    "period",
                    _(
                        "regio %(region)s heeft geen ingediend plan voor periode %(period)s: niet "
                        "in het tabblad plans en niet in de database."
                    )
                    % {"region": v["sto_number"], "period": v["period"]},
                )
            )
            row.failed.add("period")
        if row.given(("minimum_met",)) and v["minimum_met"] == NO and not reason_of(row):
            problems.append(
                Problem(
                    SHEET,
                    row.number,
                    "reason",
                    _(
                        "bij minimum_met = no hoort de reden waarom niet aan de minimale vereisten "
                        "is voldaan: vul de kolom reason (of note)."
                    ),
                )
            )
    return rows, problems


def reason_of(row: ParsedRow) -> str:
    """The reason of a minimum not met: the ``reason`` column, else the row's ``note``."""
    return (row.values.get("reason") or row.values.get("note") or "").strip()


# --- writing, after the other sheets -----------------------------------------------------------


@dataclass
class _Review:
    sto_number: str
    period: str
    reviewer: str
    rows: list[ParsedRow] = field(default_factory=list)


def _grouped(rows: list[ParsedRow]) -> list[_Review]:
    groups: dict[tuple[str, str, str], _Review] = {}
    for row in rows:
        key = (row.values["sto_number"], row.values["period"], row.values["reviewer"])
        groups.setdefault(key, _Review(*key)).rows.append(row)
    return list(groups.values())


def _submitted_at(rows: list[ParsedRow]) -> datetime.datetime | None:
    days = [row.values.get("submitted_on") for row in rows if row.values.get("submitted_on")]
    if not days:
        return None
    return timezone.make_aware(datetime.datetime.combine(min(days), datetime.time(12)))


def _judgement_values(row: ParsedRow) -> tuple:
    met = row.values["minimum_met"] == YES
    return (
        met,
        "" if met else reason_of(row),
        row.values.get("score"),
        row.values.get("note") or "",
    )


def write_rows(rows: list[ParsedRow], *, by) -> tuple[tuple[int, int, int], list[Problem]]:
    """Write every review of the sheet with ``review_import``. Returns the rows created,
    updated and unchanged, and the problems the service found (then the caller rolls back)."""
    if not rows:
        return (0, 0, 0), []
    plans = _application_plans(Plan.objects.all())
    names = {row.values["reviewer"] for row in rows}
    users = {u.get_username(): u for u in get_user_model().objects.filter(username__in=names)}
    before: dict[tuple[int, str, str], tuple] = {}
    for judgement in Judgement.objects.filter(
        review__plan__in=list(plans.values()), review__submitted_at__isnull=False
    ).select_related("review__reviewer", "sub_aspect"):
        review = judgement.review
        before[(review.plan_id, review.reviewer_name, judgement.sub_aspect.code)] = (
            judgement.minimum_met,
            judgement.reason,
            judgement.score,
            judgement.note,
        )
    created = updated = unchanged = 0
    problems: list[Problem] = []
    for group in _grouped(rows):
        plan = plans.get((group.sto_number, group.period))
        first = group.rows[0]
        if plan is None:  # the plans sheet made the current version a draft
            problems.append(
                Problem(
                    SHEET,
                    first.number,
                    "period",
                    _("regio %(region)s heeft geen ingediend plan voor periode %(period)s.")
                    % {"region": group.sto_number, "period": group.period},
                )
            )
            continue
        user = users.get(group.reviewer)
        if user is not None and not can_assess(user, plan.region):
            problems.append(
                Problem(
                    SHEET,
                    first.number,
                    "reviewer",
                    _(
                        "%(name)s kan deze aanvraag niet beoordelen: geen beoordelaar, of heeft "
                        "een andere rol in regio %(sto)s."
                    )
                    % {"name": group.reviewer, "sto": plan.region.sto_number},
                )
            )
            continue
        items = []
        for row in group.rows:
            met, reason, score, note = _judgement_values(row)
            items.append(JudgementInput(row.values["sub_aspect"], met, reason, score, note))
        try:
            review_import(
                by=by,
                plan=plan,
                reviewer=user,
                external_reviewer="" if user is not None else group.reviewer,
                items=items,
                submitted_at=_submitted_at(group.rows),
            )
        except JudgementsInvalid as error:
            problems.extend(_service_problems(group, error))
            continue
        for row in group.rows:
            old = before.get((plan.pk, group.reviewer, row.values["sub_aspect"]))
            new = _judgement_values(row)
            if old is None:
                created += 1
            elif (old[0], old[1], old[2], old[3].strip()) == (
                new[0],
                new[1].strip(),
                new[2],
                new[3].strip(),
            ):
                unchanged += 1
            else:
                updated += 1
    return (created, updated, unchanged), problems


_FIELD_COLUMNS = {"minimum_met": "minimum_met", "reason": "reason", "score": "score"}


def _service_problems(group: _Review, error: JudgementsInvalid) -> list[Problem]:
    """``review_import``'s problems per sub-aspect, at the rows of the sheet."""
    row_of = {row.values["sub_aspect"]: row for row in group.rows}
    problems = []
    for code, fields in error.problems.items():
        row = row_of.get(code)
        for name, message in fields.items():
            if row is None:  # a sub-aspect the review leaves out: at the review's first row
                problems.append(
                    Problem(SHEET, group.rows[0].number, "sub_aspect", f"{code}: {message}")
                )
            else:
                problems.append(
                    Problem(SHEET, row.number, _FIELD_COLUMNS.get(name, "sub_aspect"), message)
                )
    return problems


# --- export ------------------------------------------------------------------------------------


def export_rows(regions: QuerySet[Region] | None) -> list[tuple]:
    """The submitted reviews of every application, one row per judgement, in the columns of
    the sheet (two queries)."""
    plans = Plan.objects.all()
    if regions is not None:
        plans = plans.filter(region__in=regions.values("pk"))
    applications = {plan.pk: key for key, plan in _application_plans(plans).items()}
    rows = []
    for review in (
        Review.objects.filter(plan_id__in=list(applications), submitted_at__isnull=False)
        .select_related("reviewer")
        .prefetch_related("judgements__sub_aspect")
    ):
        sto_number, period = applications[review.plan_id]
        submitted_on = timezone.localdate(review.submitted_at) if review.submitted_at else None
        for judgement in review.judgements.all():
            met = judgement.minimum_met
            rows.append(
                (
                    sto_number,
                    period,
                    review.reviewer_name,
                    judgement.sub_aspect.code,
                    None if met is None else (YES if met else NO),
                    judgement.score,
                    judgement.note,
                    judgement.reason,
                    submitted_on,
                )
            )
    return rows
