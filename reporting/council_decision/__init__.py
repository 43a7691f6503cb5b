"""The council decision (B&W-besluit) of a municipality on its contribution to a region.

The structure follows the Amstelveen decision of 24 September 2024 (seeds 000): Onderwerp,
Besluit, Samenvatting, Doel, Prestatie, Voorgeschiedenis en context, Overwegingen,
Keuzemogelijkheden/alternatieven, Participatie, Kanttekeningen en risico's, Financiën,
Vervolgstappen, Evaluatie, Bijlagen, Behandeld in B&W-vergadering, Besluit B&W.

Every number comes from the data: what is asked of this municipality over the period and per
year (``MunicipalContribution.requested``), its yearly contribution in the previous period and the
difference, the total asked of all municipalities of the region, the other municipalities taking
part, the convenant's signing deadline and the annual report deadline (1 June of the following
year). The narrative is the officer's text (``CouncilDecisionText``) where they edited it, and a
default written from the data otherwise.

One module per step, each using only the ones before it:

- ``data``: who takes part and the numbers (``council_decision_data``, ``municipality_takes_part``);
- ``texts``: the default narrative, one template per field under
  ``templates/reporting/council_decision/texts/``, and the officer's edits over it;
- ``sections``: the sections of the document with the finance facts;
- ``render``: the PDF and its file name.
"""

from .data import (
    CouncilDecisionData,
    YearLine,
    council_decision_data,
    dutch_list,
    effective_amount,
    municipalities_taking_part,
    municipality_takes_part,
    plain_municipality_name,
)
from .render import council_decision_filename, render_council_decision
from .sections import Section, council_decision_sections
from .texts import default_texts, effective_texts, stored_texts

__all__ = [
    "CouncilDecisionData",
    "Section",
    "YearLine",
    "council_decision_data",
    "council_decision_filename",
    "council_decision_sections",
    "default_texts",
    "dutch_list",
    "effective_amount",
    "effective_texts",
    "municipalities_taking_part",
    "municipality_takes_part",
    "plain_municipality_name",
    "render_council_decision",
    "stored_texts",
]
