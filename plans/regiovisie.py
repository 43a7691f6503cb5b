"""The regiovisie as one text: its sections (seeds 004 Bijlage B.1) under a heading line each.

The interchange workbook holds the whole regiovisie in one cell (docs/interfaces.md §5,
``plans.regiovisie``), and a page may offer it as one text to edit. ``format_regiovisie`` writes
the non-empty sections in the order of the format, each under the line ``## <title>`` (the
Dutch titles of ``REGIOVISIE_SECTIONS``, whatever the reader's language: the plan is a Dutch
document), with a blank line between sections. ``parse_regiovisie`` reads such a text back; it
refuses a heading it does not know, a heading given twice and text before the first heading.

A section's text is stored stripped and with ``\\n`` line breaks (``normalise_section``), and
then ``parse_regiovisie(format_regiovisie(sections)) == sections``: blank lines inside a section
stay, and a line of text that itself starts with ``##`` is written with a backslash in front
(``\\## ...``), which the parser removes again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils import translation
from django.utils.translation import gettext as _

from .models import REGIOVISIE_SECTIONS, SECTION_FIELDS

HEADING = "## "
_MARK = "##"
_ESCAPED = re.compile(r"^(\s*)\\(\\*##)")  # a text line starting with (backslashes and) ##
_TO_ESCAPE = re.compile(r"^(\s*)(\\*##)")


class RegiovisieError(ValueError):
    """A text that is not a regiovisie; the Dutch message is the first argument."""


def section_titles() -> dict[str, str]:
    """Section field -> its title in Dutch, the language of the plan."""
    with translation.override(None):  # the source strings are Dutch
        return {name: str(title) for name, title in REGIOVISIE_SECTIONS}


def normalise_section(text: str | None) -> str:
    """A section's text as it is stored: ``\\n`` line breaks, no surrounding white space."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def sections_of(plan: object) -> dict[str, str]:
    """The regiovisie's sections of a plan (any object with the section fields)."""
    return {name: getattr(plan, name) for name in SECTION_FIELDS}


def format_regiovisie(sections: Mapping[str, str | None]) -> str:
    """One text with a heading line per non-empty section, in the order of the format."""
    unknown = set(sections) - set(SECTION_FIELDS)
    if unknown:
        raise KeyError(f"not a section of the regiovisie: {sorted(unknown)}")
    titles = section_titles()
    blocks = []
    for name in SECTION_FIELDS:
        text = normalise_section(sections.get(name))
        if text:
            lines = [_TO_ESCAPE.sub(r"\1\\\2", line) for line in text.split("\n")]
            blocks.append("\n".join([HEADING + titles[name], *lines]))
    return "\n\n".join(blocks)


def _heading_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def parse_regiovisie(text: str | None) -> dict[str, str]:
    """The sections of a text written as ``format_regiovisie`` writes it; every section field,
    ``""`` for the sections the text leaves out. Raises ``RegiovisieError`` (a Dutch message
    naming the line) for an unknown heading, a heading given twice, or text before the first
    heading. Headings are matched without regard to case or extra spaces."""
    titles = section_titles()
    by_heading = {_heading_key(title): name for name, title in titles.items()}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, line in enumerate(normalise_section(text).split("\n"), start=1):
        stripped = line.lstrip()
        if stripped.startswith(_MARK):
            heading = stripped[len(_MARK) :].strip()
            name = by_heading.get(_heading_key(heading))
            if name is None:
                raise RegiovisieError(
                    _(
                        "regel %(line)s: onbekende kop '%(heading)s'. Een kop is '## ' met de "
                        "titel van een onderdeel van de regiovisie: %(titles)s."
                    )
                    % {
                        "line": number,
                        "heading": line.strip(),
                        "titles": "; ".join(titles.values()),
                    }
                )
            if name in found:
                raise RegiovisieError(
                    _("regel %(line)s: de kop '%(heading)s' komt twee keer voor.")
                    % {"line": number, "heading": titles[name]}
                )
            current = found[name] = []
            continue
        line = _ESCAPED.sub(r"\1\2", line)
        if current is None:
            if line.strip():
                raise RegiovisieError(
                    _(
                        "regel %(line)s: tekst voor de eerste kop. Begin elk onderdeel met een "
                        "kop, zoals '%(example)s'."
                    )
                    % {"line": number, "example": HEADING + titles[SECTION_FIELDS[0]]}
                )
            continue
        current.append(line)
    sections = dict.fromkeys(SECTION_FIELDS, "")
    for name, lines in found.items():
        sections[name] = "\n".join(lines).strip()
    return sections
