"""Scoring an application in headless Chromium, with axe-core on every page:

- the coordinating reviewer assigns two reviewers to a techniekarme regio's application and
  looks at the workload and the framework;
- the first reviewer scores it, sees the running total change as they type, saves a draft and
  submits;
- the second reviewer submits with a problem (a "no" without a reason), is taken to the
  summary at the top, corrects it, submits, and sees both reviewers' scores side by side with
  the spread marked.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from assessment.framework import SUB_ASPECT_CODES
from assessment.models import Judgement, Review
from plans.models import Plan
from regions.roles import Role
from tests.factories import PeriodFactory, RegionFactory, UserFactory

from .conftest import axe_violations, login, screenshot
from .test_accessibility import DANGLING_DESCRIBEDBY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory's password


@pytest.fixture
def scoring_world(db):
    period = PeriodFactory()  # 2025-2028
    region = RegionFactory(sto_number="STO19101", name="Zeeuws-Vlaanderen", kind="techniekarm")
    plan = Plan.objects.create(
        region=region,
        period=period,
        status="submitted",
        requested=Decimal("900000"),
        submitted_on=datetime.date(2024, 9, 20),
    )
    coordinator = UserFactory(username="coordinator", role=Role.REVIEWER)
    coordinator.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    return {
        "plan": plan,
        "coordinator": coordinator,
        "anna": UserFactory(username="anna", role=Role.REVIEWER),
        "bram": UserFactory(username="bram", role=Role.REVIEWER),
    }


def accessible(page) -> bool:
    """axe-core finds nothing, and every id an aria-describedby names exists."""
    return axe_violations(page) == [] and page.evaluate(DANGLING_DESCRIBEDBY) == []


def logout(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


def fill_all(page, scores: dict[str, str], default: str = "6") -> None:
    for code in SUB_ASPECT_CODES:
        page.locator(f"#id_{code}-minimum_met_0").check()
        page.locator(f"#id_{code}-score").fill(scores.get(code, default))


def test_two_reviewers_score_an_application_and_see_it_side_by_side(page, scoring_world):
    w = scoring_world
    # The coordinator assigns two reviewers.
    login(page, "coordinator", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beoordeling").click()
    assert "nog 2 beoordelaars nodig" in page.locator("main").inner_text()
    assert accessible(page)
    page.get_by_role("link", name="Beoordelaars toewijzen – Zeeuws-Vlaanderen").click()
    assert accessible(page)
    page.get_by_role("combobox", name="Beoordelaar").select_option(
        label="anna (0 open, 0 ingediend)"
    )
    page.get_by_role("button", name="Toewijzen").click()
    assert "anna beoordeelt nu de aanvraag" in page.locator(".messages").inner_text()
    page.get_by_role("combobox", name="Beoordelaar").select_option(
        label="bram (0 open, 0 ingediend)"
    )
    page.get_by_role("button", name="Toewijzen").click()
    assert "Voldoende beoordelaars" in page.locator("main").inner_text()
    assert accessible(page)
    page.get_by_role("link", name="Werkverdeling per beoordelaar").click()
    workload = page.get_by_role("table").inner_text()
    assert "anna\t1\t0\t1" in workload and "bram\t1\t0\t1" in workload
    assert accessible(page)
    page.get_by_role("link", name="Beoordelingskader 2025-2028").click()
    assert "Minimale vereisten" in page.locator("main").inner_text()
    assert accessible(page)
    logout(page)

    # Anna scores; the running total follows her typing.
    login(page, "anna", PASSWORD)
    page.goto(page.base_url + "/beoordeling/mijn-beoordelingen/")
    assert accessible(page)
    page.get_by_role("link", name="Beoordelen – Zeeuws-Vlaanderen").click()
    total = page.locator("#lopend-totaal")
    assert total.inner_text() == "0,00"
    assert accessible(page)
    page.locator("#id_regiovisie-score").fill("7,5")
    assert total.inner_text() == "7,50"
    page.locator("#id_onderwijsaanbod-score").fill("8")
    assert total.inner_text() == "15,50"
    page.locator("#id_regiovisie-minimum_met_0").check()
    page.get_by_role("button", name="Opslaan als concept").click()
    assert "opgeslagen als concept" in page.locator(".messages").inner_text()
    assert page.locator("#lopend-totaal").inner_text() == "15,50"  # computed by the server
    assert page.locator("#id_regiovisie-score").input_value() == "7,50"
    fill_all(page, {"regiovisie": "8"})
    assert page.locator("#lopend-totaal").inner_text() == "62,00"
    screenshot(page, "beoordeling-scoren")
    page.get_by_role("button", name="Indienen").click()
    assert "is ingediend" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text().startswith("Scores naast elkaar")
    assert accessible(page)
    logout(page)

    # Bram forgets a reason, is taken to the summary, corrects it and submits.
    login(page, "bram", PASSWORD)
    review = Review.objects.get(reviewer=w["bram"])
    page.goto(page.base_url + f"/beoordeling/beoordelingen/{review.pk}/")
    fill_all(page, {"regiovisie": "4"})
    page.locator("#id_doelmatigheid-minimum_met_1").check()
    page.get_by_role("button", name="Indienen").click()
    summary = page.get_by_role("alert")
    assert "Geef de reden waarom niet aan de minimale vereisten is voldaan." in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert not Judgement.objects.filter(review=review).exists()
    assert page.locator("#id_regiovisie-score").input_value() == "4"  # nothing typed is lost
    assert accessible(page)
    summary.get_by_role("link").first.click()
    page.locator("#id_doelmatigheid-reason").fill("Geen vergelijking met alternatieven.")
    page.get_by_role("button", name="Indienen").click()
    assert page.locator("h1").inner_text().startswith("Scores naast elkaar")
    main = page.locator("main").inner_text()
    assert "anna" in main and "bram" in main
    regiovisie = page.get_by_role("row").filter(has_text="De aanvraag bevat een regiovisie")
    cells = regiovisie.inner_text()
    assert "8,00" in cells and "4,00" in cells and "6,00" in cells and "groot verschil" in cells
    assert "Geen vergelijking met alternatieven." in main
    assert accessible(page)
    screenshot(page, "beoordeling-scores-naast-elkaar")
    assert Review.objects.filter(plan=w["plan"], submitted_at__isnull=False).count() == 2


def test_an_administrator_adjusts_the_framework_for_a_new_round(page, scoring_world):
    UserFactory(username="beheer", role=Role.ADMINISTRATOR)
    login(page, "beheer", PASSWORD)
    page.goto(page.base_url + "/beoordeling/kader/2025-2028/")
    assert accessible(page)
    page.get_by_role("button", name="Versie 1 vastleggen om aan te passen").click()
    assert accessible(page)
    page.get_by_label("regiovisie: weging").fill("-1")
    page.get_by_role("button", name="Versie 1 aanpassen").click()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert accessible(page)
    page.get_by_label("regiovisie: weging").fill("2")
    page.get_by_label("Verschil tussen beoordelaars dat opvalt").fill("1,5")
    page.get_by_role("button", name="Versie 1 aanpassen").click()
    assert "is aangepast" in page.locator(".messages").inner_text()
    assert page.get_by_label("regiovisie: weging").input_value() == "2,00"
    page.get_by_label("Waarom een nieuwe versie").fill("Tweede ronde")
    page.get_by_role("button", name="Nieuwe versie beginnen").click()
    versions = page.get_by_role("table", name="Versies").inner_text()
    assert "versie 2" in versions and "Tweede ronde" in versions
    assert accessible(page)
