"""The programme manager's work on the region pages, end to end in headless Chromium.

Dashboard, partners (join with a wrong KvK number first, leave), a convenant signature and an
annual report with a PDF upload; every form is first sent with an error, which must show next to
the field and save nothing. Keyboard-only use of a form, with a visible focus.
"""

import datetime
from decimal import Decimal

import pytest

from regions.models import AnnualReport, Membership, Organisation, Signature
from sto.formatting import format_date

from .conftest import login, screenshot
from .scenario import (  # noqa: F401  (the scenario fixture)
    OWN,
    assert_accessible,
    assert_field_error,
    current_members,
    scenario,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_manager_lands_on_the_dashboard_of_their_region(page, scenario):  # noqa: F811
    login(page, "programmamanager")
    assert page.url == f"{page.base_url}/regios/{OWN}/"  # the start page is their region
    assert page.locator("h1").inner_text() == f"Amstelland ({OWN})"
    main = page.locator("main")
    # Open findings of the rule checks.
    findings = page.get_by_role("region", name="Open bevindingen").inner_text()
    assert "Uiterste ondertekendatum convenant nadert" in findings and "waarschuwing" in findings
    # Deadlines coming up: the convenant that still lacks signatures, the annual report.
    deadlines = page.get_by_role("region", name="Termijnen").inner_text()
    assert "Ondertekening Samenwerkingsovereenkomst Amstelland 2025-2028" in deadlines
    assert "8 partners moeten nog tekenen" in deadlines
    assert format_date(scenario.convenant.signing_deadline) in deadlines
    assert "Jaarverslag 2025" in deadlines
    # Current partners: 10 (the company that left in 2023 is not counted).
    assert "10 (" in main.locator("dl.facts").first.inner_text()
    assert_accessible(page)

    # Money of 2025: grant, co-financing against the period's minimum, contributions by status.
    page.goto(f"{page.base_url}/regios/{OWN}/?jaar=2025")
    money = page.get_by_role("region", name="Geld in 2025").inner_text()
    assert "€ 1.000.000" in money
    assert "Toegezegd: € 125.000" in money and "Gerealiseerd: € 12.500" in money
    assert "€ 250.000 toegezegd op € 2.000.000 subsidie: 12,5%" in money
    assert "minimum 10% gehaald" in money  # the threshold as the regulation writes it
    contributions = page.get_by_role("table", name="Gemeentelijke bijdragen per status")
    row = contributions.get_by_role("row").filter(has_text="aangevraagd").inner_text()
    assert "2" in row and "€ 31.973" in row  # Amstelveen € 23.973 + Aalsmeer € 8.000
    screenshot(page, "dashboard-programmamanager")
    # The manager sees no other region.
    assert page.goto(f"{page.base_url}/regios/STO19041/").status == 404


def test_manager_adds_a_partner_after_correcting_an_invalid_kvk_number(page, scenario):  # noqa: F811
    login(page, "programmamanager")
    page.get_by_role("navigation", name="Onderdelen van de regio").get_by_role(
        "link", name="Partners"
    ).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Partners")
    assert "Bouwbedrijf Amstel B.V." in page.get_by_role("table").inner_text()
    assert "Installatietechniek Uithoorn B.V." not in page.get_by_role("table").inner_text()  # left
    screenshot(page, "regio-partners")

    page.get_by_role("link", name="Partner toevoegen").click()
    page.get_by_label("Soort", exact=True).select_option(label="bedrijf")
    page.get_by_label("Sleutel", exact=True).fill("1234567")  # seven digits: not a KvK number
    page.get_by_label("Naam", exact=True).fill("Elektro Amstelveen B.V.")
    page.get_by_label("Plaats").fill("Amstelveen")
    page.get_by_label("Lid vanaf").fill("2026-01-01")
    page.get_by_role("button", name="Partner toevoegen").click()

    assert_field_error(page, "id_key", "1234567 is geen geldig KvK-nummer (verwacht: 8 cijfers).")
    assert not Organisation.objects.filter(name="Elektro Amstelveen B.V.").exists()
    # What was typed is kept, so only the wrong field needs fixing.
    assert page.get_by_label("Naam", exact=True).input_value() == "Elektro Amstelveen B.V."
    assert_accessible(page, "partner form with an error")
    screenshot(page, "partner-toevoegen-fout")

    page.get_by_label("Sleutel", exact=True).fill("34567890")
    page.get_by_role("button", name="Partner toevoegen").click()
    page.wait_for_url(f"**/regios/{OWN}/partners/")
    assert (
        "Elektro Amstelveen B.V. is toegevoegd als partner van Amstelland."
        in page.get_by_role("status").first.inner_text()
    )
    assert "34567890" in page.get_by_role("table").inner_text()
    membership = Membership.objects.get(region=scenario.region, organisation__key="34567890")
    assert membership.start == datetime.date(2026, 1, 1) and membership.end is None
    assert membership.organisation.kind == "company"
    assert membership.history.first().history_user == scenario.manager


def test_manager_ends_a_membership(page, scenario):  # noqa: F811
    login(page, "programmamanager")
    page.goto(f"{page.base_url}/regios/{OWN}/partners/")
    page.get_by_role("link", name="Beëindigen (Bouwbedrijf Amstel B.V.)").click()
    assert page.locator("h1").inner_text() == "Lidmaatschap beëindigen"

    page.get_by_label("Lid tot en met").fill("2019-12-31")  # before joining on 1 January 2020
    page.get_by_role("button", name="Opslaan").click()
    assert_field_error(page, "id_end", "De einddatum ligt voor de begindatum.")
    assert_accessible(page, "membership end with an error")
    membership = Membership.objects.get(region=scenario.region, organisation=scenario.company)
    assert membership.end is None  # nothing saved

    page.get_by_label("Lid tot en met").fill("2025-12-31")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/regios/{OWN}/partners/")
    assert (
        "Het lidmaatschap van Bouwbedrijf Amstel B.V. eindigt op 31 december 2025."
        in page.get_by_role("status").first.inner_text()
    )
    assert "Bouwbedrijf Amstel B.V." not in page.get_by_role("table").inner_text()
    membership.refresh_from_db()
    assert membership.end == datetime.date(2025, 12, 31)
    assert "Bouwbedrijf Amstel B.V." not in current_members(scenario.region, scenario.today)

    # Former partners are one filter away, and the membership's history names who ended it.
    page.get_by_label("Partners", exact=True).select_option(label="voormalige partners")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    former = page.get_by_role("table").inner_text()
    assert "Bouwbedrijf Amstel B.V." in former and "31 december 2025" in former
    page.get_by_role("link", name="Einddatum wijzigen (Bouwbedrijf Amstel B.V.)").click()
    history = page.get_by_role("region", name="Historie").inner_text()
    assert "Petra Manders" in history and "einddatum" in history and "31 december 2025" in history


def test_manager_records_a_convenant_signature(page, scenario):  # noqa: F811
    login(page, "programmamanager")
    page.get_by_role("link", name="8 partners moeten nog tekenen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Samenwerkingsovereenkomst Amstelland 2025-2028"
    assert "2 van 10 partners" in page.locator("dl.facts").inner_text()
    assert_accessible(page, "convenant")
    screenshot(page, "convenant")

    page.get_by_role("link", name="Vastleggen – Panta Rhei").click()
    assert page.locator("h1").inner_text() == "Ondertekening door Panta Rhei"
    tomorrow = scenario.today + datetime.timedelta(days=1)
    page.get_by_label("Ondertekend op").fill(tomorrow.isoformat())
    page.get_by_label("Ondertekenaar").fill("R. Visser")
    page.get_by_label("Functie").fill("bestuurder")
    page.get_by_role("button", name="Opslaan").click()
    assert_field_error(page, "id_signed_on", "De ondertekendatum ligt in de toekomst.")
    assert not Signature.objects.filter(organisation=scenario.second_vmbo).exists()
    assert_accessible(page, "signature with an error")

    signed_on = scenario.today - datetime.timedelta(days=3)
    page.get_by_label("Ondertekend op").fill(signed_on.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/regios/{OWN}/convenanten/{scenario.convenant.pk}/")
    assert (
        "De ondertekening door Panta Rhei is vastgelegd."
        in page.get_by_role("status").first.inner_text()
    )
    assert "3 van 10 partners" in page.locator("dl.facts").inner_text()
    row = page.get_by_role("row").filter(has_text="Panta Rhei").inner_text()
    assert format_date(signed_on) in row and "R. Visser" in row and "bestuurder" in row
    signature = Signature.objects.get(
        convenant=scenario.convenant, organisation=scenario.second_vmbo
    )
    assert (signature.signed_on, signature.signatory, signature.function) == (
        signed_on,
        "R. Visser",
        "bestuurder",
    )
    assert signature.history.first().history_user == scenario.manager


def test_manager_submits_the_annual_report_with_a_pdf(page, scenario):  # noqa: F811
    login(page, "programmamanager")
    page.get_by_role("navigation", name="Onderdelen van de regio").get_by_role(
        "link", name="Jaarverslagen"
    ).click()
    page.wait_for_load_state()
    row_2025 = page.get_by_role("row").filter(has=page.get_by_role("link", name="2025", exact=True))
    assert "1 juni 2026" in row_2025.inner_text()
    row_2025.get_by_role("link", name="2025", exact=True).click()
    assert page.locator("h1").inner_text().startswith("Jaarverslag 2025")

    # A file that only claims to be a PDF is refused, next to the upload field.
    page.get_by_label("Jaarverslag (PDF)").set_input_files(
        {"name": "jaarverslag.pdf", "mimeType": "application/pdf", "buffer": b"Dit is geen PDF."}
    )
    page.get_by_label("Uitgevoerde activiteiten en besteding").fill(
        "Techniek Driedaagse, 420 leerlingen."
    )
    page.get_by_role("button", name="Indienen").click()
    assert_field_error(page, "id_document", "Het bestand is geen PDF")
    assert not AnnualReport.objects.filter(region=scenario.region, year=2025).exists()
    assert_accessible(page, "annual report with an error")

    page.get_by_label("Jaarverslag (PDF)").set_input_files(
        {"name": "jaarverslag-2025.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_label("Ingediend op").fill("2026-05-28")
    page.get_by_role("button", name="Indienen").click()
    assert (
        "Het jaarverslag over 2025 is ingediend." in page.get_by_role("status").first.inner_text()
    )
    facts = page.locator("dl.facts").inner_text()
    assert "28 mei 2026" in facts and "ingediend" in facts
    report = AnnualReport.objects.get(region=scenario.region, year=2025)
    assert report.submitted_on == datetime.date(2026, 5, 28)
    assert report.activities == "Techniek Driedaagse, 420 leerlingen."
    assert report.history.first().history_user == scenario.manager
    assert "Petra Manders" in page.get_by_role("region", name="Historie").inner_text()
    screenshot(page, "jaarverslag")

    # The uploaded PDF comes back through the access-checked download.
    with page.expect_download() as download:
        page.get_by_role("link", name="Jaarverslag 2025 (PDF)").click()
    assert download.value.suggested_filename == f"jaarverslag-{OWN}-2025.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES
    # The deadline is gone from the dashboard.
    page.goto(f"{page.base_url}/regios/{OWN}/")
    assert "Jaarverslag 2025" not in page.get_by_role("region", name="Termijnen").inner_text()


def test_keyboard_only_student_count_with_visible_focus(page, scenario):  # noqa: F811
    """Fill in and send a form with the keyboard alone; every focused control shows the outline."""
    login(page, "programmamanager")
    page.goto(f"{page.base_url}/regios/{OWN}/leerlingen/")
    focus_styles = []

    def tab_to(element_id: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            focus_styles.append(
                page.evaluate(
                    "() => { const e = document.activeElement, s = getComputedStyle(e);"
                    " return [e.tagName + '#' + e.id, s.outlineStyle, s.outlineWidth]; }"
                )
            )
            if page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"#{element_id} is not reachable with Tab")

    tab_to("id_organisation")
    page.keyboard.press("ArrowDown")  # the first location in the list
    tab_to("id_reference_date")
    # The reference date is prefilled with the latest one (the date field's segment order
    # depends on the browser's own locale, so the test does not type a date here).
    assert page.evaluate("document.activeElement.value") == "2025-10-01"
    tab_to("id_profile")
    for _ in range(4):  # BWI → PIE → M&T → MaT → MVI
        page.keyboard.press("ArrowDown")
    tab_to("id_learning_path")
    page.keyboard.press("ArrowDown")  # BB → KB
    tab_to("id_students")
    page.keyboard.type("-3")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_field_error(page, "id_students", "Zorg ervoor dat deze waarde minstens 0 is.")
    # Correct it with the keyboard too: the other fields kept their values.
    tab_to("id_students")
    page.keyboard.press("Control+A")
    page.keyboard.type("17")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert (
        "Het leerlingaantal van Amstelveen College is opgeslagen."
        in page.get_by_role("status").first.inner_text()
    )
    assert (
        "17"
        in page.get_by_role("row")
        .filter(has_text="Amstelveen College")
        .filter(has_text="MVI")
        .inner_text()
    )
    screenshot(page, "leerlingen")
    count = scenario.lead.student_counts.get(
        reference_date=datetime.date(2025, 10, 1), profile="MVI", learning_path="KB"
    )
    assert count.students == 17

    # Every focus stop was drawn with the 3px focus outline (sto.css :focus-visible).
    assert focus_styles, "Tab moved nowhere"
    missing = [
        (element, style, width)
        for element, style, width in focus_styles
        if style == "none" or width in ("0px", "")
    ]
    assert missing == [], f"focus not visible on {missing}"
    assert Decimal(focus_styles[-1][2].removesuffix("px")) >= 2


def test_administrator_makes_a_programme_manager_who_then_sees_their_region(page, scenario):  # noqa: F811
    from django.contrib.auth import get_user_model

    login(page, "beheerder")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gebruikers").click()
    page.get_by_role("link", name="Gebruiker toevoegen").click()
    page.get_by_label("Gebruikersnaam").fill("programmamanager")  # taken
    page.get_by_label("Voornaam").fill("Zeno")
    page.get_by_label("Achternaam").fill("Zaan")
    page.get_by_role("group", name="Rollen").get_by_label("Programmamanager").check()
    page.get_by_label("Regio's (programmamanager)").select_option(label="STO19041 Zaanstreek")
    page.get_by_label("Wachtwoord").fill("Zaanse-Schans-2026")
    page.get_by_role("button", name="Opslaan").click()
    assert_field_error(page, "id_username", "Deze gebruikersnaam is al in gebruik.")
    assert_accessible(page, "user form with an error")
    assert not get_user_model().objects.filter(first_name="Zeno").exists()

    page.get_by_label("Gebruikersnaam").fill("pm-zaanstreek")
    page.get_by_label("Wachtwoord").fill("Zaanse-Schans-2026")  # never sent back to the browser
    page.get_by_role("button", name="Opslaan").click()
    assert "Gebruiker pm-zaanstreek is aangemaakt." in page.get_by_role("status").first.inner_text()
    user = get_user_model().objects.get(username="pm-zaanstreek")
    assert list(user.manager_assignments.values_list("region__sto_number", flat=True)) == [
        "STO19041"
    ]
    assert "beheerder" in page.get_by_role("region", name="Historie").inner_text()

    page.get_by_role("button", name="Uitloggen").click()
    login(page, "pm-zaanstreek", "Zaanse-Schans-2026")
    assert page.url == f"{page.base_url}/regios/STO19041/"
    assert page.locator("h1").inner_text() == "Zaanstreek (STO19041)"
    assert page.goto(f"{page.base_url}/regios/{OWN}/").status == 404
