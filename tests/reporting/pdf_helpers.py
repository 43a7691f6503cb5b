"""Reading generated PDFs back in tests (pypdf)."""

import io
import re

from pypdf import PdfReader


def pdf_reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def normalise(text: str) -> str:
    """One space between words; a word broken after a hyphen at a line end is joined again."""
    text = " ".join(text.split())
    return re.sub(r"(\w)- (?=[A-Z])", r"\1-", text)


def pdf_pages(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text() or "") for page in pdf_reader(pdf).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def in_order(text: str, parts: list[str]) -> bool:
    """``parts`` occur in ``text`` in this order."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True
