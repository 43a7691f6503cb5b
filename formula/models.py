"""Saved parameter sets of the budget formula simulator (docs/decisions/0008).

A scenario keeps the parameters, not the results: opening it divides the budget again with the
data as it is now, so a scenario never shows stale figures.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .computation import Parameters


def _amount_field(verbose_name, **kwargs) -> models.DecimalField:
    # Not negative: ``Parameters.validate`` (called by ``clean``) says so, once.
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class FormulaScenario(models.Model):
    """A named set of parameters of the budget formula, shared by reviewers and
    administrators; only its author (or an administrator) deletes it."""

    name = models.CharField(
        _("naam"),
        max_length=100,
        unique=True,
        error_messages={"unique": _("Er is al een scenario met deze naam.")},
    )
    reference_date = models.DateField(_("peildatum"))
    base_per_school = _amount_field(_("basisbedrag per school"))
    per_student = _amount_field(_("bedrag per technische leerling"))
    guarantee_pct = models.DecimalField(
        _("garantie (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    guarantee_year = models.PositiveSmallIntegerField(_("garantiejaar"), null=True, blank=True)
    ceiling = _amount_field(_("plafond"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scenario begrotingsformule")
        verbose_name_plural = _("scenario's begrotingsformule")
        constraints = [
            models.CheckConstraint(
                condition=Q(base_per_school__gte=0) & Q(per_student__gte=0),
                name="formula_scenario_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(guarantee_pct__isnull=True, guarantee_year__isnull=True)
                | Q(guarantee_pct__isnull=False, guarantee_year__isnull=False),
                name="formula_scenario_guarantee_pct_with_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def parameters(self) -> Parameters:
        return Parameters(
            reference_date=self.reference_date,
            base_per_school=self.base_per_school,
            per_student=self.per_student,
            guarantee_pct=self.guarantee_pct,
            guarantee_year=self.guarantee_year,
            ceiling=self.ceiling,
        )

    def clean(self) -> None:
        # The formula's own rules (docs/interfaces.md §6), once the required fields are there.
        if (
            self.reference_date is not None
            and self.base_per_school is not None
            and self.per_student is not None
        ):
            self.parameters.validate()
