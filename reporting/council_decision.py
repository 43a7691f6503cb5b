"""The council decision (B&W-besluit) of a municipality on its contribution to a region.

The structure follows the Amstelveen decision of 24 September 2024 (seeds 000): Onderwerp,
Besluit, Samenvatting, Doel, Prestatie, Voorgeschiedenis en context, Overwegingen,
Keuzemogelijkheden/alternatieven, Participatie, Kanttekeningen en risico's, Financiën,
Vervolgstappen, Evaluatie, Bijlagen, Behandeld in B&W-vergadering, Besluit B&W.

Every number comes from the data: what is asked of this municipality over the period and per
year (``MunicipalContribution.requested``), its yearly contribution in the previous period and the
difference, the total asked of all municipalities of the region, the other municipalities taking
part, the convenant's signing deadline and the annual report deadline (1 June of the following
year). The narrative is the officer's text (``CouncilDecisionText``) where they edited it, and a
default written from the data otherwise.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
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
from sto.formatting import format_date, format_euro, format_percentage
from sto.money import CENT, ZERO
from sto.pdf import RenderedPDF, render_pdf

from .models import NARRATIVE_FIELDS, CouncilDecisionText


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
        return None if not self.region_total else self.total * 100 / self.region_total

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
        MunicipalContribution.objects.filter(
            region=region, year__lte=period.end_year
        ).select_related("municipality")
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

    # Other municipalities taking part: contributing in the period or a member during it.
    others: dict[int, Organisation] = {
        c.municipality_id: c.municipality for c in in_period if c.municipality_id != municipality.pk
    }
    members = (
        Membership.objects.filter(region=region, organisation__kind=OrganisationKind.MUNICIPALITY)
        .during(period.first_day, period.end_date)
        .exclude(organisation=municipality)
        .select_related("organisation")
    )
    for membership in members:
        others.setdefault(membership.organisation_id, membership.organisation)

    inhabitants_share = None
    taking_part = [municipality, *others.values()]
    if municipality.inhabitants and all(m.inhabitants for m in taking_part):
        inhabitants_share = (
            Decimal(municipality.inhabitants) * 100 / sum(m.inhabitants for m in taking_part)
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
        other_municipalities=sorted(plain_municipality_name(m.name) for m in others.values()),
        grant_total=grant_total,
        inhabitants_share=inhabitants_share,
        generated_on=today or timezone.localdate(),
    )


def _yearly_phrase(data: CouncilDecisionData) -> str:
    if data.per_year is not None:
        return _("%(amount)s per jaar") % {"amount": format_euro(data.per_year)}
    return _("gemiddeld %(amount)s per jaar") % {"amount": format_euro(data.average_per_year)}


def _difference_sentence(data: CouncilDecisionData) -> str:
    difference = data.difference_per_year
    if difference is None:
        return ""
    values = {
        "amount": format_euro(abs(difference)),
        "previous": format_euro(data.previous_per_year),
        "period": data.previous_period.code,
    }
    if difference > 0:
        return (
            _(
                "Dat is een verhoging van %(amount)s per jaar ten opzichte van de jaarlijkse bijdrage "
                "van %(previous)s in de periode %(period)s."
            )
            % values
        )
    if difference < 0:
        return (
            _(
                "Dat is een verlaging van %(amount)s per jaar ten opzichte van de jaarlijkse bijdrage "
                "van %(previous)s in de periode %(period)s."
            )
            % values
        )
    return (
        _("Dat is gelijk aan de jaarlijkse bijdrage van %(previous)s in de periode %(period)s.")
        % values
    )


def default_texts(data: CouncilDecisionData) -> dict[str, str]:
    """Sensible Dutch defaults for every narrative field, filled in from the data."""
    region, period = data.region, data.period
    deadline = format_date(data.signing_deadline) if data.signing_deadline else ""
    others = dutch_list(data.other_municipalities)
    values = {
        "municipality": data.municipality_name,
        "region": region.name,
        "sto": region.sto_number,
        "period": period.code,
        "years": data.years_text,
        "total": format_euro(data.total),
        "yearly": _yearly_phrase(data),
        "title": data.convenant_title,
        "deadline": deadline,
        "others": others,
        "first_year": period.start_year,
        "first_due": format_date(data.first_report_due),
        "lead": region.lead.name if region.lead_id else _("de penvoerder"),
    }

    background = [
        _(
            "Sterk Techniekonderwijs (STO) is een landelijke subsidieregeling waarmee vmbo-scholen "
            "samen met het mbo, het bedrijfsleven en gemeenten het technisch onderwijs in hun regio "
            "versterken. De gemeente %(municipality)s neemt deel aan de regio %(region)s "
            "(%(sto)s), waarvan %(lead)s penvoerder is."
        )
        % values
    ]
    if data.previous_period:
        background.append(
            _(
                "In de periode %(previous)s droeg de gemeente %(municipality)s jaarlijks "
                "%(amount)s bij aan de regio. De deelnemende gemeenten droegen samen %(region_amount)s "
                "per jaar bij."
            )
            % {
                **values,
                "previous": data.previous_period.code,
                "amount": format_euro(data.previous_per_year),
                "region_amount": format_euro(data.previous_region_per_year),
            }
        )
    request = (
        _(
            "Voor de jaren %(years)s vraagt de regio de gemeente een bijdrage van %(total)s, "
            "%(yearly)s."
        )
        % values
    )
    difference = _difference_sentence(data)
    background.append(f"{request} {difference}".strip())
    background.append(
        _(
            "De gemeenten in de regio wordt over deze periode samen %(region_total)s gevraagd (%(region_yearly)s per jaar)."
        )
        % {
            "region_total": format_euro(data.region_total),
            "region_yearly": format_euro(data.region_yearly),
        }
    )
    if data.inhabitants_share is not None and data.requested_share is not None:
        background.append(
            _(
                "%(municipality)s heeft %(inhabitants)s van de inwoners van de deelnemende gemeenten "
                "en draagt %(share)s van het gevraagde totaal."
            )
            % {
                **values,
                "inhabitants": format_percentage(data.inhabitants_share),
                "share": format_percentage(data.requested_share),
            }
        )
    if data.grant_total:
        background.append(
            _(
                "Met het convenant kan de regio de Rijkssubsidie ontvangen; voor %(period)s gaat het om %(grant)s."
            )
            % {**values, "grant": format_euro(data.grant_total)}
        )

    considerations = [
        _("Er is een tekort aan technisch geschoold personeel op de regionale arbeidsmarkt."),
        _(
            "Het programma versterkt de samenwerking tussen het technisch bedrijfsleven en het onderwijs."
        ),
        _(
            "Investeringen in moderne inventaris en lesmaterialen maken het technisch onderwijs aantrekkelijker."
        ),
        _(
            "Met deelname laat de gemeente zien dat zij goed techniekonderwijs voor haar inwoners van belang vindt."
        ),
    ]
    if others:
        considerations.append(
            _("Ook de gemeenten %(others)s nemen deel, zodat het een regionale aanpak is.") % values
        )

    risks = []
    if deadline:
        risks.append(
            _(
                "Als het convenant niet vóór %(deadline)s door alle partners is ondertekend, kan de "
                "regio geen subsidie aanvragen."
            )
            % values
        )
    risks.append(
        _(
            "Als een andere gemeente minder bijdraagt dan gevraagd, kan de regio minder activiteiten "
            "uitvoeren dan gepland."
        )
    )
    if data.per_year is None:
        risks.append(_("De gevraagde bijdrage verschilt per jaar; zie de tabel onder Financiën."))

    next_steps = []
    if deadline:
        next_steps.append(
            _(
                "Vóór %(deadline)s: het ondertekende convenant gaat naar de programmamanager van de regio %(region)s."
            )
            % values
        )
    next_steps.append(_("De regio vraagt de subsidie voor %(period)s aan bij DUS-I.") % values)
    next_steps.append(
        _("Jaarlijks vóór 1 juni: de regio dient het jaarverslag over het voorgaande jaar in.")
    )

    decision = [_("Het convenant ‘%(title)s’ te ondertekenen.") % values]
    decision.append(
        _(
            "Voor de jaren %(years)s een bijdrage van in totaal %(total)s (%(yearly)s) aan de regio %(region)s toe te zeggen."
        )
        % values
    )
    decision.append(
        _(
            "De burgemeester te verzoeken een wethouder te machtigen het convenant namens de gemeente te ondertekenen."
        )
    )

    return {
        "subject": _("%(title)s: bijdrage van de gemeente %(municipality)s") % values,
        "decision": "\n".join(decision),
        "summary": _(
            "De regio %(region)s werkt in het programma Sterk Techniekonderwijs samen aan sterk en "
            "aantrekkelijk technisch onderwijs. Voor de periode %(period)s is een nieuw convenant "
            "opgesteld. Daarin wordt de gemeente %(municipality)s gevraagd om een bijdrage van "
            "%(total)s voor de jaren %(years)s, %(yearly)s."
        )
        % values,
        "goal": _(
            "Meer leerlingen kiezen voor een technisch profiel in het vmbo en stromen door naar "
            "technisch beroepsonderwijs. Het techniekonderwijs in de regio blijft dekkend, actueel "
            "en van goede kwaliteit, in samenwerking met het bedrijfsleven; ook de basisscholen "
            "worden erbij betrokken."
        ),
        "performance": _(
            "De gemeente ondertekent het convenant ‘%(title)s’ en draagt in de jaren %(years)s bij "
            "aan het regionale programma."
        )
        % values,
        "background": "\n\n".join(background),
        "considerations": "\n".join(considerations),
        "alternatives": "\n".join(
            [
                _(
                    "Het convenant niet ondertekenen. De scholen in de gemeente doen dan niet mee aan "
                    "de activiteiten van de regio, en de subsidieaanvraag van de regio komt in gevaar."
                ),
                _(
                    "Een lagere bijdrage toekennen. De regio moet dan activiteiten schrappen of anders financieren."
                ),
            ]
        ),
        "participation": (
            _(
                "Het voorstel is afgestemd met de gemeenten %(others)s en met de penvoerder, %(lead)s."
            )
            % values
            if others
            else _("Het voorstel is afgestemd met de penvoerder, %(lead)s.") % values
        ),
        "risks": "\n".join(risks),
        "finance_coverage": _(
            "De bijdrage wordt gedekt uit de onderwijsbegroting van de gemeente."
        ),
        "next_steps": "\n".join(next_steps),
        "evaluation": _(
            "De regio legt elk jaar verantwoording af in een jaarverslag met de uitgevoerde "
            "activiteiten en de bijbehorende uitgaven. Het jaarverslag moet vóór 1 juni van het "
            "daaropvolgende jaar zijn ingediend; het eerste, over %(first_year)s, uiterlijk op "
            "%(first_due)s."
        )
        % values,
        "attachments": "\n".join(
            [
                _("Convenant ‘%(title)s’") % values,
                _("Overzicht van de gevraagde bijdragen per gemeente en per jaar"),
            ]
        ),
        # Written after the meeting; until then the section says it is still open.
        "board_decision": "",
    }


def stored_texts(
    region: Region, municipality: Organisation, period: Period
) -> CouncilDecisionText | None:
    return CouncilDecisionText.objects.filter(
        region=region, municipality=municipality, period=period
    ).first()


def effective_texts(
    data: CouncilDecisionData, stored: CouncilDecisionText | None
) -> dict[str, str]:
    """The officer's text for every field they edited, the default for the others."""
    texts = default_texts(data)
    if stored:
        for name in NARRATIVE_FIELDS:
            value = (getattr(stored, name) or "").strip()
            if value:
                texts[name] = value
    return texts


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [
        " ".join(block.split())
        for block in text.replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    intro: str = ""
    finance: bool = False


def council_decision_sections(
    data: CouncilDecisionData, texts: dict[str, str], meeting_date: datetime.date | None
) -> list[Section]:
    """The sections of the B&W-besluit in the order of seeds 000."""
    differences = _difference_sentence(data)
    finance_facts = [
        _(
            "In het convenant wordt de gemeente %(municipality)s een bijdrage gevraagd van %(total)s "
            "voor de jaren %(years)s: %(yearly)s."
        )
        % {
            "municipality": data.municipality_name,
            "total": format_euro(data.total),
            "years": data.years_text,
            "yearly": _yearly_phrase(data),
        }
    ]
    if differences:
        finance_facts.append(differences)
    finance_facts.append(
        _(
            "De gemeenten in de regio %(region)s samen wordt %(region_total)s gevraagd, %(region_yearly)s per jaar."
        )
        % {
            "region": data.region.name,
            "region_total": format_euro(data.region_total),
            "region_yearly": format_euro(data.region_yearly),
        }
        + (
            " "
            + _("In %(previous)s was dat %(amount)s per jaar.")
            % {
                "previous": data.previous_period.code,
                "amount": format_euro(data.previous_region_per_year),
            }
            if data.previous_period
            else ""
        )
    )
    finance_facts.extend(_paragraphs(texts["finance_coverage"]))
    return [
        Section(_("Onderwerp"), paragraphs=_paragraphs(texts["subject"])),
        Section(
            _("Besluit"),
            intro=_("Het college van burgemeester en wethouders besluit:"),
            numbered=_lines(texts["decision"]),
        ),
        Section(_("Samenvatting"), paragraphs=_paragraphs(texts["summary"])),
        Section(_("Doel"), paragraphs=_paragraphs(texts["goal"])),
        Section(_("Prestatie"), paragraphs=_paragraphs(texts["performance"])),
        Section(_("Voorgeschiedenis en context"), paragraphs=_paragraphs(texts["background"])),
        Section(_("Overwegingen"), numbered=_lines(texts["considerations"])),
        Section(_("Keuzemogelijkheden/alternatieven"), numbered=_lines(texts["alternatives"])),
        Section(_("Participatie"), paragraphs=_paragraphs(texts["participation"])),
        Section(_("Kanttekeningen en risico's"), numbered=_lines(texts["risks"])),
        Section(_("Financiën"), numbered=finance_facts, finance=True),
        Section(_("Vervolgstappen"), bullets=_lines(texts["next_steps"])),
        Section(_("Evaluatie"), paragraphs=_paragraphs(texts["evaluation"])),
        Section(_("Bijlagen"), numbered=_lines(texts["attachments"])),
        Section(
            _("Behandeld in B&W-vergadering"),
            paragraphs=[format_date(meeting_date) if meeting_date else _("(nog niet behandeld)")],
        ),
        Section(
            _("Besluit B&W"),
            paragraphs=_paragraphs(texts["board_decision"])
            or [
                _("Besloten wordt conform het voorgestelde besluit.")
                if meeting_date
                else _("(nog niet besloten)")
            ],
        ),
    ]


def render_council_decision(
    region: Region,
    municipality: Organisation,
    period: Period,
    *,
    today: datetime.date | None = None,
) -> RenderedPDF:
    """The council decision as an archivable PDF (and its HTML)."""
    data = council_decision_data(region, municipality, period, today=today)
    stored = stored_texts(region, municipality, period)
    texts = effective_texts(data, stored)
    sections = council_decision_sections(data, texts, stored.meeting_date if stored else None)
    return render_pdf(
        "reporting/pdf/council_decision.html",
        {"data": data, "sections": sections, "title": data.title},
    )


def council_decision_filename(region: Region, municipality: Organisation, period: Period) -> str:
    return f"besluit-{municipality.key}-{region.sto_number}-{period.code}.pdf"
