"""How many partners of each kind every region has (Tabel 2.1 of the monitor, seeds 004)."""

import random

from .bijlage_a import AMSTELLAND_NUMBER, BIJLAGE_A, RegionSeed
from .breakers import breaks
from .figures import ALL_KINDS, PARTNERS_MAX, PARTNERS_MIN, TOTAL_KINDS
from .maths import spread
from .state import State

Counts = dict[str, int]  # kind -> number of partners

AMSTELLAND_COUNTS: Counts = {
    "vmbo": 4,
    "mbo": 2,
    "company": 10,
    "po": 4,
    "vso_pro": 0,
    "hbo": 0,
    "municipality": 5,
}
# The kinds swapped between regions to reach the extremes, as often as they are listed.
_SWAPPED = ("vmbo", "company", "company", "mbo", "vso_pro", "municipality", "po", "po", "hbo")


def partner_counts_71(state: State) -> list[Counts]:
    """Per-kind counts for the 71 regions with the totals of Tabel 2.1, arranged so that the
    region totals run from exactly 8 to exactly 108 (with and without po)."""
    rng = state.rng
    n = len(BIJLAGE_A)
    lists = _kind_columns(rng, n)
    counts = [{kind: lists[kind][i] for kind in ALL_KINDS} for i in range(n)]
    frozen = _bonaire(counts)
    if _reach_extremes(rng, counts, frozen):
        raise RuntimeError(f"seed {state.seed}: partner counts did not reach 8–108")
    return counts


def _kind_columns(rng: random.Random, n: int) -> dict[str, list[int]]:
    """Per kind the counts of the ``n`` regions: the extremes and totals of Tabel 2.1, shuffled."""
    lists = {
        "vmbo": [2, 2, 2, 2, 35] + spread(rng, n - 5, 531 - 43, 3, 34, 0.55),
        "mbo": [1] * 29 + [2] * 26 + [3] * 9 + [4] * 7,
        "company": [1, 84] + spread(rng, n - 2, 922 - 85, 2, 83, 0.8),
        "po": [1] * 6 + [26] + spread(rng, 16, 129 - 32, 2, 25, 0.6),
        "vso_pro": [1, 6] + spread(rng, 32, 68 - 7, 1, 5, 0.5),
        "hbo": [1, 1, 2],
        "municipality": [2, 9] + spread(rng, 40, 118 - 11, 2, 8, 0.5),
    }
    for values in lists.values():
        values.extend([0] * (n - len(values)))
        rng.shuffle(values)
    return lists


def _bonaire(counts: list[Counts]) -> set[tuple[int, str]]:
    """Bonaire (BES): one mbo (its own school), no hbo and no municipality (an openbaar
    lichaam), no po. Returns the (region, kind) counts that may not be swapped any more."""
    frozen: set[tuple[int, str]] = set()
    bes = next(i for i, s in enumerate(BIJLAGE_A) if s.province == "BES")
    for kind, value in (("mbo", 1), ("hbo", 0), ("municipality", 0), ("po", 0)):
        j = next(j for j in range(len(counts)) if counts[j][kind] == value)
        counts[bes][kind], counts[j][kind] = counts[j][kind], counts[bes][kind]
        frozen.add((bes, kind))
    return frozen


def _badness(counts: list[Counts]) -> int:
    """How far the smallest and largest region totals are from 8 and 108, with and without po."""
    base = [sum(c[k] for k in TOTAL_KINDS) for c in counts]
    with_po = [b + c["po"] for b, c in zip(base, counts, strict=True)]
    return (
        abs(min(base) - PARTNERS_MIN)
        + abs(max(base) - PARTNERS_MAX)
        + abs(min(with_po) - PARTNERS_MIN)
        + abs(max(with_po) - PARTNERS_MAX)
    )


def _reach_extremes(rng: random.Random, counts: list[Counts], frozen: set) -> int:
    """Swap one kind's counts between two regions while that brings the totals no further from
    8–108; returns the badness left (0: reached)."""
    n = len(counts)
    score = _badness(counts)
    for _ in range(200_000):
        if score == 0:
            break
        kind = rng.choice(_SWAPPED)
        i, j = rng.randrange(n), rng.randrange(n)
        if i == j or (i, kind) in frozen or (j, kind) in frozen:
            continue
        counts[i][kind], counts[j][kind] = counts[j][kind], counts[i][kind]
        new = _badness(counts)
        if new <= score:
            score = new
        else:
            counts[i][kind], counts[j][kind] = counts[j][kind], counts[i][kind]
    return score


def partner_counts_extra(state: State, seed: RegionSeed, sample: list[Counts]) -> Counts:
    """Counts for a region outside Bijlage A: drawn per kind from the 71, within 8–108."""
    if seed.number == AMSTELLAND_NUMBER:
        return dict(AMSTELLAND_COUNTS)
    sto = "STO" + seed.number
    while True:
        counts = {kind: state.rng.choice(sample)[kind] for kind in ALL_KINDS}
        counts["company"] = max(3, min(40, counts["company"]))
        counts["vmbo"] = max(3, min(15, counts["vmbo"]))
        counts["hbo"] = 0
        if breaks(sto, "min_vmbo_locations"):
            counts["vmbo"] = 2
        if breaks(sto, "min_mbo"):
            counts["mbo"] = 1
        total = sum(counts[k] for k in TOTAL_KINDS)
        if PARTNERS_MIN < total < PARTNERS_MAX and total + counts["po"] < PARTNERS_MAX:
            return counts
