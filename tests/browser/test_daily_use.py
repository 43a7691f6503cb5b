"""Working speed for people who use STO-beheer all day, end to end in headless Chromium:

- the municipal officer's failed decision shows its errors at the top, with the focus on them;
- a decision form opened before the contribution changed is refused, not silently applied;
- the programme manager lands on the saved row, highlighted, and finds a partner by searching;
- the reviewer sorts the region list by co-financing and the Excel export has the same order;
- at 390 px wide no main page of the manager, the officer or the reviewer scrolls sideways.
"""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cofinancing import services
from tests.cofinancing.conftest import _fast_passwords, world  # noqa: F401  (fixtures)

from .conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password


def _open_decision(page, world):  # noqa: F811
    login(page, world.officer.username, PASSWORD)
    page.goto(
        page.base_url + reverse("cofinancing:contribution_detail", args=[world.contribution.pk])
    )


def test_officer_sees_a_failed_decision_at_the_top_with_the_focus_on_it(page, world):  # noqa: F811
    _open_decision(page, world)
    page.get_by_label("Deels goedkeuren (een lager bedrag)").check()
    page.get_by_label("Toegekend bedrag (€)").fill("12500.50")
    page.get_by_role("button", name="Besluit vastleggen").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    # The summary sits right under the heading, in view without scrolling, and has the focus.
    assert summary.bounding_box()["y"] < 400
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    text = summary.inner_text()
    assert "Er is niets opgeslagen" in text
    assert "Toegekend bedrag (€): Gebruik een komma voor de centen" in text
    assert axe_violations(page) == []
    # Each problem links to its field.
    summary.get_by_role("link", name="Toegekend bedrag (€)").click()
    assert page.evaluate("document.activeElement.id") == "id_approved"
    world.contribution.refresh_from_db()
    assert world.contribution.status == "requested"


def test_a_stale_decision_form_is_refused(page, world):  # noqa: F811
    _open_decision(page, world)
    # While the officer's page is open, a colleague rejects the contribution.
    services.contribution_decide(
        by=world.administrator,
        contribution=world.contribution,
        decision="rejected",
        approved=None,
        reason="Geen budget",
        decided_on=datetime.date(2025, 1, 15),
        expected_version=1,
    )
    page.get_by_label("Goedkeuren (het gevraagde bedrag)").check()
    page.get_by_label("Besluitdatum").fill("2025-01-20")
    page.get_by_role("button", name="Besluit vastleggen").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Een collega heeft intussen over deze bijdrage besloten" in summary.inner_text()
    assert "beheerder-geld" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(page) == []
    world.contribution.refresh_from_db()
    assert world.contribution.status == "rejected" and world.contribution.version == 2


def test_a_form_opened_before_the_decision_is_refused_and_a_double_submit_saves_once(
    page,
    world,  # noqa: F811
):
    _open_decision(page, world)
    # The same form open in a second tab: what Back after the decision would show.
    earlier = page.context.new_page()
    earlier.goto(page.url)
    page.get_by_label("Goedkeuren (het gevraagde bedrag)").check()
    page.get_by_label("Besluitdatum").fill("2025-01-20")
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert "Uw besluit is vastgelegd: goedgekeurd." in page.get_by_role("status").inner_text()

    # The very same decision from the old form changes nothing and is no conflict.
    earlier.get_by_label("Goedkeuren (het gevraagde bedrag)").check()
    earlier.get_by_label("Besluitdatum").fill("2025-01-20")
    earlier.get_by_role("button", name="Besluit vastleggen").click()
    assert "Uw besluit is vastgelegd: goedgekeurd." in earlier.get_by_role("status").inner_text()
    world.contribution.refresh_from_db()
    assert world.contribution.version == 2 and world.contribution.history.count() == 2

    # A different decision from a form opened before the first one is refused.
    stale = page.context.new_page()
    stale.goto(page.url)
    page.get_by_label("Afwijzen").check()
    page.get_by_label("Motivering").fill("Eerst toch afwijzen")
    page.get_by_label("Besluitdatum").fill("2025-01-21")
    page.get_by_role("button", name="Besluit vastleggen").click()  # version 2 → 3
    stale.get_by_label("Deels goedkeuren (een lager bedrag)").check()
    stale.get_by_label("Toegekend bedrag (€)").fill("10.000")
    stale.get_by_label("Motivering").fill("Half")
    stale.get_by_role("button", name="Besluit vastleggen").click()
    assert "Een collega heeft intussen" in stale.locator(".error-summary").inner_text()
    world.contribution.refresh_from_db()
    assert world.contribution.status == "rejected" and world.contribution.version == 3


def test_manager_lands_on_the_saved_row_and_searches_partners(page, world):  # noqa: F811
    login(page, world.manager.username, PASSWORD)
    page.goto(page.base_url + reverse("cofinancing:commitment_create", args=["STO19040"]))
    page.get_by_label("Bedrijf").select_option(
        label=f"Bouwbedrijf Amstel B.V. ({world.company.key})"
    )
    page.get_by_label("Vorm").select_option(label="gastlessen")
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Toegezegd bedrag (€)").fill("€ 12.500,50")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/cofinanciering/#row-*")
    highlighted = page.locator("tr:target")
    assert highlighted.count() == 1
    assert "Bouwbedrijf Amstel B.V." in highlighted.inner_text()
    assert "€ 12.500,50" in highlighted.inner_text()
    assert highlighted.evaluate("row => getComputedStyle(row).outlineStyle") == "solid"
    assert axe_violations(page) == []

    page.goto(page.base_url + reverse("regions:partner_list", args=["STO19040"]))
    page.get_by_label("Zoeken op naam, sleutel of plaats").fill("bouwbedrijf")
    page.get_by_role("button", name="Tonen").click()
    names = page.locator("tbody tr").all_inner_texts()
    assert len(names) == 1 and "Bouwbedrijf Amstel B.V." in names[0]
    assert axe_violations(page) == []


def test_reviewer_sorts_the_region_list_by_cofinancing_and_exports_it_in_that_order(
    page,
    world,  # noqa: F811
):
    # Amstelland: € 50.000 on € 1.000.000 (5,0 %); Verweggistan: € 77.777 on € 2.000.000 (3,8 %).
    login(page, world.reviewer.username, PASSWORD)
    page.goto(page.base_url + reverse("regions:region_list"))
    numbers = page.locator("tbody tr td:first-child")
    assert numbers.all_inner_texts() == ["STO19040", "STO19999"]
    page.get_by_role("link", name="Cofinanciering").click()
    page.wait_for_url("**sorteer=cofinanciering**")
    assert numbers.all_inner_texts() == ["STO19999", "STO19040"]
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Cofinanciering")
    page.get_by_role("link", name="Cofinanciering").click()
    page.wait_for_url("**sorteer=-cofinanciering**")
    assert numbers.all_inner_texts() == ["STO19040", "STO19999"]
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Deze lijst als Excel").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))["Regio's"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "STO19040",
        "STO19999",
    ]


def _pages_of_each_role(world):  # noqa: F811
    sto = world.region.sto_number
    return {
        world.manager: [
            reverse("home"),
            reverse("regions:region_detail", args=[sto]),
            reverse("cofinancing:commitment_list", args=[sto]),
            reverse("cofinancing:commitment_create", args=[sto]),
            reverse("cofinancing:contribution_list", args=[sto]),
            reverse("cofinancing:contribution_request", args=[sto]),
            reverse("regions:partner_list", args=[sto]),
            reverse("regions:student_counts", args=[sto]),
        ],
        world.officer: [
            reverse("home"),
            reverse("cofinancing:officer_contributions"),
            reverse("cofinancing:contribution_detail", args=[world.contribution.pk]),
        ],
        world.reviewer: [
            reverse("regions:region_list"),
            reverse("regions:region_detail", args=[sto]),
            reverse("cofinancing:commitment_list", args=[sto]),
        ],
    }


WIDER_THAN_THE_SCREEN = """
[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 391)
  .slice(0, 5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
"""


def test_no_main_page_scrolls_sideways_on_a_phone(page, world):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    for user, urls in _pages_of_each_role(world).items():
        page.context.clear_cookies()
        login(page, user.username, PASSWORD)
        for url in urls:
            response = page.goto(page.base_url + url)
            assert response.status == 200, (user.username, url)
            width = page.evaluate("document.documentElement.scrollWidth")
            # On failure, name the elements that stick out (for the person fixing the CSS).
            wide = page.evaluate(WIDER_THAN_THE_SCREEN)
            assert width <= 390, (user.username, url, width, wide)
