"""Every PDF STO-beheer makes is tagged and archival: PDF/A-3a, a structure tree in reading
order, language ``nl``, the title shown. Checked on the documents themselves, as a reader's
assistive technology and an archive would read them (``pdfinfo`` would say "Tagged: yes")."""

import pytest
from django.urls import reverse

from .pdf_helpers import pdf_reader, structure
from .test_reporting_views import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


DOCUMENTS = {
    "annual report": (
        lambda: reverse("reporting:annual_report_pdf", args=["STO19040", 2025]),
        "reviewer",
    ),
    "council decision": (
        lambda: reverse("reporting:council_decision_pdf", args=["STO19040", "GM0362", "2025-2028"]),
        "officer",
    ),
    "national monitor": (lambda: reverse("reporting:monitor_pdf") + "?span=2025", "reviewer"),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_is_tagged_pdf_a_3a(client, world, name):  # noqa: F811
    url, who = DOCUMENTS[name]
    client.force_login(world[who])
    response = client.get(url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_tagged(response.content, name)


def assert_tagged(pdf: bytes, name: str) -> None:
    found = structure(pdf)
    assert found["marked"], name
    assert found["lang"] == "nl"
    assert found["pdfa"] == [("part", "3"), ("conformance", "A")]
    assert found["display_title"] and found["title"]
    types = found["types"]
    assert types.get("/Document") == 1
    # Headings, paragraphs and tables are tagged as such, not as anonymous spans.
    assert types.get("/H1", 0) >= 1, types
    assert types.get("/P", 0) >= 3, types
    assert types.get("/Table", 0) >= 1 and types.get("/TD", 0) >= 4, types


def test_the_document_properties_write_years_without_a_thousands_separator(client, world):  # noqa: F811
    client.force_login(world["reviewer"])
    response = client.get(reverse("reporting:annual_report_pdf", args=["STO19040", 2025]))
    info = pdf_reader(response.content).metadata
    assert info["/Subject"] == "Jaarverslag van regio STO19040 over 2025"
    assert info["/Keywords"].endswith("STO19040, 2025")


def test_the_decision_letter_is_tagged_pdf_a_3a(client):
    from tests.factories import PeriodFactory

    from .assessment_scenarios import application, decide, people, reviewed

    team = people()
    period = PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)
    plan = application(period, "STO19101", "Zeeuws-Vlaanderen", "1250000")
    reviewed(plan, {"Commissie A": 7, "Commissie B": 8})
    decision = decide(plan, team["coordinator"], awarded="1000000", approver=team["anna"])
    client.force_login(team["anna"])
    response = client.get(reverse("reporting:decision_letter", args=[decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_tagged(response.content, "decision letter")
    assert pdf_reader(response.content).metadata["/Title"] == (
        "Beschikking Zeeuws-Vlaanderen 2025-2028"
    )
