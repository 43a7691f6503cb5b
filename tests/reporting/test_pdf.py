import base64
import socket

import pytest
from django.conf import settings
from weasyprint import HTML

from sto import pdf as pdf_module
from sto.pdf import PDF_BASE_URL, LocalOnlyURLFetcher, render_pdf

from .pdf_helpers import pdf_reader, pdf_text

PNG_1PX = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e5273ede0000000049454e44ae426082"
    )
).decode()


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_static_files_and_data_urls_are_served():
    fetcher = LocalOnlyURLFetcher()
    css = fetcher.fetch(f"{PDF_BASE_URL}static/css/print.css")
    assert css.read() == (settings.BASE_DIR / "static" / "css" / "print.css").read_bytes()
    assert css.content_type == "text/css"
    local = fetcher.fetch((settings.BASE_DIR / "static" / "css" / "print.css").as_uri())
    assert b"counter(pages)" in local.read()
    image = fetcher.fetch(f"data:image/png;base64,{PNG_1PX}")
    assert image.read().startswith(b"\x89PNG") and image.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/style.css",
        "http://169.254.169.254/latest/meta-data/",
        f"{PDF_BASE_URL}media/annual_reports/secret.pdf",
        f"{PDF_BASE_URL}static/../sto/settings.py",
        f"{PDF_BASE_URL}static/css/../../sto/settings.py",
        "file:///etc/passwd",
        "ftp://example.com/x",
    ],
)
def test_everything_else_is_refused(url, no_network):
    with pytest.raises(ValueError):
        LocalOnlyURLFetcher().fetch(url)


def test_weasyprint_renders_without_touching_the_network(no_network, caplog):
    html = (
        '<html lang="nl"><head><title>Proef</title>'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        '<link rel="stylesheet" href="/static/css/print.css"></head>'
        f'<body><img src="http://example.com/tracker.png"><img src="data:image/png;base64,{PNG_1PX}">'
        "<p>Alleen lokaal</p></body></html>"
    )
    pdf = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=LocalOnlyURLFetcher()).write_pdf()
    assert "Alleen lokaal" in pdf_text(pdf)
    # print.css was applied: its page footer is on the page
    assert "Pagina 1 van 1" in pdf_text(pdf)
    refused = " ".join(r.getMessage() for r in caplog.records)
    assert "example.com/evil.css" in refused and "example.com/tracker.png" in refused


def test_render_pdf_returns_html_and_an_archivable_pdf_with_metadata(monkeypatch):
    seen = []
    original = LocalOnlyURLFetcher.fetch

    def recording(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(LocalOnlyURLFetcher, "fetch", recording)
    rendered = render_pdf("reporting/pdf/base.html", {"title": "Proefdocument <STO> & co"})
    assert "<title>Proefdocument &lt;STO&gt; &amp; co</title>" in rendered.html
    assert seen == [f"{PDF_BASE_URL}static/css/print.css"]
    reader = pdf_reader(rendered.pdf)
    assert reader.metadata.title == "Proefdocument <STO> & co"
    assert reader.metadata.author == "STO-beheer"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    # PDF/A: an output intent and XMP metadata that declare the conformance level
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root and "/Metadata" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert pdf_module.PDF_VARIANT == "pdf/a-3a"
