"""The Excel export of a period's assessments: one row per application × sub-aspect × reviewer
with labels and values, and the ranking under the ceiling with why; who finds which rows."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment import services as assessment_services
from assessment.framework import SUB_ASPECT_CODES
from assessment.models import Review
from tests.factories import PeriodFactory

from .assessment_scenarios import application, people, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    return people()


@pytest.fixture
def period(db):
    return PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)


def sheets(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def download(client, user, code="2025-2028"):
    client.force_login(user)
    response = client.get(reverse("reporting:assessments_export", args=[code]))
    assert response.status_code == 200, response.status_code
    return response


@pytest.fixture
def assessed(period, team):
    """Three techniekarm applications (two reviewers each, one with three), one techniek
    application (minimum only), a tie between Zeeland and Drenthe broken on dekkend, and one
    failed minimum."""
    zeeland = application(period, "STO19101", "Zeeuws-Vlaanderen", "600000")
    drenthe = application(period, "STO19102", "Zuidoost-Drenthe", "500000")
    groningen = application(period, "STO19103", "Oost-Groningen", "400000")
    techniek = application(period, "STO19001", "Amstelland", "900000", kind="techniek")
    high_dekkend = {code: 8 for code in SUB_ASPECT_CODES[:3]} | {
        code: 6 for code in SUB_ASPECT_CODES[3:]
    }
    low_dekkend = (
        {code: 6 for code in SUB_ASPECT_CODES[:3]}
        | {code: 8 for code in SUB_ASPECT_CODES[3:6]}
        | {code: 6 for code in SUB_ASPECT_CODES[6:]}
    )
    reviewed(zeeland, {"anna": high_dekkend, "Commissie B": high_dekkend}, users=team)
    reviewed(
        drenthe,
        {"Commissie A": low_dekkend, "Commissie B": low_dekkend, "Commissie C": low_dekkend},
    )
    reviewed(
        groningen,
        {"Commissie A": 9, "Commissie B": 9},
        failed={"Commissie B": {"cofinanciering": "Geen cofinanciering van bedrijven."}},
    )
    reviewed(techniek, {"Commissie A": 0, "Commissie B": 0})
    assessment_services.ranking_run(
        by=team["coordinator"], period=period, ceiling=Decimal("1000000")
    )
    return {"zeeland": zeeland, "drenthe": drenthe, "groningen": groningen, "techniek": techniek}


def test_one_row_per_application_sub_aspect_and_reviewer(client, team, assessed):
    found = sheets(download(client, team["coordinator"]))
    assert list(found) == ["Beoordelingen", "Rangschikking"]
    header, *rows = found["Beoordelingen"]
    assert header == (
        "STO-nummer",
        "Regio",
        "Soort regio",
        "Versie",
        "Criterium",
        "Deelaspect",
        "Beoordelaar",
        "Minimale vereisten voldaan",
        "Reden",
        "Score",
        "Notitie",
        "Ingediend op",
    )
    # 4 applications × 10 sub-aspects × their reviewers (2, 3, 2, 2)
    assert len(rows) == 10 * (2 + 3 + 2 + 2)
    first = next(r for r in rows if r[0] == "STO19101" and r[6] == "anna")
    assert first[1:5] == ("Zeeuws-Vlaanderen", "techniekarme regio", 1, first[4])
    assert first[4].startswith("Dekkend en doelmatig technisch onderwijsaanbod")
    assert first[7] == "Ja" and first[8] is None and first[9] == 8
    assert first[10] == "Notitie anna bij regiovisie"
    assert first[11] == datetime.datetime.combine(
        Review.objects.get(reviewer=team["anna"]).submitted_at.astimezone().date(),
        datetime.time(),
    )
    failed = [r for r in rows if r[7] == "Nee"]
    assert len(failed) == 1
    assert failed[0][0] == "STO19103" and failed[0][6] == "Commissie B"
    assert failed[0][8] == "Geen cofinanciering van bedrijven."
    # A techniek region gets no scores: the minimum only.
    assert {r[9] for r in rows if r[0] == "STO19001"} == {None}


def test_the_ranking_sheet_says_why(client, team, assessed):
    header, *rows = sheets(download(client, team["coordinator"]))["Rangschikking"]
    assert header == (
        "Rang",
        "STO-nummer",
        "Regio",
        "Totaalscore",
        "Score dekkend",
        "Gevraagd",
        "Toegekend",
        "Uitkomst",
        "Waarom",
    )
    # Zeeland and Drenthe both total 66; Zeeland is higher on dekkend (24 against 18).
    assert [r[:8] for r in rows] == [
        (1, "STO19101", "Zeeuws-Vlaanderen", 66, 24, 600000, 600000, "gehonoreerd"),
        (
            2,
            "STO19102",
            "Zuidoost-Drenthe",
            66,
            18,
            500000,
            400000,
            "gedeeltelijk gehonoreerd",
        ),
        (None, "STO19103", "Oost-Groningen", 90, 27, 400000, 0, "afgewezen (minimale vereisten)"),
    ]
    assert "hogere score op criterium dekkend (24,00 tegen 18,00)" in rows[0][8]
    assert "Geen cofinanciering van bedrijven." in rows[2][8]


def test_a_reviewer_finds_only_what_they_submitted_themselves(client, team, assessed):
    found = sheets(download(client, team["anna"]))
    rows = found["Beoordelingen"][1:]
    assert {r[0] for r in rows} == {"STO19101"} and len(rows) == 20
    assert [r[1] for r in found["Rangschikking"][1:]] == ["STO19101"]
    # Before submitting, nothing.
    assert not sheets(download(client, team["bram"]))["Beoordelingen"][1:]


def test_managers_and_unknown_periods_get_nothing(client, team, assessed):
    from tests.factories import manager_of

    manager = manager_of(assessed["zeeland"].region)
    client.force_login(manager)
    assert (
        client.get(reverse("reporting:assessments_export", args=["2025-2028"])).status_code == 404
    )
    client.force_login(team["coordinator"])
    assert client.get(reverse("reporting:assessments_export", args=["1999"])).status_code == 404


@pytest.mark.parametrize("size", [2, 6])
def test_the_export_costs_the_same_number_of_queries_at_any_size(
    client, team, period, size, django_assert_max_num_queries
):
    for n in range(size):
        plan = application(period, f"STO191{n:02d}", f"Regio {n}", "100000")
        reviewed(plan, {"Commissie A": 5, "Commissie B": 6})
    client.force_login(team["coordinator"])
    with django_assert_max_num_queries(24):  # the same at both sizes
        response = client.get(reverse("reporting:assessments_export", args=["2025-2028"]))
    assert len(sheets(response)["Beoordelingen"]) == 1 + size * 10 * 2
