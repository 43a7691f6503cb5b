"""Reads of documents that depend on who is asking; "not yours" and "not there" are one 404.

Every lookup starts from ``regions.selectors.region_get_for_user`` / ``regions_visible_to`` and
then applies the document's own predicate from ``regions.permissions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from assessment.models import Decision
from regions.models import Organisation, OrganisationKind, Period, Region
from regions.permissions import (
    can_edit_council_decision,
    can_edit_decision_letter,
    can_explain_annual_report,
    can_export_assessments,
    can_read_annual_report,
    can_read_council_decision,
    can_read_decision_letter,
    can_run_batch,
    can_use_monitor,
)
from regions.selectors import region_get_for_user, regions_visible_to

from .council_decision import municipality_takes_part
from .models import GeneratedDocument, ReportBatch

if TYPE_CHECKING:
    from regions.permissions import Person


def _not_found() -> Http404:
    return Http404("Niet gevonden.")


def annual_report_region_for_user(user: Person, sto_number: str) -> Region:
    """The region whose annual report ``user`` may read, else ``Http404``."""
    region = region_get_for_user(user, sto_number)
    if not can_read_annual_report(user, region):
        raise _not_found()
    return region


def annual_report_region_for_writer(user: Person, sto_number: str) -> Region:
    """The region whose annual report ``user`` may explain (``can_explain_annual_report``),
    else ``Http404``."""
    region = region_get_for_user(user, sto_number)
    if not can_explain_annual_report(user, region):
        raise _not_found()
    return region


@dataclass(frozen=True)
class CouncilDecisionSubject:
    region: Region
    municipality: Organisation
    period: Period
    can_edit: bool


def council_decision_for_user(
    user: Person, sto_number: str, municipality_key: str, period_code: str
) -> CouncilDecisionSubject:
    """Region, municipality and period of a council decision ``user`` may read, else ``Http404``."""
    region = region_get_for_user(user, sto_number)
    municipality = Organisation.objects.filter(
        key=municipality_key.upper(), kind=OrganisationKind.MUNICIPALITY
    ).first()
    period = Period.objects.filter(code=period_code).first()
    if municipality is None or period is None:
        raise _not_found()
    if not can_read_council_decision(user, region, municipality):
        raise _not_found()
    if not municipality_takes_part(region, municipality, period):
        raise _not_found()
    return CouncilDecisionSubject(
        region, municipality, period, can_edit_council_decision(user, region, municipality)
    )


@dataclass(frozen=True)
class DecisionLetterSubject:
    decision: Decision
    can_edit: bool  # may change the prose: may propose the outcome, and not yet approved


def decision_letter_for_user(user: Person, pk: int) -> DecisionLetterSubject:
    """The decision whose letter ``user`` may read (``can_read_decision_letter``), else
    ``Http404``."""
    decision = (
        Decision.objects.select_related(
            "plan__region__lead", "plan__period", "proposed_by", "approved_by"
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise _not_found()
    region = decision.plan.region
    if not can_read_decision_letter(user, region, final=decision.is_final):
        raise _not_found()
    return DecisionLetterSubject(
        decision, not decision.is_final and can_edit_decision_letter(user, region)
    )


def assessments_period_for_user(user: Person, code: str) -> Period:
    """The period whose assessments ``user`` may export, else ``Http404``."""
    period = Period.objects.filter(code=code).first()
    if period is None or not can_export_assessments(user):
        raise _not_found()
    return period


def batches_visible_to(user: Person) -> QuerySet[ReportBatch]:
    if not can_run_batch(user):
        return ReportBatch.objects.none()
    return ReportBatch.objects.select_related("started_by")


def batch_get_for_user(user: Person, pk: int) -> ReportBatch:
    batch = batches_visible_to(user).filter(pk=pk).first()
    if batch is None:
        raise _not_found()
    return batch


def document_get_for_user(user: Person, pk: int) -> GeneratedDocument:
    """A stored document ``user`` may download (its region visible and its report readable)."""
    document = (
        GeneratedDocument.objects.select_related("region")
        .filter(pk=pk, region__in=regions_visible_to(user))
        .first()
    )
    if document is None or not can_read_annual_report(user, document.region):
        raise _not_found()
    return document


def require_monitor_access(user: Person) -> None:
    if not can_use_monitor(user):
        raise _not_found()
