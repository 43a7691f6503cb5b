"""The facts of a collegebesluit: which municipalities take part, what is asked of them and what
the college decided, what they gave in the previous period, the deadlines. Numbers and names
only; the words are in ``texts`` and ``sections``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cofinancing.models import ContributionStatus, Grant, MunicipalContribution
from cofinancing.splitting import indexation_of
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

from ..models import CouncilDecisionText


def municipalities_taking_part(region: Region, period: Period) -> QuerySet[Organisation]:
    """The municipalities taking part in ``region`` during ``period``: asked to contribute in one
    of its years, or a member of the region at some moment during it (a member who joined or left
    half-way took part).

    The one definition of "takes part": who may open the collegebesluit (``reporting.selectors``
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
    ``municipalities_taking_part``): it may open the collegebesluit."""
    return municipalities_taking_part(region, period).filter(pk=municipality.pk).exists()


class NothingToDecide(ValueError):
    """The municipality takes part but is asked no contribution in the period: there is no
    collegebesluit to write. ``str(error)`` says so to the user (Dutch)."""


def nothing_to_decide_message(region: Region, municipality: Organisation, period: Period) -> str:
    return _(
        "De gemeente %(municipality)s wordt in %(period)s geen bijdrage aan %(region)s "
        "gevraagd. Er is dus geen collegebesluit over een bijdrage te maken."
    ) % {
        "municipality": plain_municipality_name(municipality.name),
        "period": period.code,
        "region": f"{region.sto_number} {region.name}",
    }


def decided_amount(status: str, requested: Decimal, approved: Decimal | None) -> Decimal:
    """What a contribution amounts to: the approved amount once decided (0 when rejected), the
    requested amount while undecided."""
    if status == ContributionStatus.REJECTED:
        return ZERO
    if status in (ContributionStatus.APPROVED, ContributionStatus.PARTLY_APPROVED):
        return approved or ZERO
    return requested


def effective_amount(contribution: MunicipalContribution) -> Decimal:
    """``decided_amount`` of a stored contribution."""
    return decided_amount(contribution.status, contribution.requested, contribution.approved)


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


def years_text(years: list[int]) -> str:
    """``[2025, 2026, 2027, 2028]`` → ``"2025 tot en met 2028"``, ``[2025, 2026]`` → ``"2025 en
    2026"``, ``[2024]`` → ``"2024"`` (never "2024 tot en met 2024"); runs of three or more
    consecutive years are written as a range."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(_("%(start)s tot en met %(end)s") % {"start": run[0], "end": run[-1]})
        else:
            parts += [str(year) for year in run]
    return dutch_list(parts)


def _constant(amounts: list[Decimal]) -> Decimal | None:
    return amounts[0] if amounts and all(a == amounts[0] for a in amounts) else None


def _average(total: Decimal, count: int) -> Decimal:
    return (total / count).quantize(CENT, rounding=ROUND_HALF_UP) if count else ZERO


@dataclass
class YearLine:
    year: int
    amount: Decimal  # asked of this municipality
    region_amount: Decimal  # asked of all municipalities of the region together
    status: str = ContributionStatus.REQUESTED
    approved: Decimal | None = None
    decided_on: datetime.date | None = None

    @property
    def decided(self) -> bool:
        """The college recorded a decision on this year's contribution."""
        return self.status != ContributionStatus.REQUESTED

    @property
    def effective(self) -> Decimal:
        """What the municipality gives this year: the decided amount, else what is asked (the
        one rule, ``effective_amount``)."""
        return effective_amount(
            MunicipalContribution(requested=self.amount, approved=self.approved, status=self.status)
        )


@dataclass
class DecisionGroup:
    """Years with the same decision: status, amounts per year and date."""

    status: str
    years: list[int]
    requested: Decimal
    approved: Decimal | None
    decided_on: datetime.date | None

    @property
    def years_text(self) -> str:
        return years_text(self.years)


@dataclass
class AppendixRow:
    """One municipality in the appendix: what it is asked per year of the period."""

    name: str
    amounts: list[Decimal | None]  # per year of the period; None: not asked that year
    is_subject: bool = False

    @property
    def total(self) -> Decimal:
        return sum((a for a in self.amounts if a is not None), ZERO)


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
    stored: CouncilDecisionText | None = None
    appendix: list[AppendixRow] = field(default_factory=list)
    region_by_year: dict[int, Decimal] = field(default_factory=dict)

    # -- this municipality
    @property
    def municipality_name(self) -> str:
        return plain_municipality_name(self.municipality.name)

    @property
    def has_contribution(self) -> bool:
        """The municipality is asked a contribution in the period: there is something to
        decide."""
        return bool(self.lines)

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

    # -- what the college decided
    @property
    def decided_lines(self) -> list[YearLine]:
        return [line for line in self.lines if line.decided]

    @property
    def decision_date(self) -> datetime.date | None:
        """The day the college decided: the latest decision recorded on the contributions, else
        the meeting the officer recorded."""
        dates = [line.decided_on for line in self.decided_lines if line.decided_on]
        if dates:
            return max(dates)
        return self.stored.meeting_date if self.stored else None

    @property
    def is_decided(self) -> bool:
        """The college has decided (a decision on a contribution, or the meeting recorded);
        until then the document is a concept."""
        return bool(self.decided_lines) or self.decision_date is not None

    @property
    def follows_proposal(self) -> bool:
        """Every recorded decision granted what was asked."""
        return all(line.status == ContributionStatus.APPROVED for line in self.decided_lines)

    @property
    def decided_total(self) -> Decimal:
        """What the college granted over the years it decided on."""
        return sum((line.effective for line in self.decided_lines), ZERO)

    @property
    def effective_total(self) -> Decimal:
        return sum((line.effective for line in self.lines), ZERO)

    @property
    def effective_per_year(self) -> Decimal | None:
        return _constant([line.effective for line in self.lines])

    @property
    def effective_average_per_year(self) -> Decimal:
        return _average(self.effective_total, len(self.lines))

    @property
    def decision_groups(self) -> list[DecisionGroup]:
        """The years grouped by the same decision, in the order of their first year; the years
        still open form groups too (status ``requested``)."""
        groups: dict[tuple, DecisionGroup] = {}
        for line in self.lines:
            approved = line.effective if line.decided else None
            key = (line.status, line.amount, approved, line.decided_on)
            if key in groups:
                groups[key].years.append(line.year)
            else:
                groups[key] = DecisionGroup(
                    line.status, [line.year], line.amount, approved, line.decided_on
                )
        return sorted(groups.values(), key=lambda g: g.years[0])

    # -- indexation
    @property
    def indexation_pct(self) -> Decimal | None:
        """The yearly indexation of what the region asks of its municipalities over the period,
        when the yearly totals are indexed (``cofinancing.splitting.indexation_of``)."""
        return indexation_of(self.region_by_year)

    @property
    def indexation_base_year(self) -> int | None:
        """The year the indexation starts from (its amount is not indexed)."""
        return min(self.region_by_year) if self.indexation_pct is not None else None

    @property
    def indexed_years(self) -> list[int]:
        """The years after the first, indexed on it."""
        years = sorted(self.region_by_year)
        return years[1:] if self.indexation_pct is not None else []

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

    @property
    def appendix_totals(self) -> list[Decimal]:
        """Per year of the period: what all municipalities in the appendix are asked."""
        return [
            sum((row.amounts[i] or ZERO for row in self.appendix), ZERO)
            for i in range(len(self.period.years))
        ]

    @property
    def appendix_total(self) -> Decimal:
        return sum(self.appendix_totals, ZERO)

    def known_amounts(self) -> set[Decimal]:
        """Every amount the data gives, per year and in total, to check an amount typed in the
        text against."""
        amounts = {
            self.total,
            self.yearly,
            self.average_per_year,
            self.effective_total,
            self.effective_average_per_year,
            self.decided_total,
            self.region_total,
            self.region_yearly,
            self.grant_total,
            self.appendix_total,
        }
        for line in self.lines:
            amounts |= {line.amount, line.region_amount, line.effective}
        for row in self.appendix:
            amounts |= {row.total, *(a for a in row.amounts if a is not None)}
        amounts |= set(self.appendix_totals)
        for value in (self.previous_per_year, self.previous_region_per_year):
            if value is not None:
                amounts.add(value)
        if self.difference_per_year is not None:
            amounts.add(abs(self.difference_per_year))
        return {amount.quantize(CENT) for amount in amounts}

    # -- the municipality's own facts (CouncilDecisionText)
    @property
    def portfolio_holder(self) -> str:
        return self.stored.portfolio_holder.strip() if self.stored else ""

    @property
    def budget_line(self) -> str:
        return self.stored.budget_line.strip() if self.stored else ""

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
    def convenant_name(self) -> str:
        """The convenant's title without a leading "Convenant", for texts that say "het
        convenant ‘…’" themselves (never "Convenant ‘Convenant …’")."""
        title = self.convenant_title.strip()
        word = _("Convenant")
        if title.lower().startswith(word.lower() + " "):
            title = title[len(word) + 1 :].strip()
        return title.strip("‘’'\"")

    @property
    def years_text(self) -> str:
        """The years of the period: "2025 tot en met 2028", or "2024" for a one-year period."""
        return years_text(self.period.years)

    @property
    def title(self) -> str:
        return _("Collegebesluit gemeente %(municipality)s: bijdrage aan %(region)s %(period)s") % {
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
    """Gather the numbers of the collegebesluit (a fixed number of queries)."""
    contributions = list(
        MunicipalContribution.objects.filter(region=region, year__lte=period.end_year)
    )
    in_period = [c for c in contributions if period.start_year <= c.year <= period.end_year]
    mine = {c.year: c for c in in_period if c.municipality_id == municipality.pk}
    region_by_year: dict[int, Decimal] = {}
    for c in in_period:
        region_by_year[c.year] = region_by_year.get(c.year, ZERO) + c.requested
    lines = [
        YearLine(
            year,
            mine[year].requested,
            region_by_year.get(year, ZERO),
            mine[year].status,
            mine[year].approved,
            mine[year].decided_on,
        )
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

    taking_part_all = list(municipalities_taking_part(region, period))
    others = [m for m in taking_part_all if m.pk != municipality.pk]
    inhabitants_share = None
    taking_part = [municipality, *others]
    if municipality.inhabitants and all(m.inhabitants for m in taking_part):
        inhabitants_share = percentage(
            municipality.inhabitants, sum(m.inhabitants for m in taking_part)
        )

    asked = {(c.municipality_id, c.year): c.requested for c in in_period}
    appendix = sorted(
        (
            AppendixRow(
                plain_municipality_name(m.name),
                [asked.get((m.pk, year)) for year in period.years],
                is_subject=m.pk == municipality.pk,
            )
            for m in taking_part
        ),
        key=lambda row: row.name,
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
        stored=CouncilDecisionText.objects.filter(
            region=region, municipality=municipality, period=period
        ).first(),
        appendix=appendix,
        region_by_year=region_by_year,
    )
