"""The annual report in headless Chromium, with axe-core on the page: the programme manager
writes the explanation of a section and downloads the report with the explanation in it."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import (
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    manager_of,
)
from tests.reporting.pdf_helpers import in_order, pdf_text

from .conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password


@pytest.fixture
def manager(db):
    period = PeriodFactory()
    lead = OrganisationFactory(
        key="32AA00", name="Techniekschool Westkust", technical_profiles="PIE"
    )
    region = RegionFactory(sto_number="STO19033", name="Westkust", lead=lead)
    MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
    GrantFactory(region=region, period=period, year=2025, amount=Decimal("400000"))
    return manager_of(region, username="pm-westkust")


def test_manager_explains_a_section_and_downloads_the_report(page, manager):
    login(page, manager.username, PASSWORD)
    page.goto(page.base_url + "/rapportage/")
    page.get_by_role("link", name="toelichting 2025").click()
    assert page.locator("h1").inner_text().startswith("Toelichting bij het jaarverslag 2025")
    assert axe_violations(page) == []

    # the browser itself keeps a text within the limit (maxlength); the server checks it too
    assert page.get_by_label("4. Subsidie").get_attribute("maxlength") == "5000"
    page.get_by_label("4. Subsidie").fill("De subsidie ging vooral naar lasapparatuur.")
    page.get_by_role("button", name="Opslaan").click()
    assert "De toelichting bij het jaarverslag is opgeslagen." in page.locator("body").inner_text()
    assert page.get_by_label("4. Subsidie").input_value() == (
        "De subsidie ging vooral naar lasapparatuur."
    )

    # the PDF opens in the browser (inline); fetch it as the logged-in manager
    link = page.get_by_role("link", name="Download het jaarverslag 2025 als PDF")
    response = page.request.get(page.base_url + link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert "jaarverslag-STO19033-2025.pdf" in response.headers["content-disposition"]
    text = pdf_text(response.body())
    assert in_order(
        text,
        [
            "4. Subsidie",
            "Subsidie 2025: € 400.000",
            "Toelichting van de regio",
            "De subsidie ging vooral naar lasapparatuur.",
            "5. Cofinanciering door bedrijven",
        ],
    )
