"""The decision letter (beschikking) on an application: the outcome of ``assessment.Decision``
as the letter the region receives, made with the machinery of the council decision.

Every fact comes from the data each time the letter is rendered: the region and its applicant
(the penvoerder), the period, the application (plan version, submitted on, requested amount),
the outcome with the awarded amount, the conditions, the resubmission deadline, the motivation,
the scores per criterion, the date of the decision and who proposed and approved it, the legal
basis (the Subsidieregeling Sterk Techniekonderwijs, Staatscourant 2018 nr. 51216; seeds 004) and
how to object (bezwaar within six weeks, Awb). The prose around them is the coordinating
reviewer's text (``reporting.models.DecisionLetterText``) where they edited it, and a default
written from the data otherwise. Until a second reviewer approved the decision the letter is a
concept, and says so on every page.

- ``data``: the facts (``decision_letter_data``);
- ``texts``: the default prose, one template per field under
  ``templates/reporting/decision_letter/texts/``, with named data fields (``{toegekend}``) that
  every rendering fills in, also in the coordinator's edits;
- ``render``: the PDF and its file name.
"""

from .data import CriterionLine, DecisionLetterData, decision_letter_data
from .render import decision_letter_filename, render_decision_letter
from .texts import (
    FIELDS,
    default_sources,
    default_texts,
    effective_sources,
    effective_texts,
    fact_paragraphs,
    field_values,
    stored_texts,
    unknown_fields,
)

__all__ = [
    "FIELDS",
    "CriterionLine",
    "DecisionLetterData",
    "decision_letter_data",
    "decision_letter_filename",
    "default_sources",
    "default_texts",
    "effective_sources",
    "effective_texts",
    "fact_paragraphs",
    "field_values",
    "render_decision_letter",
    "stored_texts",
    "unknown_fields",
]
