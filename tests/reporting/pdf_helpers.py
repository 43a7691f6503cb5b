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


def structure(pdf: bytes) -> dict:
    """What makes a PDF tagged and archival: ``/MarkInfo``, the language, the PDF/A
    identification in the XMP metadata, whether the title is shown, and the structure types
    of the tagged content (``/H1``, ``/P``, ``/Table``, ...) with how often each occurs."""
    reader = pdf_reader(pdf)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    types: dict[str, int] = {}

    def walk(node, depth=0):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child, depth)
            return
        if not hasattr(node, "get"):
            return
        kind = node.get("/S")
        if kind is not None:
            types[str(kind)] = types.get(str(kind), 0) + 1
        kids = node.get("/K")
        if kids is not None and depth < 200:
            walk(kids, depth + 1)

    tree = root.get("/StructTreeRoot")
    if tree is not None:
        walk(tree.get_object().get("/K"))
    return {
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "lang": str(root.get("/Lang", "")),
        "pdfa": re.findall(r'pdfaid:(part|conformance)="([^"]*)"', xmp),
        "display_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "title": reader.metadata.title if reader.metadata else None,
        "types": types,
    }
