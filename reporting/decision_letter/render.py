"""The decision letter as an archivable PDF, and its file name."""

from __future__ import annotations

import datetime

from django.utils import translation

from assessment.models import Decision
from sto.pdf import RenderedPDF, render_pdf

from .data import DecisionLetterData, decision_letter_data
from .texts import effective_texts, fact_paragraphs, field_items, stored_texts


def letter_context(data: DecisionLetterData, texts: dict[str, str]) -> dict:
    """What the letter's template shows: the facts and the prose, laid out in paragraphs. The
    PDF and the preview on the edit page use the same context."""
    with translation.override("nl"):
        return {
            "data": data,
            "title": data.title,
            "opening": field_items(texts, "opening"),
            "considerations": field_items(texts, "considerations"),
            "closing": field_items(texts, "closing"),
            "signatory": field_items(texts, "signatory"),
            "decision_text": fact_paragraphs(data, "decision"),
            "motivation": [
                " ".join(block.split())
                for block in data.decision.motivation.replace("\r\n", "\n").split("\n\n")
                if block.strip()
            ],
            "legal_basis": fact_paragraphs(data, "legal_basis"),
            "objection": fact_paragraphs(data, "objection"),
        }


def render_decision_letter(
    decision: Decision, *, today: datetime.date | None = None
) -> RenderedPDF:
    """The letter as an archivable PDF (and its HTML), in Dutch whatever language the person
    asking for it reads the screens in. A decision not yet approved gives a concept."""
    with translation.override("nl"):
        data = decision_letter_data(decision, today=today)
        context = letter_context(data, effective_texts(data, stored_texts(decision)))
    return render_pdf("reporting/pdf/decision_letter.html", context)


def decision_letter_filename(decision: Decision) -> str:
    plan = decision.plan
    concept = "" if decision.is_final else "-concept"
    return f"beschikking-{plan.region.sto_number}-{plan.period.code}-v{plan.version}{concept}.pdf"
