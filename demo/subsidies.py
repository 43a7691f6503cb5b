"""The money per region: the subsidy of every period (Tabel 2.2) and the share of it that
companies co-finance (Figuur 2.1)."""

import math
import random

from sto.money import to_cents

from .figures import (
    COFINANCING_MAX,
    COFINANCING_MIN,
    COFINANCING_TOTAL_71,
    SUBSIDY_MAX,
    SUBSIDY_MIN,
    SUBSIDY_TOTAL_71,
    TECHNIEK_BUDGET_2025_2028,
    TECHNIEKARM_MAX_2025_2028,
)
from .maths import round_to, split
from .rows import GrantRow
from .state import DemoRegion, State

# The bands of Figuur 2.1 below the top one: (regions, lowest %, highest %).
_BANDS = ((45, 10.4, 14.6), (11, 15.4, 19.6), (8, 20.4, 24.6), (4, 25.6, 34.0))
_TOP_PCT = 47.0
_FIRST_BAND = set(range(_BANDS[0][0]))  # the positions of the 10–15 % band in the drawn list


def subsidies_71(state: State, regions: list[DemoRegion]) -> None:
    """2020–2023 subsidy per region (Tabel 2.2): exact minimum, maximum and total."""
    rng = state.rng
    amounts = _amounts_71(rng, len(regions))
    # Techniekarme regio's got 4 % of the money (seeds 004 §2.2): values near € 3.5 M.
    for region in [r for r in regions if r.techniekarm]:
        value = min(amounts[1:-1], key=lambda a: abs(a - 3_480_000))
        amounts.remove(value)
        region.subsidy_2020_2023 = value
    # The rest by size: many vmbo locations and companies, many technical students.
    others = [r for r in regions if not r.techniekarm]
    score = {
        r.sto: r.counts["vmbo"] + 0.3 * r.counts["company"] + rng.gauss(0, 2.5) for r in others
    }
    others.sort(key=lambda r: (-score[r.sto], r.sto))
    for region, value in zip(others, amounts, strict=True):
        region.subsidy_2020_2023 = value


def _amounts_71(rng: random.Random, count: int) -> list[int]:
    """``count`` amounts in hundreds of euros, largest first, with the minimum, maximum and total
    of Tabel 2.2."""
    rest_total = SUBSIDY_TOTAL_71 - SUBSIDY_MIN - SUBSIDY_MAX
    values = [rng.lognormvariate(math.log(4_100_000), 0.5) for _ in range(count - 2)]
    lo, hi = 1_450_000, 15_500_000
    for _ in range(60):
        factor = rest_total / sum(values)
        values = [min(hi, max(lo, v * factor)) for v in values]
    hundreds = split(rest_total // 100, values)
    return sorted([SUBSIDY_MIN, SUBSIDY_MAX] + [h * 100 for h in hundreds], reverse=True)


# --- co-financing shares of the 71 ----------------------------------------------------------


def cofinancing_71(state: State, regions: list[DemoRegion]) -> None:
    """Co-financing share of the 2020–2023 subsidy per region (Figuur 2.1)."""
    rng = state.rng
    fixed = _fix_extremes(regions)
    pcts = [rng.uniform(lo, hi) for count, lo, hi in _BANDS for _ in range(count)] + [_TOP_PCT]
    rest = [r for r in regions if r.sto not in fixed]
    order = list(range(len(pcts)))
    rng.shuffle(order)
    _keep_amounts_in_range(rng, rest, pcts, order)
    for i, region in enumerate(rest):
        region.cofinancing_pct = pcts[order[i]]
    _shift_first_band(regions, [r for i, r in enumerate(rest) if order[i] in _FIRST_BAND])


def _fix_extremes(regions: list[DemoRegion]) -> set[str]:
    """The smallest region co-finances the minimum amount, the largest the maximum."""
    smallest = min(regions, key=lambda r: r.subsidy_2020_2023)
    largest = max(regions, key=lambda r: r.subsidy_2020_2023)
    smallest.cofinancing_pct = 100 * COFINANCING_MIN / smallest.subsidy_2020_2023
    largest.cofinancing_pct = 100 * COFINANCING_MAX / largest.subsidy_2020_2023
    return {smallest.sto, largest.sto}


def _bounds(region: DemoRegion) -> tuple[float, float]:
    """The shares that keep the region's amount within € 175.000 – € 3.140.000 (with a margin)."""
    return (
        100 * COFINANCING_MIN * 1.02 / region.subsidy_2020_2023,
        100 * COFINANCING_MAX * 0.98 / region.subsidy_2020_2023,
    )


def _fits(region: DemoRegion, pct: float) -> bool:
    lo, hi = _bounds(region)
    return lo <= pct <= hi


def _keep_amounts_in_range(
    rng: random.Random, rest: list[DemoRegion], pcts: list[float], order: list[int]
) -> None:
    """Swap shares between regions until every region's amount is within range."""
    for _ in range(10_000):
        bad = [i for i, r in enumerate(rest) if not _fits(r, pcts[order[i]])]
        if not bad:
            return
        i = bad[0]
        candidates = [
            j
            for j in range(len(rest))
            if _fits(rest[i], pcts[order[j]]) and _fits(rest[j], pcts[order[i]])
        ]
        j = rng.choice(candidates) if candidates else rng.randrange(len(rest))
        order[i], order[j] = order[j], order[i]


def _shift_first_band(regions: list[DemoRegion], movable: list[DemoRegion]) -> None:
    """Shift the 10–15 % band together so that the national total is ≈ € 52.0 M."""
    base = {r.sto: r.cofinancing_pct for r in movable}

    def clamp(r: DemoRegion, pct: float) -> float:
        lo, hi = _bounds(r)
        return min(14.7, hi, max(10.3, lo, pct))

    def total_with(delta: float) -> float:
        return (
            sum(
                r.subsidy_2020_2023
                * (clamp(r, base[r.sto] + delta) if r.sto in base else r.cofinancing_pct)
                for r in regions
            )
            / 100
        )

    lo, hi = -4.0, 4.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if total_with(mid) < COFINANCING_TOTAL_71:
            lo = mid
        else:
            hi = mid
    for r in movable:
        r.cofinancing_pct = clamp(r, base[r.sto] + lo)


# --- the regions outside Bijlage A and the later periods -------------------------------------


def extra_region_money(state: State, region: DemoRegion, techniek_subsidies: list[int]) -> None:
    """Subsidy and co-financing share of a region outside Bijlage A: like a techniekregio of the
    71 (Amstelland: seeds 000)."""
    if region.is_amstelland:
        region.subsidy_2020_2023 = 2_480_000
        region.cofinancing_pct = 12.2
        return
    rng = state.rng
    region.subsidy_2020_2023 = round_to(rng.choice(techniek_subsidies) * rng.uniform(0.9, 1.1), 2)
    region.cofinancing_pct = rng.uniform(10.6, 19.5)


def grants(state: State, region: DemoRegion) -> list[GrantRow]:
    """The grants of 2020–2023 (per year) and 2024."""
    rng = state.rng
    total = region.subsidy_2020_2023
    shares = [0.22, 0.245, 0.26, 0.275]
    amounts = split(total, [s * rng.uniform(0.95, 1.05) for s in shares])
    rows = [
        GrantRow(region.sto, "2020-2023", year, to_cents(amount))
        for year, amount in zip(range(2020, 2024), amounts, strict=True)
    ]
    # 2024: at most 25 % of the 2020–2023 total (docs/domain.md)
    if region.is_amstelland:
        amount_2024 = 600_000
    else:
        amount_2024 = round_to(total * rng.uniform(0.2, 0.25), 2)
    rows.append(GrantRow(region.sto, "2024", 2024, to_cents(amount_2024)))
    return rows


def grants_2025_2028(state: State, regions: list[DemoRegion]) -> dict[str, list[GrantRow]]:
    """Per region the grants of 2025–2028: the techniekregio's share the national budget in
    proportion to their earlier subsidy, a techniekarme regio gets at most € 4 M."""
    rng = state.rng
    raw = {
        region.sto: region.subsidy_2020_2023 * rng.uniform(0.9, 1.15)
        for region in regions
        if not region.is_amstelland  # seeds 000: € 3,2 M for 2025–2028
    }
    techniek = [r.sto for r in regions if r.seed.kind == "techniek"]
    factor = TECHNIEK_BUDGET_2025_2028 / sum(raw[s] for s in techniek)
    result: dict[str, list[GrantRow]] = {}
    for region in regions:
        if region.is_amstelland:
            total = 3_200_000
        elif region.techniekarm:
            total = min(TECHNIEKARM_MAX_2025_2028, round_to(raw[region.sto], 2))
        else:
            total = round_to(raw[region.sto] * factor, 2)
        amounts = split(total, [rng.uniform(0.97, 1.03) for _ in range(4)])
        result[region.sto] = [
            GrantRow(region.sto, "2025-2028", year, to_cents(amount))
            for year, amount in zip(range(2025, 2029), amounts, strict=True)
        ]
    return result
