"""The reviewer's main task end to end in headless Chromium: filter the region list, then download
what they see — the list as Excel and the interchange workbook (docs/interfaces.md §1) of the
selection — and check that the files hold exactly the filtered regions.
"""

import pytest
from playwright.sync_api import expect

from .conftest import login, screenshot
from .scenario import (  # noqa: F401  (the scenario fixture)
    BELOW_MINIMUM,
    OWN,
    TECHNIEKARM_WITH_FINDINGS,
    assert_accessible,
    read_xlsx,
    scenario,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALL_REGIONS = ["STO19040", "STO19041", "STO19042", "STO19043", "STO19044"]


def table_sto_numbers(page) -> list[str]:
    """The STO numbers in the first column of the region table, in page order."""
    page.wait_for_load_state()  # counting rows does not wait: let the page finish loading
    rows = page.get_by_role("table").locator("tbody tr")
    return [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]


def download(page, link_name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return info.value


def column(rows: list[tuple], name: str) -> list:
    """The values of the column headed ``name`` (row 1 holds the headers)."""
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def test_reviewer_filters_regions_and_downloads_list_and_workbook(page, scenario):  # noqa: F811
    login(page, "beoordelaar")
    # The reviewer's start page is the list of all regions.
    assert page.url == f"{page.base_url}/regios/"
    assert page.locator("h1").inner_text() == "Regio's"
    assert table_sto_numbers(page) == ALL_REGIONS
    assert "5 regio's gevonden." in page.get_by_role("status").inner_text()
    nav = page.get_by_role("navigation", name="Hoofdmenu").inner_text()
    assert "Landelijke monitor" in nav and "Gebruikers" not in nav

    # Techniekarme regions with open rule findings.
    page.get_by_label("Soort regio").select_option(label="techniekarme regio")
    page.get_by_label("Open bevindingen").select_option(label="met open bevindingen")
    page.get_by_role("button", name="Filteren").click()
    assert "kind=techniekarm" in page.url and "findings=any" in page.url
    assert table_sto_numbers(page) == TECHNIEKARM_WITH_FINDINGS
    assert "2 regio's gevonden." in page.get_by_role("status").inner_text()
    # The filter stays visible in the form.
    assert page.get_by_label("Soort regio").input_value() == "techniekarm"
    assert_accessible(page, "filtered region list")
    screenshot(page, "regiolijst-beoordelaar")

    # The list as Excel: the same regions and figures as on screen.
    listed = download(page, "Deze lijst als Excel")
    assert listed.suggested_filename.startswith("regios-") and listed.suggested_filename.endswith(
        ".xlsx"
    )
    rows = read_xlsx(listed.path())["Regio's"]
    assert rows[0][0] == "STO-nummer"
    assert column(rows, "STO-nummer") == TECHNIEKARM_WITH_FINDINGS
    assert column(rows, "Naam") == ["Noordoost-Friesland", "Zeeuws-Vlaanderen"]
    assert column(rows, "Soort") == ["techniekarme regio", "techniekarme regio"]
    assert column(rows, "Penvoerder") == ["Dockinga College", "Zwin College"]
    pct_header = next(h for h in rows[0] if h.startswith("Cofinanciering"))
    assert column(rows, pct_header) == [30.0, 8.0]
    assert column(rows, "Open bevindingen") == [1, 1]

    # The interchange workbook of the selection: only these regions and what belongs to them.
    workbook = download(page, "Uitwisselbestand (werkboek) van deze selectie")
    assert workbook.suggested_filename.startswith("sto-werkboek-")
    sheets = read_xlsx(workbook.path())
    for sheet in (
        "periods",
        "organisations",
        "regions",
        "memberships",
        "grants",
        "cofinancing",
        "contributions",
        "convenants",
        "signatures",
        "annual_reports",
    ):
        assert sheet in sheets, f"sheet {sheet} missing"
    assert sheets["regions"][0][:4] == ("sto_number", "name", "kind", "lead_key")
    assert sorted(column(sheets["regions"], "sto_number")) == TECHNIEKARM_WITH_FINDINGS
    assert sorted(column(sheets["regions"], "lead_key")) == ["23EF00", "24GH00"]
    assert set(column(sheets["memberships"], "sto_number")) == set(TECHNIEKARM_WITH_FINDINGS)
    assert set(column(sheets["grants"], "sto_number")) == set(TECHNIEKARM_WITH_FINDINGS)
    grants = {(r[0], r[2]): r[3] for r in sheets["grants"][1:]}
    assert float(grants[("STO19042", 2025)]) == 750000.0
    assert set(column(sheets["cofinancing"], "sto_number")) == set(TECHNIEKARM_WITH_FINDINGS)
    # Nothing of the regions outside the filter: not Amstelland's municipalities or schools.
    keys = column(sheets["organisations"], "key")
    assert "GM0362" not in keys and "21AB00" not in keys and "12345678" not in keys
    assert column(sheets["contributions"], "sto_number") == []

    # A second filter: co-financing below the period's minimum (10 %), any kind.
    page.get_by_role("link", name="Wissen").click()
    assert table_sto_numbers(page) == ALL_REGIONS
    page.get_by_label("Cofinanciering", exact=True).select_option(
        label="onder het minimum van de periode"
    )
    page.get_by_role("button", name="Filteren").click()
    assert table_sto_numbers(page) == BELOW_MINIMUM
    rows = read_xlsx(download(page, "Deze lijst als Excel").path())["Regio's"]
    assert column(rows, "STO-nummer") == BELOW_MINIMUM
    assert column(rows, pct_header) == [5.0, 8.0]


def test_reviewer_searches_by_municipality_and_lead_and_reads_a_region(page, scenario):  # noqa: F811
    login(page, "beoordelaar")
    page.get_by_label("Gemeente (naam of CBS-code)").fill("GM0362")  # Amstelveen
    page.get_by_role("button", name="Filteren").click()
    assert table_sto_numbers(page) == [OWN]
    page.get_by_role("link", name="Wissen").click()
    page.get_by_label("Penvoerder").fill("zwin")
    page.get_by_label("Cofinanciering vanaf (%)").fill("5")
    page.get_by_role("button", name="Filteren").click()
    assert table_sto_numbers(page) == ["STO19043"]

    # A wrong range is explained next to the field, and the page stays accessible.
    page.get_by_label("Cofinanciering vanaf (%)").fill("20")
    page.get_by_label("Cofinanciering tot en met (%)").fill("10")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#id_pct_max_error")).to_contain_text(
        "De bovengrens ligt onder de ondergrens."
    )
    assert_accessible(page, "region list with a filter error")

    # Reading a region: everything visible, nothing to change.
    page.goto(f"{page.base_url}/regios/{OWN}/partners/")
    assert "U kunt deze gegevens lezen" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Partner toevoegen").count() == 0
    assert "Bouwbedrijf Amstel B.V." in page.get_by_role("table").inner_text()


def test_reviewer_opens_the_national_monitor(page, scenario):  # noqa: F811
    login(page, "beoordelaar")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Landelijke monitor"
    ).click()
    assert page.locator("h1").inner_text().startswith("Landelijke monitor")
    main = page.locator("main").inner_text()
    assert "5 regio's met subsidie" in main
    assert_accessible(page, "national monitor")
    screenshot(page, "monitor")

    # The per-list export of the monitor holds every region the reviewer sees.
    exported = download(page, "Regio's met subsidie, cofinanciering en partners")
    sheets = read_xlsx(exported.path())
    numbers = {
        value
        for rows in sheets.values()
        for row in rows
        for value in row
        if isinstance(value, str) and value.startswith("STO19")
    }
    assert numbers == set(ALL_REGIONS)
