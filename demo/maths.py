"""Whole numbers for the demo data set: spread over a range, split in proportion, rounded."""

import math
import random


def spread(rng: random.Random, count: int, total: int, lo: int, hi: int, sigma: float) -> list[int]:
    """``count`` integers in [lo, hi] summing to ``total``, skewed like a log-normal."""
    if count == 0:
        return []
    if not lo * count <= total <= hi * count:
        raise ValueError("spread impossible")
    weights = [rng.lognormvariate(0, sigma) for _ in range(count)]
    scale = (total - lo * count) / sum(weights)
    values = [min(hi, lo + int(w * scale)) for w in weights]
    diff = total - sum(values)
    while diff:
        i = rng.randrange(count)
        if diff > 0 and values[i] < hi:
            values[i] += 1
            diff -= 1
        elif diff < 0 and values[i] > lo:
            values[i] -= 1
            diff += 1
    return values


def split(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` exactly (largest remainder)."""
    if not weights:
        return []
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [math.floor(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def round_to(value: float, zeros: int) -> int:
    """``value`` rounded to a whole number of tens (1), hundreds (2)… as an ``int``."""
    unit = 10**zeros
    return int(round(value / unit)) * unit
