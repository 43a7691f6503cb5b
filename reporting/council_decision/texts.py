"""The narrative of a collegebesluit: the default texts written from the data, and the officer's
edits (``CouncilDecisionText``) over them.

A narrative text is a template with named data fields in braces, ``{bijdrage_totaal}``,
``{regio}``, ``{periode}`` (``FIELDS``, listed on the edit page): the officer edits that text, it
is stored with its fields, and every rendering fills them in from the data of that moment. So an
edit never freezes an amount; an amount the officer did type (``€ 95.892``) that no longer
matches any amount in the data is reported (``typed_amount_warnings``) on the edit page and in
the PDF.

Every default text is a Django template, one per narrative field, in
``templates/reporting/council_decision/texts/<field>.txt``; the phrases several texts share (the
yearly amount, the difference with the previous period, the lead school) are in ``phrases/``. A
template writes one item per line (a paragraph, a decision point, a consideration); blank lines
and indentation between the template tags do not count. The text templates are rendered with the
data fields as ``{name}`` (``default_sources``), deciding what to say on ``data`` (is there a
previous period, a signing deadline); the phrases and the finance facts are rendered with the
values themselves.

The texts are rendered in Dutch whatever language the screens are in, like the PDF: they go into
a document for the municipal council, are stored as the officer edits them, and
``reporting.services`` compares what an officer saves with these defaults to keep only real edits.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.template import Context, Engine
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from regions.models import Organisation, Period, Region
from sto.formatting import format_date, format_euro, format_percentage, format_threshold

from ..models import NARRATIVE_FIELDS, CouncilDecisionText
from .data import CouncilDecisionData, dutch_list, years_text

TEXT_TEMPLATE = "reporting/council_decision/texts/{name}.txt"
PHRASE_TEMPLATE = "reporting/council_decision/phrases/{name}.txt"

# The fields read as one item per line (the form's help texts say "Eén … per regel"); the others
# are paragraphs separated by a blank line. The document numbers or bullets the items.
LINE_FIELDS = frozenset(
    {"decision", "considerations", "alternatives", "risks", "next_steps", "attachments"}
)


@dataclass(frozen=True)
class TextField:
    """A data field the texts can name: ``{name}`` in the text, ``var`` in the templates."""

    name: str
    var: str
    description: str | Promise


FIELDS: tuple[TextField, ...] = (
    TextField("gemeente", "municipality", gettext_lazy("de naam van de gemeente")),
    TextField("regio", "region", gettext_lazy("de naam van de regio")),
    TextField("sto_nummer", "sto", gettext_lazy("het STO-nummer van de regio")),
    TextField("periode", "period", gettext_lazy("de periode, bijvoorbeeld 2025-2028")),
    TextField("jaren", "years", gettext_lazy("de jaren van de periode: ‘de jaren … tot en met …’")),
    TextField("eerste_jaar", "first_year", gettext_lazy("het eerste jaar van de periode")),
    TextField("convenant", "title", gettext_lazy("de naam van het convenant")),
    TextField(
        "ondertekenen_voor", "deadline", gettext_lazy("de uiterste datum om te ondertekenen")
    ),
    TextField(
        "eerste_jaarverslag",
        "first_due",
        gettext_lazy("de uiterste datum van het eerste jaarverslag"),
    ),
    TextField("andere_gemeenten", "others", gettext_lazy("de andere deelnemende gemeenten")),
    TextField("penvoerder", "lead", gettext_lazy("de penvoerder van de regio")),
    TextField(
        "wethouder",
        "portfolio_holder",
        gettext_lazy("‘wethouder …’ zoals hieronder ingevuld, anders ‘een wethouder’"),
    ),
    TextField(
        "begrotingspost",
        "budget_line",
        gettext_lazy(
            "‘de begrotingspost …’ zoals hieronder ingevuld, anders ‘de onderwijsbegroting van "
            "de gemeente’"
        ),
    ),
    TextField("bijdrage_totaal", "total", gettext_lazy("de gevraagde bijdrage over de periode")),
    TextField(
        "bijdrage_per_jaar",
        "yearly_amount",
        gettext_lazy("de gevraagde bijdrage per jaar (‘gemiddeld …’ als die per jaar verschilt)"),
    ),
    TextField(
        "toegezegd_totaal",
        "effective_total",
        gettext_lazy("de bijdrage over de periode zoals besloten (het gevraagde zolang open)"),
    ),
    TextField(
        "toegezegd_per_jaar",
        "effective_yearly_amount",
        gettext_lazy("de bijdrage per jaar zoals besloten (het gevraagde zolang open)"),
    ),
    TextField("besluitdatum", "decision_date", gettext_lazy("de datum van het collegebesluit")),
    TextField(
        "regio_totaal", "region_total", gettext_lazy("wat alle gemeenten samen wordt gevraagd")
    ),
    TextField(
        "regio_per_jaar",
        "region_yearly",
        gettext_lazy("wat alle gemeenten samen per jaar wordt gevraagd"),
    ),
    TextField(
        "aandeel_inwoners",
        "inhabitants",
        gettext_lazy("het aandeel van de gemeente in de inwoners"),
    ),
    TextField(
        "aandeel_bijdrage", "share", gettext_lazy("het aandeel van de gemeente in het gevraagde")
    ),
    TextField("rijkssubsidie", "grant", gettext_lazy("de Rijkssubsidie voor de periode")),
    TextField("vorige_periode", "previous_period", gettext_lazy("de vorige periode")),
    TextField(
        "vorige_bijdrage_per_jaar",
        "previous_yearly",
        gettext_lazy("de bijdrage per jaar in de vorige periode"),
    ),
    TextField(
        "vorige_regio_per_jaar",
        "previous_region_yearly",
        gettext_lazy("wat alle gemeenten samen per jaar bijdroegen in de vorige periode"),
    ),
    TextField(
        "verschil_per_jaar",
        "difference_amount",
        gettext_lazy("het verschil per jaar met de vorige periode"),
    ),
    TextField(
        "verschil",
        "difference",
        gettext_lazy("de zin over de verhoging of verlaging ten opzichte van de vorige periode"),
    ),
    TextField(
        "indexatie",
        "indexation",
        gettext_lazy("de zin over de jaarlijkse indexatie, als die er is"),
    ),
)
FIELD_NAMES = frozenset(f.name for f in FIELDS)
FIELD_PATTERN = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# An amount as people type it: "€ 95.892", "€ 19.414,-", "EUR 3.023,50", "95.892 euro".
AMOUNT_PATTERN = re.compile(
    r"(?:€|\bEUR)\s*(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents>\d{1,2}|-{1,2}))?"
    r"(?![\d.,]*\d)"
    r"|\b(?P<whole_before>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents_before>\d{1,2}|-{1,2}))?"
    r"\s*euro\b",
    re.IGNORECASE,
)


def braced(name: str) -> str:
    """``"regio"`` → ``"{regio}"``: how a text names a data field."""
    return "{" + name + "}"


def text_items(text: str, *, lines: bool) -> list[str]:
    """An edited text as a document shows it: its non-empty lines (``lines``), or its paragraphs
    (blocks between blank lines, white space folded). Every document with editable prose reads
    its texts this way."""
    if lines:
        return [line.strip() for line in text.splitlines() if line.strip()]
    return [
        " ".join(block.split())
        for block in text.replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]


def field_items(texts: dict[str, str], name: str) -> list[str]:
    """The items of the narrative field ``name`` as the document shows them: its lines, or its
    paragraphs (see ``LINE_FIELDS``)."""
    return text_items(texts[name], lines=name in LINE_FIELDS)


def render_items(template_name: str, values: dict) -> list[str]:
    """What a text template writes with ``values``, one item per line.

    Plain text, not HTML: nothing is escaped here (a name like "'t Gooi & Co" stays as it is; the
    page and the PDF escape what they show), and numbers are not localised (``text_values`` has
    them formatted already, and a year stays "2025").
    """
    template = Engine.get_default().get_template(template_name)
    return text_items(
        template.render(Context(values, autoescape=False, use_l10n=False)), lines=True
    )


def _phrase(name: str, values: dict) -> str:
    return " ".join(render_items(PHRASE_TEMPLATE.format(name=name), values))


def text_values(data: CouncilDecisionData) -> dict:
    """The values the templates name, formatted the Dutch way (``sto.formatting``).

    An empty string means there is nothing to say: no previous period, no signing deadline, no
    grant, the same amount every year (``per_year``). ``data`` itself is there for what a template
    decides on (whether the request went up or down). Call it with Dutch active.
    """
    region, period = data.region, data.period
    difference = data.difference_per_year
    years = data.period.years
    values = {
        "data": data,
        "municipality": data.municipality_name,
        "region": region.name,
        "sto": region.sto_number,
        "period": period.code,
        "years": _phrase("years", {"years": data.years_text, "count": len(years)}),
        "first_year": period.start_year,
        "title": data.convenant_name,
        "deadline": format_date(data.signing_deadline),
        "first_due": format_date(data.first_report_due),
        "others": dutch_list(data.other_municipalities),
        "portfolio_holder": _phrase("portfolio_holder", {"name": data.portfolio_holder}),
        "budget_line": _phrase("budget_line", {"name": data.budget_line}),
        # asked of this municipality
        "total": format_euro(data.total),
        "per_year": format_euro(data.per_year),
        "average_per_year": format_euro(data.average_per_year),
        "inhabitants": format_percentage(data.inhabitants_share),
        "share": format_percentage(data.requested_share),
        # as decided
        "effective_total": format_euro(data.effective_total),
        "decision_date": format_date(data.decision_date),
        # asked of the region's municipalities together
        "region_total": format_euro(data.region_total),
        "region_yearly": format_euro(data.region_yearly),
        "grant": format_euro(data.grant_total) if data.grant_total else "",
        # the previous period
        "previous_period": data.previous_period.code if data.previous_period else "",
        "previous_yearly": format_euro(data.previous_per_year),
        "previous_region_yearly": format_euro(data.previous_region_per_year),
        "difference_amount": format_euro(abs(difference)) if difference is not None else "",
        # indexation
        "indexation_pct": format_threshold(data.indexation_pct),
        "indexed_years": years_text(data.indexed_years),
    }
    values["yearly_amount"] = _phrase(
        "yearly_amount",
        {"constant": values["per_year"], "average": values["average_per_year"]},
    )
    values["effective_yearly_amount"] = _phrase(
        "yearly_amount",
        {
            "constant": format_euro(data.effective_per_year),
            "average": format_euro(data.effective_average_per_year),
        },
    )
    for name in ("yearly", "difference", "lead", "indexation"):
        values[name] = _phrase(name, values)
    return values


def field_values(data: CouncilDecisionData) -> dict[str, str]:
    """``{field name: its value now}`` for every field of ``FIELDS``, in Dutch."""
    with translation.override("nl"):
        values = text_values(data)
    return {f.name: str(values[f.var]) for f in FIELDS}


def _source_values(data: CouncilDecisionData) -> dict:
    """What the text templates are rendered with: every field as ``{name}``, the phrase that
    contains one rendered around it, and ``data`` to decide on. Nothing else, so a text template
    cannot write a value that would be frozen once the officer saves it."""
    values: dict = {f.var: braced(f.name) for f in FIELDS}
    values["yearly"] = _phrase("yearly", values)
    values["effective_yearly"] = _phrase("yearly", {"yearly_amount": braced("toegezegd_per_jaar")})
    values["data"] = data
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every known ``{field}`` replaced by its value; an unknown one stays as it is
    (the edit form refuses it, ``unknown_fields``). One pass: a value is never filled again."""
    return FIELD_PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_fields(text: str, known: frozenset[str] = FIELD_NAMES) -> list[str]:
    """The ``{names}`` in ``text`` that are no data field (of the collegebesluit, or ``known``)."""
    return sorted({m.group(1) for m in FIELD_PATTERN.finditer(text or "")} - known)


def default_sources(data: CouncilDecisionData) -> dict[str, str]:
    """The default text of every narrative field with its data fields as ``{name}``, in Dutch:
    what the edit form shows and what an edit is compared with."""
    with translation.override("nl"):
        values = _source_values(data)
        texts = {}
        for name in NARRATIVE_FIELDS:
            items = render_items(TEXT_TEMPLATE.format(name=name), values)
            texts[name] = ("\n" if name in LINE_FIELDS else "\n\n").join(items)
        return texts


def default_texts(data: CouncilDecisionData) -> dict[str, str]:
    """The default text of every narrative field, with the data filled in, in Dutch."""
    values = field_values(data)
    return {name: fill(text, values) for name, text in default_sources(data).items()}


def stored_texts(
    region: Region, municipality: Organisation, period: Period
) -> CouncilDecisionText | None:
    return CouncilDecisionText.objects.filter(
        region=region, municipality=municipality, period=period
    ).first()


def effective_sources(
    data: CouncilDecisionData, stored: CouncilDecisionText | None
) -> dict[str, str]:
    """The officer's text (with its fields) for every field they edited, the default for the
    others."""
    texts = default_sources(data)
    if stored:
        for name in NARRATIVE_FIELDS:
            value = (getattr(stored, name) or "").strip()
            if value:
                texts[name] = value
    return texts


def effective_texts(
    data: CouncilDecisionData, stored: CouncilDecisionText | None
) -> dict[str, str]:
    """What the document says: ``effective_sources`` with the data filled in."""
    values = field_values(data)
    return {name: fill(text, values) for name, text in effective_sources(data, stored).items()}


@dataclass(frozen=True)
class TypedAmount:
    """An amount the officer typed in a text that matches no amount in the data."""

    field: str  # the narrative field
    label: str
    amount: str  # as typed


def parse_amount(whole: str, cents: str | None) -> Decimal | None:
    try:
        value = Decimal(whole.replace(".", ""))
    except InvalidOperation:
        return None
    if cents and cents.isdigit():
        value += Decimal(cents.ljust(2, "0")) / 100
    return value


def typed_amount_warnings(
    data: CouncilDecisionData, stored: CouncilDecisionText | None
) -> list[TypedAmount]:
    """Every € amount typed in the officer's texts that is not an amount of the data (any more):
    the request changed after the text was written. The defaults type none; they name fields."""
    if not stored:
        return []
    known = data.known_amounts()
    warnings = []
    for name in NARRATIVE_FIELDS:
        text = getattr(stored, name) or ""
        for match in AMOUNT_PATTERN.finditer(text):
            value = parse_amount(
                match.group("whole") or match.group("whole_before"),
                match.group("cents") or match.group("cents_before"),
            )
            if value is None or value.quantize(Decimal("0.01")) not in known:
                label = str(CouncilDecisionText._meta.get_field(name).verbose_name)
                warnings.append(TypedAmount(name, label, " ".join(match.group(0).split())))
    return warnings
