"""The decision letter (beschikking): its text states the facts of the decision, the prose is
editable until the decision is approved, a concept says so on every page, and who may read it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from plans.models import Plan
from reporting import services
from reporting.decision_letter import render_decision_letter
from reporting.models import DecisionLetterText
from sto.formatting import format_date as format_any_date
from tests.factories import PeriodFactory

from .assessment_scenarios import application, decide, people, reviewed
from .pdf_helpers import in_order, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    return people()


@pytest.fixture
def plan(db):
    period = PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)
    plan = application(
        period, "STO19101", "Zeeuws-Vlaanderen", "1250000", lead="Scalda Vmbo Terneuzen"
    )
    reviewed(plan, {"Commissie A": 7, "Commissie B": 8})
    return plan


def format_date(day) -> str:
    """A date as the (always Dutch) letter writes it."""
    with translation.override("nl"):
        return format_any_date(day)


def text_of(decision) -> str:
    return pdf_text(render_decision_letter(decision).pdf)


def test_an_approved_letter_states_the_facts_in_dutch(plan, team):
    decision = decide(
        plan,
        team["coordinator"],
        outcome="approved",
        awarded="1100000",
        approver=team["anna"],
        motivation="De regio bouwt voort op een sterk netwerk van scholen en bedrijven.",
    )
    text = text_of(decision)
    today = timezone.localdate()
    assert "CONCEPT" not in text
    assert in_order(
        text,
        [
            "Beschikking",
            "Scalda Vmbo Terneuzen, penvoerder van Zeeuws-Vlaanderen (STO19101)",
            "STO19101/2025-2028/v1",
            "regioplan versie 1, ingediend op 20 september 2024",
            f"Datum besluit {format_date(today)}",
            "U vraagt een subsidie van € 1.250.000 (versie 1 van het regioplan)",
            "Ik keur uw aanvraag goed en verleen u voor de jaren 2025 tot en met 2028 een "
            "subsidie van € 1.100.000.",
            "U vroeg € 1.250.000; dat is € 150.000 meer dan wordt verleend.",
            "Gevraagde subsidie € 1.250.000",
            "Verleende subsidie € 1.100.000",
            "Uitkomst: goedgekeurd",
            "De regio bouwt voort op een sterk netwerk van scholen en bedrijven.",
            "door 2 beoordelaars",
            "totaalscore van 75,00 van de 100 punten",
            "Beoordeling per criterium",
        ],
    ), text
    # The scores per criterion: the mean of 7 and 8 on each of dekkend's three sub-aspects.
    assert "voldaan 22,50 30" in text
    assert "Totaal 75,00 100" in text
    assert "Subsidieregeling sterk techniekonderwijs (Staatscourant 2018, nr. 51216)" in text
    assert "artikelen 4:25 en 4:26" in text
    deadline = format_date(today + datetime.timedelta(weeks=6))
    assert "binnen 6 weken na de dag waarop dit besluit is bekendgemaakt" in text
    assert f"uiterlijk op {deadline}" in text
    assert (
        f"Besluit voorgesteld door Carla de Coördinator en goedgekeurd door Anna Smit op "
        f"{format_date(today)}." in text
    )


def test_conditions_and_a_resubmission_deadline_are_written_out(plan, team):
    decision = decide(
        plan,
        team["coordinator"],
        outcome="approved_with_conditions",
        awarded="1250000",
        conditions="Lever vóór 1 maart 2025 de getekende samenwerkingsovereenkomst.\n"
        "Rapporteer jaarlijks over de cofinanciering.",
    )
    text = text_of(decision)
    assert (
        "Ik keur uw aanvraag goed met voorwaarden en verleen u voor de jaren 2025 tot en met "
        "2028 een subsidie van € 1.250.000, onder de voorwaarden hieronder." in text
    )
    assert in_order(
        text,
        [
            "Voorwaarden",
            "Lever vóór 1 maart 2025 de getekende samenwerkingsovereenkomst.",
            "Rapporteer jaarlijks over de cofinanciering.",
            "Motivering",
        ],
    ), text
    assert "meer dan wordt verleend" not in text  # everything asked is granted


def test_to_improve_and_rejected_say_so_and_grant_nothing(plan, team):
    decision = decide(
        plan,
        team["coordinator"],
        outcome="to_improve",
        deadline=datetime.date(2025, 3, 1),
        approver=team["anna"],
    )
    text = text_of(decision)
    assert (
        "Uw aanvraag moet worden verbeterd. U kunt een verbeterde aanvraag indienen tot "
        "1 maart 2025" in text
    )
    assert "Uitkomst: te verbeteren; opnieuw indienen tot 1 maart 2025." in text
    assert "Verleende subsidie € 0" in text
    # Approving put the plan in the status of the decision.
    assert Plan.objects.get(pk=plan.pk).status == "to_improve"


def test_a_rejected_application(team):
    period = PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)
    plan = application(period, "STO19102", "Noordoost-Groningen", "900000")
    reviewed(
        plan,
        {"Commissie A": 4, "Commissie B": 5},
        failed={"Commissie A": {"cofinanciering": "Geen cofinanciering van bedrijven."}},
    )
    decision = decide(plan, team["coordinator"], outcome="rejected", approver=team["bram"])
    text = text_of(decision)
    assert "Ik wijs uw aanvraag af. Er wordt geen subsidie verleend." in text
    assert "Uitkomst: afgewezen" in text
    # The budget criterion's minimum was not met by one reviewer.
    assert "Voldoende onderbouwde en sluitende begroting. niet voldaan" in text


def test_a_proposed_decision_gives_a_concept_on_every_page(plan, team):
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1250000")
    pages = pdf_pages(render_decision_letter(decision).pdf)
    assert len(pages) >= 2
    assert all("CONCEPT" in page for page in pages), pages
    assert "Datum besluit (nog niet genomen)" in " ".join(pages)
    assert "Voorgesteld door Carla de Coördinator; nog niet goedgekeurd." in " ".join(pages)


def test_edited_prose_is_kept_and_the_rest_follows_the_data(plan, team):
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    services.decision_letter_text_save(
        by=team["coordinator"],
        decision=decision,
        texts={
            "closing": "Wij kijken uit naar de samenwerking met Zeeuws-Vlaanderen.",
            "signatory": "De Minister van OCW,\nnamens deze,\nJ. de Vries",
        },
    )
    record = DecisionLetterText.objects.get(plan=plan)
    assert record.opening == "" and record.considerations == ""
    assert record.history.first().history_user == team["coordinator"]
    # The data change: the opening's named fields follow, the edited prose stays.
    Plan.objects.filter(pk=plan.pk).update(requested=1300000)
    decision.refresh_from_db()
    text = text_of(decision)
    assert "U vraagt een subsidie van € 1.300.000" in text
    assert "Wij kijken uit naar de samenwerking met Zeeuws-Vlaanderen." in text
    assert "J. de Vries" in text
    assert "Ik wens u veel succes" not in text  # the default closing was replaced


def test_named_data_fields_in_an_edit_follow_the_data(plan, team):
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    services.decision_letter_text_save(
        by=team["coordinator"],
        decision=decision,
        texts={"closing": "Voor {regio} wordt {toegekend} verleend ({kenmerk})."},
    )
    assert DecisionLetterText.objects.get(plan=plan).closing == (
        "Voor {regio} wordt {toegekend} verleend ({kenmerk})."
    )
    assert "Voor Zeeuws-Vlaanderen wordt € 1.000.000 verleend (STO19101/2025-2028/v1)." in (
        text_of(decision)
    )
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1200000")
    assert "Voor Zeeuws-Vlaanderen wordt € 1.200.000 verleend" in text_of(decision)
    with pytest.raises(ValidationError, match=r"Onbekend gegevensveld: \{bedrag\}"):
        services.decision_letter_text_save(
            by=team["coordinator"], decision=decision, texts={"closing": "Wij geven {bedrag}."}
        )


def test_a_text_equal_to_its_default_is_stored_empty(plan, team):
    from reporting.decision_letter import decision_letter_data, default_sources

    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    defaults = default_sources(decision_letter_data(decision))
    assert "{gevraagd}" in defaults["opening"] and "€" not in defaults["opening"]
    services.decision_letter_text_save(by=team["coordinator"], decision=decision, texts=defaults)
    record = DecisionLetterText.objects.get(plan=plan)
    assert [record.opening, record.considerations, record.closing, record.signatory] == [""] * 4


def test_only_a_coordinator_edits_and_only_until_approval(plan, team):
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    with pytest.raises(PermissionDenied):
        services.decision_letter_text_save(
            by=team["anna"], decision=decision, texts={"closing": "x"}
        )
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    from assessment import services as assessment_services

    assessment_services.decision_approve(by=team["anna"], decision=decision)
    with pytest.raises(ValidationError, match="ligt vast"):
        services.decision_letter_text_save(
            by=team["coordinator"], decision=decision, texts={"closing": "x"}
        )
    assert not DecisionLetterText.objects.exists()


def test_the_edit_page_saves_and_resets(client, plan, team):
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    url = reverse("reporting:decision_letter_edit", args=[decision.pk])
    client.force_login(team["coordinator"])
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Met deze brief ontvangt u mijn besluit" in content
    assert "{gevraagd}" in content  # the form shows the data fields, the preview their values
    assert "U vraagt een subsidie van € 1.250.000" in content
    refused = client.post(url, {"opening": "Op {datum} kwam uw aanvraag binnen."})
    assert refused.status_code == 400
    assert "Onbekend gegevensveld: {datum}." in refused.content.decode()
    response = client.post(
        url,
        {
            "opening": "Eigen aanhef over Zeeuws-Vlaanderen.",
            "considerations": "",
            "closing": "",
            "signatory": "",
        },
    )
    assert response.status_code == 302
    assert DecisionLetterText.objects.get(plan=plan).opening == (
        "Eigen aanhef over Zeeuws-Vlaanderen."
    )
    assert "Eigen aanhef over Zeeuws-Vlaanderen." in client.get(url).content.decode()
    client.post(url, {"reset": "1"})
    assert DecisionLetterText.objects.get(plan=plan).opening == ""


def test_the_download_is_named_after_the_application(client, plan, team):
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    client.force_login(team["anna"])
    response = client.get(reverse("reporting:decision_letter", args=[decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "beschikking-STO19101-2025-2028-v1-concept.pdf" in response["Content-Disposition"]


def test_render_decision_letter_writes_the_pdf(plan, team, tmp_path):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    decide(plan, team["coordinator"], outcome="approved", awarded="1000000", approver=team["anna"])
    target = tmp_path / "beschikking.pdf"
    out = io.StringIO()
    call_command("render_decision_letter", "STO19101", "2025-2028", output=str(target), stdout=out)
    assert "beschikking STO19101 2025-2028 v1" in out.getvalue()
    assert "verleen u voor de jaren 2025 tot en met 2028 een subsidie van € 1.000.000" in (
        pdf_text(target.read_bytes())
    )
    with pytest.raises(CommandError, match="Geen besluit"):
        call_command("render_decision_letter", "STO19101", "2029-2032", output=str(target))


def test_the_reporting_page_lists_the_letters_each_user_may_open(client, plan, team):
    from tests.factories import manager_of

    manager = manager_of(plan.region, username="pm-zeeland")
    decision = decide(plan, team["coordinator"], outcome="approved", awarded="1000000")
    letter = reverse("reporting:decision_letter", args=[decision.pk])
    export = reverse("reporting:assessments_export", args=["2025-2028"])
    client.force_login(manager)
    page = client.get(reverse("reporting:index")).content.decode()
    assert letter not in page and export not in page  # not approved yet; no export
    client.force_login(team["coordinator"])
    page = client.get(reverse("reporting:index")).content.decode()
    assert letter in page and "voorstel, nog niet goedgekeurd" in page and export in page
    from assessment import services as assessment_services

    assessment_services.decision_approve(by=team["anna"], decision=decision)
    client.force_login(manager)
    page = client.get(reverse("reporting:index")).content.decode()
    assert letter in page and "goedgekeurd" in page


@pytest.mark.parametrize("size", [2, 5])
def test_the_list_of_letters_costs_the_same_queries_at_any_size(
    client, team, size, django_assert_max_num_queries
):
    period = PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)
    for n in range(size):
        plan = application(period, f"STO192{n:02d}", f"Regio {n}", "100000")
        reviewed(plan, {"Commissie A": 5, "Commissie B": 6})
        decide(plan, team["coordinator"], outcome="approved", awarded="100000")
    client.force_login(team["coordinator"])
    with django_assert_max_num_queries(8):  # the same at both sizes
        page = client.get(reverse("reporting:index")).content.decode()
    assert page.count("/rapportage/beschikking/") == 2 * size
