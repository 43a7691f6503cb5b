"""The regiovisie as one text (plans.regiovisie): a heading per non-empty section, read back
into the same sections."""

import pytest
from django.utils import translation

from plans.models import SECTION_FIELDS
from plans.regiovisie import (
    RegiovisieError,
    format_regiovisie,
    parse_regiovisie,
    section_titles,
    sections_of,
)


def sections(**given: str) -> dict[str, str]:
    return {name: given.get(name, "") for name in SECTION_FIELDS}


FULL = {
    name: f"Tekst van {name}: techniek in de regio.\nTweede regel, met 10 % en € 1.000."
    for name in SECTION_FIELDS
}
CASES = [
    pytest.param(sections(), id="all empty"),
    pytest.param(FULL, id="every section"),
    pytest.param(
        sections(
            summary="Eerste alinea.\n\nTweede alinea na een witregel.\n\n\nEn na twee.",
            running_projects="- RIF Techniek\n- Bèta-techniekpact\n\n  ingesprongen regel",
        ),
        id="blank lines and indents",
    ),
    pytest.param(
        sections(
            delimitation="## geen kop maar tekst\n\\## met een backslash\n   ## ingesprongen\n#één",
            teacher_shortage_notes="1. Samenvatting\n## 1. Samenvatting",
        ),
        id="text lines that look like headings",
    ),
    pytest.param(sections(techniekarm_goals="Alleen het laatste onderdeel van 3."), id="one"),
    pytest.param(
        sections(current_offer="regel met spaties aan het eind   \nvolgende"), id="spaces"
    ),
]


@pytest.mark.parametrize("given", CASES)
def test_parse_gives_back_what_format_wrote(given):
    text = format_regiovisie(given)
    assert parse_regiovisie(text) == given
    assert format_regiovisie(parse_regiovisie(text)) == text


def test_format_writes_a_dutch_heading_per_non_empty_section_in_the_order_of_the_format():
    with translation.override("en"):  # the plan is Dutch, whatever the reader's language
        text = format_regiovisie(
            sections(running_projects="Lopend.", summary="Kort.\n\nLanger.", delimitation=" ")
        )
    assert text == ("## 1. Samenvatting\nKort.\n\nLanger.\n\n## 4. Lopende projecten\nLopend.")
    assert format_regiovisie(sections()) == ""


def test_parse_accepts_headings_in_any_order_case_and_spacing_and_windows_line_ends():
    text = "\r\n##   4.  lopende PROJECTEN \r\nLopend.\r\n\r\n## 1. Samenvatting\r\nKort.\r\n"
    assert parse_regiovisie(text) == sections(running_projects="Lopend.", summary="Kort.")
    assert parse_regiovisie("") == parse_regiovisie(None) == sections()
    # as the plan stores it: line breaks as \n, no white space around a section
    assert parse_regiovisie("## 1. Samenvatting\n\n  Kort.  \n\n") == sections(summary="Kort.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "## 1. Samenvatting\nKort.\n## 6. Begroting\nGeld.",
            "regel 3: onbekende kop '## 6. Begroting'. Een kop is '## ' met de titel van een "
            "onderdeel van de regiovisie: 1. Samenvatting; 2. Afbakening regio;",
        ),
        ("##\nTekst", "regel 1: onbekende kop '##'."),
        (
            "## 1. Samenvatting\nKort.\n\n## 1. samenvatting\nNog eens.",
            "regel 4: de kop '1. Samenvatting' komt twee keer voor.",
        ),
        (
            "Zonder kop.\n## 1. Samenvatting\nKort.",
            "regel 1: tekst voor de eerste kop. Begin elk onderdeel met een kop, zoals "
            "'## 1. Samenvatting'.",
        ),
    ],
)
def test_parse_refuses_unknown_or_double_headings_and_text_before_the_first(text, message):
    with pytest.raises(RegiovisieError) as caught:
        parse_regiovisie(text)
    assert str(caught.value).startswith(message)


def test_every_section_has_a_title_and_a_plan_gives_its_sections():
    titles = section_titles()
    assert list(titles) == list(SECTION_FIELDS)
    assert titles["techniekarm"] == "3.2 Regiovisie voor een techniekarme regio"

    class Plan:
        pass

    plan = Plan()
    for name in SECTION_FIELDS:
        setattr(plan, name, name.upper())
    assert sections_of(plan) == {name: name.upper() for name in SECTION_FIELDS}
    with pytest.raises(KeyError):
        format_regiovisie({"onbekend": "x"})
