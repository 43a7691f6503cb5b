"""The budget formula of docs/interfaces.md §6 on the hand-built country of ``conftest.py``:
which schools and students count, the guarantee, the ceiling and the rounding, to the euro."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from formula.computation import (
    FormulaData,
    Parameters,
    compare,
    comparison_rows,
    compute,
    latest_reference_date,
    simulate,
)

from .conftest import DAY, YEAR_BEFORE

pytestmark = pytest.mark.django_db


def params(**values) -> Parameters:
    values.setdefault("reference_date", DAY)
    values.setdefault("base_per_school", Decimal("50000"))
    values.setdefault("per_student", Decimal("1000"))
    for name in ("base_per_school", "per_student", "guarantee_pct", "ceiling"):
        if isinstance(values.get(name), (int, str)):
            values[name] = Decimal(values[name])
    return Parameters(**values)


def by_region(result) -> dict[str, tuple]:
    return {
        r.sto_number: (r.schools, r.technical_students, r.amount, r.current, r.current_year)
        for r in result.regions
    }


def test_schools_and_technical_students_on_the_reference_date(country):
    result = simulate(params())
    # base 50.000 × schools + 1.000 × technical students; current = the latest grant.
    assert by_region(result) == {
        "STO10001": (2, 105, Decimal("205000"), Decimal("900000"), 2025),
        "STO10002": (2, 23, Decimal("123000"), Decimal("350000"), 2026),
        "STO10003": (0, 0, Decimal("0"), Decimal("500000"), 2025),
        "STO10004": (1, 10, Decimal("60000"), None, None),
    }
    assert result.schools == 5 and result.technical_students == 138
    assert result.total == Decimal("388000")
    assert result.total_current == Decimal("1750000")
    assert result.scale is None and result.has_counts


def test_the_change_against_the_current_grant(country):
    rows = {r.sto_number: r for r in simulate(params()).regions}
    alfa = rows["STO10001"]
    assert alfa.change == Decimal("-695000")
    assert alfa.change_pct == Decimal("-695000") * 100 / Decimal("900000")  # exact
    assert alfa.shown_change_pct == Decimal("-77.2")
    assert rows["STO10002"].shown_change_pct == Decimal("-64.9")  # -64,857…
    assert rows["STO10003"].shown_change_pct == Decimal("-100.0")
    # Delta has no grant: no change to show.
    assert rows["STO10004"].change is None and rows["STO10004"].change_pct is None


def test_another_reference_date_counts_other_students_and_members(country):
    result = simulate(params(reference_date=YEAR_BEFORE))
    # 1 October 2024: Alfa's five schools minus the one without a profile and the one not yet
    # joined (A1, A2, A4), but only A1 has a count that day (99 BWI BB); Beta's B2 had not joined.
    assert by_region(result)["STO10001"][:2] == (3, 99)
    assert by_region(result)["STO10002"][:2] == (1, 0)


def test_a_day_without_counts_is_reported(country):
    result = simulate(params(reference_date=datetime.date(2025, 9, 30)))
    assert not result.has_counts
    assert result.technical_students == 0
    # On 30 September the school that left that day still counts; Beta's B2 has not joined.
    assert by_region(result)["STO10001"][:2] == (3, 0)
    assert by_region(result)["STO10002"][:2] == (1, 0)


def test_guarantee_lifts_an_amount_to_its_share_of_the_grant_in_the_year(country):
    result = simulate(
        params(
            base_per_school=100000,
            per_student=5000,
            guarantee_pct=80,
            guarantee_year=2025,
        )
    )
    rows = {r.sto_number: r for r in result.regions}
    # Alfa: 725.000 against a minimum of 80 % of 900.000 = 720.000: the formula wins.
    assert (rows["STO10001"].amount, rows["STO10001"].guarantee) == (
        Decimal("725000"),
        Decimal("720000"),
    )
    assert not rows["STO10001"].guaranteed
    # Gamma: no schools, but 80 % of its 2025 grant of 500.000.
    assert rows["STO10003"].amount == Decimal("400000") and rows["STO10003"].guaranteed
    # Beta's current grant is now that of 2025 (300.000), not its latest (2026).
    assert (rows["STO10002"].current, rows["STO10002"].current_year) == (Decimal("300000"), 2025)
    # Delta has no grant in 2025: nothing to guarantee.
    assert rows["STO10004"].guarantee is None and rows["STO10004"].amount == Decimal("150000")
    assert result.guaranteed == 1
    assert result.total == Decimal("1590000")


def test_ceiling_scales_every_amount_after_the_guarantee(country):
    result = simulate(
        params(
            base_per_school=100000,
            per_student=5000,
            guarantee_pct=80,
            guarantee_year=2025,
            ceiling=1000000,
        )
    )
    # After the guarantee the total is 1.590.000: every amount × 1.000.000 / 1.590.000.
    assert result.total_before_ceiling == Decimal("1590000")
    assert round(result.scale, 12) == Decimal("0.628930817610")
    assert [r.amount for r in result.regions] == [
        Decimal("455975"),  # 725.000 × 0,6289… = 455.974,84
        Decimal("198113"),  # 315.000 → 198.113,21
        Decimal("251572"),  # the guaranteed 400.000 → 251.572,33: scaled like every amount
        Decimal("94340"),  # 150.000 → 94.339,62
    ]
    assert result.total == Decimal("1000000") and result.room == Decimal("0")
    assert result.regions[2].guaranteed  # still marked: the guarantee set its share


def test_a_total_equal_to_the_ceiling_is_not_scaled(country):
    result = simulate(params(ceiling=388000))
    assert result.scale is None
    assert result.total == Decimal("388000")


def test_amounts_are_rounded_half_up_at_the_end(country):
    # € 0,50 per student: Alfa 105 × 0,50 = 52,50 → 53 (not 52, as rounding half to even
    # would give); Beta 23 × 0,50 = 11,50 → 12; Delta 10 × 0,50 = 5.
    result = simulate(params(base_per_school=0, per_student=Decimal("0.50")))
    assert [r.amount for r in result.regions] == [
        Decimal("53"),
        Decimal("12"),
        Decimal("0"),
        Decimal("5"),
    ]
    assert [r.formula_amount for r in result.regions] == [
        Decimal("52.50"),
        Decimal("11.50"),
        Decimal("0"),
        Decimal("5.00"),
    ]


def test_rounding_half_up_after_the_ceiling_may_pass_it_by_cents(country):
    # Base 10 per school: 20 + 20 + 0 + 10 = 50; ceiling 31,25: factor 0,625. Alfa and Beta get
    # 12,50 each → 13; Delta 6,25 → 6. Each amount is rounded on its own (§6), so the rounded
    # total is 32, € 0,75 above the ceiling; the page shows that difference.
    result = simulate(params(base_per_school=10, per_student=0, ceiling=Decimal("31.25")))
    assert result.scale == Decimal("0.625")
    assert [r.amount for r in result.regions] == [
        Decimal("13"),
        Decimal("13"),
        Decimal("0"),
        Decimal("6"),
    ]
    assert result.total == Decimal("32") and result.room == Decimal("-0.75")


def test_the_latest_reference_date_with_counts(country):
    assert latest_reference_date() == DAY


def test_reading_takes_a_fixed_number_of_queries(country, django_assert_num_queries):
    # Regions, grants, and per reference date the members and the counts.
    with django_assert_num_queries(4):
        simulate(params())
    # Two parameter sets on two reference dates: the regions and grants are read once.
    with django_assert_num_queries(6):
        results = compare([params(), params(reference_date=YEAR_BEFORE, per_student=10)])
    rows = comparison_rows(results)
    assert [(r.sto_number, r.amounts) for r in rows] == [
        ("STO10001", [Decimal("205000"), Decimal("150990")]),  # 3 × 50.000 + 99 × 10
        ("STO10002", [Decimal("123000"), Decimal("50000")]),
        ("STO10003", [Decimal("0"), Decimal("0")]),
        ("STO10004", [Decimal("60000"), Decimal("50000")]),
    ]


def test_compute_is_in_memory(country, django_assert_num_queries):
    data = FormulaData.load([DAY])
    with django_assert_num_queries(0):
        result = compute(params(per_student=2000), data)
    assert result.regions[0].amount == Decimal("310000")  # 2 × 50.000 + 105 × 2.000


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"base_per_school": -1}, {"base_per_school": ["Een bedrag kan niet negatief zijn."]}),
        ({"per_student": "-0.01"}, {"per_student": ["Een bedrag kan niet negatief zijn."]}),
        ({"ceiling": -5}, {"ceiling": ["Een bedrag kan niet negatief zijn."]}),
        (
            {"guarantee_pct": 101, "guarantee_year": 2025},
            {"guarantee_pct": ["Een garantiepercentage ligt tussen 0 en 100."]},
        ),
        (
            {"guarantee_pct": 80, "guarantee_year": 1999},
            {"guarantee_year": ["Kies een jaar van 2000 tot en met 2100."]},
        ),
        (
            {"guarantee_pct": 80},
            {"guarantee_year": ["Vul ook het jaar in waarvan de subsidie gegarandeerd wordt."]},
        ),
        ({"guarantee_year": 2025}, {"guarantee_pct": ["Vul ook het garantiepercentage in."]}),
    ],
)
def test_parameters_the_formula_refuses(values, errors):
    with pytest.raises(ValidationError) as refused:
        params(**values).validate()
    assert refused.value.message_dict == errors


def test_parameters_at_the_edges_are_accepted():
    params(
        base_per_school=0, per_student=0, ceiling=0, guarantee_pct=100, guarantee_year=2100
    ).validate()
    params(guarantee_pct=0, guarantee_year=2000).validate()
