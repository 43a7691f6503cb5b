"""(Owned by web-money, the cofinancing pages.) The money side's main tasks end to end in headless Chromium, with axe-core on every page.

- the programme manager records a co-financing commitment (and first sees the errors);
- the programme manager splits a regional total over the municipalities by inhabitants;
- the municipal officer approves a contribution.
"""

import datetime
from decimal import Decimal

import pytest

from cofinancing.models import CofinancingCommitment, MunicipalContribution
from tests.cofinancing.conftest import _fast_passwords, world  # noqa: F401  (fixtures)

from .conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password


def test_manager_records_a_cofinancing_commitment(page, world):  # noqa: F811
    login(page, world.manager.username, PASSWORD)
    page.goto(page.base_url + "/geld/STO19040/cofinanciering/")
    assert page.locator("h1").inner_text() == "Cofinanciering – Amstelland"
    assert axe_violations(page) == []
    screenshot(page, "geld-cofinanciering")

    page.get_by_role("link", name="Cofinanciering toevoegen").click()
    page.get_by_label("Bedrijf").select_option(
        label=f"Bouwbedrijf Amstel B.V. ({world.company.key})"
    )
    page.get_by_label("Vorm").select_option(label="gastlessen")
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Toegezegd bedrag (€)").fill("-10")
    page.get_by_role("button", name="Opslaan").click()
    # The error is next to the field and in the summary; nothing saved.
    assert "Een bedrag kan niet negatief zijn." in page.locator("#id_committed_error").inner_text()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []
    assert not CofinancingCommitment.objects.filter(year=2026).exists()

    page.get_by_label("Toegezegd bedrag (€)").fill("12.500")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/geld/STO19040/cofinanciering/#row-*")  # at the new row
    assert (
        "Cofinanciering van Bouwbedrijf Amstel B.V. voor 2026 is vastgelegd: € 12.500."
        in page.get_by_role("status").inner_text()
    )
    commitment = CofinancingCommitment.objects.get(year=2026)
    assert commitment.committed == Decimal("12500.00") and commitment.form == "guest_lessons"
    assert page.get_by_role("cell", name="€ 12.500").count() >= 1


def test_manager_splits_a_regional_total_by_inhabitants(page, world):  # noqa: F811
    login(page, world.manager.username, PASSWORD)
    page.goto(page.base_url + "/geld/STO19040/bijdragen/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Regionaal bedrag verdelen naar inwoners").click()
    page.get_by_label("Totaalbedrag per jaar voor de regio (€)").fill("45.000")
    page.get_by_label("Eerste jaar").fill("2025")
    page.get_by_label("Laatste jaar").fill("2028")
    page.get_by_label("Jaarlijkse indexatie (%)").fill("2,5")
    page.get_by_role("button", name="Verdeling bekijken").click()
    table = page.get_by_role("table")
    assert "Amstelveen (GM0362)" in table.inner_text() and "€ 23.973" in table.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "geld-bijdragen-verdelen")
    assert MunicipalContribution.objects.count() == 2  # the preview saved nothing
    page.get_by_role("button", name="Bevestigen en aanvragen").click()
    page.wait_for_url("**/geld/STO19040/bijdragen/")
    assert "20 bijdragen aangevraagd of bijgewerkt" in page.get_by_role("status").inner_text()
    assert sum(
        c.requested for c in MunicipalContribution.objects.filter(region=world.region, year=2028)
    ) == Decimal("48460")


def test_officer_approves_a_contribution(page, world):  # noqa: F811
    login(page, world.officer.username, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Gemeentelijke bijdragen"
    ).click()
    assert page.locator("h1").inner_text() == "Bijdragen gevraagd aan Amstelveen"
    assert "Verweggistad" not in page.content()
    assert axe_violations(page) == []
    screenshot(page, "gemeente-bijdragen")

    page.get_by_role("link", name="Besluiten over STO19040 2025").click()
    assert "Techniek Driedaagse" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Goedkeuren (het gevraagde bedrag)").check()
    page.get_by_label("Besluitdatum").fill("2024-09-24")
    screenshot(page, "gemeente-besluit")
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert "Uw besluit is vastgelegd: goedgekeurd." in page.get_by_role("status").inner_text()
    history = page.get_by_role("region", name="Historie").inner_text()
    assert world.officer.username in history and "besluit: goedgekeurd" in history
    assert axe_violations(page) == []
    world.contribution.refresh_from_db()
    assert world.contribution.status == "approved"
    assert world.contribution.approved == Decimal("23973.00")
    assert world.contribution.decided_on == datetime.date(2024, 9, 24)
