"""A region's plan for a subsidy period: the application to DUS-I (seeds 004 Bijlage B).

A plan has versions. Version 1 is written as a draft and submitted; submitting freezes it. When
the assessment asks for improvements ("te verbeteren", with a resubmission deadline), the region
starts a new version: a copy of the frozen one, open for changes, submitted in its turn. Earlier
versions stay readable, and two versions can be compared.

Each version holds the regiovisie (the text sections of B.1), the goals and their milestones
(B.2 §1), the activities (B.2 §2), the risk register (B.2 §3.3), the teacher shortage table
(B.1 §5.1), the requested amount and the multi-year budget (B.4). Every model keeps its history.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cofinancing.models import money_field
from regions.models import TECHNICAL_PROFILES, Organisation, Period, Region
from sto.money import ZERO


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    UNDER_ASSESSMENT = "under_assessment", _("in beoordeling")
    APPROVED = "approved", _("goedgekeurd")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("goedgekeurd met voorwaarden")
    TO_IMPROVE = "to_improve", _("te verbeteren")
    REJECTED = "rejected", _("afgewezen")


# A version can be changed only while it is a draft; every other status is frozen.
OPEN_STATUSES = frozenset({PlanStatus.DRAFT})
# Statuses of a plan that was handed in (docs/interfaces.md §6: "submitted or later").
SUBMITTED_STATUSES = frozenset(set(PlanStatus) - {PlanStatus.DRAFT})

# The text sections of the regiovisie (seeds 004 Bijlage B.1), in the order of the format.
REGIOVISIE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", _("1. Samenvatting")),
    ("delimitation", _("2. Afbakening regio")),
    ("current_offer", _("3.1 Huidige aanbod technisch vmbo")),
    ("techniekarm", _("3.2 Regiovisie voor een techniekarme regio")),
    ("labour_market_qualitative", _("3.3 Kwalitatieve gegevens regionale arbeidsmarkt")),
    ("labour_market_quantitative", _("3.4 Kwantitatieve gegevens regionale arbeidsmarkt")),
    ("offer_need", _("3.5 Behoefte dekkend en doelmatig technisch onderwijsaanbod")),
    ("current_quality", _("3.6 Huidige kwaliteit van het technisch vmbo")),
    ("desired_quality", _("3.7 Gewenste kwaliteit van het technisch vmbo")),
    ("quality_gap", _("3.8 Gewenste kwaliteit technisch vmbo-aanbod")),
    ("techniekarm_goals", _("3.9 Techniekarm")),
    ("running_projects", _("4. Lopende projecten")),
    ("teacher_shortage_notes", _("5. Tekorten technische docenten")),
)
SECTION_FIELDS: tuple[str, ...] = tuple(name for name, _title in REGIOVISIE_SECTIONS)


class Plan(models.Model):
    """One version of a region's plan for a period."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="plans"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="plans"
    )
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"), max_length=30, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    requested = money_field(_("gevraagd subsidiebedrag"), default=ZERO)
    submitted_on = models.DateField(_("ingediend op"), null=True, blank=True)
    resubmission_deadline = models.DateField(
        _("opnieuw indienen vóór"),
        null=True,
        blank=True,
        help_text=_("Bij 'te verbeteren': de dag waarop de verbeterde versie binnen moet zijn."),
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    delimitation = models.TextField(_("afbakening regio"), blank=True)
    current_offer = models.TextField(_("huidige aanbod technisch vmbo"), blank=True)
    techniekarm = models.TextField(_("regiovisie techniekarme regio"), blank=True)
    labour_market_qualitative = models.TextField(
        _("kwalitatieve gegevens arbeidsmarkt"), blank=True
    )
    labour_market_quantitative = models.TextField(
        _("kwantitatieve gegevens arbeidsmarkt"), blank=True
    )
    offer_need = models.TextField(_("behoefte dekkend en doelmatig aanbod"), blank=True)
    current_quality = models.TextField(_("huidige kwaliteit"), blank=True)
    desired_quality = models.TextField(_("gewenste kwaliteit"), blank=True)
    quality_gap = models.TextField(_("gewenste kwaliteit van het aanbod"), blank=True)
    techniekarm_goals = models.TextField(_("doelen techniekarme regio"), blank=True)
    running_projects = models.TextField(_("lopende projecten"), blank=True)
    teacher_shortage_notes = models.TextField(_("tekorten technische docenten"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "period__start_year", "version"]
        verbose_name = _("regioplan")
        verbose_name_plural = _("regioplannen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "version"], name="plan_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(requested__gte=0), name="plan_requested_not_negative"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.period.code} v{self.version}"

    @property
    def is_open(self) -> bool:
        """The version can still be changed (a draft)."""
        return self.status in OPEN_STATUSES

    @property
    def is_submitted(self) -> bool:
        return self.status in SUBMITTED_STATUSES

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == PlanStatus.TO_IMPROVE and self.resubmission_deadline is None:
            errors["resubmission_deadline"] = _(
                "Geef aan vóór welke dag de verbeterde versie binnen moet zijn."
            )
        if self.status != PlanStatus.DRAFT and self.submitted_on is None:
            errors["submitted_on"] = _("Een ingediend plan heeft een datum van indienen.")
        if errors:
            raise ValidationError(errors)


class GoalTheme(models.TextChoices):
    """The three aims of the regulation (seeds 004 §2): lasting, covering and high quality."""

    DUURZAAM = "duurzaam", _("duurzaam")
    DEKKEND = "dekkend", _("dekkend")
    KWALITATIEF = "kwalitatief", _("kwalitatief hoogstaand")


class Goal(models.Model):
    """A goal of the activity plan with its quantitative milestones (seeds 004 B.2 §1)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Bijvoorbeeld D1."))
    theme = models.CharField(_("thema"), max_length=20, choices=GoalTheme.choices)
    description = models.TextField(_("omschrijving"))
    milestone_2y = models.TextField(_("mijlpaal na 2 jaar"))
    milestone_4y = models.TextField(_("mijlpaal na 4 jaar"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="goal_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:40]}"


class Activity(models.Model):
    """An activity of the activity plan (seeds 004 B.2 §2): what, when, result, who, and the
    goals it serves."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Bijvoorbeeld A1."))
    title = models.CharField(_("titel"), max_length=200)
    starts = models.DateField(_("begindatum"))
    ends = models.DateField(_("einddatum"))
    result = models.TextField(_("beoogd resultaat"))
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("uitvoerder"),
        on_delete=models.PROTECT,
        related_name="plan_activities",
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("doelen"), related_name="activities", blank=True
    )
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        ordering = ["plan", "starts", "code"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="activity_unique_code"),
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")), name="activity_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("De einddatum ligt voor de begindatum.")})


class Level(models.TextChoices):
    """Likelihood and impact of a risk (seeds 004 B.2 §3.3)."""

    KLEIN = "klein", _("klein")
    MIDDEL = "middel", _("middel")
    GROOT = "groot", _("groot")


LEVELS: tuple[str, ...] = tuple(Level.values)


class Risk(models.Model):
    """A risk of the plan with its measure and owner (seeds 004 B.2 §3.3)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="risks"
    )
    risk = models.CharField(_("risico"), max_length=300)
    likelihood = models.CharField(_("kans"), max_length=10, choices=Level.choices)
    impact = models.CharField(_("impact"), max_length=10, choices=Level.choices)
    measure = models.TextField(_("beheersmaatregel"))
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("verantwoordelijke"),
        on_delete=models.PROTECT,
        related_name="plan_risks",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "risk"]
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")
        constraints = [models.UniqueConstraint(fields=["plan", "risk"], name="risk_unique_text")]

    def __str__(self) -> str:
        return self.risk

    @property
    def weight(self) -> int:
        """Likelihood × impact on a 1–3 scale each (1–9): the place in the risk matrix."""
        return (LEVELS.index(self.likelihood) + 1) * (LEVELS.index(self.impact) + 1)


class TeacherShortage(models.Model):
    """The teacher table of a technical profile (seeds 004 B.1 §5.1)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="teacher_shortages"
    )
    profile = models.CharField(
        _("profiel"), max_length=10, choices=[(p, p) for p in TECHNICAL_PROFILES]
    )
    qualified = models.PositiveIntegerField(_("bevoegd"), default=0)
    to_train = models.PositiveIntegerField(_("bij te scholen voor bevoegdheid"), default=0)
    needing_training = models.PositiveIntegerField(_("behoefte aan verdieping"), default=0)
    to_replace = models.PositiveIntegerField(_("te vervangen"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "profile"]
        verbose_name = _("docententekort")
        verbose_name_plural = _("docententekorten")
        constraints = [
            models.UniqueConstraint(fields=["plan", "profile"], name="teacher_shortage_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.profile}"


class BudgetLine(models.Model):
    """One partner's costs in one year of the multi-year budget (seeds 004 B.4): personnel and
    material costs, overhead shown separately."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    personnel = money_field(_("personeel"), default=ZERO)
    material = money_field(_("materieel"), default=ZERO)
    overhead = money_field(_("overhead"), default=ZERO)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year", "organisation__name"]
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "organisation"], name="budget_line_unique"
            ),
            models.CheckConstraint(
                condition=Q(personnel__gte=0) & Q(material__gte=0) & Q(overhead__gte=0),
                name="budget_line_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year} {self.organisation.key}"

    @property
    def total(self) -> Decimal:
        return self.personnel + self.material + self.overhead
