"""The assessment of the techniekarme regio's in the demo (seeds 004 Bijlage C; docs/decisions/0010).

The five techniekarme regio's of the data set handed in their plan for 2025–2028 and are being
assessed (``ASSESSED``; their plans are ``under_assessment`` in ``demo.plans.STATUSES``). Two
demo reviewers, ``beoordelaar`` and ``beoordelaar2``, judged every sub-aspect of each, with a
note; their reviews are read in through the ``assessments`` sheet of the workbook, as an
assessment held outside STO-beheer would be (``reporting.workbook``), once the demo users exist.

What the demo shows with them:
- a tie: Rijswijk-Delft and Gooi en Vechtstreek both total 67,00; Rijswijk-Delft ranks higher on
  criterion ``dekkend`` (22,00 against 19,50), so no lot is needed;
- a failed minimum: ``beoordelaar2`` found Utrecht-West's co-financing below the minimum
  (``cofinanciering``, with the reason), so its application is ``rejected_minimum``;
- a spread: the reviewers differ by 3 on Amsterdam's ``onderwijsaanbod``;
- the ranking under a ceiling that funds Amstelland and Amsterdam, part of Rijswijk-Delft and
  nothing of Gooi en Vechtstreek, drawn up by the demo coordinator (``coordinator``);
- an approved decision on Amstelland (proposed by ``coordinator``, approved by ``beoordelaar``),
  so its programme manager sees the outcome and downloads the beschikking. The others wait for
  their decision.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from assessment import services
from assessment.framework import SUB_ASPECT_CODES
from assessment.models import Decision, DecisionOutcome, RankStatus
from assessment.ranking import rank
from plans.models import Plan
from regions.models import Period
from reporting.workbook import import_sheets
from sto.formatting import format_number

from .bijlage_a import AMSTELLAND_NUMBER
from .load import CHANGE_REASON
from .rows import PERIODS, AssessmentRow

PERIOD = next(p for p in PERIODS if p.code == "2025-2028").code
REVIEWERS = ("beoordelaar", "beoordelaar2")
COORDINATOR = "coordinator"
SUBMITTED_ON = {"beoordelaar": dt.date(2024, 11, 12), "beoordelaar2": dt.date(2024, 11, 19)}
AMSTELLAND = "STO" + AMSTELLAND_NUMBER

# Per region, per reviewer: a score per sub-aspect, in the order of Bijlage C (SUB_ASPECT_CODES):
# regiovisie, onderwijsaanbod, activiteitenplan | kwaliteitsverbetering | samenwerkingsovereenkomst,
# planning_risicos, aansluiting_trajecten | meerjarenbegroting, doelmatigheid, cofinanciering.
SCORES: dict[str, dict[str, tuple[int, ...]]] = {
    AMSTELLAND: {  # 79 and 78: 78,50
        "beoordelaar": (8, 8, 9, 8, 8, 7, 8, 8, 7, 8),
        "beoordelaar2": (8, 7, 8, 8, 9, 8, 7, 8, 8, 7),
    },
    "STO19040": {  # Amsterdam, 71 and 71; a spread of 3 on onderwijsaanbod
        "beoordelaar": (7, 9, 7, 7, 7, 7, 6, 7, 7, 7),
        "beoordelaar2": (7, 6, 8, 7, 6, 7, 7, 8, 7, 8),
    },
    "STO19004": {  # Rijswijk-Delft, 67 and 67, dekkend 22 and 22
        "beoordelaar": (8, 7, 7, 6, 7, 6, 6, 7, 7, 6),
        "beoordelaar2": (7, 8, 7, 7, 6, 7, 6, 6, 7, 6),
    },
    "STO19035": {  # Gooi en Vechtstreek, 67 and 67, dekkend 19 and 20: the tie
        "beoordelaar": (6, 7, 6, 7, 7, 7, 7, 6, 7, 7),
        "beoordelaar2": (7, 6, 7, 7, 7, 6, 7, 7, 6, 7),
    },
    "STO19078": {  # Utrecht-West, 64 and 61; beoordelaar2 finds the co-financing too low
        "beoordelaar": (7, 6, 7, 7, 6, 6, 7, 6, 6, 6),
        "beoordelaar2": (6, 6, 6, 7, 6, 6, 7, 6, 6, 5),
    },
}
ASSESSED = tuple(SCORES)
FAILED = {
    ("STO19078", "beoordelaar2", "cofinanciering"): (
        "De toegezegde cofinanciering van bedrijven blijft onder het minimum van de regeling; "
        "van twee van de vijf bedrijven ontbreekt een getekende intentieverklaring."
    )
}

# A note per sub-aspect: what a reviewer writes when the score is high, middling or low.
NOTES: dict[str, tuple[str, str, str]] = {
    "regiovisie": (
        "Heldere regiovisie, onderbouwd met leerlingprognoses tot 2028.",
        "De visie is herkenbaar; de analyse van de leerlingontwikkeling kan scherper.",
        "De regiovisie blijft algemeen en mist een eigen analyse van de regio.",
    ),
    "onderwijsaanbod": (
        "Het aanbod sluit goed aan op de vraag van de bedrijven in de regio.",
        "Aanbod en arbeidsmarkt zijn verbonden, maar de keuzes worden niet overal uitgelegd.",
        "Onduidelijk hoe het aanbod aansluit op de regionale arbeidsmarkt.",
    ),
    "activiteitenplan": (
        "Concreet activiteitenplan met meetbare resultaten per jaar.",
        "Activiteiten zijn beschreven; de resultaten zijn niet altijd meetbaar.",
        "Het activiteitenplan is summier en mist een planning per jaar.",
    ),
    "kwaliteitsverbetering": (
        "Sterke aanpak van de kwaliteit, met docentprofessionalisering en moderne leermiddelen.",
        "De kwaliteitsverbetering is redelijk uitgewerkt.",
        "Weinig aandacht voor de kwaliteit van het technisch onderwijs.",
    ),
    "samenwerkingsovereenkomst": (
        "Getekende samenwerkingsovereenkomst met duidelijke rolverdeling.",
        "De overeenkomst is getekend; de rol van het mbo kan duidelijker.",
        "De samenwerkingsovereenkomst is nog niet door alle partners getekend.",
    ),
    "planning_risicos": (
        "Realistische planning en een risicoanalyse met maatregelen en eigenaren.",
        "Planning is haalbaar; de risicoanalyse noemt niet bij elk risico een maatregel.",
        "De planning is krap en de risico's zijn nauwelijks uitgewerkt.",
    ),
    "aansluiting_trajecten": (
        "Goede aansluiting op lopende trajecten; dubbele bekostiging is uitgesloten.",
        "De aansluiting op andere trajecten wordt genoemd maar niet uitgewerkt.",
        "Onduidelijk hoe het plan zich verhoudt tot andere regionale trajecten.",
    ),
    "meerjarenbegroting": (
        "Inzichtelijke meerjarenbegroting met een verdeling over de partners.",
        "De begroting is sluitend; de overheadkosten zijn niet apart zichtbaar.",
        "De begroting is op onderdelen niet te volgen.",
    ),
    "doelmatigheid": (
        "Middelen worden doelmatig ingezet, met gedeelde voorzieningen tussen scholen.",
        "De doelmatigheid is voldoende onderbouwd.",
        "Weinig onderbouwing waarom deze inzet van middelen doelmatig is.",
    ),
    "cofinanciering": (
        "Cofinanciering ruim boven het minimum, per partner onderbouwd.",
        "De cofinanciering haalt het minimum; de opbouw per partner kan duidelijker.",
        "De cofinanciering is krap en niet voor alle partners onderbouwd.",
    ),
}


def _note(code: str, score: int) -> str:
    high, middle, low = NOTES[code]
    return high if score >= 8 else middle if score >= 6 else low


def assessment_rows() -> list[AssessmentRow]:
    """The rows of the ``assessments`` sheet: every sub-aspect of every assessed region, by
    both reviewers."""
    rows = []
    for sto, by_reviewer in SCORES.items():
        for reviewer, scores in by_reviewer.items():
            for code, score in zip(SUB_ASPECT_CODES, scores, strict=True):
                reason = FAILED.get((sto, reviewer, code), "")
                rows.append(
                    AssessmentRow(
                        sto,
                        PERIOD,
                        reviewer,
                        code,
                        "no" if reason else "yes",
                        Decimal(score),
                        _note(code, score),
                        reason,
                        SUBMITTED_ON[reviewer],
                    )
                )
    return rows


def ceiling_for(ranking) -> Decimal:
    """A ceiling that funds the first two applications and part of the third: their requests
    plus half of the third's, in whole tens of thousands."""
    taking_part = [a for a in ranking.applications if a.takes_part]
    amount = sum((a.requested for a in taking_part[:2]), Decimal(0))
    amount += taking_part[2].requested / 2
    return (amount / 10000).quantize(Decimal(1), rounding=ROUND_DOWN) * 10000


@transaction.atomic
def assess_demo() -> Decision:
    """Read in the reviews, rank the applications under a ceiling and decide on Amstelland's
    (four eyes). Returns the approved decision."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[*REVIEWERS, COORDINATOR])
    }
    import_sheets(
        {"assessments": [row._asdict() for row in assessment_rows()]},
        by=None,
        reason=CHANGE_REASON,
    )
    period = Period.objects.get(code=PERIOD)
    ceiling = ceiling_for(rank(period, Decimal(0), framework=None, lots=None))
    ranking = services.ranking_run(by=users[COORDINATOR], period=period, ceiling=ceiling)
    first = ranking.applications[0]
    assert first.region.sto_number == AMSTELLAND and first.status == RankStatus.FUNDED
    plan = Plan.objects.get(pk=first.plan.pk)
    decision = services.decision_propose(
        by=users[COORDINATOR],
        plan=plan,
        outcome=DecisionOutcome.APPROVED,
        awarded=first.awarded,
        motivation=(
            "De aanvraag voldoet aan alle minimale vereisten van het beoordelingskader en staat "
            f"met een totaalscore van {format_number(first.total_score, 2)} bovenaan de "
            "rangschikking van de techniekarme regio's. Het gevraagde bedrag past volledig onder "
            "het subsidieplafond."
        ),
    )
    return services.decision_approve(by=users["beoordelaar"], decision=decision)
