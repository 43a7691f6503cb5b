"""The narrative of a council decision: the default texts written from the data, and the officer's
edits (``CouncilDecisionText``) over them.

Every default text is a template, one per narrative field, in
``templates/reporting/council_decision/texts/<field>.txt``; the phrases several texts share (the
yearly amount, the difference with the previous period, the lead school) are in ``phrases/``. A
template writes one item per line (a paragraph, a decision point, a consideration); blank lines
and indentation between the template tags do not count. So the words are in the templates, where
``{% blocktranslate %}`` names every value, and this module only gathers the values (``text_values``)
and joins the lines.

The texts are rendered in Dutch whatever language the screens are in, like the PDF: they go into
a document for the municipal council, are stored as the officer edits them, and
``reporting.services`` compares what an officer saves with these defaults to keep only real edits.
"""

from django.template import Context, Engine
from django.utils import translation

from regions.models import Organisation, Period, Region
from sto.formatting import format_date, format_euro, format_percentage

from ..models import NARRATIVE_FIELDS, CouncilDecisionText
from .data import CouncilDecisionData, dutch_list

TEXT_TEMPLATE = "reporting/council_decision/texts/{name}.txt"
PHRASE_TEMPLATE = "reporting/council_decision/phrases/{name}.txt"

# The fields read as one item per line (the form's help texts say "Eén … per regel"); the others
# are paragraphs separated by a blank line. The document numbers or bullets the items.
LINE_FIELDS = frozenset(
    {"decision", "considerations", "alternatives", "risks", "next_steps", "attachments"}
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [
        " ".join(block.split())
        for block in text.replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]


def field_items(texts: dict[str, str], name: str) -> list[str]:
    """The items of the narrative field ``name`` as the document shows them: its lines, or its
    paragraphs (see ``LINE_FIELDS``)."""
    return _lines(texts[name]) if name in LINE_FIELDS else _paragraphs(texts[name])


def render_items(template_name: str, values: dict) -> list[str]:
    """What a text template writes with ``values``, one item per line.

    Plain text, not HTML: nothing is escaped here (a name like "'t Gooi & Co" stays as it is; the
    page and the PDF escape what they show), and numbers are not localised (``text_values`` has
    them formatted already, and a year stays "2025").
    """
    template = Engine.get_default().get_template(template_name)
    return _lines(template.render(Context(values, autoescape=False, use_l10n=False)))


def text_values(data: CouncilDecisionData) -> dict:
    """The values the text templates name, formatted the Dutch way (``sto.formatting``).

    An empty string means there is nothing to say: no previous period, no signing deadline, no
    grant, the same amount every year (``per_year``). ``data`` itself is there for what a template
    decides on (whether the request went up or down). Call it with Dutch active.
    """
    region, period = data.region, data.period
    difference = data.difference_per_year
    values = {
        "data": data,
        "municipality": data.municipality_name,
        "region": region.name,
        "sto": region.sto_number,
        "period": period.code,
        "years": data.years_text,
        "first_year": period.start_year,
        "title": data.convenant_title,
        "deadline": format_date(data.signing_deadline),
        "first_due": format_date(data.first_report_due),
        "others": dutch_list(data.other_municipalities),
        # asked of this municipality
        "total": format_euro(data.total),
        "per_year": format_euro(data.per_year),
        "average_per_year": format_euro(data.average_per_year),
        "inhabitants": format_percentage(data.inhabitants_share),
        "share": format_percentage(data.requested_share),
        # asked of the region's municipalities together
        "region_total": format_euro(data.region_total),
        "region_yearly": format_euro(data.region_yearly),
        "grant": format_euro(data.grant_total) if data.grant_total else "",
        # the previous period
        "previous_period": data.previous_period.code if data.previous_period else "",
        "previous_yearly": format_euro(data.previous_per_year),
        "previous_region_yearly": format_euro(data.previous_region_per_year),
        "difference_amount": format_euro(abs(difference)) if difference is not None else "",
    }
    for name in ("yearly", "difference", "lead"):
        values[name] = " ".join(render_items(PHRASE_TEMPLATE.format(name=name), values))
    return values


def default_texts(data: CouncilDecisionData) -> dict[str, str]:
    """The default text of every narrative field, written from the data, in Dutch."""
    with translation.override("nl"):
        values = text_values(data)
        texts = {}
        for name in NARRATIVE_FIELDS:
            items = render_items(TEXT_TEMPLATE.format(name=name), values)
            texts[name] = ("\n" if name in LINE_FIELDS else "\n\n").join(items)
        return texts


def stored_texts(
    region: Region, municipality: Organisation, period: Period
) -> CouncilDecisionText | None:
    return CouncilDecisionText.objects.filter(
        region=region, municipality=municipality, period=period
    ).first()


def effective_texts(
    data: CouncilDecisionData, stored: CouncilDecisionText | None
) -> dict[str, str]:
    """The officer's text for every field they edited, the default for the others."""
    texts = default_texts(data)
    if stored:
        for name in NARRATIVE_FIELDS:
            value = (getattr(stored, name) or "").strip()
            if value:
                texts[name] = value
    return texts
