"""The assessment of regional plans with the beoordelingskader (seeds 004 Bijlage C).

- ``Framework``: the framework in force for a period, versioned. Its criteria and sub-aspects
  follow Bijlage C (codes of docs/interfaces.md §5), each sub-aspect with its minimum
  requirements written out, its score scale and weight, and the region kinds that are scored.
  Once a review uses a version, that version is frozen; a new round starts a new version.
- ``Review``: one reviewer's assessment of one application (a submitted plan version). It is
  created when the coordinator assigns the reviewer, or imported for a committee held outside
  STO-beheer (then the reviewer is a name). Submitting freezes it.
- ``Judgement``: the reviewer's judgement of one sub-aspect: minimum met (with a reason when
  not), a score where the framework asks for one, a note.
- ``LotDraw``: the recorded lot that decides a tie the scores leave (docs/interfaces.md §6).
- ``Override``: a coordinator's written change of an automatic ranking outcome, in force only
  once a second person approved it.
- ``Decision``: the outcome of an application with the awarded amount, in force (and setting
  the plan's status) once a second reviewer approved it.

Every model keeps its history: who, when, what.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cofinancing.models import money_field
from plans.models import Plan
from regions.models import Period, Region, RegionKind
from sto.money import ZERO

ONE = Decimal("1")


class Framework(models.Model):
    """One version of the beoordelingskader in force for a period."""

    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="frameworks"
    )
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    scored_kinds = models.CharField(
        _("regio's die een score krijgen"),
        max_length=40,
        default=RegionKind.TECHNIEKARM,
        blank=True,
        help_text=_(
            "Soorten regio, gescheiden door ';'. Leeg: geen enkele aanvraag krijgt scores."
        ),
    )
    spread_threshold = models.DecimalField(
        _("verschil dat opvalt"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("Scores van beoordelaars die meer dan dit verschillen, worden gemarkeerd."),
    )
    note = models.TextField(_("toelichting op deze versie"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period__start_year", "version"]
        verbose_name = _("beoordelingskader")
        verbose_name_plural = _("beoordelingskaders")
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="framework_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="framework_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.period.code} v{self.version}"

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.scored_kinds.split(";") if k.strip())

    def scores(self, region: Region) -> bool:
        """Applications of ``region`` get scores under this framework (Bijlage C: techniekarm)."""
        return region.kind in self.kinds

    def clean(self) -> None:
        unknown = self.kinds - set(RegionKind.values)
        if unknown:
            raise ValidationError(
                {
                    "scored_kinds": _("Onbekende soort regio: %(kinds)s.")
                    % {"kinds": ", ".join(sorted(unknown))}
                }
            )


class Criterion(models.Model):
    framework = models.ForeignKey(
        Framework, verbose_name=_("kader"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.TextField(_("criterium"))
    position = models.PositiveSmallIntegerField(_("volgorde"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_unique_code")
        ]

    def __str__(self) -> str:
        return self.code


class SubAspect(models.Model):
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterium"), on_delete=models.CASCADE, related_name="sub_aspects"
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.TextField(_("deelaspect"))
    minimum_requirements = models.TextField(
        _("minimale vereisten"), help_text=_("Eén vereiste per regel.")
    )
    scoring_guidance = models.TextField(_("toelichting op de score"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"))
    scored = models.BooleanField(_("krijgt een score"), default=True)
    scale_max = models.PositiveSmallIntegerField(
        _("hoogste score"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Scores lopen van 0 tot en met dit getal."),
    )
    weight = models.DecimalField(
        _("weging"),
        max_digits=5,
        decimal_places=2,
        default=ONE,
        validators=[MinValueValidator(ZERO)],
        help_text=_("De gemiddelde score telt zo vaak mee in het totaal (standaard 1)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__position", "position"]
        verbose_name = _("deelaspect")
        verbose_name_plural = _("deelaspecten")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="sub_aspect_unique_code"),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="sub_aspect_weight_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def requirements(self) -> list[str]:
        return [line.strip() for line in self.minimum_requirements.splitlines() if line.strip()]


class Review(models.Model):
    """One reviewer's assessment of one application (a submitted version of a plan)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="reviews"
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("kader"), on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    external_reviewer = models.CharField(
        _("externe beoordelaar"),
        max_length=150,
        blank=True,
        help_text=_(
            "Voor een beoordeling buiten STO-beheer: de naam zoals die daar is vastgelegd."
        ),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("toegewezen op"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "assigned_at", "pk"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(reviewer__isnull=False) & Q(external_reviewer=""))
                | (Q(reviewer__isnull=True) & ~Q(external_reviewer="")),
                name="review_one_reviewer",
            ),
            models.UniqueConstraint(
                fields=["plan", "reviewer"],
                condition=Q(reviewer__isnull=False),
                name="review_unique_reviewer",
            ),
            models.UniqueConstraint(
                fields=["plan", "external_reviewer"],
                condition=~Q(external_reviewer=""),
                name="review_unique_external",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.reviewer_name}"

    @property
    def reviewer_name(self) -> str:
        """The name shown and exported: the username, or the external reviewer's name."""
        if self.reviewer_id is not None:
            return self.reviewer.get_username()
        return self.external_reviewer

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Judgement(models.Model):
    """A reviewer's judgement of one sub-aspect."""

    review = models.ForeignKey(
        Review, verbose_name=_("beoordeling"), on_delete=models.CASCADE, related_name="judgements"
    )
    sub_aspect = models.ForeignKey(
        SubAspect, verbose_name=_("deelaspect"), on_delete=models.PROTECT, related_name="+"
    )
    minimum_met = models.BooleanField(_("voldoet aan de minimale vereisten"), null=True, blank=True)
    reason = models.TextField(
        _("reden"),
        blank=True,
        help_text=_("Verplicht als niet aan de minimale vereisten is voldaan."),
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    note = models.TextField(_("notitie"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "sub_aspect__criterion__position", "sub_aspect__position"]
        verbose_name = _("oordeel")
        verbose_name_plural = _("oordelen")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "sub_aspect"], name="judgement_unique_sub_aspect"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0),
                name="judgement_score_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} – {self.sub_aspect.code}"


class RankStatus(models.TextChoices):
    """The outcome of the ranking under the ceiling (docs/interfaces.md §6)."""

    FUNDED = "funded", _("gehonoreerd")
    PARTLY_FUNDED = "partly_funded", _("gedeeltelijk gehonoreerd")
    NOT_FUNDED = "not_funded", _("niet gehonoreerd (plafond bereikt)")
    REJECTED_MINIMUM = "rejected_minimum", _("afgewezen (minimale vereisten)")


class Ceiling(models.Model):
    """The published subsidy ceiling the applications of a period are ranked under (Awb 4:25)."""

    period = models.OneToOneField(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="ceiling"
    )
    amount = money_field(_("subsidieplafond"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    set_at = models.DateTimeField(_("vastgesteld op"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subsidieplafond")
        verbose_name_plural = _("subsidieplafonds")

    def __str__(self) -> str:
        return f"{self.period.code}: {self.amount}"


class LotDraw(models.Model):
    """The lot drawn for a region's application when scores and ``dekkend`` leave a tie."""

    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="lot_draws"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="lot_draws"
    )
    number = models.PositiveBigIntegerField(_("lotnummer"))
    drawn_at = models.DateTimeField(_("getrokken op"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("getrokken door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "number"]
        verbose_name = _("loting")
        verbose_name_plural = _("lotingen")
        constraints = [
            models.UniqueConstraint(fields=["period", "region"], name="lot_draw_unique_region"),
            models.UniqueConstraint(fields=["period", "number"], name="lot_draw_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.period.code} {self.region.sto_number}: {self.number}"


class Override(models.Model):
    """A coordinator's change of an automatic ranking outcome, with a written reason. It is in
    force once a second person approved it (four eyes); a refused one is kept for the record."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="overrides"
    )
    status = models.CharField(_("uitkomst"), max_length=20, choices=RankStatus.choices)
    awarded = money_field(_("toegekend bedrag"))
    reason = models.TextField(_("reden"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    approved = models.BooleanField(_("goedgekeurd"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "proposed_at", "pk"]
        verbose_name = _("afwijking van de rangschikking")
        verbose_name_plural = _("afwijkingen van de rangschikking")
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(approved__isnull=True),
                name="override_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="override_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.approved is None


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("goedgekeurd")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("goedgekeurd met voorwaarden")
    TO_IMPROVE = "to_improve", _("te verbeteren")
    REJECTED = "rejected", _("afgewezen")


class Decision(models.Model):
    """The decision on an application. It is in force once a second reviewer approved it; then
    it sets the plan's status and the decision letter (beschikking) can be made."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("besluit"), max_length=30, choices=DecisionOutcome.choices)
    awarded = money_field(_("toegekend bedrag"), default=ZERO)
    conditions = models.TextField(
        _("voorwaarden"), blank=True, help_text=_("Eén voorwaarde per regel.")
    )
    resubmission_deadline = models.DateField(_("opnieuw indienen vóór"), null=True, blank=True)
    motivation = models.TextField(
        _("motivering"), help_text=_("Waarom dit besluit; komt in de beschikking.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit op een aanvraag")
        verbose_name_plural = _("besluiten op aanvragen")
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("proposed_by")),
                name="decision_four_eyes",
            ),
            models.CheckConstraint(
                condition=Q(awarded__gte=0), name="decision_awarded_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_outcome_display()}"

    @property
    def is_final(self) -> bool:
        """Approved by a second reviewer: in force."""
        return self.approved_at is not None

    @property
    def condition_list(self) -> list[str]:
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not self.condition_list:
            errors["conditions"] = _("Schrijf de voorwaarden uit, één per regel.")
        if self.outcome == DecisionOutcome.TO_IMPROVE and self.resubmission_deadline is None:
            errors["resubmission_deadline"] = _(
                "Geef aan vóór welke dag de verbeterde versie binnen moet zijn."
            )
        if self.outcome in (DecisionOutcome.TO_IMPROVE, DecisionOutcome.REJECTED) and self.awarded:
            errors["awarded"] = _("Bij dit besluit wordt niets toegekend.")
        if errors:
            raise ValidationError(errors)
