"""The collegebesluit (B&W-besluit) of a municipality on its contribution to a region.

The structure follows the Amstelveen decision of 24 September 2024 (seeds 000): Onderwerp,
Besluit, Samenvatting, Doel, Prestatie, Voorgeschiedenis en context, Overwegingen,
Keuzemogelijkheden/alternatieven, Participatie, Kanttekeningen en risico's, Financiën,
Vervolgstappen, Evaluatie, Bijlagen, Behandeld in B&W-vergadering, Besluit B&W.

Every number comes from the data: what is asked of this municipality over the period and per
year (``MunicipalContribution.requested``), what the college decided on it and when (``approved``,
``decided_on``), the indexation of the yearly totals, its yearly contribution in the previous
period and the difference, the total asked of all municipalities of the region (per municipality
and per year in the appendix), the other municipalities taking part, the convenant's signing
deadline and the annual report deadline (1 June of the following year). The narrative is the
officer's text (``CouncilDecisionText``) where they edited it, and a default written from the data
otherwise; both name the amounts as data fields (``{bijdrage_totaal}``), so they always agree with
the data. Until the college decided, and while a text names an amount the data does not have,
every page says CONCEPT. A municipality asked nothing in the period gets no document
(``NothingToDecide``).

One module per step, each using only the ones before it:

- ``data``: who takes part and the numbers (``council_decision_data``, ``municipality_takes_part``);
- ``texts``: the default narrative, one template per field under
  ``templates/reporting/council_decision/texts/``, and the officer's edits over it;
- ``sections``: the sections of the document with the finance facts;
- ``render``: the document (``council_decision_document``), the PDF and its file name.
"""

from .data import (
    CouncilDecisionData,
    NothingToDecide,
    YearLine,
    council_decision_data,
    decided_amount,
    dutch_list,
    effective_amount,
    municipalities_taking_part,
    municipality_takes_part,
    nothing_to_decide_message,
    plain_municipality_name,
    years_text,
)
from .render import (
    CouncilDecisionDocument,
    council_decision_document,
    council_decision_filename,
    render_council_decision,
)
from .sections import Section, appendix_title, council_decision_sections
from .texts import (
    FIELDS,
    braced,
    default_sources,
    default_texts,
    effective_sources,
    effective_texts,
    field_values,
    stored_texts,
    typed_amount_warnings,
    unknown_fields,
)

__all__ = [
    "FIELDS",
    "CouncilDecisionData",
    "CouncilDecisionDocument",
    "NothingToDecide",
    "Section",
    "YearLine",
    "appendix_title",
    "braced",
    "council_decision_data",
    "council_decision_document",
    "council_decision_filename",
    "council_decision_sections",
    "decided_amount",
    "default_sources",
    "default_texts",
    "dutch_list",
    "effective_amount",
    "effective_sources",
    "effective_texts",
    "field_values",
    "municipalities_taking_part",
    "municipality_takes_part",
    "nothing_to_decide_message",
    "plain_municipality_name",
    "render_council_decision",
    "stored_texts",
    "typed_amount_warnings",
    "unknown_fields",
    "years_text",
]
