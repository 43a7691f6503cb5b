"""The outcomes of the assessment in headless Chromium, with axe-core on every page:

- the coordinator ranks the techniekarme applications under a ceiling (the lot is drawn) and
  proposes to fund the application that lost the lot; a second coordinator approves it, and the
  ranking warns that the total is now above the ceiling;
- the coordinator proposes a decision with conditions for Bravoland; a reviewer approves it;
- Bravoland's programme manager reads "in beoordeling" before the decision, and the outcome with
  the amount, the conditions and the scores after it.
"""

from decimal import Decimal

import pytest

from assessment.models import Decision, LotDraw, Override
from plans.models import Plan, PlanStatus
from tests.assessment.outcomes_scene import NAMES, build_scene

from .conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password
RANKING = "/beoordeling/rangschikking/2025-2028/"


def switch_to(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def test_ranking_override_and_decision_with_four_eyes(page):
    scene = build_scene()

    # the coordinator ranks under the ceiling
    login(page, "coordinator", PASSWORD)
    page.goto(page.base_url + RANKING)
    assert axe_violations(page) == []
    page.get_by_label("Subsidieplafond (€)").fill("1.600.000")
    page.get_by_role("button", name="Rangschikken").click()
    page.wait_for_url(f"**{RANKING}")
    assert "De aanvragen zijn gerangschikt onder het plafond." in page.inner_text("main")
    table = page.get_by_role("table", name="Aanvragen op volgorde van rangschikking")
    lots = dict(LotDraw.objects.values_list("region__sto_number", "number"))
    winner, loser = sorted(lots, key=lots.get)
    rows = table.locator("tbody tr")
    assert [rows.nth(i).get_attribute("id") for i in range(5)] == [
        "STO19201",
        "STO19205",
        winner,
        loser,
        "STO19204",
    ]
    assert "gedeeltelijk gehonoreerd" in rows.nth(2).inner_text()
    assert "€ 200.000" in rows.nth(2).inner_text()
    assert "door loting eerder" in rows.nth(2).inner_text()
    assert "Totaal toegekend\t€ 1.600.000" in table.inner_text()
    assert axe_violations(page) == []

    # ... and proposes to fund the application that lost the lot; a reason is required
    page.get_by_role("link", name=f"Afwijking voorstellen voor {NAMES[loser]}").click()
    assert axe_violations(page) == []
    page.get_by_label("gehonoreerd", exact=True).check()
    page.get_by_label("Toegekend bedrag (€)").fill("300.000")
    page.get_by_role("button", name="Afwijking voorstellen").click()
    summary = page.locator(".error-summary")
    assert "Reden van de afwijking: Dit veld is verplicht." in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(page) == []
    page.get_by_label("Reden van de afwijking").fill("De enige aanvraag uit de provincie.")
    page.get_by_role("button", name="Afwijking voorstellen").click()
    page.wait_for_url(f"**{RANKING}*")
    assert "Wacht op goedkeuring door een tweede persoon." in page.inner_text("main")
    assert Override.objects.get().is_pending

    # a second coordinator approves it; the ranking shows both outcomes and warns
    switch_to(page, "coordinator2")
    page.goto(page.base_url + RANKING)
    page.get_by_role("link", name=f"Afwijking voor {NAMES[loser]} beoordelen").click()
    assert "De enige aanvraag uit de provincie." in page.inner_text("main")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Afwijking goedkeuren").click()
    page.wait_for_url(f"**{RANKING}*")
    main = page.inner_text("main")
    assert "door afwijkingen van de rangschikking wordt € 300.000 meer toegekend" in main
    row = page.locator(f"tr#{loser}").inner_text()
    assert "automatisch: niet gehonoreerd (plafond bereikt), € 0" in row
    assert "goedgekeurd door coordinator2" in row
    assert axe_violations(page) == []

    # the programme manager of Bravoland: the plan links to the outcome, which is not there yet
    bravoland = scene.plans["STO19202"]
    switch_to(page, "pm-bravoland")
    page.goto(page.base_url + "/regios/STO19202/plannen/2025-2028/")
    page.get_by_role("link", name="Uitkomst van de beoordeling").click()
    assert "Deze aanvraag is in beoordeling." in page.inner_text("main")
    assert axe_violations(page) == []

    # the coordinator proposes a decision with conditions
    switch_to(page, "coordinator")
    page.goto(page.base_url + "/beoordeling/aanvragen/STO19202/2025-2028/versie-1/besluit/")
    assert axe_violations(page) == []
    page.get_by_label("goedgekeurd met voorwaarden", exact=True).check()
    assert page.get_by_label("Opnieuw indienen vóór").is_hidden()  # only for "te verbeteren"
    page.get_by_label("Voorwaarden", exact=True).fill("Lever in 2026 een herziene begroting.")
    page.get_by_label("Toegekend bedrag (€)").fill("300.000")
    page.get_by_label("Motivering").fill("Een goed plan; de begroting moet scherper.")
    page.get_by_role("button", name="Besluit voorstellen").click()
    assert "voorgesteld, wacht op goedkeuring" in page.inner_text("main")
    assert page.get_by_role("button", name="Besluit goedkeuren").count() == 0  # not the proposer

    # the manager still reads nothing of it
    switch_to(page, "pm-bravoland")
    page.goto(page.base_url + "/beoordeling/aanvragen/STO19202/2025-2028/versie-1/uitkomst/")
    main = page.inner_text("main")
    assert "Deze aanvraag is in beoordeling." in main and "300.000" not in main

    # a second reviewer approves the decision
    switch_to(page, "anna")
    page.goto(page.base_url + "/beoordeling/aanvragen/STO19202/2025-2028/versie-1/besluit/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Besluit goedkeuren").click()
    assert "Het besluit is goedgekeurd en geldt nu." in page.inner_text("main")
    history = page.get_by_role(
        "table", name="Voorstellen, goedkeuringen en besluiten, nieuwste eerst"
    )
    assert "besluit goedgekeurd" in history.inner_text()
    assert axe_violations(page) == []
    decision = Decision.objects.get()
    assert decision.is_final and decision.awarded == Decimal("300000")
    assert Plan.objects.get(pk=bravoland.pk).status == PlanStatus.APPROVED_WITH_CONDITIONS

    # now the manager reads the outcome, the conditions and the scores
    switch_to(page, "pm-bravoland")
    page.goto(page.base_url + "/beoordeling/aanvragen/STO19202/2025-2028/versie-1/uitkomst/")
    main = page.inner_text("main")
    assert "goedgekeurd met voorwaarden" in main
    assert "€ 300.000" in main
    assert "Lever in 2026 een herziene begroting." in main
    assert "Totaalscore: 60,00" in main
    assert (
        page.get_by_role("table", name="Oordelen per deelaspect").locator("tbody tr").count() == 10
    )
    assert axe_violations(page) == []
