"""What the reporting app keeps: the editable narrative of council decisions, and the batch job
that renders every region's annual report with the files it produced.

The numbers in documents are gathered from ``regions`` and ``cofinancing`` each time a document
is rendered, so a PDF shows the current data, with one exception: once a region has submitted its
annual report over a year, that report's content is frozen in an ``AnnualReportSnapshot`` (with
its SHA-256 hash), and later corrections appear as an addendum instead of changing the report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Plan
from regions.models import Organisation, OrganisationKind, Period, Region


class CouncilDecisionText(models.Model):
    """The narrative of a collegebesluit (B&W-besluit, seeds 000) for one municipality's
    contribution to a region over a period, as the municipal officer edited it.

    An empty field means "use the default text", which is written from the data at render time;
    so only what the officer really changed is stored and the rest follows the data. The texts
    name the amounts as fields (``{bijdrage_totaal}``, see ``reporting.council_decision.texts``),
    so an edited text still follows the data.

    The portfolio holder (the alderman who signs) and the budget line the contribution is paid
    from are facts of the municipality, not prose: the texts name them as ``{wethouder}`` and
    ``{begrotingspost}``.
    """

    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="council_decision_texts",
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="council_decision_texts",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("periode"),
        on_delete=models.PROTECT,
        related_name="council_decision_texts",
    )
    subject = models.TextField(_("onderwerp"), blank=True)
    decision = models.TextField(_("besluit"), blank=True, help_text=_("Eén besluitpunt per regel."))
    summary = models.TextField(_("samenvatting"), blank=True)
    goal = models.TextField(_("doel"), blank=True)
    performance = models.TextField(_("prestatie"), blank=True)
    background = models.TextField(_("voorgeschiedenis en context"), blank=True)
    considerations = models.TextField(
        _("overwegingen"), blank=True, help_text=_("Eén overweging per regel.")
    )
    alternatives = models.TextField(
        _("keuzemogelijkheden/alternatieven"), blank=True, help_text=_("Eén alternatief per regel.")
    )
    participation = models.TextField(_("participatie"), blank=True)
    risks = models.TextField(
        _("kanttekeningen en risico's"), blank=True, help_text=_("Eén punt per regel.")
    )
    finance_coverage = models.TextField(
        _("financiën: dekking"),
        blank=True,
        help_text=_("Waaruit de bijdrage wordt betaald. De bedragen zelf komen uit de gegevens."),
    )
    next_steps = models.TextField(
        _("vervolgstappen"), blank=True, help_text=_("Eén stap per regel.")
    )
    evaluation = models.TextField(_("evaluatie"), blank=True)
    attachments = models.TextField(_("bijlagen"), blank=True, help_text=_("Eén bijlage per regel."))
    portfolio_holder = models.CharField(
        _("wethouder (portefeuillehouder)"),
        max_length=200,
        blank=True,
        help_text=_(
            "De wethouder die het convenant namens de gemeente ondertekent, bijvoorbeeld "
            "F. Berkhout."
        ),
    )
    budget_line = models.CharField(
        _("begrotingspost"),
        max_length=200,
        blank=True,
        help_text=_(
            "De post op de gemeentebegroting waaruit de bijdrage wordt betaald, bijvoorbeeld "
            "Onderwijsbeleid en Leerlingzaken."
        ),
    )
    meeting_date = models.DateField(_("behandeld in B&W-vergadering"), null=True, blank=True)
    board_decision = models.TextField(_("besluit B&W"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tekst collegebesluit")
        verbose_name_plural = _("teksten collegebesluiten")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "municipality", "period"], name="council_decision_text_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.municipality.key} {self.period.code}"


# The narrative fields, in the order of the B&W-besluit (seeds 000).
NARRATIVE_FIELDS: tuple[str, ...] = (
    "subject",
    "decision",
    "summary",
    "goal",
    "performance",
    "background",
    "considerations",
    "alternatives",
    "participation",
    "risks",
    "finance_coverage",
    "next_steps",
    "evaluation",
    "attachments",
    "board_decision",
)


class DecisionLetterText(models.Model):
    """The prose of the decision letter (beschikking) on an application, as the coordinating
    reviewer edited it.

    Like ``CouncilDecisionText``: an empty field means "use the default text", written from the
    data at render time, so only what was really changed is stored. Kept per application (the
    plan version), not per ``assessment.Decision``: a decision sent back and proposed again keeps
    the letter's prose. The facts (outcome, amounts, conditions, scores, dates, legal basis,
    objection) always come from the data and are not here.
    """

    plan = models.OneToOneField(
        Plan,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="decision_letter_text",
    )
    opening = models.TextField(_("aanhef en aanleiding"), blank=True)
    considerations = models.TextField(
        _("toelichting op de beoordeling"),
        blank=True,
        help_text=_("Hoe de aanvraag is beoordeeld. De motivering van het besluit staat erboven."),
    )
    closing = models.TextField(_("slot"), blank=True)
    signatory = models.TextField(
        _("ondertekening"), blank=True, help_text=_("Eén regel per regel van de ondertekening.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tekst beschikking")
        verbose_name_plural = _("teksten beschikkingen")

    def __str__(self) -> str:
        return f"{self.plan.region.sto_number} {self.plan.period.code} v{self.plan.version}"


# The editable prose of the decision letter, in the order of the letter.
LETTER_FIELDS: tuple[str, ...] = ("opening", "considerations", "closing", "signatory")


class BatchStatus(models.TextChoices):
    PENDING = "pending", _("wacht")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class DocumentKind(models.TextChoices):
    ANNUAL_REPORT = "annual_report", _("jaarverslag")


class ReportBatch(models.Model):
    """A run of the batch job that renders the annual report of every region with a grant in
    ``year``; ``done``/``failed`` against ``total`` is the progress shown in the browser."""

    kind = models.CharField(
        _("soort"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.ANNUAL_REPORT
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    total = models.PositiveIntegerField(_("totaal"), default=0)
    done = models.PositiveIntegerField(_("klaar"), default=0)
    failed = models.PositiveIntegerField(_("mislukt"), default=0)
    message = models.TextField(_("melding"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (BatchStatus.PENDING, BatchStatus.RUNNING)

    @property
    def processed(self) -> int:
        return self.done + self.failed

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)


def generated_document_upload_to(instance: "GeneratedDocument", filename: str) -> str:
    # One fixed name per (kind, region, year): re-running overwrites instead of piling up.
    return f"generated/{instance.kind}/{instance.year}/{instance.region.sto_number}.pdf"


class GeneratedDocument(models.Model):
    """A document the system rendered and stored, one per kind, region and year.

    Never served from ``MEDIA_URL``: downloads go through ``reporting:document_download``,
    which checks access like every other page.
    """

    kind = models.CharField(_("soort"), max_length=30, choices=DocumentKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="generated_documents",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    file = models.FileField(_("bestand"), upload_to=generated_document_upload_to, max_length=300)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    batch = models.ForeignKey(
        ReportBatch,
        verbose_name=_("batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    generated_at = models.DateTimeField(_("gemaakt op"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "year", "region__sto_number"]
        verbose_name = _("gegenereerd document")
        verbose_name_plural = _("gegenereerde documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "region", "year"], name="generated_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region.sto_number} {self.year}"

    @property
    def filename(self) -> str:
        return f"jaarverslag-{self.region.sto_number}-{self.year}.pdf"


class AnnualReportSection(models.TextChoices):
    """The sections of the annual report, in the order of the document (``annual_report``)."""

    PARTNERS = "partners", _("Penvoerder en partners")
    STUDENTS = "students", _("Leerlingen")
    CONVENANT = "convenant", _("Convenant en ondertekening")
    GRANT = "grant", _("Subsidie")
    COFINANCING = "cofinancing", _("Cofinanciering door bedrijven")
    CONTRIBUTIONS = "contributions", _("Gemeentelijke bijdragen")
    FINDINGS = "findings", _("Bevindingen")
    GOALS = "goals", _("Doelen en mijlpalen")
    SPENDING = "spending", _("Activiteiten en besteding")


# A narrative is a few paragraphs under a section, not a second report.
ANNUAL_REPORT_NARRATIVE_MAX_CHARS = 5000


class AnnualReportNarrative(models.Model):
    """The programme manager's explanation of one section of the region's annual report over a
    year, printed under that section."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="annual_report_narratives",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    section = models.CharField(_("onderdeel"), max_length=20, choices=AnnualReportSection.choices)
    text = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year", "section"]
        verbose_name = _("toelichting jaarverslag")
        verbose_name_plural = _("toelichtingen jaarverslag")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "section"], name="annual_report_narrative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.year} {self.section}"


class AnnualReportSnapshot(models.Model):
    """The content of a region's annual report over a year as it was when the region submitted
    it: the rendered data as JSON and its SHA-256 hash, printed in the PDF. A resubmission
    freezes the content again; the history keeps the earlier one."""

    # The region's annual report (``regions.AnnualReport``) protects the region while it exists;
    # the snapshot goes with the region only after that.
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="annual_report_snapshots",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    submitted_on = models.DateField(_("ingediend op"))
    frozen_at = models.DateTimeField(_("vastgelegd op"))
    data = models.JSONField(_("inhoud"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year"]
        verbose_name = _("vastgelegd jaarverslag")
        verbose_name_plural = _("vastgelegde jaarverslagen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="annual_report_snapshot_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.year}"
