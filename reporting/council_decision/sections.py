"""The sections of the council decision in the order of the Amstelveen decision (seeds 000), with
the facts under Financiën that come from the data and are never editable.

Dutch whatever language the screens are in: the same sections make the PDF and the preview on
the edit page.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from sto.formatting import format_date

from .data import CouncilDecisionData
from .texts import field_items, render_items, text_values

FINANCE_FACTS_TEMPLATE = "reporting/council_decision/finance_facts.txt"


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    intro: str = ""
    finance: bool = False


def finance_facts(data: CouncilDecisionData) -> list[str]:
    """What is asked of the municipality and of the region, and the difference with the previous
    period: one item each."""
    return render_items(FINANCE_FACTS_TEMPLATE, text_values(data))


def council_decision_sections(
    data: CouncilDecisionData, texts: dict[str, str], meeting_date: datetime.date | None
) -> list[Section]:
    """The sections of the B&W-besluit: ``texts`` (see ``texts.effective_texts``) laid out, and
    the finance facts."""
    with translation.override("nl"):
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
            Section(_("Overwegingen"), numbered=field_items(texts, "considerations")),
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
            Section(_("Bijlagen"), numbered=field_items(texts, "attachments")),
            Section(
                _("Behandeld in B&W-vergadering"),
                paragraphs=[
                    format_date(meeting_date) if meeting_date else _("(nog niet behandeld)")
                ],
            ),
            Section(
                _("Besluit B&W"),
                paragraphs=field_items(texts, "board_decision")
                or [
                    _("Besloten wordt conform het voorgestelde besluit.")
                    if meeting_date
                    else _("(nog niet besloten)")
                ],
            ),
        ]
