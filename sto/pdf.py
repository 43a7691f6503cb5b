"""The one PDF helper: a Django template rendered to HTML, then to PDF through WeasyPrint.

It returns the HTML as well, so tests (and debugging) can read what went into the PDF. The
``url_fetcher`` never reaches the network: it serves files from the project's ``static/`` folder
and ``data:`` URLs and refuses everything else (WeasyPrint then logs a warning and leaves the
resource out).

PDFs are written as tagged PDF/A-3a: archivable (WeasyPrint embeds the fonts and an sRGB output
intent) and accessible (a structure tree of headings, paragraphs, lists and tables in reading
order, ``/MarkInfo /Marked true``), with the document title from ``<title>``, shown as the window
title, and the language from ``<html lang="nl">``. Published council decisions fall under the
public-sector accessibility rules, so every PDF the product makes is tagged.
"""

import base64
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# WeasyPrint reports every rendering step at INFO; only its warnings (e.g. a refused URL) matter.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

PDF_VARIANT = "pdf/a-3a"
PDF_CONTENT_TYPE = "application/pdf"
# Relative URLs in PDF templates (``{% static %}`` gives ``/static/...``) are resolved against
# this base; the host is reserved (.invalid) and only ever mapped to local files below.
PDF_BASE_URL = "https://sto-beheer.invalid/"


def static_root_dir() -> Path:
    """The project's ``static/`` folder: the only place the PDF renderer reads files from."""
    return (Path(settings.BASE_DIR) / "static").resolve()


class LocalOnlyURLFetcher(URLFetcher):
    """Serves ``data:`` URLs and files under ``static/``; refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=("data", "file", "https"), allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return _data_url(url)
        path = self._static_path(url)
        if path is None:
            raise ValueError(f"Refused to fetch {url!r}: only static files and data: URLs.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )

    @staticmethod
    def _static_path(url: str) -> Path | None:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        relative: str | None = None
        if scheme == "https" and url.startswith(PDF_BASE_URL):
            static_prefix = (
                settings.STATIC_URL
                if settings.STATIC_URL.startswith("/")
                else "/" + settings.STATIC_URL
            )
            if parts.path.startswith(static_prefix):
                relative = parts.path[len(static_prefix) :]
        elif scheme == "file" and not parts.netloc:
            root = static_root_dir()
            candidate = Path(unquote(parts.path)).resolve()
            if candidate.is_relative_to(root):
                relative = str(candidate.relative_to(root))
        if relative is None:
            return None
        root = static_root_dir()
        path = (root / unquote(relative)).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return path


def _data_url(url: str) -> URLFetcherResponse:
    header, _, payload = url.partition(",")
    meta = header[len("data:") :]
    is_base64 = meta.endswith(";base64")
    if is_base64:
        meta = meta[: -len(";base64")]
    body = base64.b64decode(payload) if is_base64 else unquote(payload).encode()
    return URLFetcherResponse(url, body, headers={"Content-Type": meta or "text/plain"})


@dataclass(frozen=True)
class RenderedPDF:
    html: str
    pdf: bytes


def render_pdf(template_name: str, context: dict, *, request=None) -> RenderedPDF:
    """Render ``template_name`` with ``context`` to HTML, and that HTML to an archivable PDF.

    Documents that leave the system (to DUS-I, to the council) are Dutch whatever language the
    person generating them has chosen for the screens.
    """
    with translation.override("nl"):
        html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=LocalOnlyURLFetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPDF(html=html, pdf=pdf)


def pdf_response(rendered: RenderedPDF, filename: str, *, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(rendered.pdf, content_type=PDF_CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
