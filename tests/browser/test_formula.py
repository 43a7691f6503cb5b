"""The reviewer's budget formula end to end in headless Chromium, with axe-core on every page:
two parameter sets computed and saved, compared side by side, and all three exported to Excel.

The data is the browser scenario (tests/browser/scenario.py), reference date 1 October 2025:
Amstelland has two technical vmbo schools with 42 + 35 + 28 + 31 = 136 technical BB/KB/GL
students (the 54 Z&W TL students do not count); the four other regions have one school (their
lead) and no counts. Grants: 2025 and 2026, the same each year.
"""

import pytest
from playwright.sync_api import expect

from formula.models import FormulaScenario

from .conftest import login, screenshot
from .scenario import assert_accessible, read_xlsx, scenario  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGIONS = ["STO19040", "STO19041", "STO19042", "STO19043", "STO19044"]
NAME_A = "Basis en per leerling"
NAME_B = "Garantie 50% en plafond"
# Set A: € 100.000 per school, € 1.000 per technical student; no guarantee, no ceiling.
AMOUNTS_A = [336000, 100000, 100000, 100000, 100000]
# Set B: € 2.500 per student, at least 50 % of the 2025 grant, ceiling € 1.572.000. After the
# guarantee: 540.000 (formula), 500.000, 375.000, 250.000, 300.000 = 1.965.000; × 0,8.
AMOUNTS_B = [432000, 400000, 300000, 200000, 240000]


def region_table(page) -> list[list[str]]:
    page.wait_for_load_state()
    table = page.get_by_role("table", name="Bedrag per regio", exact=False)
    rows = table.locator("tbody tr")
    return [
        [cell.strip() for cell in rows.nth(i).locator("td, th").all_inner_texts()]
        for i in range(rows.count())
    ]


def fill_parameters(page, **values: str) -> None:
    labels = {
        "base": "Basisbedrag per school (€)",
        "student": "Bedrag per technische leerling (€)",
        "pct": "Garantie (%)",
        "year": "Garantiejaar",
        "ceiling": "Plafond (€)",
    }
    for key, label in labels.items():
        page.get_by_label(label).fill(values.get(key, ""))
    page.get_by_role("button", name="Bereken de verdeling").click()
    page.wait_for_load_state()


def save_as(page, name: str) -> None:
    page.get_by_label("Naam van het scenario").fill(name)
    page.get_by_role("button", name="Scenario opslaan").click()
    page.wait_for_url("**/formule/scenarios/*/")
    expect(page.get_by_role("status")).to_contain_text(f"Scenario {name} is opgeslagen.")


def download(page, link_name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return info.value


def test_reviewer_simulates_saves_compares_and_exports(page, scenario):  # noqa: F811
    login(page, "beoordelaar")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Begrotingsformule"
    ).click()
    assert page.locator("h1").inner_text() == "Begrotingsformule"
    # The reference date starts on the latest day with counts.
    assert page.get_by_label("Peildatum").input_value() == "2025-10-01"
    assert_accessible(page, "empty simulator")

    # A mistake first: a guarantee without its year is explained next to the field.
    fill_parameters(page, base="100.000", student="1.000", pct="50")
    expect(page.locator("#id_guarantee_year_error")).to_contain_text(
        "Vul ook het jaar in waarvan de subsidie gegarandeerd wordt."
    )
    assert page.locator("#id_guarantee_year").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "simulator with an error")

    # Set A.
    fill_parameters(page, base="100.000", student="1.000")
    rows = region_table(page)
    assert [row[0] for row in rows] == REGIONS
    assert rows[0] == [
        "STO19040",
        "Amstelland",
        "2",
        "136",
        "€ 336.000",
        "€ 1.000.000 (2026)",
        "€ -664.000",
        "-66,4%",
    ]
    main = page.locator("main").inner_text()
    assert "Totaal volgens de formule\n€ 736.000" in main
    assert_accessible(page, "simulator results, set A")
    save_as(page, NAME_A)
    assert_accessible(page, "scenario A")

    # Set B, typed the Dutch way, from the simulator again.
    page.get_by_role("navigation", name="Onderdelen van de begrotingsformule").get_by_role(
        "link", name="Simulator"
    ).click()
    fill_parameters(
        page, base="100.000", student="2.500", pct="50", year="2025", ceiling="1.572.000"
    )
    rows = region_table(page)
    # STO, name, schools, students, minimum (50 % of 2025), amount, grant 2025, change, %
    assert [row[5] for row in rows] == [
        "€ 432.000",
        "€ 400.000 garantie",
        "€ 300.000 garantie",
        "€ 200.000 garantie",
        "€ 240.000 garantie",
    ]
    main = page.locator("main").inner_text()
    assert "Schaalfactor\n0,800000" in main
    assert "Ruimte onder het plafond\n€ 0" in main
    assert "4 regio's krijgen het gegarandeerde minimum." in main
    assert_accessible(page, "simulator results, set B")
    screenshot(page, "begrotingsformule")
    save_as(page, NAME_B)

    saved = {s.name: s for s in FormulaScenario.objects.all()}
    assert set(saved) == {NAME_A, NAME_B}
    assert saved[NAME_B].ceiling == 1572000 and saved[NAME_B].guarantee_year == 2025
    assert {s.created_by.username for s in saved.values()} == {"beoordelaar"}

    # Export scenario B (its own page), then compare both.
    sheets = read_xlsx(download(page, "Download als Excel").path())
    assert list(sheets) == ["Parameters", "Resultaten"]
    assert sheets["Parameters"][1][0] == NAME_B
    assert [row[7] for row in sheets["Resultaten"][1:6]] == AMOUNTS_B

    page.get_by_role("link", name="Opgeslagen scenario's").click()
    assert_accessible(page, "scenario list")
    page.get_by_label(f"{NAME_A} vergelijken").check()
    page.get_by_label(f"{NAME_B} vergelijken").check()
    page.get_by_role("button", name="Vergelijk de gekozen scenario's").click()
    page.wait_for_url("**/formule/scenarios/vergelijken/?*")
    assert page.locator("h1").inner_text() == "Scenario's vergelijken"
    compared = page.get_by_role("table", name="Bedrag per regio onder elk scenario")
    header = compared.locator("thead th").all_inner_texts()
    assert header[2:] == [NAME_B, NAME_A]  # newest first, as ticked in the list
    first = compared.locator("tbody tr").first.locator("td, th").all_inner_texts()
    assert first == ["STO19040", "Amstelland", "€ 432.000", "€ 336.000"]
    totals = compared.locator("tfoot tr").locator("td, th").all_inner_texts()
    assert totals == ["Totaal", "€ 1.572.000", "€ 736.000"]
    assert_accessible(page, "comparison")

    sheets = read_xlsx(download(page, "Download als Excel").path())
    assert [row[0] for row in sheets["Parameters"][1:]] == [NAME_B, NAME_A]
    comparison = sheets["Vergelijking"]
    assert comparison[0] == ("STO-nummer", "Regio", f"Bedrag: {NAME_B}", f"Bedrag: {NAME_A}")
    assert [row[2:] for row in comparison[1:6]] == [
        (b, a) for b, a in zip(AMOUNTS_B, AMOUNTS_A, strict=True)
    ]
    assert comparison[6] == ("Totaal", None, 1572000, 736000)

    # And scenario A's own export, from its page.
    page.get_by_role("link", name=NAME_A).first.click()
    sheets = read_xlsx(download(page, "Download als Excel").path())
    assert sheets["Parameters"][1][0] == NAME_A
    assert [row[7] for row in sheets["Resultaten"][1:6]] == AMOUNTS_A

    # The author may delete it; the confirmation page is accessible too.
    page.get_by_role("link", name="Scenario verwijderen").click()
    assert_accessible(page, "delete confirmation")
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("status")).to_contain_text(f"Scenario {NAME_A} is verwijderd.")
    assert list(FormulaScenario.objects.values_list("name", flat=True)) == [NAME_B]
