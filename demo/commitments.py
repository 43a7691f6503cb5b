"""Company co-financing of every region: per company, year and form, committed and realised.

A region's companies together commit its co-financing share of the grants of each period (the
share of ``subsidies.cofinancing_71``; the region that breaks ``cofinancing_share`` commits 8 %
over 2025–2028). Each company gives one or two forms; what was realised is known for the years
before ``REFERENCE_DAY``.
"""

import random

from sto.money import to_cents

from .breakers import breaks
from .figures import COFINANCING_MAX, COFINANCING_MIN, REFERENCE_DAY, SUBSIDY_MAX, SUBSIDY_MIN
from .maths import split
from .rows import PERIODS, CofinancingRow, GrantRow
from .state import DemoRegion, State

# The forms of co-financing and how often companies choose each (in this order).
FORMS = ("internships", "company_visits", "guest_lessons", "materials", "hours", "cash", "other")
FORM_ODDS = (30, 18, 20, 16, 12, 2, 2)
# Corona: internships and company visits fell away in 2020–2021 (seeds 003).
REALISED_RANGE = {2020: (0.55, 0.85), 2021: (0.65, 0.95)}
REALISED_RANGE_NORMAL = (0.85, 1.05)


def cofinancing(state: State, region: DemoRegion, grants: list[GrantRow]) -> list[CofinancingRow]:
    rng = state.rng
    companies = state.members_of_kind(region, "company")
    weight = {m.key: rng.lognormvariate(0, 0.9) for m in companies}
    forms = {key: _forms(rng) for key in weight}
    targets = _targets(rng, region, grants)
    rows = []
    for period in PERIODS:
        years = period.as_model().years
        slots = [(m.key, year) for m in companies for year in years if m.active_in(year)]
        amounts = split(targets[period.code], [weight[k] * rng.uniform(0.8, 1.2) for k, _ in slots])
        for (key, year), amount in zip(slots, amounts, strict=True):
            rows += _commitments(rng, region.sto, key, year, amount, forms[key])
    return rows


def _forms(rng: random.Random) -> list[str]:
    """One form, or two where the second draw differs and a coin says so."""
    first = rng.choices(FORMS, FORM_ODDS)[0]
    second = rng.choices(FORMS, FORM_ODDS)[0]
    return [first] if second == first or rng.random() < 0.5 else [first, second]


def _targets(rng: random.Random, region: DemoRegion, grants: list[GrantRow]) -> dict[str, int]:
    """The co-financing the region's companies commit per period, in euros."""
    grant_by_period: dict[str, int] = {}
    for g in grants:
        grant_by_period[g.period] = grant_by_period.get(g.period, 0) + int(g.amount)
    pct = region.cofinancing_pct
    targets = {
        "2020-2023": round(grant_by_period["2020-2023"] * pct / 100),
        "2024": round(grant_by_period["2024"] * max(8.5, pct * rng.uniform(0.75, 1.0)) / 100),
    }
    if breaks(region.sto, "cofinancing_share"):
        pct_later = 8.0
    else:
        pct_later = max(10.6, pct * rng.uniform(0.85, 1.05))
    targets["2025-2028"] = round(grant_by_period["2025-2028"] * pct_later / 100)
    # The smallest and largest region of Tabel 2.2 have the extremes of Figuur 2.1.
    if region.in_bijlage_a and region.subsidy_2020_2023 == SUBSIDY_MIN:
        targets["2020-2023"] = COFINANCING_MIN
    elif region.in_bijlage_a and region.subsidy_2020_2023 == SUBSIDY_MAX:
        targets["2020-2023"] = COFINANCING_MAX
    return targets


def _commitments(
    rng: random.Random, sto: str, key: str, year: int, amount: int, forms: list[str]
) -> list[CofinancingRow]:
    """A company's ``amount`` for ``year`` split over its forms (65/35), with what it realised."""
    rows = []
    for form, part in zip(forms, split(amount, [0.65, 0.35][: len(forms)]), strict=True):
        if part <= 0:
            continue
        realised = None
        if year < REFERENCE_DAY.year:
            low, high = REALISED_RANGE.get(year, REALISED_RANGE_NORMAL)
            realised = to_cents(round(part * rng.uniform(low, high)))
        rows.append(CofinancingRow(sto, key, year, form, to_cents(part), realised))
    return rows
