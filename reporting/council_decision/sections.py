"""The sections of the collegebesluit in the order of the Amstelveen decision (seeds 000), with
the facts that come from the data and are never editable: the amounts under Financiën, the
decision per year under Besluit B&W, and the overview per municipality and per year that is a
page of the document and always among the Bijlagen.

Dutch whatever language the screens are in: the same sections make the PDF and the preview on
the edit page.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from sto.formatting import format_date, format_euro

from .data import CouncilDecisionData
from .texts import field_items, render_items, text_values

FINANCE_FACTS_TEMPLATE = "reporting/council_decision/finance_facts.txt"
DECISION_FACTS_TEMPLATE = "reporting/council_decision/decision_facts.txt"


def appendix_title() -> str:
    """The name of the generated appendix: its heading in the document and its line under
    Bijlagen."""
    return _("Overzicht bijdragen per gemeente en per jaar")


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    intro: str = ""
    finance: bool = False


def finance_facts(data: CouncilDecisionData) -> list[str]:
    """What is asked of the municipality and of the region, the indexation, and the difference
    with the previous period: one item each."""
    return render_items(FINANCE_FACTS_TEMPLATE, text_values(data))


def decision_facts(data: CouncilDecisionData) -> list[str]:
    """What the college decided per group of years (``data.decision_groups``), with the
    amounts and the date; nothing while no decision is recorded on the contributions."""
    if not data.decided_lines:
        return []
    groups = [
        {
            "status": group.status,
            "years": group.years_text,
            "requested": format_euro(group.requested),
            "approved": format_euro(group.approved),
            "date": format_date(group.decided_on),
        }
        for group in data.decision_groups
    ]
    return render_items(DECISION_FACTS_TEMPLATE, {"groups": groups})


def council_decision_sections(
    data: CouncilDecisionData,
    texts: dict[str, str],
    meeting_date: datetime.date | None = None,
) -> list[Section]:
    """The sections of the B&W-besluit: ``texts`` (see ``texts.effective_texts``) laid out, with
    the finance facts and the decision. The meeting is the one the officer recorded, else the
    day of the recorded decision."""
    with translation.override("nl"):
        meeting = meeting_date or data.decision_date
        return [
            Section(_("Onderwerp"), paragraphs=field_items(texts, "subject")),
            Section(
                _("Besluit"),
                intro=_("Het college van burgemeester en wethouders besluit:"),
                numbered=field_items(texts, "decision"),
            ),
            Section(_("Samenvatting"), paragraphs=field_items(texts, "summary")),
            Section(_("Doel"), paragraphs=field_items(texts, "goal")),
            Section(_("Prestatie"), paragraphs=field_items(texts, "performance")),
            Section(_("Voorgeschiedenis en context"), paragraphs=field_items(texts, "background")),
            Section(
                _("Overwegingen die hebben geleid tot het voorgestelde besluit"),
                numbered=field_items(texts, "considerations"),
            ),
            Section(
                _("Keuzemogelijkheden/alternatieven"), numbered=field_items(texts, "alternatives")
            ),
            Section(_("Participatie"), paragraphs=field_items(texts, "participation")),
            Section(_("Kanttekeningen en risico's"), numbered=field_items(texts, "risks")),
            Section(
                _("Financiën"),
                numbered=[*finance_facts(data), *field_items(texts, "finance_coverage")],
                finance=True,
            ),
            Section(_("Vervolgstappen"), bullets=field_items(texts, "next_steps")),
            Section(_("Evaluatie"), paragraphs=field_items(texts, "evaluation")),
            Section(
                _("Bijlagen"),
                numbered=[*field_items(texts, "attachments"), appendix_title()],
            ),
            Section(
                _("Behandeld in B&W-vergadering"),
                paragraphs=[format_date(meeting) if meeting else _("(nog niet behandeld)")],
            ),
            Section(
                _("Besluit B&W"),
                paragraphs=[*field_items(texts, "board_decision"), *decision_facts(data)]
                or [_("(nog niet besloten)")],
            ),
        ]
