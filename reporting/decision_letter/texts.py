"""The prose of a decision letter: the default texts written from the data, the coordinating
reviewer's edits (``DecisionLetterText``) over them, and the fixed passages (the decision itself,
the legal basis, how to object) that always follow the data.

The machinery of the collegebesluit (``reporting.council_decision.texts``): an editable text is
a template with named data fields in braces, ``{toegekend}``, ``{regio}``, ``{ingediend_op}``
(``FIELDS``, listed on the edit page). The coordinator edits that text, it is stored with its
fields, and every rendering fills them in from the data of that moment, so an edit never freezes
an amount or a date. An empty stored field means the default text.

Every text is a template under ``templates/reporting/decision_letter/``: the editable defaults in
``texts/<field>.txt`` (rendered with the fields as ``{name}``, deciding what to say on ``data``),
the fixed passages in ``facts/<name>.txt`` (rendered with the values themselves). A template
writes one paragraph (or, for the signature, one line) per line, ``{% blocktranslate %}`` naming
every value. Always Dutch, like the PDF.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import Decision
from sto.formatting import format_date, format_euro, format_number

from ..council_decision.texts import (
    TextField,
    braced,
    fill,
    render_items,
    text_items,
)
from ..council_decision.texts import unknown_fields as council_unknown_fields
from ..models import LETTER_FIELDS, DecisionLetterText
from .data import OBJECTION_WEEKS, REGULATION, REGULATION_SOURCE, DecisionLetterData

TEXT_TEMPLATE = "reporting/decision_letter/texts/{name}.txt"
FACT_TEMPLATE = "reporting/decision_letter/facts/{name}.txt"
# The fields read as one item per line; the others are paragraphs separated by a blank line.
LINE_FIELDS = frozenset({"signatory"})

FIELDS: tuple[TextField, ...] = (
    TextField("regio", "region", gettext_lazy("de naam van de regio")),
    TextField("sto_nummer", "sto", gettext_lazy("het STO-nummer van de regio")),
    TextField(
        "aanvrager", "applicant", gettext_lazy("de penvoerder, die namens de regio aanvraagt")
    ),
    TextField("periode", "period", gettext_lazy("de periode, bijvoorbeeld 2025-2028")),
    TextField("jaren", "years", gettext_lazy("de jaren van de periode: ‘2025 tot en met 2028’")),
    TextField("versie", "version", gettext_lazy("de versie van het regioplan")),
    TextField("ingediend_op", "submitted_on", gettext_lazy("de dag waarop de aanvraag binnenkwam")),
    TextField("gevraagd", "requested", gettext_lazy("het gevraagde bedrag")),
    TextField("toegekend", "awarded", gettext_lazy("het toegekende bedrag")),
    TextField("uitkomst", "outcome", gettext_lazy("het besluit, bijvoorbeeld ‘goedgekeurd’")),
    TextField(
        "opnieuw_indienen_tot",
        "deadline",
        gettext_lazy("de dag tot wanneer een verbeterde aanvraag kan worden ingediend"),
    ),
    TextField("besluitdatum", "decided_on", gettext_lazy("de dag van het besluit")),
    TextField("beoordelaars", "reviewers", gettext_lazy("het aantal beoordelaars")),
    TextField("totaalscore", "total", gettext_lazy("de totaalscore (techniekarme regio's)")),
    TextField("maximale_score", "maximum", gettext_lazy("de hoogst haalbare totaalscore")),
    TextField("kenmerk", "reference", gettext_lazy("het kenmerk van de beschikking")),
    TextField("regeling", "regulation", gettext_lazy("de naam van de subsidieregeling")),
)
FIELD_NAMES = frozenset(f.name for f in FIELDS)


def field_items(texts: dict[str, str], name: str) -> list[str]:
    """The paragraphs (or, for the signature, the lines) of the field ``name``."""
    return text_items(texts[name], lines=name in LINE_FIELDS)


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


def field_values(data: DecisionLetterData) -> dict[str, str]:
    """``{field name: its value now}`` for every field of ``FIELDS``, in Dutch."""
    with translation.override("nl"):
        values = text_values(data)
    return {f.name: str(values[f.var]) for f in FIELDS}


def unknown_fields(text: str) -> list[str]:
    """The ``{names}`` in ``text`` that are no data field of the letter."""
    return council_unknown_fields(text, FIELD_NAMES)


def default_sources(data: DecisionLetterData) -> dict[str, str]:
    """The default text of every editable field with its data fields as ``{name}``, in Dutch:
    what the edit form shows and what an edit is compared with."""
    with translation.override("nl"):
        values: dict = {f.var: braced(f.name) for f in FIELDS}
        values["data"] = data
        texts = {}
        for name in LETTER_FIELDS:
            items = render_items(TEXT_TEMPLATE.format(name=name), values)
            texts[name] = ("\n" if name in LINE_FIELDS else "\n\n").join(items)
        return texts


def default_texts(data: DecisionLetterData) -> dict[str, str]:
    """The default text of every editable field, with the data filled in, in Dutch."""
    values = field_values(data)
    return {name: fill(text, values) for name, text in default_sources(data).items()}


def fact_paragraphs(data: DecisionLetterData, name: str) -> list[str]:
    """A fixed passage of the letter (``decision``, ``legal_basis``, ``objection``), one
    paragraph per line, always from the data."""
    with translation.override("nl"):
        return render_items(FACT_TEMPLATE.format(name=name), text_values(data))


def stored_texts(decision: Decision) -> DecisionLetterText | None:
    return DecisionLetterText.objects.filter(plan_id=decision.plan_id).first()


def effective_sources(
    data: DecisionLetterData, stored: DecisionLetterText | None
) -> dict[str, str]:
    """The coordinator's text (with its fields) for every field they edited, the default for
    the others."""
    texts = default_sources(data)
    if stored:
        for name in LETTER_FIELDS:
            value = (getattr(stored, name) or "").strip()
            if value:
                texts[name] = value
    return texts


def effective_texts(data: DecisionLetterData, stored: DecisionLetterText | None) -> dict[str, str]:
    """What the letter says: ``effective_sources`` with the data filled in."""
    values = field_values(data)
    return {name: fill(text, values) for name, text in effective_sources(data, stored).items()}
