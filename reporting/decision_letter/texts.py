"""The prose of a decision letter: the default texts written from the data, the coordinating
reviewer's edits (``DecisionLetterText``) over them, and the fixed passages (the decision itself,
the legal basis, how to object) that always follow the data.

Every text is a template under ``templates/reporting/decision_letter/``: the editable defaults in
``texts/<field>.txt``, the fixed passages in ``facts/<name>.txt``. A template writes one paragraph
(or, for the signature, one line) per line, with ``{% blocktranslate %}`` naming every value;
this module gathers the values (``text_values``, formatted the Dutch way) and splits the lines,
with ``reporting.council_decision.texts.render_items`` as the council decision does.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from assessment.models import Decision
from sto.formatting import format_date, format_euro, format_number

from ..council_decision.texts import render_items
from ..models import LETTER_FIELDS, DecisionLetterText
from .data import OBJECTION_WEEKS, REGULATION, REGULATION_SOURCE, DecisionLetterData

TEXT_TEMPLATE = "reporting/decision_letter/texts/{name}.txt"
FACT_TEMPLATE = "reporting/decision_letter/facts/{name}.txt"
# The fields read as one item per line; the others are paragraphs separated by a blank line.
LINE_FIELDS = frozenset({"signatory"})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [
        " ".join(block.split())
        for block in text.replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]


def field_items(texts: dict[str, str], name: str) -> list[str]:
    """The paragraphs (or, for the signature, the lines) of the field ``name``."""
    return _lines(texts[name]) if name in LINE_FIELDS else _paragraphs(texts[name])


def text_values(data: DecisionLetterData) -> dict:
    """The values the templates name, formatted the Dutch way. Call it with Dutch active."""
    period = data.period
    return {
        "data": data,
        "region": data.region.name,
        "sto": data.region.sto_number,
        "applicant": data.applicant_name,
        "period": period.code,
        "years": _("%(start)s tot en met %(end)s")
        % {"start": period.start_year, "end": period.end_year},
        "version": data.plan.version,
        "submitted_on": format_date(data.plan.submitted_on),
        "requested": format_euro(data.requested),
        "awarded": format_euro(data.awarded),
        "not_awarded": format_euro(data.not_awarded),
        "outcome": data.outcome_label,
        "deadline": format_date(data.resubmission_deadline),
        "decided_on": format_date(data.decided_on),
        "objection_deadline": format_date(data.objection_deadline),
        "weeks": OBJECTION_WEEKS,
        "reviewers": data.reviewers,
        "total": format_number(data.total, 2) if data.total is not None else "",
        "maximum": format_number(data.maximum) if data.maximum is not None else "",
        "reference": data.reference,
        "regulation": REGULATION,
        "source": REGULATION_SOURCE,
    }


def default_texts(data: DecisionLetterData) -> dict[str, str]:
    """The default text of every editable field, written from the data, in Dutch."""
    with translation.override("nl"):
        values = text_values(data)
        texts = {}
        for name in LETTER_FIELDS:
            items = render_items(TEXT_TEMPLATE.format(name=name), values)
            texts[name] = ("\n" if name in LINE_FIELDS else "\n\n").join(items)
        return texts


def fact_paragraphs(data: DecisionLetterData, name: str) -> list[str]:
    """A fixed passage of the letter (``decision``, ``legal_basis``, ``objection``), one
    paragraph per line, always from the data."""
    with translation.override("nl"):
        return render_items(FACT_TEMPLATE.format(name=name), text_values(data))


def stored_texts(decision: Decision) -> DecisionLetterText | None:
    return DecisionLetterText.objects.filter(plan_id=decision.plan_id).first()


def effective_texts(data: DecisionLetterData, stored: DecisionLetterText | None) -> dict[str, str]:
    """The coordinator's text for every field they edited, the default for the others."""
    texts = default_texts(data)
    if stored:
        for name in LETTER_FIELDS:
            value = (getattr(stored, name) or "").strip()
            if value:
                texts[name] = value
    return texts
