"""The collegebesluit as an archivable PDF, and its file name."""

import datetime
from dataclasses import dataclass

from django.utils import translation

from regions.models import Organisation, Period, Region
from sto.pdf import RenderedPDF, render_pdf

from .data import (
    CouncilDecisionData,
    NothingToDecide,
    council_decision_data,
    nothing_to_decide_message,
)
from .sections import Section, appendix_title, council_decision_sections
from .texts import TypedAmount, effective_texts, typed_amount_warnings


@dataclass
class CouncilDecisionDocument:
    """Everything the PDF and the preview on the edit page show."""

    data: CouncilDecisionData
    sections: list[Section]
    warnings: list[TypedAmount]
    appendix_title: str

    @property
    def is_concept(self) -> bool:
        """Marked CONCEPT on every page: the college has not decided yet, or a text names an
        amount that is not in the data (any more)."""
        return not self.data.is_decided or bool(self.warnings)


def council_decision_document(data: CouncilDecisionData) -> CouncilDecisionDocument:
    """The sections of the document with the officer's texts, and the typed amounts to warn
    about; in Dutch. Raises ``NothingToDecide`` when the municipality is asked nothing."""
    if not data.has_contribution:
        raise NothingToDecide(
            nothing_to_decide_message(data.region, data.municipality, data.period)
        )
    with translation.override("nl"):
        stored = data.stored
        texts = effective_texts(data, stored)
        sections = council_decision_sections(data, texts, stored.meeting_date if stored else None)
        return CouncilDecisionDocument(
            data, sections, typed_amount_warnings(data, stored), appendix_title()
        )


def render_council_decision(
    region: Region,
    municipality: Organisation,
    period: Period,
    *,
    today: datetime.date | None = None,
) -> RenderedPDF:
    """The collegebesluit as an archivable PDF (and its HTML), in Dutch whatever language the
    person asking for it reads the screens in. Raises ``NothingToDecide`` when the municipality
    is asked no contribution in the period."""
    with translation.override("nl"):
        data = council_decision_data(region, municipality, period, today=today)
        document = council_decision_document(data)
        title = data.title
    return render_pdf(
        "reporting/pdf/council_decision.html",
        {"data": data, "document": document, "sections": document.sections, "title": title},
    )


def council_decision_filename(region: Region, municipality: Organisation, period: Period) -> str:
    return f"collegebesluit-{municipality.key}-{region.sto_number}-{period.code}.pdf"
