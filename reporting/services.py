"""Writes of the reporting app. Every service records the acting user (``by``) in the history."""

import datetime
import logging
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import Decision
from regions.models import AnnualReport, Organisation, Period, Region
from regions.permissions import can_edit_decision_letter
from sto.history import save_validated
from sto.jobs import enqueue

from .annual_report import annual_report_document, document_hash, render_annual_report
from .council_decision import braced, council_decision_data, default_sources, unknown_fields
from .decision_letter import decision_letter_data
from .decision_letter import default_sources as letter_default_sources
from .decision_letter import unknown_fields as letter_unknown_fields
from .models import (
    ANNUAL_REPORT_NARRATIVE_MAX_CHARS,
    LETTER_FIELDS,
    NARRATIVE_FIELDS,
    AnnualReportNarrative,
    AnnualReportSection,
    AnnualReportSnapshot,
    BatchStatus,
    CouncilDecisionText,
    DecisionLetterText,
    DocumentKind,
    GeneratedDocument,
    ReportBatch,
    generated_document_upload_to,
)

logger = logging.getLogger(__name__)


# --- annual report: the manager's explanations and the content frozen at submission -------------


@transaction.atomic
def annual_report_narratives_save(
    *, by: User, region: Region, year: int, texts: dict[str, str]
) -> list[AnnualReportNarrative]:
    """Store the programme manager's explanation per section of the region's annual report over
    ``year`` (section key → text; a section not named keeps its text). An empty text removes the
    explanation from the report; the history keeps every earlier text with who wrote it."""
    unknown = set(texts) - set(AnnualReportSection.values)
    if unknown:
        raise TypeError(f"annual_report_narratives_save: unknown sections {sorted(unknown)}")
    errors = {
        section: _("Een toelichting is hoogstens %(max)s tekens lang.")
        % {"max": ANNUAL_REPORT_NARRATIVE_MAX_CHARS}
        for section, text in texts.items()
        if len((text or "").strip()) > ANNUAL_REPORT_NARRATIVE_MAX_CHARS
    }
    if errors:
        raise ValidationError(errors)
    existing = {
        n.section: n
        for n in AnnualReportNarrative.objects.select_for_update().filter(region=region, year=year)
    }
    saved = []
    for section, text in texts.items():
        value = (text or "").replace("\r\n", "\n").strip()
        record = existing.get(section) or AnnualReportNarrative(
            region=region, year=year, section=section
        )
        if record.pk and record.text == value:
            continue
        if not record.pk and not value:
            continue
        record.text = value
        saved.append(save_validated(record, by=by))
    return saved


@transaction.atomic
def annual_report_freeze(
    *, by: User | None, region: Region, year: int, submitted_on: datetime.date
) -> AnnualReportSnapshot:
    """Freeze the content of the region's annual report over ``year`` as it is now, because the
    region submitted it on ``submitted_on``: the document's data as JSON with its SHA-256 hash.
    From then on the report prints this content, and later corrections as an addendum. A
    resubmission (another date) freezes the content again; the history keeps the earlier one."""
    document = annual_report_document(region, year)
    snapshot = (
        AnnualReportSnapshot.objects.select_for_update().filter(region=region, year=year).first()
    ) or AnnualReportSnapshot(region=region, year=year)
    snapshot.submitted_on = submitted_on
    snapshot.frozen_at = timezone.now()
    snapshot.data = document
    snapshot.sha256 = document_hash(document)
    return save_validated(snapshot, by=by)


def annual_reports_freeze_submitted(*, by: User | None, year: int | None = None) -> int:
    """Freeze every submitted annual report (of ``year``, or of every year) whose content is not
    frozen yet, or was frozen for another submission date: reports whose submission came in
    without the submit service, such as a workbook import or the data from before freezing
    existed. Each report is frozen in its own transaction; returns how many were frozen."""
    frozen = {
        (region_id, y): day
        for region_id, y, day in AnnualReportSnapshot.objects.values_list(
            "region_id", "year", "submitted_on"
        )
    }
    reports = AnnualReport.objects.filter(submitted_on__isnull=False).select_related("region")
    if year is not None:
        reports = reports.filter(year=year)
    count = 0
    for report in reports.order_by("region__sto_number", "year"):
        day = report.submitted_on
        if day is None or frozen.get((report.region_id, report.year)) == day:
            continue
        annual_report_freeze(by=by, region=report.region, year=report.year, submitted_on=day)
        count += 1
    return count


def _normalise(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in (text or "").strip().splitlines()).strip()


@transaction.atomic
def council_decision_text_save(
    *,
    by: User,
    region: Region,
    municipality: Organisation,
    period: Period,
    texts: dict[str, str],
    meeting_date: datetime.date | None = None,
    portfolio_holder: str | None = None,
    budget_line: str | None = None,
) -> CouncilDecisionText:
    """Store the officer's narrative of a collegebesluit (B&W-besluit, seeds 000), and the
    portfolio holder and budget line it names (``None``: keep them as they are).

    The texts name the amounts as data fields (``{bijdrage_totaal}``); a field that is no data
    field is refused (``ValidationError`` on that narrative field). A text equal to its default
    is stored empty, so that it keeps following the data; only real edits are kept.
    """
    unknown = set(texts) - set(NARRATIVE_FIELDS)
    if unknown:
        raise TypeError(f"council_decision_text_save: unknown fields {sorted(unknown)}")
    errors = {
        name: _("Onbekend gegevensveld: %(fields)s.")
        % {"fields": ", ".join(braced(field) for field in unknown_fields(text))}
        for name, text in texts.items()
        if unknown_fields(text)
    }
    if errors:
        raise ValidationError(errors)
    defaults = default_sources(council_decision_data(region, municipality, period))
    record = (
        CouncilDecisionText.objects.select_for_update()
        .filter(region=region, municipality=municipality, period=period)
        .first()
    ) or CouncilDecisionText(region=region, municipality=municipality, period=period)
    for name in NARRATIVE_FIELDS:
        if name not in texts:
            continue
        value = (texts[name] or "").replace("\r\n", "\n").strip()
        setattr(record, name, "" if _normalise(value) == _normalise(defaults[name]) else value)
    record.meeting_date = meeting_date
    if portfolio_holder is not None:
        record.portfolio_holder = " ".join(portfolio_holder.split())
    if budget_line is not None:
        record.budget_line = " ".join(budget_line.split())
    return save_validated(record, by=by, reason=_("tekst collegebesluit bewerkt"))


@transaction.atomic
def council_decision_text_reset(
    *, by: User, region: Region, municipality: Organisation, period: Period
) -> CouncilDecisionText | None:
    """Go back to the default texts (the meeting date is kept)."""
    record = (
        CouncilDecisionText.objects.select_for_update()
        .filter(region=region, municipality=municipality, period=period)
        .first()
    )
    if record is None:
        return None
    for name in NARRATIVE_FIELDS:
        setattr(record, name, "")
    return save_validated(record, by=by, reason=_("standaardtekst hersteld"))


def _require_letter_editable(by: User, decision: Decision) -> None:
    if not can_edit_decision_letter(by, decision.plan.region):
        raise PermissionDenied(_("Alleen een coördinerend beoordelaar past de beschikking aan."))
    if decision.is_final:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Het besluit is goedgekeurd; de beschikking ligt vast en wordt niet meer "
                    "gewijzigd."
                )
            }
        )


@transaction.atomic
def decision_letter_text_save(
    *, by: User, decision: Decision, texts: dict[str, str]
) -> DecisionLetterText:
    """Store the prose of the decision letter on ``decision``'s application.

    Only whoever may propose the outcome, and only until the decision is approved (then the
    letter is sent and stays as it was). The texts name amounts, dates and names as data fields
    (``{toegekend}``); one that is no data field of the letter is refused. A text equal to its
    default is stored empty, so that it keeps following the data; only real edits are kept.
    """
    unknown = set(texts) - set(LETTER_FIELDS)
    if unknown:
        raise TypeError(f"decision_letter_text_save: unknown fields {sorted(unknown)}")
    errors = {
        name: _("Onbekend gegevensveld: %(fields)s.")
        % {"fields": ", ".join(braced(field) for field in letter_unknown_fields(text))}
        for name, text in texts.items()
        if letter_unknown_fields(text)
    }
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.select_related(
        "plan__region__lead", "plan__period", "proposed_by", "approved_by"
    ).get(pk=decision.pk)
    _require_letter_editable(by, decision)
    defaults = letter_default_sources(decision_letter_data(decision))
    record = (
        DecisionLetterText.objects.select_for_update().filter(plan_id=decision.plan_id).first()
    ) or DecisionLetterText(plan_id=decision.plan_id)
    for name in LETTER_FIELDS:
        if name not in texts:
            continue
        value = (texts[name] or "").replace("\r\n", "\n").strip()
        setattr(record, name, "" if _normalise(value) == _normalise(defaults[name]) else value)
    return save_validated(record, by=by, reason=_("tekst beschikking bewerkt"))


@transaction.atomic
def decision_letter_text_reset(*, by: User, decision: Decision) -> DecisionLetterText | None:
    """Go back to the default prose of the decision letter."""
    decision = Decision.objects.select_related("plan__region").get(pk=decision.pk)
    _require_letter_editable(by, decision)
    record = DecisionLetterText.objects.select_for_update().filter(plan_id=decision.plan_id).first()
    if record is None:
        return None
    for name in LETTER_FIELDS:
        setattr(record, name, "")
    return save_validated(record, by=by, reason=_("standaardtekst beschikking hersteld"))


def batch_regions(year: int) -> QuerySet[Region]:
    """The regions whose annual report over ``year`` is due: those with a grant in that year
    (rule ``annual_report_overdue``)."""
    return (
        Region.objects.filter(grants__year=year)
        .distinct()
        .select_related("lead")
        .order_by("sto_number")
    )


@transaction.atomic
def annual_report_document_store(
    *, by: User | None, region: Region, year: int, batch: ReportBatch | None = None
) -> GeneratedDocument:
    """Render the annual report of ``region`` over ``year`` and store it.

    Idempotent: there is one stored document per (kind, region, year), always under the same file
    name; a new run overwrites the file and updates the row instead of adding one.
    """
    document = (
        GeneratedDocument.objects.select_for_update()
        .filter(kind=DocumentKind.ANNUAL_REPORT, region=region, year=year)
        .first()
    ) or GeneratedDocument(kind=DocumentKind.ANNUAL_REPORT, region=region, year=year)
    pdf = render_annual_report(region, year).pdf
    name = generated_document_upload_to(document, "")
    storage = document.file.storage
    old_name = document.file.name if document.file else None
    if old_name and old_name != name and storage.exists(old_name):
        storage.delete(old_name)
    if storage.exists(name):
        storage.delete(name)
    document.file.name = storage.save(name, ContentFile(pdf))
    document.size = len(pdf)
    document.batch = batch
    document.generated_at = timezone.now()
    return save_validated(document, by=by)


@transaction.atomic
def report_batch_start(*, by: User, year: int) -> ReportBatch:
    """Start rendering every annual report over ``year`` (a Celery job, after commit).

    A batch for the same year that is still waiting or running is returned instead of starting
    a second one (a double click does no double work).
    """
    from .tasks import generate_annual_reports

    recent = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    active = (
        ReportBatch.objects.select_for_update()
        .filter(
            kind=DocumentKind.ANNUAL_REPORT,
            year=year,
            status__in=[BatchStatus.PENDING, BatchStatus.RUNNING],
            created_at__gte=recent,
        )
        .first()
    )
    if active:
        return active
    batch = ReportBatch(
        kind=DocumentKind.ANNUAL_REPORT,
        year=year,
        total=batch_regions(year).count(),
        started_by=by,
    )
    save_validated(batch, by=by)
    transaction.on_commit(partial(enqueue, generate_annual_reports, batch.pk))
    return batch


def _batch_save(batch: ReportBatch, *fields: str) -> None:
    save_validated(batch, by=batch.started_by, update_fields=fields)


def report_batch_run(*, batch_id: int) -> ReportBatch | None:
    """Render and store the annual report of every region of a batch, keeping its progress.

    Not one transaction on purpose: each document is stored in its own transaction
    (``annual_report_document_store``), so progress is visible while the job runs and a job that
    is run again (Celery ``acks_late`` after a lost worker) skips what this batch already made.
    A region that fails is counted and reported; the others still get their report.
    """
    batch = ReportBatch.objects.select_related("started_by").filter(pk=batch_id).first()
    if batch is None or batch.status in (BatchStatus.DONE, BatchStatus.FAILED):
        return batch
    by = batch.started_by
    regions = list(batch_regions(batch.year))
    made = set(GeneratedDocument.objects.filter(batch=batch).values_list("region_id", flat=True))
    batch.status = BatchStatus.RUNNING
    batch.total = len(regions)
    batch.done = sum(1 for region in regions if region.pk in made)
    batch.failed = 0
    _batch_save(batch, "status", "total", "done", "failed")
    problems: list[str] = []
    for region in regions:
        if region.pk in made:
            continue
        try:
            annual_report_document_store(by=by, region=region, year=batch.year, batch=batch)
        except SoftTimeLimitExceeded:
            raise
        except Exception as exc:  # one bad region must not stop the other 77
            logger.exception("Annual report %s %s failed", region.sto_number, batch.year)
            batch.failed += 1
            problems.append(f"{region.sto_number}: {exc}")
        else:
            batch.done += 1
        _batch_save(batch, "done", "failed")
    batch.status = BatchStatus.DONE
    batch.message = "\n".join(problems)
    batch.finished_at = timezone.now()
    _batch_save(batch, "status", "message", "finished_at")
    return batch


def report_batch_fail(*, batch_id: int, message: str) -> None:
    """Mark a batch as failed (e.g. its time limit ran out); the documents made so far stay."""
    batch = ReportBatch.objects.select_related("started_by").filter(pk=batch_id).first()
    if batch is None or batch.status == BatchStatus.DONE:
        return
    batch.status = BatchStatus.FAILED
    batch.message = message
    batch.finished_at = timezone.now()
    _batch_save(batch, "status", "message", "finished_at")
