"""``manage.py budget_formula`` (docs/interfaces.md §6) on the hand-built country of
``conftest.py``: the JSON contract, the text output, and clear errors for bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

BASE = ["--reference-date", "2025-10-01", "--base-per-school", "100000", "--per-student", "5000"]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("budget_formula", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_json(*args: str) -> list[dict]:
    return json.loads(run(*args, "--json")[0])


def test_json_without_guarantee_or_ceiling(country):
    rows = run_json(*BASE)
    assert [
        {k: row[k] for k in ("region", "schools", "technical_students", "amount", "current")}
        for row in rows
    ] == [
        {
            "region": "STO10001",
            "schools": 2,
            "technical_students": 105,
            "amount": 725000,
            "current": 900000,
        },
        {
            "region": "STO10002",
            "schools": 2,
            "technical_students": 23,
            "amount": 315000,
            "current": 350000,  # its latest grant, 2026
        },
        {
            "region": "STO10003",
            "schools": 0,
            "technical_students": 0,
            "amount": 0,
            "current": 500000,
        },
        {
            "region": "STO10004",
            "schools": 1,
            "technical_students": 10,
            "amount": 150000,
            "current": None,
        },
    ]
    alfa = rows[0]
    assert alfa["name"] == "Alfa" and alfa["current_year"] == 2025
    assert alfa["change"] == -175000 and alfa["change_pct"] == -19.4  # -19,44… %
    assert alfa["guaranteed"] is False
    assert rows[3]["change"] is None and rows[3]["change_pct"] is None


def test_json_with_guarantee_and_ceiling(country):
    rows = run_json(
        *BASE, "--guarantee-pct", "80", "--guarantee-year", "2025", "--ceiling", "1000000"
    )
    assert [(r["region"], r["amount"], r["current"], r["guaranteed"]) for r in rows] == [
        ("STO10001", 455975, 900000, False),
        ("STO10002", 198113, 300000, False),
        ("STO10003", 251572, 500000, True),
        ("STO10004", 94340, None, False),
    ]
    assert sum(r["amount"] for r in rows) == 1000000


def test_json_rounds_half_up(country):
    rows = run_json(
        "--reference-date", "2025-10-01", "--base-per-school", "0", "--per-student", "0.50"
    )
    assert [r["amount"] for r in rows] == [53, 12, 0, 5]


def test_text_output_per_region_and_in_total(country):
    out, err = run(
        *BASE, "--guarantee-pct", "80", "--guarantee-year", "2025", "--ceiling", "1000000"
    )
    lines = out.splitlines()
    assert lines[0] == (
        "STO10001 Alfa: 2 scholen, 105 technische leerlingen, € 455.975 "
        "(nu € 900.000 in 2025, verschil € -444.025, -49,3%)"
    )
    assert lines[2].startswith(
        "STO10003 Gamma: 0 scholen, 0 technische leerlingen, € 251.572 (garantie)"
    )
    assert lines[3] == "STO10004 Delta: 1 school, 10 technische leerlingen, € 94.340"
    assert lines[4] == (
        "Totaal op peildatum 1 oktober 2025: € 1.000.000 voor 4 regio's (nu € 1.700.000)."
    )
    assert lines[5] == (
        "Plafond € 1.000.000: het totaal na garantie (€ 1.590.000,00) is met factor 0,628931 "
        "verlaagd."
    )
    assert err == ""


def test_a_day_without_counts_is_a_warning(country):
    out, err = run("--reference-date", "2025-09-30", "--base-per-school", "1", "--per-student", "1")
    # Alfa's school that left on 30 September still counts: 3 + 1 + 0 + 1 schools × € 1.
    assert "Totaal op peildatum 30 september 2025: € 5 voor 4 regio's" in out
    assert "Let op: op 30 september 2025 zijn geen leerlingaantallen vastgelegd." in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--reference-date", "2025-13-01", "--base-per-school", "1", "--per-student", "1"],
            "Ongeldige datum voor --reference-date: '2025-13-01'",
        ),
        (
            ["--reference-date", "1-10-2025", "--base-per-school", "1", "--per-student", "1"],
            "gebruik JJJJ-MM-DD",
        ),
        (
            [*BASE[:2], "--base-per-school", "-5", "--per-student", "1"],
            "--base-per-school: Een bedrag kan niet negatief zijn.",
        ),
        (
            [*BASE[:2], "--base-per-school", "1", "--per-student", "veel"],
            "Ongeldig getal voor --per-student: 'veel'",
        ),
        ([*BASE, "--ceiling", "NaN"], "Ongeldig getal voor --ceiling: 'NaN'"),
        ([*BASE, "--ceiling", "-1"], "--ceiling: Een bedrag kan niet negatief zijn."),
        (
            [*BASE, "--guarantee-pct", "80"],
            "--guarantee-year: Vul ook het jaar in waarvan de subsidie gegarandeerd wordt.",
        ),
        (
            [*BASE, "--guarantee-year", "2025"],
            "--guarantee-pct: Vul ook het garantiepercentage in.",
        ),
        (
            [*BASE, "--guarantee-pct", "80", "--guarantee-year", "1999"],
            "Ongeldig jaar voor --guarantee-year: '1999'; verwacht 2000 tot en met 2100.",
        ),
        (
            [*BASE, "--guarantee-pct", "80", "--guarantee-year", "volgend jaar"],
            "Ongeldig jaar voor --guarantee-year",
        ),
        (
            [*BASE, "--guarantee-pct", "120", "--guarantee-year", "2025"],
            "--guarantee-pct: Een garantiepercentage ligt tussen 0 en 100.",
        ),
    ],
)
def test_bad_input_is_a_clear_command_error(country, args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)


def test_the_required_options(country):
    with pytest.raises(CommandError, match="--per-student"):
        run("--reference-date", "2025-10-01", "--base-per-school", "1")
