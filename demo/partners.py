"""The partners of every region: who is a member since when, and the history of who left.

``build_region`` makes a region's partners from its counts (``partner_counts``), kind by kind:
municipalities first (their names are the region's towns), the vmbo locations with the
penvoerder, mbo institutions from the province and its neighbours, companies, then po, vso/pro
and hbo. ``add_history`` and ``add_double_membership`` then change memberships across regions.
"""

import datetime as dt

from . import names
from .bijlage_a import AMSTELLAND_MUNICIPALITIES, MUNICIPALITIES
from .breakers import DOUBLE_HOME, DOUBLE_OTHER, breaks, breaks_any
from .figures import START, TECHNICAL
from .organisations import (
    company,
    former_primary_school,
    invented_municipality,
    municipality,
    primary_school,
    school_name,
    special_school,
    vmbo_profiles,
)
from .state import DemoRegion, Member, Org, State

AMSTELLAND_SCHOOLS = (
    ("Alkwin Kollege", "Uithoorn", ()),
    ("Wellant vmbo Aalsmeer", "Aalsmeer", ()),
    ("Veenlanden College", "Mijdrecht", ("BWI",)),
)
AMSTELLAND_MBO = ("ROC van Amsterdam", "ROC Midden Nederland")
LATE_COMPANY_STARTS = (
    dt.date(2021, 1, 1),
    dt.date(2021, 9, 1),
    dt.date(2022, 1, 1),
    dt.date(2023, 1, 1),
)
LEFT_ON = (
    dt.date(2021, 12, 31),
    dt.date(2022, 7, 31),
    dt.date(2022, 12, 31),
    dt.date(2023, 12, 31),
)
MBO_LEFT_ON = dt.date(2024, 7, 31)  # rule breaker min_mbo


def _join(region: DemoRegion, org: Org, start: dt.date = START, end: dt.date | None = None) -> None:
    region.members.append(Member(org.key, start, end))


def build_region(state: State, region: DemoRegion) -> None:
    region.towns = _municipalities(state, region)
    lead = _lead(state, region)
    if region.is_amstelland:
        _amstelland_schools(state, region, lead)
    else:
        _vmbo_schools(state, region)
        _technical_locations(state, region)
    _mbo(state, region)
    _companies(state, region)
    for _ in range(region.counts["po"]):
        org = primary_school(state, state.rng.choice(region.towns))
        late = state.rng.random() < 0.1
        _join(region, org, start=dt.date(2022, 8, 1) if late else START)
    for _ in range(region.counts["vso_pro"]):
        _join(region, special_school(state, state.rng.choice(region.towns)))
    hbo = list(names.HBO_INSTITUTIONS)
    state.rng.shuffle(hbo)
    for name in hbo[: region.counts["hbo"]]:
        _join(region, state.shared_org("hbo", name, region.seed.city))


def _municipalities(state: State, region: DemoRegion) -> list[str]:
    """The region's municipalities as members; returns its towns (the penvoerder's city first)."""
    towns = [region.seed.city]
    if region.is_amstelland:
        for code, name, inhabitants in AMSTELLAND_MUNICIPALITIES:
            _join(region, municipality(state, code, name, inhabitants))
            towns.append(name)
        return towns
    if not region.counts["municipality"]:
        return towns
    home = MUNICIPALITIES.get(region.seed.city)
    if home:
        _join(region, municipality(state, *home))
    for _ in range(region.counts["municipality"] - (1 if home else 0)):
        org = invented_municipality(state)
        _join(region, org)
        towns.append(org.city)
    return towns


def _lead(state: State, region: DemoRegion) -> Org:
    """The penvoerder: location 00 of its own BRIN, with a technical profile unless the region
    breaks ``lead_technical_vmbo``."""
    seed = region.seed
    lead = state.add_org(Org(state.brin() + "00", "vmbo", seed.penvoerder, seed.city))
    state.used_names.add(seed.penvoerder)
    lead.profiles, lead.nontech = vmbo_profiles(state, region, lead=True)
    if breaks(region.sto, "lead_technical_vmbo"):
        lead.profiles = []
    region.lead_key = lead.key
    _join(region, lead)
    return lead


def _amstelland_schools(state: State, region: DemoRegion, lead: Org) -> None:
    """Seeds 000: the vmbo schools of Amstelland."""
    lead.profiles = ["PIE"]
    for name, town, profiles in AMSTELLAND_SCHOOLS:
        org = state.add_org(Org(state.brin() + "00", "vmbo", name, town, profiles=list(profiles)))
        org.nontech = ["Groen"] if "Wellant" in name else ["D&P", "E&O"]
        state.used_names.add(name)
        _join(region, org)


def _vmbo_schools(state: State, region: DemoRegion) -> None:
    """Schools of 1–3 locations until the region has its number of vmbo locations.
    DOUBLE_OTHER's last vmbo slot is the location it shares with DOUBLE_HOME."""
    rng = state.rng
    remaining = region.counts["vmbo"] - 1 - (1 if region.sto == DOUBLE_OTHER else 0)
    while remaining > 0:
        size = min(remaining, rng.choice((1, 1, 1, 2, 2, 3)))
        school = school_name(state, region)
        brin = state.brin()
        locations = rng.sample(names.SCHOOL_LOCATIONS, k=size)
        for n, location in enumerate(locations):
            name = school if size == 1 else f"{school}, locatie {location}"
            org = state.add_org(Org(f"{brin}{n:02d}", "vmbo", name, rng.choice(region.towns)))
            org.profiles, org.nontech = vmbo_profiles(state, region, lead=False)
            _join(region, org)
        remaining -= size


def _technical_locations(state: State, region: DemoRegion) -> None:
    """Condition c (seeds 004 §2): a techniekregio has at least two vmbo locations with a
    technical profile; the region that breaks ``min_vmbo_locations`` keeps only the lead's."""
    vmbo = [state.orgs[m.key] for m in state.members_of_kind(region, "vmbo")]
    if breaks(region.sto, "min_vmbo_locations"):
        for org in vmbo[1:]:
            org.profiles = []
        return
    if region.seed.kind != "techniek":
        return
    needed = 2 - sum(1 for org in vmbo if org.profiles)
    for org in vmbo:
        if needed <= 0:
            break
        if not org.profiles:
            org.profiles = state.rng.sample(TECHNICAL, k=1)
            needed -= 1


def _mbo(state: State, region: DemoRegion) -> None:
    """mbo institutions from the region's province first, then the neighbours (condition g)."""
    seed = region.seed
    if region.is_amstelland:
        pool = list(AMSTELLAND_MBO)
    else:
        own = list(names.MBO_BY_PROVINCE[seed.province])
        state.rng.shuffle(own)
        near = [n for p in names.NEIGHBOURS[seed.province] for n in names.MBO_BY_PROVINCE[p]]
        state.rng.shuffle(near)
        pool = list(dict.fromkeys(own + near))
    end = MBO_LEFT_ON if breaks(region.sto, "min_mbo") else None
    for name in pool[: region.counts["mbo"]]:
        _join(region, state.shared_org("mbo", name, seed.city), end=end)


def _companies(state: State, region: DemoRegion) -> None:
    """Mostly local companies, now and then a sector organisation that is in several regions;
    a few joined later."""
    rng = state.rng
    sector_used: set[str] = set()
    for n in range(region.counts["company"]):
        if region.seed.province != "BES" and n and rng.random() < 0.06:
            name = rng.choice(names.SECTOR_ORGANISATIONS)
            if name not in sector_used:
                sector_used.add(name)
                _join(region, state.shared_org("company", name, "Utrecht"))
                continue
        org = company(state, region, rng.choice(region.towns))
        late = n > 0 and rng.random() < 0.06
        _join(region, org, start=rng.choice(LATE_COMPANY_STARTS) if late else START)


# --- across regions ------------------------------------------------------------------------


def add_history(state: State, regions: list[DemoRegion], keep_exact: set[str]) -> None:
    """Members that left before 2024, and one vmbo location that moved to another region.

    Regions in ``keep_exact``, Bonaire, the rule breakers and Amstelland keep their members as
    they are."""
    rng = state.rng
    eligible = [
        r
        for r in regions
        if r.sto not in keep_exact
        and r.seed.province != "BES"
        and not breaks_any(r.sto)
        and not r.is_amstelland
    ]
    for region in rng.sample(eligible, k=18):
        org = company(state, region, rng.choice(region.towns))
        region.members.append(Member(org.key, START, rng.choice(LEFT_ON)))
    for region in rng.sample(eligible, k=4):
        org = former_primary_school(state, rng.choice(region.towns))
        region.members.append(Member(org.key, START, dt.date(2022, 7, 31)))
    _move_a_location(state, [r for r in eligible if r.seed.kind == "techniek"])


def _move_a_location(state: State, techniek: list[DemoRegion]) -> None:
    """A vmbo location leaves region A on 31 July 2022 and joins region B the next day: never
    in two regions at once (condition f). Region B keeps two technical locations without it."""
    for _ in range(100):
        a, b = state.rng.sample(techniek, k=2)
        vmbo = state.members_of_kind(b, "vmbo")
        movable = [m for m in vmbo if m.key != b.lead_key and m.end is None]
        tech = [m for m in vmbo if state.orgs[m.key].profiles]
        candidates = [m for m in movable if len([t for t in tech if t is not m]) >= 2]
        if candidates:
            moved = candidates[0]
            moved.start = dt.date(2022, 8, 1)
            a.members.append(Member(moved.key, START, dt.date(2022, 7, 31)))
            return


def add_double_membership(state: State, by_sto: dict[str, DemoRegion]) -> None:
    """Rule breaker ``vmbo_single_region``: a location of Helmond also joins Noord-Limburg."""
    home, other = by_sto[DOUBLE_HOME], by_sto[DOUBLE_OTHER]
    location = next(m for m in state.members_of_kind(home, "vmbo") if m.key != home.lead_key)
    other.members.append(Member(location.key, dt.date(2023, 8, 1)))
