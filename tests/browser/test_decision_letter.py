"""The decision letter (beschikking) in headless Chromium, with axe-core on the pages:

- the coordinating reviewer edits the prose of a concept letter and sees it in the preview;
- a reviewer downloads the letter of an approved decision;
- the region's programme manager downloads it too, but not the concept of an undecided one.

The decisions are built with the assessment services (two submitted reviews, a proposal, and for
the approved one a second reviewer's approval).
"""

import datetime

import pytest

from reporting.models import DecisionLetterText
from tests.factories import PeriodFactory, manager_of
from tests.reporting.assessment_scenarios import application, decide, people, reviewed
from tests.reporting.pdf_helpers import pdf_text

from .conftest import axe_violations, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password


@pytest.fixture
def letters(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    team = people()
    period = PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)
    later = PeriodFactory(code="2029-2032", start_year=2029, end_year=2032)
    approved_plan = application(period, "STO19101", "Zeeuws-Vlaanderen", "1250000", lead="Scalda")
    reviewed(approved_plan, {"Commissie A": 7, "Commissie B": 8})
    approved = decide(
        approved_plan,
        team["coordinator"],
        outcome="approved_with_conditions",
        awarded="1100000",
        conditions="Lever vóór 1 maart 2025 de getekende samenwerkingsovereenkomst.",
        approver=team["anna"],
    )
    concept_plan = application(later, "STO19102", "Zuidoost-Drenthe", "900000")
    concept_plan.region = approved_plan.region  # the same region, a later period
    concept_plan.save()
    reviewed(concept_plan, {"Commissie A": 6, "Commissie B": 6})
    concept = decide(
        concept_plan, team["coordinator"], outcome="to_improve", deadline=datetime.date(2029, 3, 1)
    )
    manager = manager_of(approved_plan.region, username="pm-zeeland")
    return {"team": team, "approved": approved, "concept": concept, "manager": manager}


def test_coordinator_edits_the_prose_of_a_concept_letter(page, letters):
    login(page, "coordinator", PASSWORD)
    concept = letters["concept"]
    page.goto(f"{page.base_url}/rapportage/beschikking/{concept.pk}/")
    assert page.locator("h1").inner_text() == "Beschikking Zeeuws-Vlaanderen 2029-2032"
    assert "Concept" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Slot").fill("Wij zien uw verbeterde aanvraag graag tegemoet.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De tekst van de beschikking is opgeslagen." in page.get_by_role("status").inner_text()
    preview = page.locator(".letter-preview").inner_text()
    assert "Wij zien uw verbeterde aanvraag graag tegemoet." in preview
    assert "U kunt een verbeterde aanvraag indienen tot 1 maart 2029" in preview
    assert axe_violations(page) == []
    screenshot(page, "beschikking-bewerken")
    record = DecisionLetterText.objects.get(plan=concept.plan)
    assert record.closing == "Wij zien uw verbeterde aanvraag graag tegemoet."
    assert record.history.first().history_user == letters["team"]["coordinator"]
    # The concept downloads marked as such.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download de concept-beschikking als PDF").click()
    assert info.value.suggested_filename == "beschikking-STO19101-2029-2032-v1-concept.pdf"
    with open(info.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "CONCEPT" in text and "Wij zien uw verbeterde aanvraag graag tegemoet." in text


def test_reviewer_and_manager_download_the_approved_letter(page, letters):
    approved = letters["approved"]
    for username in ("anna", "pm-zeeland"):
        login(page, username, PASSWORD)
        page.goto(f"{page.base_url}/rapportage/beschikking/{approved.pk}/")
        assert "goedgekeurd door Anna Smit" in page.locator("main").inner_text()
        assert page.get_by_role("button", name="Opslaan").count() == 0  # the letter is fixed
        assert axe_violations(page) == []
        with page.expect_download() as info:
            page.get_by_role("link", name="Download de beschikking als PDF").click()
        assert info.value.suggested_filename == "beschikking-STO19101-2025-2028-v1.pdf"
        with open(info.value.path(), "rb") as handle:
            text = pdf_text(handle.read())
        assert "CONCEPT" not in text
        assert "verleen u voor de jaren 2025 tot en met 2028 een subsidie van € 1.100.000" in text
        assert "Lever vóór 1 maart 2025 de getekende samenwerkingsovereenkomst." in text
        page.context.clear_cookies()
    # The manager does not see the concept of the decision that is not approved yet.
    login(page, "pm-zeeland", PASSWORD)
    response = page.goto(f"{page.base_url}/rapportage/beschikking/{letters['concept'].pk}/")
    assert response.status == 404
