"""Money lines: grants, company co-financing and municipal contributions (docs/domain.md, "Money").

Amounts are ``Decimal`` euros with two places; they are formatted only at the edge.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regions.models import Organisation, OrganisationKind, Period, Region
from sto.money import ZERO


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO, message=_("Een bedrag kan niet negatief zijn."))],
        **kwargs,
    )


class Grant(models.Model):
    """The subsidy (subsidie) granted to a region for one year of a period."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="grants"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="grants"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = money_field(_("bedrag"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year"]
        verbose_name = _("subsidie")
        verbose_name_plural = _("subsidies")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="grant_unique_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="grant_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.year}"

    def clean(self) -> None:
        if self.period_id and self.year and self.year not in self.period.years:
            raise ValidationError(
                {
                    "year": _("Het jaar %(year)s valt niet in periode %(period)s.")
                    % {"year": self.year, "period": self.period.code}
                }
            )


class CofinancingForm(models.TextChoices):
    CASH = "cash", _("geld")
    INTERNSHIPS = "internships", _("stages")
    COMPANY_VISITS = "company_visits", _("bedrijfsbezoeken")
    GUEST_LESSONS = "guest_lessons", _("gastlessen")
    MATERIALS = "materials", _("materialen en apparatuur")
    HOURS = "hours", _("uren")
    OTHER = "other", _("overig")


class CofinancingCommitment(models.Model):
    """Co-financing a company committed to a region for a year, and what it realised."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="cofinancing"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("bedrijf"),
        on_delete=models.PROTECT,
        related_name="cofinancing",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    form = models.CharField(_("vorm"), max_length=20, choices=CofinancingForm.choices)
    committed = money_field(_("toegezegd"))
    realised = money_field(_("gerealiseerd"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year", "organisation__name", "form"]
        verbose_name = _("cofinanciering")
        verbose_name_plural = _("cofinanciering")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "organisation", "year", "form"], name="cofinancing_unique"
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0) & (Q(realised__isnull=True) | Q(realised__gte=0)),
                name="cofinancing_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.organisation.key} {self.year} {self.form}"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind != OrganisationKind.COMPANY:
            raise ValidationError({"organisation": _("Cofinanciering komt van een bedrijf.")})


class ContributionStatus(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    APPROVED = "approved", _("goedgekeurd")
    PARTLY_APPROVED = "partly_approved", _("deels goedgekeurd")
    REJECTED = "rejected", _("afgewezen")


class MunicipalContribution(models.Model):
    """A municipality's yearly contribution to a region: requested, then decided by B&W.

    ``version`` is raised on every decision so that two officers deciding at once do not
    silently overwrite each other (optimistic locking in the service).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="contributions"
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    requested = money_field(_("gevraagd"))
    approved = money_field(_("toegekend"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContributionStatus.choices,
        default=ContributionStatus.REQUESTED,
    )
    purpose = models.TextField(_("waarvoor"), blank=True)
    decided_on = models.DateField(_("besluitdatum"), null=True, blank=True)
    decision_reason = models.TextField(_("motivering"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "year", "municipality__name"]
        verbose_name = _("gemeentelijke bijdrage")
        verbose_name_plural = _("gemeentelijke bijdragen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "municipality", "year"], name="contribution_unique_year"
            ),
            models.CheckConstraint(
                condition=Q(requested__gte=0) & (Q(approved__isnull=True) | Q(approved__gte=0)),
                name="contribution_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.sto_number} {self.municipality.key} {self.year}"

    def clean(self) -> None:
        errors = {}
        if self.municipality_id and self.municipality.kind != OrganisationKind.MUNICIPALITY:
            errors["municipality"] = _("Een bijdrage komt van een gemeente.")
        if self.status == ContributionStatus.REQUESTED and self.approved is not None:
            errors["approved"] = _(
                "Een bijdrage waarover nog niet is besloten heeft geen toegekend bedrag."
            )
        if self.status in (ContributionStatus.APPROVED, ContributionStatus.PARTLY_APPROVED):
            if self.approved is None:
                errors["approved"] = _("Vul het toegekende bedrag in.")
            elif self.requested is not None and self.approved > self.requested:
                errors["approved"] = _("Het toegekende bedrag is hoger dan het gevraagde bedrag.")
            elif (
                self.status == ContributionStatus.APPROVED
                and self.requested is not None
                and self.approved != self.requested
            ):
                errors["approved"] = _(
                    "Bij volledige goedkeuring is het toegekende bedrag gelijk aan het gevraagde."
                )
            elif (
                self.status == ContributionStatus.PARTLY_APPROVED
                and self.approved == self.requested
            ):
                errors["approved"] = _(
                    "Bij gedeeltelijke goedkeuring is het toegekende bedrag lager dan het gevraagde."
                )
        if self.status == ContributionStatus.REJECTED and self.approved not in (None, ZERO):
            errors["approved"] = _("Een afgewezen bijdrage heeft geen toegekend bedrag.")
        if errors:
            raise ValidationError(errors)
