"""Student counts of every vmbo location on 1 October 2019–2025, per profile and learning path.

Technical students (BB/KB/GL) per region follow the subsidy: about € 12.000–20.000 of
investment per technical student (seeds 004 §2.2). A location counts in one region only: the
first it is a member of.
"""

import datetime as dt
import random

from .breakers import breaks
from .figures import PATHS, REFERENCE_DATES, TECHNICAL
from .rows import StudentCountRow
from .state import DemoRegion, Org, State

Cell = tuple[str, str, str, dt.date]  # organisation key, profile, learning path, reference date

PATH_SHARE = {"BB": 0.3, "KB": 0.38, "GL": 0.32}


def student_counts(state: State, regions: list[DemoRegion]) -> list[StudentCountRow]:
    home = _home_regions(state, regions)
    tech_base, nontech_base = _base_sizes(state, regions, home)
    cells: dict[Cell, int] = {}
    for key in home:
        org = state.orgs[key]
        cells.update(
            _location_cells(state.rng, org, tech_base.get(key, 0), nontech_base.get(key, 0))
        )
    for region in regions:
        if region.techniekarm:
            _keep_techniekarm_share(state, region, cells)
    return [
        StudentCountRow(key, ref, profile, path, students)
        for (key, profile, path, ref), students in cells.items()
    ]


def _home_regions(state: State, regions: list[DemoRegion]) -> dict[str, DemoRegion]:
    """Every vmbo location with the first region it is a member of."""
    home: dict[str, DemoRegion] = {}
    for region in regions:
        for member in state.members_of_kind(region, "vmbo"):
            home.setdefault(member.key, region)
    return home


def _base_sizes(
    state: State, regions: list[DemoRegion], home: dict[str, DemoRegion]
) -> tuple[dict[str, float], dict[str, float]]:
    """Per location the technical and the other students of 2019, before the yearly trend."""
    rng = state.rng
    tech_base: dict[str, float] = {}
    nontech_base: dict[str, float] = {}
    for region in regions:
        locations = [m.key for m in region.members if home.get(m.key) is region]
        tech_locations = [k for k in locations if state.orgs[k].profiles]
        technical_students = region.subsidy_2020_2023 * 1.15 / rng.uniform(12_000, 20_000)
        # ≈ 7–8 % technical in a techniekarme regio
        ratio = rng.uniform(11.0, 14.0) if region.techniekarm else rng.uniform(2.0, 3.2)
        weights = [rng.lognormvariate(0, 0.5) for _ in tech_locations]
        for key, w in zip(tech_locations, weights, strict=True):
            tech_base[key] = technical_students * w / sum(weights)
        weights = [rng.lognormvariate(0, 0.5) for _ in locations]
        for key, w in zip(locations, weights, strict=True):
            nontech_base[key] = technical_students * ratio * w / sum(weights)
    return tech_base, nontech_base


def _location_cells(
    rng: random.Random, org: Org, tech_base: float, nontech_base: float
) -> dict[Cell, int]:
    """One location's counts on every reference date: technical students grow 1.2 % a year,
    the others shrink 0.5 % a year."""
    cells: dict[Cell, int] = {}
    tech_profiles = [p for p in TECHNICAL if p in org.profiles]
    profile_weights = {p: rng.uniform(0.6, 1.4) for p in tech_profiles + org.nontech}
    for ref in REFERENCE_DATES:
        years = ref.year - 2019
        tech_total = tech_base * (1.012**years) * rng.uniform(0.94, 1.06)
        non_total = nontech_base * (0.995**years) * rng.uniform(0.94, 1.06)
        for group, total in ((tech_profiles, tech_total), (org.nontech, non_total)):
            weight_sum = sum(profile_weights[p] for p in group)
            for profile in group:
                for path in PATHS:
                    share = profile_weights[profile] / weight_sum * PATH_SHARE[path]
                    students = max(1, round(total * share * rng.uniform(0.85, 1.15)))
                    cells[(org.key, profile, path, ref)] = students
    return cells


def _keep_techniekarm_share(state: State, region: DemoRegion, cells: dict[Cell, int]) -> None:
    """``techniekarm_share``: a techniekarme regio stays at or below 10 % technical students on
    every reference date, except the one that breaks it on purpose (above 12 %)."""
    breaker = breaks(region.sto, "techniekarm_share")
    keys = {m.key for m in state.members_of_kind(region, "vmbo")}
    region_cells = [c for c in cells if c[0] in keys]
    for ref in REFERENCE_DATES:
        at_ref = [c for c in region_cells if c[3] == ref]
        technical = [c for c in at_ref if c[1] in TECHNICAL]
        for _ in range(20):
            share = sum(cells[c] for c in technical) / sum(cells[c] for c in at_ref)
            if (breaker and share > 0.12) or (not breaker and share <= 0.09):
                break
            factor = (0.13 if breaker else 0.085) / share
            for cell in technical:
                cells[cell] = max(1, round(cells[cell] * factor))
