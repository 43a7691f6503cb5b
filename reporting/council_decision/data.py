"""The facts of a council decision: which municipalities take part, what is asked of them, what
they gave in the previous period, the deadlines. Numbers and names only; the words are in
``texts`` and ``sections``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cofinancing.models import ContributionStatus, Grant, MunicipalContribution
from regions.models import (
    Convenant,
    Membership,
    Organisation,
    OrganisationKind,
    Period,
    Region,
    annual_report_due_on,
)
from sto.money import CENT, ZERO, percentage


def municipalities_taking_part(region: Region, period: Period) -> QuerySet[Organisation]:
    """The municipalities taking part in ``region`` during ``period``: asked to contribute in one
    of its years, or a member of the region at some moment during it (a member who joined or left
    half-way took part).

    The one definition of "takes part": who may open the council decision (``reporting.selectors``
    and the ``render_council_decision`` command) and who the decision names as the other
    municipalities taking part.
    """
    asked = MunicipalContribution.objects.filter(
        region=region, year__range=(period.start_year, period.end_year)
    ).values("municipality")
    members = (
        Membership.objects.filter(region=region)
        .during(period.first_day, period.end_date)
        .values("organisation")
    )
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).filter(
        Q(pk__in=asked) | Q(pk__in=members)
    )


def municipality_takes_part(region: Region, municipality: Organisation, period: Period) -> bool:
    """``municipality`` takes part in ``region`` during ``period`` (see
    ``municipalities_taking_part``): there is a council decision to write."""
    return municipalities_taking_part(region, period).filter(pk=municipality.pk).exists()


def effective_amount(contribution: MunicipalContribution) -> Decimal:
    """What a contribution amounts to: the approved amount once decided (0 when rejected), the
    requested amount while undecided."""
    if contribution.status == ContributionStatus.REJECTED:
        return ZERO
    if contribution.status in (ContributionStatus.APPROVED, ContributionStatus.PARTLY_APPROVED):
        return contribution.approved or ZERO
    return contribution.requested


def plain_municipality_name(name: str) -> str:
    """``"Gemeente Amstelveen"`` → ``"Amstelveen"``: the texts say "de gemeente …" themselves."""
    for prefix in ("Gemeente ", "gemeente "):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def dutch_list(names: list[str]) -> str:
    """``["A", "B", "C"]`` → ``"A, B en C"``."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _constant(amounts: list[Decimal]) -> Decimal | None:
    return amounts[0] if amounts and all(a == amounts[0] for a in amounts) else None


def _average(total: Decimal, count: int) -> Decimal:
    return (total / count).quantize(CENT, rounding=ROUND_HALF_UP) if count else ZERO


@dataclass
class YearLine:
    year: int
    amount: Decimal  # asked of this municipality
    region_amount: Decimal  # asked of all municipalities of the region together


@dataclass
class CouncilDecisionData:
    region: Region
    municipality: Organisation
    period: Period
    convenant: Convenant | None
    lines: list[YearLine]
    previous_period: Period | None = None
    previous_per_year: Decimal | None = None
    previous_region_per_year: Decimal | None = None
    other_municipalities: list[str] = field(default_factory=list)
    grant_total: Decimal = ZERO
    inhabitants_share: Decimal | None = None
    generated_on: datetime.date | None = None

    # -- this municipality
    @property
    def municipality_name(self) -> str:
        return plain_municipality_name(self.municipality.name)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def per_year(self) -> Decimal | None:
        """The yearly amount when it is the same every year, else ``None``."""
        return _constant([line.amount for line in self.lines])

    @property
    def average_per_year(self) -> Decimal:
        return _average(self.total, len(self.lines))

    @property
    def yearly(self) -> Decimal:
        return self.per_year if self.per_year is not None else self.average_per_year

    @property
    def difference_per_year(self) -> Decimal | None:
        if self.previous_per_year is None:
            return None
        return self.yearly - self.previous_per_year

    # -- the region's municipalities together
    @property
    def region_total(self) -> Decimal:
        return sum((line.region_amount for line in self.lines), ZERO)

    @property
    def region_yearly(self) -> Decimal:
        constant = _constant([line.region_amount for line in self.lines])
        return constant if constant is not None else _average(self.region_total, len(self.lines))

    @property
    def requested_share(self) -> Decimal | None:
        """This municipality's part of what all municipalities are asked, as an exact percentage."""
        return percentage(self.total, self.region_total)

    # -- dates
    @property
    def signing_deadline(self) -> datetime.date | None:
        return self.convenant.signing_deadline if self.convenant else None

    @property
    def first_report_due(self) -> datetime.date:
        return annual_report_due_on(self.period.start_year)

    @property
    def convenant_title(self) -> str:
        if self.convenant:
            return self.convenant.title
        return _("Samenwerkingsovereenkomst Sterk Techniekonderwijs %(region)s %(period)s") % {
            "region": self.region.name,
            "period": self.period.code,
        }

    @property
    def years_text(self) -> str:
        return _("%(start)s tot en met %(end)s") % {
            "start": self.period.start_year,
            "end": self.period.end_year,
        }

    @property
    def title(self) -> str:
        return _("Besluit gemeente %(municipality)s: bijdrage aan %(region)s %(period)s") % {
            "municipality": self.municipality_name,
            "region": self.region.name,
            "period": self.period.code,
        }


def council_decision_data(
    region: Region,
    municipality: Organisation,
    period: Period,
    *,
    today: datetime.date | None = None,
) -> CouncilDecisionData:
    """Gather the numbers of the council decision (a fixed number of queries)."""
    contributions = list(
        MunicipalContribution.objects.filter(region=region, year__lte=period.end_year)
    )
    in_period = [c for c in contributions if period.start_year <= c.year <= period.end_year]
    mine = {c.year: c.requested for c in in_period if c.municipality_id == municipality.pk}
    region_by_year: dict[int, Decimal] = {}
    for c in in_period:
        region_by_year[c.year] = region_by_year.get(c.year, ZERO) + c.requested
    lines = [
        YearLine(year, mine.get(year, ZERO), region_by_year.get(year, ZERO))
        for year in period.years
        if year in mine
    ]

    # The previous period: the latest earlier one in which this municipality contributed.
    previous_period = previous_per_year = previous_region_per_year = None
    for candidate in Period.objects.filter(end_year__lt=period.start_year).order_by(
        "-end_year", "-start_year"
    ):
        earlier = [c for c in contributions if candidate.start_year <= c.year <= candidate.end_year]
        own = [c for c in earlier if c.municipality_id == municipality.pk]
        if own:
            previous_period = candidate
            years = {c.year for c in own}
            previous_per_year = _average(sum((effective_amount(c) for c in own), ZERO), len(years))
            region_years = {c.year for c in earlier}
            previous_region_per_year = _average(
                sum((effective_amount(c) for c in earlier), ZERO), len(region_years)
            )
            break

    others = list(municipalities_taking_part(region, period).exclude(pk=municipality.pk))
    inhabitants_share = None
    taking_part = [municipality, *others]
    if municipality.inhabitants and all(m.inhabitants for m in taking_part):
        inhabitants_share = percentage(
            municipality.inhabitants, sum(m.inhabitants for m in taking_part)
        )

    grant_total = (
        Grant.objects.filter(
            region=region, year__range=(period.start_year, period.end_year)
        ).aggregate(s=Sum("amount"))["s"]
        or ZERO
    )
    return CouncilDecisionData(
        region=region,
        municipality=municipality,
        period=period,
        convenant=Convenant.objects.filter(region=region, period=period).first(),
        lines=lines,
        previous_period=previous_period,
        previous_per_year=previous_per_year,
        previous_region_per_year=previous_region_per_year,
        other_municipalities=sorted(plain_municipality_name(m.name) for m in others),
        grant_total=grant_total,
        inhabitants_share=inhabitants_share,
        generated_on=today or timezone.localdate(),
    )
