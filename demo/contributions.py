"""Municipal contributions: what each member municipality was asked per year, and what B&W
decided. Most municipalities pay a rate per inhabitant; Amstelland follows seeds 000."""

import datetime as dt
import random
from decimal import Decimal

from sto.money import ZERO, to_cents

from .maths import round_to, split
from .rows import ContributionRow
from .state import DemoRegion, State

AMSTELVEEN = "GM0362"
OUDER_AMSTEL = "GM0437"
DE_RONDE_VENEN = "GM0736"
AMSTELLAND_OLD = "Convenant STO Amstelland 2020-2023: € 45.000 per jaar, verdeeld naar inwonertal"
AMSTELLAND_NEW = "Convenant STO Amstelland 2025-2028"
AMSTELVEEN_NEW = (
    "Convenant STO Amstelland 2025-2028: € 95.892 voor 2025 t/m 2028 (€ 23.973 per jaar)"
)


def contributions(state: State, region: DemoRegion) -> list[ContributionRow]:
    """The contributions of the region's member municipalities (about four in five are asked)."""
    keys = [m.key for m in state.members_of_kind(region, "municipality")]
    if region.is_amstelland:
        return amstelland_contributions(state, region, keys)
    rng = state.rng
    rows = []
    rate = rng.uniform(0.08, 0.3)  # euro per inhabitant per year
    for key in keys:
        if rng.random() > 0.8:
            continue
        rows += _yearly(
            rng, region, key, max(1_000, round_to(state.orgs[key].inhabitants * rate, 1))
        )
    return rows


def _yearly(rng: random.Random, region: DemoRegion, key: str, base: int) -> list[ContributionRow]:
    """One municipality's contributions for 2020–2028 (2024 not always): decided in the autumn
    before the year, 2025–2028 all in autumn 2024; single-year deals leave 2027–2028 open."""
    rows = []
    multi_year = rng.random() < 0.5
    for year in range(2020, 2029):
        if year == 2024 and rng.random() < 0.4:
            continue
        requested = base if year < 2024 else round_to(base * (1.03 if year == 2024 else 1.1), 1)
        purpose = f"Bijdrage aan Sterk Techniekonderwijs {region.seed.name} {year}"
        asked = to_cents(requested)
        if year >= 2027 and not multi_year:
            rows.append(
                ContributionRow(region.sto, key, year, asked, None, "requested", None, purpose)
            )
            continue
        decided = dt.date(min(year - 1, 2024), rng.choice((10, 11, 12)), rng.randint(1, 28))
        status, approved = _decision(rng, requested)
        rows.append(
            ContributionRow(region.sto, key, year, asked, approved, status, decided, purpose)
        )
    return rows


def _decision(rng: random.Random, requested: int) -> tuple[str, Decimal]:
    """Mostly approved; sometimes partly (50–90 %), now and then rejected."""
    roll = rng.random()
    if roll < 0.06:
        return "rejected", ZERO
    if roll < 0.18:
        return "partly_approved", to_cents(round_to(requested * rng.uniform(0.5, 0.9), 1))
    return "approved", to_cents(requested)


def amstelland_contributions(
    state: State, region: DemoRegion, keys: list[str]
) -> list[ContributionRow]:
    """Seeds 000: € 45.000 a year split by inhabitants in 2020–2023, Amstelveen € 19.414;
    for 2025–2028 Amstelveen € 23.973 a year (€ 95.892), decided by B&W on 24 Sept 2024."""
    others = [k for k in keys if k != AMSTELVEEN]
    old = dict(
        zip(
            others,
            split(45_000 - 19_414, [state.orgs[k].inhabitants for k in others]),
            strict=True,
        )
    )
    old[AMSTELVEEN] = 19_414
    rows = []
    for key in keys:
        amount = to_cents(old[key])
        for year in range(2020, 2024):
            rows.append(
                ContributionRow(
                    region.sto,
                    key,
                    year,
                    amount,
                    amount,
                    "approved",
                    dt.date(2019, 12, 10),
                    AMSTELLAND_OLD,
                )
            )
        new = 23_973 if key == AMSTELVEEN else round(old[key] * 23_973 / 19_414)
        for year in range(2025, 2029):
            requested = to_cents(new)
            approved, status, decided, purpose = _amstelland_decision(
                key, year, requested, old[key]
            )
            rows.append(
                ContributionRow(
                    region.sto, key, year, requested, approved, status, decided, purpose
                )
            )
    return rows


def _amstelland_decision(
    key: str, year: int, requested: Decimal, old: int
) -> tuple[Decimal | None, str, dt.date | None, str]:
    """(approved, status, decided on, purpose) of an Amstelland contribution for 2025–2028."""
    if key == AMSTELVEEN and year >= 2027:
        # B&W agreed to the convenant; the yearly contributions for 2027 and 2028 are still to
        # be approved, which the demo officer of Amstelveen can do.
        return None, "requested", None, AMSTELVEEN_NEW
    if key == AMSTELVEEN:
        return requested, "approved", dt.date(2024, 9, 24), AMSTELVEEN_NEW
    if key == OUDER_AMSTEL:  # keeps its old amount
        return to_cents(old), "partly_approved", dt.date(2024, 9, 17), AMSTELLAND_NEW
    if key == DE_RONDE_VENEN and year >= 2027:  # decides on 2027–2028 later
        return None, "requested", None, AMSTELLAND_NEW
    return requested, "approved", dt.date(2024, 9, 17), AMSTELLAND_NEW
