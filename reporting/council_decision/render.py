"""The council decision as an archivable PDF, and its file name."""

import datetime

from django.utils import translation

from regions.models import Organisation, Period, Region
from sto.pdf import RenderedPDF, render_pdf

from .data import council_decision_data
from .sections import council_decision_sections
from .texts import effective_texts, stored_texts


def render_council_decision(
    region: Region,
    municipality: Organisation,
    period: Period,
    *,
    today: datetime.date | None = None,
) -> RenderedPDF:
    """The council decision as an archivable PDF (and its HTML), in Dutch whatever language the
    person asking for it reads the screens in."""
    with translation.override("nl"):
        data = council_decision_data(region, municipality, period, today=today)
        stored = stored_texts(region, municipality, period)
        texts = effective_texts(data, stored)
        sections = council_decision_sections(data, texts, stored.meeting_date if stored else None)
        title = data.title
    return render_pdf(
        "reporting/pdf/council_decision.html",
        {"data": data, "sections": sections, "title": title},
    )


def council_decision_filename(region: Region, municipality: Organisation, period: Period) -> str:
    return f"besluit-{municipality.key}-{region.sto_number}-{period.code}.pdf"
