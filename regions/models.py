"""Organisations, regions and what ties them together (docs/domain.md, "Parties", "Region").

Every model keeps its history with django-simple-history: writes go through services in
``regions.services`` that record the acting user.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .identifiers import validate_organisation_key


class OrganisationKind(models.TextChoices):
    VMBO = "vmbo", _("vmbo-vestiging")
    MBO = "mbo", _("mbo-instelling")
    PO = "po", _("po-school")
    VSO = "vso", _("vso-vestiging")
    PRO = "pro", _("pro-vestiging")
    HBO = "hbo", _("hbo-instelling")
    COMPANY = "company", _("bedrijf")
    MUNICIPALITY = "municipality", _("gemeente")
    OTHER = "other", _("overig")


class Profile(models.TextChoices):
    """vmbo profiles; the first five are technical (docs/domain.md, "Students and profiles")."""

    BWI = "BWI", "BWI"
    PIE = "PIE", "PIE"
    MT = "M&T", "M&T"
    MAT = "MaT", "MaT"
    MVI = "MVI", "MVI"
    DP = "D&P", "D&P"
    EO = "E&O", "E&O"
    ZW = "Z&W", "Z&W"
    HBR = "HBR", "HBR"
    GROEN = "Groen", "Groen"


TECHNICAL_PROFILES: tuple[str, ...] = ("BWI", "PIE", "M&T", "MaT", "MVI")
HARD_TECHNICAL_PROFILES: tuple[str, ...] = ("BWI", "PIE", "M&T")


class LearningPath(models.TextChoices):
    BB = "BB", _("basisberoepsgerichte leerweg")
    KB = "KB", _("kaderberoepsgerichte leerweg")
    GL = "GL", _("gemengde leerweg")
    TL = "TL", _("theoretische leerweg")


VOCATIONAL_PATHS: tuple[str, ...] = ("BB", "KB", "GL")


def technical_share(counts: Iterable[Any]) -> tuple[int, int]:
    """Condition c of a techniekarme regio (seeds 004 §2, footnote 14): of the students in the
    vocational paths (BB/KB/GL) among ``counts`` (rows with ``profile``, ``learning_path`` and
    ``students``), how many follow a technical profile, and how many there are in all."""
    vocational = [c for c in counts if c.learning_path in VOCATIONAL_PATHS]
    technical = sum(c.students for c in vocational if c.profile in TECHNICAL_PROFILES)
    return technical, sum(c.students for c in vocational)


# The programme's start-up phase began in 2018 (docs/domain.md, "The programme"): no grant,
# co-financing or annual report is about an earlier year.
PROGRAMME_FIRST_YEAR = 2018


class RegionKind(models.TextChoices):
    TECHNIEK = "techniek", _("techniekregio")
    TECHNIEKARM = "techniekarm", _("techniekarme regio")


def split_list(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


class PeriodQuerySet(models.QuerySet["Period"]):
    def for_year(self, year: int) -> "Period | None":
        """The period whose years contain ``year`` (see ``period_containing``)."""
        return period_containing(self.filter(start_year__lte=year, end_year__gte=year), year)


def period_containing(periods: Iterable["Period"], year: int) -> "Period | None":
    """The period whose years contain ``year``; should periods overlap, the one that started
    last (the newest scheme applies). ``None`` when no period contains the year."""
    matching = [p for p in periods if p.start_year <= year <= p.end_year]
    return max(matching, key=lambda p: (p.start_year, p.code)) if matching else None


class Period(models.Model):
    """A subsidy period with its own co-financing minimum (docs/domain.md, "The programme")."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    start_year = models.PositiveSmallIntegerField(_("beginjaar"))
    end_year = models.PositiveSmallIntegerField(_("eindjaar"))
    min_cofinancing_pct = models.DecimalField(
        _("minimale cofinanciering (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    plan_deadline = models.DateField(
        _("uiterste indiendatum regioplan"),
        null=True,
        blank=True,
        help_text=_(
            "De dag waarop het regioplan van de periode (regiovisie, activiteitenplan, begroting) "
            "uiterlijk ingediend moet zijn."
        ),
    )
    techniekarm_max_technical_pct = models.DecimalField(
        _("maximaal technisch aandeel techniekarme regio (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    history = HistoricalRecords()

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start_year", "code"]
        verbose_name = _("periode")
        verbose_name_plural = _("periodes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="period_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Het eindjaar ligt voor het beginjaar.")})

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.start_year, 1, 1)

    @property
    def end_date(self) -> datetime.date:
        """The last day of the period (31 December of its last year)."""
        return datetime.date(self.end_year, 12, 31)

    def contains(self, day: datetime.date) -> bool:
        """``day`` lies within the period's years."""
        return self.first_day <= day <= self.end_date

    def is_over_on(self, day: datetime.date) -> bool:
        """The period has ended before ``day``; its convenant is no longer checked."""
        return self.end_date < day


class Organisation(models.Model):
    """A party in one or more regions: school, institution, company or municipality."""

    key = models.CharField(
        _("sleutel"),
        max_length=20,
        unique=True,
        help_text=_("BRIN+vestiging, BRIN, KvK-nummer of CBS-code, afhankelijk van de soort."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    technical_profiles = models.CharField(
        _("technische profielen"),
        max_length=40,
        blank=True,
        help_text=_("Alleen voor vmbo-vestigingen; gescheiden door ';', bijv. BWI;PIE."),
    )
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"

    @property
    def profiles(self) -> list[str]:
        return split_list(self.technical_profiles)

    @property
    def has_technical_profile(self) -> bool:
        return any(p in TECHNICAL_PROFILES for p in self.profiles)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind:
            try:
                self.key = validate_organisation_key(self.kind, self.key)
            except ValidationError as exc:
                errors["key"] = exc.messages[0]
        profiles = self.profiles
        unknown = [p for p in profiles if p not in TECHNICAL_PROFILES]
        if unknown:
            errors["technical_profiles"] = _(
                "Onbekend technisch profiel: %(p)s (toegestaan: %(ok)s)."
            ) % {
                "p": ", ".join(unknown),
                "ok": ", ".join(TECHNICAL_PROFILES),
            }
        elif profiles and self.kind != OrganisationKind.VMBO:
            errors["technical_profiles"] = _(
                "Alleen een vmbo-vestiging heeft technische profielen."
            )
        else:
            self.technical_profiles = ";".join(dict.fromkeys(profiles))
        if self.inhabitants is not None and self.kind != OrganisationKind.MUNICIPALITY:
            errors["inhabitants"] = _("Alleen een gemeente heeft een aantal inwoners.")
        if errors:
            raise ValidationError(errors)


class Region(models.Model):
    """A regional partnership (techniekregio or techniekarme regio)."""

    sto_number = models.CharField(_("STO-nummer"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=RegionKind.choices)
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("penvoerder"),
        on_delete=models.PROTECT,
        related_name="led_regions",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["sto_number"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return f"{self.sto_number} {self.name}"

    def clean(self) -> None:
        if self.lead_id and self.lead.kind != OrganisationKind.VMBO:
            raise ValidationError({"lead": _("De penvoerder moet een vmbo-vestiging zijn.")})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current_on(self, day: datetime.date) -> "MembershipQuerySet":
        """Members on ``day``: start on or before it, end empty or on or after it
        (docs/interfaces.md §1, "current")."""
        return self.during(day, day)

    def during(
        self, first_day: datetime.date, last_day: datetime.date | None
    ) -> "MembershipQuerySet":
        """Partners at any moment from ``first_day`` to ``last_day`` (both included; no
        ``last_day``: open-ended): the membership starts on or before the last day and has not
        ended before the first. A partner who left half-way still took part in that span."""
        memberships = self.exclude(end__lt=first_day)
        return memberships if last_day is None else memberships.filter(start__lte=last_day)


class Membership(models.Model):
    """An organisation's membership of a region, from ``start`` until ``end`` (inclusive)."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    start = models.DateField(_("begindatum"))
    end = models.DateField(_("einddatum"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["region", "organisation__name", "start"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "organisation", "start"], name="membership_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.region}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("De einddatum ligt voor de begindatum.")})

    def is_current_on(self, day: datetime.date) -> bool:
        return self.overlaps(day, day)

    def overlaps(self, first_day: datetime.date, last_day: datetime.date | None) -> bool:
        """The in-memory twin of ``Membership.objects.during``."""
        starts_in_time = last_day is None or self.start <= last_day
        return starts_in_time and (self.end is None or self.end >= first_day)


def partners_during(
    region: "Region", first_day: datetime.date, last_day: datetime.date | None
) -> "models.QuerySet[Organisation]":
    """The organisations that are a partner of ``region`` at some moment of the span
    (``Membership.objects.during``), by name."""
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(region=region)
        .during(first_day, last_day)
        .values("organisation_id")
    ).order_by("name", "key")


class StudentCount(models.Model):
    """Students of a location per profile and learning path on a reference date (peildatum)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="student_counts",
    )
    reference_date = models.DateField(_("peildatum"))
    profile = models.CharField(_("profiel"), max_length=10, choices=Profile.choices)
    learning_path = models.CharField(_("leerweg"), max_length=2, choices=LearningPath.choices)
    students = models.PositiveIntegerField(_("leerlingen"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-reference_date", "profile", "learning_path"]
        verbose_name = _("leerlingaantal")
        verbose_name_plural = _("leerlingaantallen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference_date", "profile", "learning_path"],
                name="student_count_unique",
            )
        ]
        # The budget formula and the national figures read every count of one reference date.
        indexes = [models.Index(fields=["reference_date"], name="student_count_date")]

    def __str__(self) -> str:
        return f"{self.organisation.key} {self.reference_date} {self.profile} {self.learning_path}"

    def belongs_to(self, region: Region) -> bool:
        """A count belongs to the region its location was a member of on the reference date:
        only that region may correct it."""
        return (
            Membership.objects.filter(region=region, organisation_id=self.organisation_id)
            .current_on(self.reference_date)
            .exists()
        )


class Convenant(models.Model):
    """The samenwerkingsovereenkomst of a region for a period (docs/domain.md, "Documents")."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="convenants"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="convenants"
    )
    title = models.CharField(_("titel"), max_length=200)
    starts = models.DateField(_("ingangsdatum"))
    ends = models.DateField(_("einddatum"))
    signing_deadline = models.DateField(_("uiterste ondertekendatum"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "period__start_year"]
        verbose_name = _("convenant")
        verbose_name_plural = _("convenanten")
        constraints = [
            models.UniqueConstraint(fields=["region", "period"], name="convenant_unique_period"),
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")), name="convenant_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("De einddatum ligt voor de ingangsdatum.")})


class Signature(models.Model):
    """A partner's signature under a convenant; ``signed_on`` empty means not signed yet."""

    convenant = models.ForeignKey(
        Convenant, verbose_name=_("convenant"), on_delete=models.PROTECT, related_name="signatures"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    signatory = models.CharField(_("ondertekenaar"), max_length=200, blank=True)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["convenant", "organisation__name"]
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        constraints = [
            models.UniqueConstraint(
                fields=["convenant", "organisation"], name="signature_unique_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.convenant}"

    def clean(self) -> None:
        if self.signed_on and not self.signatory:
            raise ValidationError({"signatory": _("Vul in wie heeft ondertekend.")})


# The annual report over year Y is due on 1 June of Y+1 (seeds 000, "Evaluatie"; seeds 004 B.2).
ANNUAL_REPORT_DUE_MONTH_DAY = (6, 1)


def annual_report_due_on(year: int) -> datetime.date:
    """The day the annual report over ``year`` is due: 1 June of the following year."""
    month, day = ANNUAL_REPORT_DUE_MONTH_DAY
    return datetime.date(year + 1, month, day)


class ReportState(models.TextChoices):
    """Where the annual report over a year stands on a day."""

    SUBMITTED = "submitted", _("ingediend")
    LATE = "late", _("te laat ingediend")
    OVERDUE = "overdue", _("te laat")
    OPEN = "open", _("nog niet ingediend")


def annual_report_state(
    year: int, submitted_on: datetime.date | None, today: datetime.date
) -> ReportState:
    """Submitted (on time or late), overdue (due day passed, not in) or still open."""
    due = annual_report_due_on(year)
    if submitted_on is not None and submitted_on <= today:
        return ReportState.LATE if submitted_on > due else ReportState.SUBMITTED
    return ReportState.OVERDUE if due < today else ReportState.OPEN


def annual_report_upload_to(instance: "AnnualReport", filename: str) -> str:
    return f"annual_reports/{instance.region.sto_number}/{instance.year}/{filename}"


class AnnualReport(models.Model):
    """The jaarverslag of a region over a year, due 1 June of the following year."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    submitted_on = models.DateField(_("ingediend op"), null=True, blank=True)
    document = models.FileField(
        _("document (PDF)"), upload_to=annual_report_upload_to, blank=True, max_length=300
    )
    activities = models.TextField(
        _("activiteiten en besteding"),
        blank=True,
        help_text=_("De uitgevoerde activiteiten en hun besteding, zoals de regio ze aanlevert."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year"]
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="annual_report_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.year}"

    @property
    def due_on(self) -> datetime.date:
        return annual_report_due_on(self.year)


class Severity(models.TextChoices):
    ERROR = "error", _("fout")
    WARNING = "warning", _("waarschuwing")


class FindingQuerySet(models.QuerySet):
    def open(self) -> "FindingQuerySet":
        return self.filter(resolved_at__isnull=True)


class Finding(models.Model):
    """A rule finding for a region, kept open until a later check no longer reports it.

    ``subject`` tells apart several findings of one rule in one region (the school, the year or
    the period concerned), so that re-running the checks updates rather than duplicates.
    """

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="findings"
    )
    rule = models.CharField(_("regel"), max_length=50)
    subject = models.CharField(_("onderwerp"), max_length=100, blank=True)
    severity = models.CharField(_("ernst"), max_length=10, choices=Severity.choices)
    message = models.TextField(_("melding"))
    first_seen = models.DateField(_("eerst gezien"))
    last_seen = models.DateField(_("laatst gezien"))
    resolved_at = models.DateField(_("opgelost op"), null=True, blank=True)
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["region", "rule", "subject"]
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "rule", "subject"],
                condition=Q(resolved_at__isnull=True),
                name="finding_unique_open",
            )
        ]
        indexes = [models.Index(fields=["rule", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.rule} {self.subject}".strip()


class Reminder(models.Model):
    """A reminder that was sent; ``key`` is unique so the same reminder never goes out twice."""

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="reminders"
    )
    recipients = models.TextField(_("ontvangers"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")

    def __str__(self) -> str:
        return self.key


class ManagerAssignment(models.Model):
    """A programme manager (programmamanager) runs the programme of one or more regions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="manager_assignments",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="manager_assignments",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programmamanager van regio")
        verbose_name_plural = _("programmamanagers van regio's")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="manager_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.region}"


class OfficerAssignment(models.Model):
    """A municipal officer acts for exactly one municipality."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="officer_assignment",
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="officer_assignments",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeentelijk medewerker")
        verbose_name_plural = _("gemeentelijk medewerkers")

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"

    def clean(self) -> None:
        if self.municipality_id and self.municipality.kind != OrganisationKind.MUNICIPALITY:
            raise ValidationError({"municipality": _("Kies een gemeente.")})
