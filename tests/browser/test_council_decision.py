"""The municipal officer prepares the collegebesluit in headless Chromium, with axe-core on every
state of the page: names the wethouder and the begrotingspost, sees the data fields the texts can
use, is stopped by a field that does not exist, and warned at the top when a typed amount no
longer matches the data."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from reporting.models import CouncilDecisionText
from tests.factories import officer_of
from tests.reporting.scenarios import amstelland

from .conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password
EDIT = "/rapportage/besluit/STO19040/GM0362/2025-2028/"


@pytest.fixture
def officer(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    situation = amstelland()
    return situation, officer_of(situation.amstelveen, username="ambtenaar-amstelveen")


def test_officer_prepares_the_collegebesluit(page, officer):
    situation, user = officer
    login(page, user.username, PASSWORD)
    page.goto(page.base_url + EDIT)
    expect(page.locator("h1")).to_have_text(
        "Collegebesluit Amstelveen: bijdrage aan Amstelland 2025-2028"
    )
    fields = page.get_by_role("table", name="Gegevensvelden die u in de teksten kunt gebruiken")
    expect(fields.get_by_role("row", name="{bijdrage_totaal}")).to_contain_text("€ 95.892")
    assert axe_violations(page) == []

    # A field that does not exist: the error is at the top and next to the text, nothing saved.
    page.get_by_label("Samenvatting").fill("Wij betalen {bijdrage} per jaar.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Onbekend gegevensveld: {bijdrage}")
    expect(page.locator("#id_summary_error")).to_contain_text("{bijdrage}")
    assert axe_violations(page) == []
    assert not CouncilDecisionText.objects.exists()

    # The wethouder and the begrotingspost, and an amount typed in the Besluit.
    page.get_by_label("Samenvatting").fill("")
    page.get_by_label("Wethouder (portefeuillehouder)").fill("F. Berkhout")
    page.get_by_label("Begrotingspost").fill("Onderwijsbeleid en Leerlingzaken")
    decision = page.get_by_label("Besluit", exact=True)
    decision.fill(decision.input_value().replace("{bijdrage_totaal}", "€ 95.892"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    record = CouncilDecisionText.objects.get()
    assert record.portfolio_holder == "F. Berkhout" and "€ 95.892" in record.decision
    preview = page.locator(".card")
    expect(preview).to_contain_text("De burgemeester te verzoeken wethouder F. Berkhout")
    expect(preview).to_contain_text("de begrotingspost ‘Onderwijsbeleid en Leerlingzaken’")

    # The region changes the request: the typed amount is warned about at the top.
    situation.amstelveen.contributions.filter(year__gte=2025).update(requested=Decimal("25000"))
    page.reload()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("niet (meer) in de gegevens voorkomen")
    expect(warning.get_by_role("link", name="Besluit: € 95.892")).to_have_attribute(
        "href", "#id_decision"
    )
    assert axe_violations(page) == []
    screenshot(page, "collegebesluit-waarschuwing")

    response = page.request.get(page.base_url + EDIT.rstrip("/") + ".pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
