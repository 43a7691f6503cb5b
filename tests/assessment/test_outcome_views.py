"""The outcome pages: the ranking under the ceiling, overrides and decisions with four eyes, and
what the region's programme manager sees before and after the decision (facts on the page)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Ceiling, Decision, LotDraw, Override
from plans.models import Plan, PlanStatus

from .conftest import assessed
from .outcomes_scene import CEILING, FAILED_REASON, build_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(db):
    return build_scene()


def text(response) -> str:
    """The page as text, tags removed, whitespace collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


def ranking_url(scene) -> str:
    return reverse("assessment:ranking", args=[scene.period.code])


def args(plan: Plan) -> list:
    return [plan.region.sto_number, plan.period.code, plan.version]


def rank(client, scene, ceiling: str = "1.600.000"):
    client.force_login(scene.users["coordinator"])
    return client.post(ranking_url(scene), {"ceiling": ceiling})


def order(response) -> list[str]:
    return [row.application.region.sto_number for row in response.context["rows"]]


# --- the ranking ---------------------------------------------------------------------------------


def test_get_ranks_without_drawing_a_lot_and_rangschikken_draws_it(client, scene):
    Ceiling.objects.create(period=scene.period, amount=CEILING)
    client.force_login(scene.users["coordinator"])
    response = client.get(ranking_url(scene))
    assert response.status_code == 200
    assert LotDraw.objects.count() == 0
    assert "Er is nog niet geloot bij een gelijke stand: Bravoland, Charlieveld." in text(response)

    response = rank(client, scene)
    assert response.status_code == 302
    lots = dict(LotDraw.objects.values_list("region__sto_number", "number"))
    assert set(lots) == {"STO19202", "STO19203"}
    winner, loser = sorted(lots, key=lots.get)
    response = client.get(ranking_url(scene))
    assert order(response) == ["STO19201", "STO19205", winner, loser, "STO19204"]
    rows = {r.application.region.sto_number: r.application for r in response.context["rows"]}
    assert [(rows[s].status, rows[s].awarded) for s in order(response)] == [
        ("funded", Decimal("1000000")),
        ("funded", Decimal("400000")),
        ("partly_funded", Decimal("200000")),
        ("not_funded", Decimal("0")),
        ("rejected_minimum", Decimal("0")),
    ]
    page = text(response)
    assert "Er is nog niet geloot" not in page
    # the why-texts, the lots and the totals as the coordinator reads them
    assert "Hogere totaalscore dan Echostreek (80,00 tegen 60,00)." in page
    assert "Gelijke totaalscore als " in page and "hogere score op criterium dekkend (27,00" in page
    assert f"door loting eerder (lot {lots[winner]} tegen {lots[loser]})" in page
    assert f"Lot {lots[winner]} " in page and f"{lots[loser]} coordinator " in page
    assert (
        f"Ymke: niet aan de minimale vereisten van Cofinanciering voldaan: {FAILED_REASON}" in page
    )
    assert "Totaal gevraagd (aanvragen die meedoen) € 2.000.000" in page
    assert "Gevraagd boven het plafond € 400.000" in page
    assert "Totaal toegekend € 1.600.000" in page
    assert "gehonoreerd" in page and "gedeeltelijk gehonoreerd" in page
    assert "meer toegekend dan het plafond" not in page
    # a second ranking keeps the lots
    rank(client, scene)
    assert dict(LotDraw.objects.values_list("region__sto_number", "number")) == lots


def test_only_a_coordinator_ranks(client, scene):
    client.force_login(scene.users["admin"])
    response = client.post(ranking_url(scene), {"ceiling": "1.600.000"})
    assert response.status_code == 403
    assert not Ceiling.objects.exists() and not LotDraw.objects.exists()
    # the administrator follows the ranking, without the button
    rank(client, scene)
    client.force_login(scene.users["admin"])
    response = client.get(ranking_url(scene))
    assert response.status_code == 200 and "Rangschikken</button>" not in response.content.decode()
    assert order(response)[0] == "STO19201"


def test_a_ceiling_must_be_a_euro_amount(client, scene):
    response = rank(client, scene, ceiling="veel")
    assert response.status_code == 400
    assert "Er is niets opgeslagen" in text(response)
    assert not Ceiling.objects.exists()


def test_a_coordinator_with_another_role_does_not_see_that_regions_scores(client, scene):
    rank(client, scene)
    client.force_login(scene.users["conflicted"])
    response = client.get(ranking_url(scene))
    rows = {r.application.region.sto_number: r for r in response.context["rows"]}
    assert not rows["STO19201"].visible and not rows["STO19201"].may_propose
    assert rows["STO19205"].visible and rows["STO19205"].may_propose
    page = text(response)
    assert "Hogere totaalscore dan Echostreek" not in page  # the why of STO19201
    assert "U heeft een andere rol in deze regio" in page


@pytest.mark.parametrize("size", [1, 6])
def test_the_ranking_runs_a_fixed_number_of_queries(
    client, scene, size, application, django_assert_num_queries
):
    for index in range(size):
        plan = application(f"STO193{index:02d}", "100000")
        assessed(plan, {"Xander": {"regiovisie": index}, "Ymke": {"regiovisie": index}})
        services.override_propose(
            by=scene.users["coordinator"],
            plan=plan,
            status="funded",
            awarded=Decimal("100000"),
            reason="Spreiding over het land.",
        )
    rank(client, scene)
    with django_assert_num_queries(18):  # the same at both sizes
        response = client.get(ranking_url(scene))
    assert len(response.context["rows"]) == 5 + size


# --- overrides -----------------------------------------------------------------------------------


def test_an_override_needs_a_reason_and_a_second_person(client, scene):
    rank(client, scene)
    lots = dict(LotDraw.objects.values_list("region__sto_number", "number"))
    loser = max(lots, key=lots.get)
    plan = scene.plans[loser]
    url = reverse("assessment:override_propose", args=args(plan))
    response = client.get(url)
    assert response.context["form"].initial == {"status": "not_funded", "awarded": Decimal("0")}
    response = client.post(url, {"status": "funded", "awarded": "300.000", "reason": "  "})
    assert response.status_code == 400
    assert "Reden van de afwijking: Dit veld is verplicht." in text(response)
    assert not Override.objects.exists()
    response = client.post(
        url,
        {"status": "funded", "awarded": "300.000", "reason": "Enige aanvraag uit de provincie."},
    )
    assert response.status_code == 302
    override = Override.objects.get()
    assert (override.status, override.awarded, override.proposed_by) == (
        "funded",
        Decimal("300000"),
        scene.users["coordinator"],
    )
    # not in force yet; the proposer may not approve it, the conflicted person may not open it
    page = text(client.get(ranking_url(scene)))
    assert "Wacht op goedkeuring door een tweede persoon." in page
    decide = reverse("assessment:override_decide", args=[override.pk])
    assert "U stelde deze afwijking voor" in text(client.get(decide))
    assert client.post(decide, {"besluit": "goedkeuren"}).status_code == 403
    assert Override.objects.get().is_pending
    client.force_login(scene.users["manager"])  # manager of the region
    assert client.get(decide).status_code == 404
    assert client.post(decide, {"besluit": "goedkeuren"}).status_code == 404

    client.force_login(scene.users["coordinator2"])
    response = client.post(decide, {"besluit": "goedkeuren"})
    assert response.status_code == 302
    override = Override.objects.get()
    assert override.approved and override.decided_by == scene.users["coordinator2"]
    response = client.get(ranking_url(scene))
    rows = {r.application.region.sto_number: r.application for r in response.context["rows"]}
    assert (rows[loser].status, rows[loser].awarded) == ("funded", Decimal("300000"))
    assert (rows[loser].automatic_status, rows[loser].automatic_awarded) == ("not_funded", 0)
    page = text(response)
    assert "automatisch: niet gehonoreerd (plafond bereikt), € 0" in page
    assert "Let op: door afwijkingen van de rangschikking wordt € 300.000 meer toegekend" in page
    assert "Toegekend boven het plafond € 300.000" in page
    assert "goedgekeurd door coordinator2" in page
    # the history names who proposed and who approved
    history = text(client.get(reverse("assessment:decision", args=args(plan))))
    assert re.search(
        r"coordinator2 Afwijking van de rangschikking gewijzigd: afwijking goedgekeurd", history
    )
    assert re.search(
        r"coordinator Afwijking van de rangschikking aangemaakt: afwijking voorgesteld", history
    )


def test_a_refused_override_stays_on_record(client, scene):
    rank(client, scene)
    plan = scene.plans["STO19205"]
    override = services.override_propose(
        by=scene.users["coordinator"],
        plan=plan,
        status="partly_funded",
        awarded=Decimal("100000"),
        reason="Minder nodig.",
    )
    client.force_login(scene.users["anna"])  # a reviewer may be the second person
    response = client.post(
        reverse("assessment:override_decide", args=[override.pk]), {"besluit": "afwijzen"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:override_decide", args=[override.pk])
    assert Override.objects.get().approved is False
    client.force_login(scene.users["coordinator"])
    page = text(client.get(ranking_url(scene)))
    assert "afgewezen door anna" in page
    rows = {
        r.application.region.sto_number: r.application
        for r in client.get(ranking_url(scene)).context["rows"]
    }
    assert rows["STO19205"].awarded == Decimal("400000")


# --- decisions -----------------------------------------------------------------------------------


def test_a_decision_shows_what_is_missing_before_it_can_be_proposed(client, scene, application):
    plan = application("STO19399", "100000")
    assessed(plan, {"Xander": {}})
    client.force_login(scene.users["coordinator"])
    response = client.get(reverse("assessment:decision", args=args(plan)))
    page = text(response)
    assert "Een besluit kan nog niet worden voorgesteld:" in page
    assert "Er zijn 1 ingediende beoordelingen; een besluit vraagt er ten minste 2." in page
    assert not response.context["may_propose"]


def test_a_decision_needs_its_details_and_a_second_reviewer(client, scene):
    plan = scene.plans["STO19202"]
    url = reverse("assessment:decision", args=args(plan))
    client.force_login(scene.users["coordinator"])
    base = {"actie": "voorstellen", "awarded": "200.000", "motivation": "Goed plan."}
    response = client.post(url, base | {"outcome": "approved_with_conditions"})
    assert response.status_code == 400
    assert "Schrijf de voorwaarden uit, één per regel." in text(response)
    response = client.post(url, base | {"outcome": "to_improve", "awarded": "0"})
    assert response.status_code == 400
    assert "Geef aan vóór welke dag de verbeterde versie binnen moet zijn." in text(response)
    response = client.post(url, base | {"outcome": "approved", "awarded": "400.000"})
    assert response.status_code == 400
    assert "Er wordt niet meer toegekend dan gevraagd" in text(response)
    assert not Decision.objects.exists()

    response = client.post(
        url,
        base
        | {
            "outcome": "approved_with_conditions",
            "conditions": "Lever in 2026 een herziene begroting.",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.awarded, decision.is_final) == (
        "approved_with_conditions",
        Decimal("200000"),
        False,
    )
    # the proposer may not approve; a reviewer who manages the region neither
    assert client.post(url, {"actie": "goedkeuren"}).status_code == 403
    client.force_login(scene.users["manager"])
    assert client.post(url, {"actie": "goedkeuren"}).status_code == 404
    assert not Decision.objects.get().is_final

    client.force_login(scene.users["anna"])
    page = text(client.get(url))
    assert "voorgesteld, wacht op goedkeuring" in page
    # anna was not assigned, but she reads the scores of what she is asked to approve
    assert "Totaalscore" in page and "Ingediende beoordelingen Xander, Ymke" in page
    response = client.post(url, {"actie": "terugsturen", "reason": ""})
    assert response.status_code == 400
    assert Decision.objects.exists()
    response = client.post(url, {"actie": "goedkeuren"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.is_final and decision.approved_by == scene.users["anna"]
    # reviews read in left the plan "ingediend"; the decision still sets its status
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED_WITH_CONDITIONS
    page = text(client.get(url))
    assert "Goedgekeurd door anna" in page
    assert re.search(r"anna Besluit gewijzigd: besluit goedgekeurd", page)
    assert "goedgekeurd door: — → anna" in page
    assert re.search(r"coordinator Besluit aangemaakt: besluit voorgesteld", page)


def test_a_decision_sent_back_keeps_its_reason_in_the_history(client, scene):
    plan = scene.plans["STO19203"]
    url = reverse("assessment:decision", args=args(plan))
    client.force_login(scene.users["coordinator"])
    client.post(
        url,
        {
            "actie": "voorstellen",
            "outcome": "to_improve",
            "awarded": "0",
            "resubmission_deadline": "2025-03-01",
            "motivation": "De begroting sluit niet.",
        },
    )
    assert Decision.objects.get().resubmission_deadline == datetime.date(2025, 3, 1)
    client.force_login(scene.users["coordinator2"])
    response = client.post(url, {"actie": "terugsturen", "reason": "Eerst de scores bespreken."})
    assert response.status_code == 302
    assert not Decision.objects.exists()
    page = text(client.get(url))
    assert "Besluit verwijderd: besluit teruggestuurd: Eerst de scores bespreken." in page
    assert "Er is nog geen besluit voorgesteld." in page


# --- the outcome for the region ------------------------------------------------------------------


def test_the_manager_sees_the_outcome_only_after_the_decision(client, scene):
    plan = scene.plans["STO19204"]
    url = reverse("assessment:outcome", args=args(plan))
    decision = services.decision_propose(
        by=scene.users["coordinator"],
        plan=plan,
        outcome="rejected",
        awarded=Decimal("0"),
        motivation="Niet aan de minimale vereisten voldaan.",
    )
    client.force_login(scene.users["manager"])
    response = client.get(url)
    page = text(response)
    assert response.status_code == 200
    assert "Deze aanvraag is in beoordeling." in page
    for hidden in ("afgewezen", "Niet aan de minimale vereisten voldaan.", FAILED_REASON, "9,00"):
        assert hidden not in page
    # neither through the decision page
    assert client.get(reverse("assessment:decision", args=args(plan))).status_code == 404

    services.decision_approve(by=scene.users["anna"], decision=decision)
    page = text(client.get(url))
    assert "Deze aanvraag is in beoordeling." not in page
    assert "Besluit afgewezen" in page
    assert "Toegekend bedrag € 0" in page
    assert "Motivering Niet aan de minimale vereisten voldaan." in page
    assert FAILED_REASON in page
    assert "Beoordelaar 1" in page and "Beoordelaar 2" in page
    assert "Totaalscore: 90,00" in page
    assert "Xander" not in page and "Ymke" not in page  # the region reads scores, not names


def test_the_plan_page_links_to_the_outcome(client, scene):
    plan = scene.plans["STO19202"]
    client.force_login(scene.users["manager"])
    response = client.get(reverse("plans:plan_detail", args=[plan.region.sto_number, "2025-2028"]))
    assert reverse("assessment:outcome", args=args(plan)) in response.content.decode()


def test_an_unassigned_reviewer_reads_the_outcome_but_not_the_scores(client, scene):
    plan = scene.plans["STO19201"]
    decision = services.decision_propose(
        by=scene.users["coordinator"],
        plan=plan,
        outcome="approved",
        awarded=Decimal("1000000"),
        motivation="Sterk plan.",
    )
    services.decision_approve(by=scene.users["coordinator2"], decision=decision)
    client.force_login(scene.users["anna"])
    page = text(client.get(reverse("assessment:outcome", args=args(plan))))
    assert "Toegekend bedrag € 1.000.000" in page
    assert "Scores en redenen" not in page
