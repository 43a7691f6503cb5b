"""The simulator pages on the hand-built country of ``conftest.py``: what they show, Dutch
number input, errors next to the field, saving, deleting and comparing scenarios (with their
history) and the Excel exports."""

import io
import re
from decimal import Decimal
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from formula import services
from formula.computation import Parameters
from formula.models import FormulaScenario
from regions.roles import Role
from tests.factories import UserFactory, manager_of

from .conftest import DAY

pytestmark = pytest.mark.django_db

SIMULATOR = reverse("formula:simulator")
# Set B of the computation tests, typed the Dutch way.
DUTCH = {
    "reference_date": "2025-10-01",
    "base_per_school": "100.000",
    "per_student": "5.000",
    "guarantee_pct": "80",
    "guarantee_year": "2025",
    "ceiling": "1.000.000",
}


def text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def field_errors(response, field: str) -> list[str]:
    html = response.content.decode()
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, flags=re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1), flags=re.S) if match else []


def region_rows(response) -> list[list[str]]:
    """The cells of the region table's body rows (STO number first)."""
    html = response.content.decode()
    body = re.search(r"<caption>Bedrag per regio.*?<tbody>(.*?)</tbody>", html, flags=re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), flags=re.S)
    return [
        [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", c))).strip() for c in cells]
        for cells in (re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S) for row in rows)
    ]


def sheets(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}


def make_scenario(by, name, **values) -> FormulaScenario:
    values = {
        "reference_date": DAY,
        "base_per_school": Decimal("50000"),
        "per_student": Decimal("1000"),
        **values,
    }
    return services.scenario_create(by=by, name=name, parameters=Parameters(**values))


@pytest.fixture
def reviewer(db):
    return UserFactory(username="bea", first_name="Bea", last_name="Oordeel", role=Role.REVIEWER)


@pytest.fixture
def other_reviewer(db):
    return UserFactory(username="bob", role=Role.REVIEWER)


def test_the_simulator_starts_on_the_latest_reference_date(client, country, reviewer):
    client.force_login(reviewer)
    response = client.get(SIMULATOR)
    assert response.status_code == 200
    assert 'name="reference_date" value="2025-10-01"' in response.content.decode()
    assert "Uitkomst" not in text(response)


def test_the_simulator_reads_dutch_numbers_and_shows_every_region(client, country, reviewer):
    client.force_login(reviewer)
    response = client.get(SIMULATOR, DUTCH)
    assert response.status_code == 200
    assert region_rows(response) == [
        # STO, name, schools, students, minimum (80 % of 2025), amount, grant 2025, change, %
        ["STO10001", "Alfa", "2", "105", "€ 720.000", "€ 455.975", "€ 900.000", "€ -444.025", "-49,3%"],
        ["STO10002", "Beta", "2", "23", "€ 240.000", "€ 198.113", "€ 300.000", "€ -101.887", "-34,0%"],
        ["STO10003", "Gamma", "0", "0", "€ 400.000", "€ 251.572 garantie", "€ 500.000", "€ -248.428", "-49,7%"],
        ["STO10004", "Delta", "1", "10", "—", "€ 94.340", "—", "—", "—"],
    ]  # fmt: skip
    page = text(response)
    assert "Totaal volgens de formule € 1.000.000" in page
    assert "Plafond € 1.000.000" in page
    assert "Totaal na garantie, vóór plafond € 1.590.000" in page
    assert "Schaalfactor 0,628931: het totaal was hoger dan het plafond" in page
    assert "Ruimte onder het plafond € 0" in page
    assert "Huidige subsidie, alle regio's samen € 1.700.000" in page
    assert "Verschil met de huidige subsidie € -700.000 (-41,2%)" in page
    assert "1 regio krijgt het gegarandeerde minimum." in page
    assert "Minimum (80% van 2025)" in page and "Subsidie 2025" in page
    # The save form carries the parameters as they were typed.
    html = response.content.decode()
    assert '<input type="hidden" name="ceiling" value="1.000.000">' in html
    assert f'href="{reverse("formula:simulator_export")}?' in html


def test_without_a_guarantee_the_current_grant_is_the_latest_one(client, country, reviewer):
    client.force_login(reviewer)
    response = client.get(
        SIMULATOR,
        {"reference_date": "2025-10-01", "base_per_school": "50000", "per_student": "1000"},
    )
    rows = region_rows(response)
    assert rows[1] == [
        "STO10002",
        "Beta",
        "2",
        "23",
        "€ 123.000",
        "€ 350.000 (2026)",
        "€ -227.000",
        "-64,9%",
    ]
    assert "Schaalfactor" not in text(response)


def test_a_day_without_counts_is_explained(client, country, reviewer):
    client.force_login(reviewer)
    response = client.get(SIMULATOR, {**DUTCH, "reference_date": "2025-09-30"})
    assert "Op 30 september 2025 zijn geen leerlingaantallen vastgelegd" in text(response)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"base_per_school": "-1"}, "base_per_school", "Een bedrag kan niet negatief zijn."),
        ({"per_student": "veel"}, "per_student", "Vul een bedrag in euro"),
        ({"per_student": "1500.50"}, "per_student", "Gebruik een komma voor de centen"),
        ({"reference_date": "31-02-2025"}, "reference_date", "Voer een geldige datum in."),
        ({"guarantee_year": ""}, "guarantee_year", "Vul ook het jaar in waarvan de subsidie"),
        ({"guarantee_year": "1999"}, "guarantee_year", "Kies een jaar van 2000 tot en met 2100."),
        ({"guarantee_pct": "150"}, "guarantee_pct", "Een garantiepercentage ligt tussen 0 en 100."),
        ({"ceiling": "-97.000.000"}, "ceiling", "Een bedrag kan niet negatief zijn."),
    ],
)
def test_input_the_formula_refuses_is_explained_next_to_the_field(
    client, country, reviewer, values, field, message
):
    client.force_login(reviewer)
    response = client.get(SIMULATOR, {**DUTCH, **values})
    assert response.status_code == 400
    assert any(message in error for error in field_errors(response, field))
    assert "De verdeling kan niet worden berekend." in text(response)
    assert "Uitkomst" not in text(response)


def test_saving_the_parameters_as_a_scenario(client, country, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("formula:scenario_create"), {**DUTCH, "name": "  Garantie 80% van 2025 "}
    )
    scenario = FormulaScenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("formula:scenario_detail", args=[scenario.pk])
    assert scenario.name == "Garantie 80% van 2025"
    assert scenario.parameters == Parameters(
        reference_date=DAY,
        base_per_school=Decimal("100000"),
        per_student=Decimal("5000"),
        guarantee_pct=Decimal("80"),
        guarantee_year=2025,
        ceiling=Decimal("1000000"),
    )
    assert scenario.created_by == reviewer
    assert scenario.history.get().history_user == reviewer

    page = client.get(response["Location"])
    assert "Scenario Garantie 80% van 2025 is opgeslagen." in text(page)
    assert "Opgeslagen door Bea Oordeel" in text(page)
    assert region_rows(page)[0][5] == "€ 455.975"
    # "Open in the simulator" gives back the same parameters, written the Dutch way.
    link = re.search(r'href="(/formule/\?[^"]+)"', page.content.decode()).group(1)
    again = client.get(unescape(link))
    assert region_rows(again) == region_rows(page)


def test_a_name_is_needed_and_used_once(client, country, reviewer, other_reviewer):
    make_scenario(other_reviewer, "Basis")
    client.force_login(reviewer)
    response = client.post(reverse("formula:scenario_create"), {**DUTCH, "name": "Basis"})
    assert response.status_code == 400
    assert field_errors(response, "name") == ["Er is al een scenario met deze naam."]
    # The results stay on the page, so nothing has to be typed again.
    assert region_rows(response)[0][5] == "€ 455.975"
    response = client.post(reverse("formula:scenario_create"), {**DUTCH, "name": ""})
    assert response.status_code == 400
    assert field_errors(response, "name") == ["Dit veld is verplicht."]
    assert FormulaScenario.objects.count() == 1


def test_invalid_parameters_are_not_saved(client, country, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("formula:scenario_create"), {**DUTCH, "guarantee_year": "", "name": "X"}
    )
    assert response.status_code == 400
    assert not FormulaScenario.objects.exists()


def test_the_list_shows_every_reviewers_scenarios(client, country, reviewer, other_reviewer):
    make_scenario(reviewer, "Eerste")
    make_scenario(
        other_reviewer,
        "Met garantie",
        guarantee_pct=Decimal("7.5"),
        guarantee_year=2025,
        ceiling=Decimal("97000000"),
    )
    client.force_login(reviewer)
    page = text(client.get(reverse("formula:scenario_list")))
    assert (
        "Met garantie 1 oktober 2025 € 50.000 € 1.000 7,5% van de subsidie 2025 € 97.000.000 bob"
        in page
    )
    assert "Eerste 1 oktober 2025 € 50.000 € 1.000 geen — Bea Oordeel" in page
    assert page.index("Met garantie") < page.index("Eerste")  # newest first


def test_a_reviewer_deletes_their_own_scenario_only(client, country, reviewer, other_reviewer):
    own = make_scenario(reviewer, "Van Bea")
    theirs = make_scenario(other_reviewer, "Van Bob")
    client.force_login(reviewer)
    detail = client.get(reverse("formula:scenario_detail", args=[theirs.pk]))
    assert "Scenario verwijderen" not in text(detail)
    assert client.get(reverse("formula:scenario_delete", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("formula:scenario_delete", args=[theirs.pk])).status_code == 403
    assert FormulaScenario.objects.filter(pk=theirs.pk).exists()

    assert "Scenario verwijderen" in text(
        client.get(reverse("formula:scenario_detail", args=[own.pk]))
    )
    confirm = client.get(reverse("formula:scenario_delete", args=[own.pk]))
    assert "Wilt u het scenario „Van Bea” verwijderen?" in text(confirm)
    response = client.post(reverse("formula:scenario_delete", args=[own.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("formula:scenario_list")
    assert "Scenario Van Bea is verwijderd." in text(response)
    assert list(FormulaScenario.objects.values_list("name", flat=True)) == ["Van Bob"]
    deleted = FormulaScenario.history.filter(name="Van Bea").latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", reviewer)


def test_an_administrator_deletes_any_scenario(client, country, reviewer, administrator):
    scenario = make_scenario(reviewer, "Van Bea")
    client.force_login(administrator)
    client.post(reverse("formula:scenario_delete", args=[scenario.pk]))
    assert not FormulaScenario.objects.exists()


def test_comparing_scenarios_side_by_side(client, country, reviewer, other_reviewer):
    first = make_scenario(reviewer, "Per leerling")
    second = make_scenario(
        other_reviewer,
        "Met garantie en plafond",
        base_per_school=Decimal("100000"),
        per_student=Decimal("5000"),
        guarantee_pct=Decimal("80"),
        guarantee_year=2025,
        ceiling=Decimal("1000000"),
    )
    client.force_login(reviewer)
    query = urlencode([("scenario", first.pk), ("scenario", second.pk)])
    response = client.get(reverse("formula:scenario_compare") + "?" + query)
    assert response.status_code == 200
    page = text(response)
    assert "Schaalfactor — 0,628931" in page
    assert "Regio's met garantie — 1" in page
    assert "Totaal € 388.000 € 1.000.000" in page
    assert "STO10001 Alfa € 205.000 € 455.975" in page
    assert "STO10003 Gamma € 0 € 251.572" in page
    assert "STO10004 Delta € 60.000 € 94.340" in page

    export = client.get(reverse("formula:scenario_compare_export") + "?" + query)
    workbook = sheets(export)
    assert list(workbook) == ["Parameters", "Vergelijking"]
    parameters = workbook["Parameters"]
    assert parameters[0][:3] == ("Scenario", "Opgeslagen door", "Peildatum")
    assert [(row[0], row[1], row[7], row[10]) for row in parameters[1:]] == [
        ("Per leerling", "bea", None, 388000),
        ("Met garantie en plafond", "bob", 1000000, 1000000),
    ]
    assert workbook["Vergelijking"] == [
        ("STO-nummer", "Regio", "Bedrag: Per leerling", "Bedrag: Met garantie en plafond"),
        ("STO10001", "Alfa", 205000, 455975),
        ("STO10002", "Beta", 123000, 198113),
        ("STO10003", "Gamma", 0, 251572),
        ("STO10004", "Delta", 60000, 94340),
        ("Totaal", None, 388000, 1000000),
    ]


@pytest.mark.parametrize("count", [0, 1, 7])
def test_comparing_needs_two_to_six_scenarios(client, country, reviewer, count):
    scenarios = [make_scenario(reviewer, f"Scenario {n}") for n in range(count)]
    client.force_login(reviewer)
    query = urlencode([("scenario", s.pk) for s in scenarios])
    response = client.get(reverse("formula:scenario_compare") + "?" + query, follow=True)
    assert response.redirect_chain[-1][0] == reverse("formula:scenario_list")
    expected = (
        "Vergelijk ten hoogste 6 scenario's tegelijk."
        if count == 7
        else "Kies ten minste twee scenario's om te vergelijken."
    )
    assert expected in text(response)


def test_excel_of_the_current_parameters(client, country, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("formula:simulator_export"), DUTCH)
    assert response["Content-Disposition"] == (
        'attachment; filename="begrotingsformule-2025-10-01.xlsx"'
    )
    workbook = sheets(response)
    assert list(workbook) == ["Parameters", "Resultaten"]
    assert workbook["Parameters"][1][:8] == (
        "(niet opgeslagen)",
        None,
        workbook["Parameters"][1][2],
        100000,
        5000,
        80.0,
        2025,
        1000000,
    )
    assert workbook["Parameters"][1][2].date() == DAY
    assert workbook["Parameters"][1][8:] == (
        1590000,
        pytest.approx(0.628930817610, abs=1e-12),
        1000000,
    )
    results = workbook["Resultaten"]
    assert results[0] == (
        "STO-nummer",
        "Regio",
        "Scholen",
        "Technische leerlingen",
        "Formulebedrag",
        "Gegarandeerd minimum",
        "Garantie toegepast",
        "Bedrag",
        "Huidige subsidie",
        "Jaar huidige subsidie",
        "Verschil (€)",
        "Verschil (%)",
    )
    assert results[3] == (
        "STO10003", "Gamma", 0, 0, 0, 400000, "ja", 251572, 500000, 2025, -248428, -49.7,
    )  # fmt: skip
    # Delta has no grant: no current amount, year or change (empty trailing cells are not stored).
    delta = results[4] + (None,) * (12 - len(results[4]))
    assert delta == ("STO10004", "Delta", 1, 10, 150000, None, "nee", 94340, None, None, None, None)
    # The formula amounts before the guarantee add up to 1.190.000; the amounts to the ceiling.
    assert results[-1] == (
        "Totaal", None, 5, 138, 1190000, None, None, 1000000, 1700000, None, -700000, -41.2,
    )  # fmt: skip


def test_excel_of_a_scenario(client, country, reviewer):
    scenario = make_scenario(reviewer, "Basis 2025")
    client.force_login(reviewer)
    response = client.get(reverse("formula:scenario_export", args=[scenario.pk]))
    assert 'filename="begrotingsformule-basis-2025.xlsx"' in response["Content-Disposition"]
    workbook = sheets(response)
    assert workbook["Parameters"][1][:2] == ("Basis 2025", "bea")
    assert [row[7] for row in workbook["Resultaten"][1:]] == [205000, 123000, 0, 60000, 388000]


def test_the_menu_entry_is_for_reviewers_and_administrators(client, country, reviewer):
    client.force_login(reviewer)
    assert 'href="/formule/">Begrotingsformule</a>' in client.get("/regios/").content.decode()
    client.force_login(manager_of(country.regions["STO10001"]))
    assert "Begrotingsformule" not in client.get("/regios/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"guarantee_year": "²"},  # a digit that int() refuses
        {"base_per_school": "1e400"},
        {"ceiling": "99999999999999999999"},
        {"guarantee_year": "99999999999999999999"},
    ],
)
def test_malformed_numbers_are_a_form_error_not_a_server_error(client, country, reviewer, query):
    client.force_login(reviewer)
    response = client.get(SIMULATOR, {**DUTCH, **query})
    assert response.status_code == 400
    assert "De verdeling kan niet worden berekend." in text(response)


def test_malformed_scenario_ids_are_ignored(client, country, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("formula:scenario_compare") + "?scenario=²&scenario=x")
    assert response.status_code == 302
    assert response["Location"] == reverse("formula:scenario_list")
