"""A region's plan in headless Chromium, with axe-core on every page:

- the programme manager writes the regiovisie, a goal, an activity, a risk, the teacher table and
  the budget, and submits the plan; afterwards it is read-only to them;
- a reviewer reads the plan with its risk matrix and budget.
"""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from plans.models import BudgetLine, Plan, PlanStatus
from tests.plans.conftest import plan_world  # noqa: F401  (fixture)

from .conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password
PLAN = "/regios/STO19040/plannen/2025-2028/"


def test_manager_writes_the_plan_and_submits_it(page, plan_world):  # noqa: F811
    w = plan_world
    login(page, w.manager.username, PASSWORD)
    page.goto(page.base_url + "/regios/STO19040/")
    page.get_by_role("navigation", name="Onderdelen van de regio").get_by_role(
        "link", name="Plannen"
    ).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="versie 1").click()
    assert page.locator("h1").inner_text().startswith("Plan 2025-2028")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Regiovisie en gevraagd bedrag bewerken").click()
    page.get_by_label("Gevraagd subsidiebedrag voor de hele periode (€)").fill("800.000")
    page.get_by_label("1. Samenvatting").fill("Amstelland versterkt het technisch vmbo.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**{PLAN}*")
    assert (
        "Amstelland versterkt het technisch vmbo."
        in page.locator("#regiovisie").locator("..").inner_text()
    )

    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Code").fill("D1")
    page.get_by_label("Thema").select_option(label="dekkend")
    page.get_by_label("Omschrijving").fill("Een dekkend aanbod in de hele regio.")
    page.get_by_label("Mijlpaal na 2 jaar").fill("Twee vestigingen bieden PIE aan.")
    page.get_by_label("Mijlpaal na 4 jaar").fill("Vier vestigingen bieden PIE aan.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_role("link", name="Activiteit toevoegen").click()
    page.get_by_label("Code").fill("A1")
    page.get_by_label("Titel").fill("Techniekweek voor groep 8")
    page.get_by_label("Begindatum").fill("2025-03-03")
    page.get_by_label("Einddatum").fill("2025-03-07")
    page.get_by_label("Beoogd resultaat").fill("500 leerlingen bezoeken een vmbo-school.")
    page.get_by_label("Uitvoerder").select_option(label=f"{w.school.name} ({w.school.key})")
    page.get_by_label("D1 – Een dekkend aanbod in de hele regio.").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_role("link", name="Risico toevoegen").click()
    page.get_by_label("Risico").fill("Te weinig technische docenten")
    page.get_by_label("Kans").select_option(label="groot")
    page.get_by_label("Impact").select_option(label="middel")
    page.get_by_label("Beheersmaatregel").fill("Zij-instromers opleiden met het mbo.")
    page.get_by_label("Verantwoordelijke").select_option(label=f"{w.school.name} ({w.school.key})")
    page.get_by_role("button", name="Opslaan").click()
    matrix = page.get_by_role("table", name="Risico's naar kans en impact").inner_text()
    assert "Te weinig technische docenten" in matrix

    page.get_by_role("link", name="Docententabel bewerken").click()
    page.get_by_label("BWI: Bevoegd").fill("12")
    page.get_by_label("PIE: Te vervangen").fill("3")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_role("link", name="2025", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_label(f"{w.school.name}: Personeel").fill("600.000")
    page.get_by_label(f"{w.school.name}: Materieel").fill("-1")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("alert").is_visible()  # the bad cell; nothing saved
    assert not BudgetLine.objects.exists()
    page.get_by_label(f"{w.school.name}: Materieel").fill("150.000")
    page.get_by_label(f"{w.school.name}: Overhead").fill("50.000")
    page.get_by_role("button", name="Opslaan").click()
    budget = page.locator("#begroting").locator("..").inner_text()
    assert "€ 800.000" in budget and "sluit aan" in budget
    screenshot(page, "regioplan")

    page.get_by_role("link", name="Plan indienen").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, nu indienen").click()
    assert "is ingediend" in page.get_by_role("status").inner_text()
    plan = Plan.objects.get(pk=w.plan.pk)
    assert plan.status == PlanStatus.SUBMITTED and plan.requested == Decimal("800000")
    # Read-only now: no edit links, and the page says so.
    assert page.get_by_role("link", name="Doel toevoegen").count() == 0
    assert "ligt vast" in page.locator("main").inner_text()


def test_reviewer_reads_the_plan(page, plan_world):  # noqa: F811
    w = plan_world
    login(page, w.reviewer.username, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Regioplannen"
    ).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="STO19040 Amstelland").click()
    assert page.locator("h1").inner_text().startswith("Plan 2025-2028")
    assert page.get_by_role("link", name="Doel toevoegen").count() == 0
    assert axe_violations(page) == []


def test_manager_fills_in_the_budget_offline_and_uploads_it(page, plan_world, tmp_path):  # noqa: F811
    """The budget by Excel: download the sheet, fill it in, upload a wrong one (nothing saved,
    every cell named), then the right one."""
    w = plan_world
    login(page, w.manager.username, PASSWORD)
    page.goto(page.base_url + PLAN)
    with page.expect_download() as info:
        page.get_by_role("link", name="Begroting als Excel-bestand").click()
    downloaded = tmp_path / "begroting.xlsx"
    info.value.save_as(downloaded)
    workbook = load_workbook(downloaded)
    sheet = workbook["budget_lines"]
    for row in sheet.iter_rows(min_row=2):
        if row[3].value == w.school.key:
            row[4].value, row[5].value, row[6].value = 150000, 40000, 10000
    sheet["E3"] = -1  # one bad cell
    wrong = tmp_path / "fout.xlsx"
    workbook.save(wrong)

    page.get_by_role("link", name="Ingevuld begrotingsbestand uploaden").click()
    assert axe_violations(page) == []
    page.get_by_label("Begrotingsbestand (.xlsx)").set_input_files(wrong)
    page.get_by_role("button", name="Uploaden").click()
    alert = page.get_by_role("alert").inner_text()
    assert "Er is niets opgeslagen" in alert and "budget_lines!3: personnel:" in alert
    assert not BudgetLine.objects.exists()
    assert axe_violations(page) == []

    sheet["E3"] = 150000 if sheet["D3"].value == w.school.key else 0
    right = tmp_path / "goed.xlsx"
    workbook.save(right)
    page.get_by_label("Begrotingsbestand (.xlsx)").set_input_files(right)
    page.get_by_role("button", name="Uploaden").click()
    page.wait_for_url(f"**{PLAN}*")
    assert "De begroting is ingelezen" in page.get_by_role("status").inner_text()
    totals = {line.year: line.total for line in BudgetLine.objects.all()}
    assert totals == {year: Decimal("200000") for year in (2025, 2026, 2027, 2028)}
    budget = page.locator("#begroting").locator("..").inner_text()
    assert "€ 800.000" in budget
