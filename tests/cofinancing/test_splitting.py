"""The split of a regional contribution over municipalities by inhabitants (seeds 000)."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from cofinancing.splitting import SplitError, indexed_totals, split_by_inhabitants
from tests.world import MUNICIPALITIES as AMSTELLAND_INHABITANTS


def test_amstelland_split_gives_amstelveen_23973_of_45000():
    inhabitants = {key: count for key, (_name, count) in AMSTELLAND_INHABITANTS.items()}
    parts = split_by_inhabitants(Decimal("45000"), inhabitants)
    assert parts["GM0362"] == Decimal("23973.00")
    assert sum(parts.values()) == Decimal("45000.00")
    # 45.000 × 32.000 / 180.000 = 8.000 exactly; the others have remainders.
    assert parts["GM0358"] == Decimal("8000.00")
    assert parts == {
        "GM0362": Decimal("23973.00"),
        "GM0358": Decimal("8000.00"),
        "GM0437": Decimal("3500.00"),
        "GM0451": Decimal("7500.00"),
        "GM0736": Decimal("2027.00"),
    }


def test_realistic_populations_sum_exactly_and_follow_the_ratios():
    # Roughly the CBS populations of the five Amstelland municipalities.
    inhabitants = {
        "GM0362": 92_753,
        "GM0358": 33_219,
        "GM0437": 14_491,
        "GM0451": 31_187,
        "GM0736": 45_316,
    }
    parts = split_by_inhabitants(Decimal("45000"), inhabitants)
    assert sum(parts.values()) == Decimal("45000")
    # The largest municipality gets the largest part; order follows inhabitants.
    order_by_parts = sorted(parts, key=parts.get)
    order_by_inhabitants = sorted(inhabitants, key=inhabitants.get)
    assert order_by_parts == order_by_inhabitants
    assert parts["GM0362"] == Decimal("19237.00")  # 45000 × 92753 / 216966 = 19237.6…


def test_largest_remainder_gets_the_spare_euro():
    # Exact shares 33.33…, 33.33…, 33.33… of 100: one spare euro, broken by key order.
    assert split_by_inhabitants(Decimal("100"), {"GM0003": 1, "GM0001": 1, "GM0002": 1}) == {
        "GM0003": Decimal("33.00"),
        "GM0001": Decimal("34.00"),
        "GM0002": Decimal("33.00"),
    }
    # Rounding each exact share (3.33…) on its own would give 3 + 3 + 3 = 9, not 10.
    parts = split_by_inhabitants(Decimal("10"), {"a": 1, "b": 1, "c": 1})
    assert sorted(parts.values()) == [Decimal("3"), Decimal("3"), Decimal("4")]
    assert parts["a"] == Decimal("4")  # tie → first key
    # Exact shares 2.857… and 7.142…: the larger remainder (0.857) gets the spare euro.
    assert split_by_inhabitants(Decimal("10"), {"x": 2, "y": 5}) == {
        "x": Decimal("3"),
        "y": Decimal("7"),
    }


def test_tie_break_does_not_depend_on_input_order():
    keys = ["GM0451", "GM0358", "GM0736", "GM0362"]
    first = split_by_inhabitants(Decimal("1001"), dict.fromkeys(keys, 7))
    second = split_by_inhabitants(Decimal("1001"), dict.fromkeys(reversed(keys), 7))
    assert first == second
    assert first["GM0358"] == Decimal("251")  # 1001 / 4 = 250.25: the spare euro to the first key


def test_zero_total_gives_zero_parts():
    assert split_by_inhabitants(Decimal("0"), {"a": 5, "b": 7}) == {
        "a": Decimal("0.00"),
        "b": Decimal("0.00"),
    }


@pytest.mark.parametrize("seed", range(200))
def test_property_parts_sum_are_non_negative_and_within_a_euro(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    inhabitants = {f"GM{rng.randint(0, 9999):04d}-{i}": rng.randint(1, 900_000) for i in range(n)}
    total = Decimal(rng.choice([0, 1, 7, 999, 45_000, rng.randint(0, 10_000_000)]))
    parts = split_by_inhabitants(total, inhabitants)
    assert set(parts) == set(inhabitants)
    assert sum(parts.values()) == total
    population = sum(inhabitants.values())
    for key, part in parts.items():
        assert part >= 0
        assert part == part.to_integral_value()  # whole euros
        exact = Fraction(int(total) * inhabitants[key], population)
        assert abs(Fraction(part) - exact) < 1


@pytest.mark.parametrize(
    "inhabitants",
    [{"GM0362": 95892, "GM0358": 0}, {"GM0362": 95892, "GM0358": None}],
)
def test_municipality_without_inhabitants_is_an_error(inhabitants):
    with pytest.raises(SplitError, match="GM0358"):
        split_by_inhabitants(Decimal("45000"), inhabitants)


def test_no_municipalities_negative_or_fractional_total_are_errors():
    with pytest.raises(SplitError, match="geen gemeenten"):
        split_by_inhabitants(Decimal("45000"), {})
    with pytest.raises(SplitError, match="negatief"):
        split_by_inhabitants(Decimal("-1"), {"a": 1})
    with pytest.raises(SplitError, match="hele euro"):
        split_by_inhabitants(Decimal("100.50"), {"a": 1})


def test_indexation_compounds_from_the_first_year_and_rounds_each_year():
    totals = indexed_totals(Decimal("45000"), 2025, 2028, Decimal("2.5"))
    assert totals == {
        2025: Decimal("45000"),
        2026: Decimal("46125"),  # 45000 × 1.025
        2027: Decimal("47278"),  # 45000 × 1.025² = 47278.125
        2028: Decimal("48460"),  # 45000 × 1.025³ = 48460.078…
    }
    assert indexed_totals(Decimal("45000"), 2025, 2026) == {
        2025: Decimal("45000"),
        2026: Decimal("45000"),
    }
    with pytest.raises(SplitError):
        indexed_totals(Decimal("45000"), 2026, 2025)
    with pytest.raises(SplitError):
        indexed_totals(Decimal("45000"), 2025, 2026, Decimal("-1"))
