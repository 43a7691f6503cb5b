"""The organisations of the demo data set: keys, plausible Dutch names, profiles, inhabitants.

Each function makes one organisation and registers it in ``State``; the names come from the
word lists of ``names`` and never repeat.
"""

import math

from . import names
from .figures import NON_TECHNICAL, TECHNICAL
from .state import DemoRegion, Org, State


def municipality(state: State, code: str, name: str, inhabitants: int) -> Org:
    """A real municipality (CBS code), made once even when several regions have it."""
    if code in state.orgs:
        return state.orgs[code]
    state.used_names.add(f"Gemeente {name}")
    return state.add_org(
        Org(code, "municipality", f"Gemeente {name}", name, inhabitants=inhabitants)
    )


def invented_municipality(state: State) -> Org:
    rng = state.rng

    def make() -> str:
        return (
            f"Gemeente {rng.choice(names.MUNICIPALITY_FIRST)}{rng.choice(names.MUNICIPALITY_LAST)}"
        )

    name = state.unique_name(make, "aan Zee")
    town = name.removeprefix("Gemeente ")
    inhabitants = int(rng.lognormvariate(math.log(24_000), 0.5)) // 100 * 100 + 100
    return state.add_org(Org(state.gm_code(), "municipality", name, town, inhabitants=inhabitants))


def vmbo_profiles(state: State, region: DemoRegion, lead: bool) -> tuple[list[str], list[str]]:
    """The technical and the other profiles a vmbo location offers. The penvoerder always has a
    technical profile (except the rule breaker, see ``partners``); in a techniekarme regio few
    locations have one."""
    rng = state.rng
    arm = region.techniekarm
    technical = lead or rng.random() < (0.25 if arm else 0.82)
    profiles: list[str] = []
    if technical:
        k = 1 if arm else rng.choice((1, 1, 2, 2, 3))
        profiles = rng.sample(TECHNICAL, k=k)
    nontech = rng.sample(NON_TECHNICAL, k=rng.choice((1, 2, 2, 3)))
    if "D&P" not in nontech and rng.random() < 0.5:
        nontech[0] = "D&P"
    return profiles, list(dict.fromkeys(nontech))


def school_name(state: State, region: DemoRegion) -> str:
    rng = state.rng

    def make() -> str:
        return rng.choice(names.SCHOOL_PATTERNS).format(name=rng.choice(names.SCHOOL_NAMES))

    return state.unique_name(make, region.seed.city)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def company_name(state: State, region: DemoRegion, town: str) -> str:
    rng = state.rng

    def make() -> str:
        sector = rng.choice(names.COMPANY_SECTORS)
        form = rng.choice(names.COMPANY_FORMS)
        p = rng.random()
        if p < 0.55:
            return f"{_cap(rng.choice(names.SURNAMES))} {sector}{form}"
        if p < 0.72:
            return f"{town} {sector}{form}"
        if p < 0.88:
            acronym = "".join(rng.choice("ABDEGHKLMNPRSTVW") for _ in range(rng.choice((2, 3))))
            return f"{acronym} {sector}{form}"
        return f"{sector} {region.seed.name}{form}"

    return state.unique_name(make, town)


def company(state: State, region: DemoRegion, town: str) -> Org:
    """A local company (its KvK number drawn before its name)."""
    key = state.kvk()
    return state.add_org(Org(key, "company", company_name(state, region, town), town))


def primary_school(state: State, town: str) -> Org:
    rng = state.rng

    def make() -> str:
        return f"{rng.choice(names.PO_PREFIXES)} {rng.choice(names.PO_NAMES)} {town}"

    key = state.brin() + "00"
    return state.add_org(Org(key, "po", state.unique_name(make, "Noord"), town))


def special_school(state: State, town: str) -> Org:
    """A praktijkschool (pro) or a school for special secondary education (vso)."""
    rng = state.rng
    if rng.random() < 0.5:
        kind = "pro"

        def make() -> str:
            return f"Praktijkschool {town}"
    else:
        kind = "vso"

        def make() -> str:
            return f"VSO {rng.choice(names.VSO_NAMES)} {town}"

    key = state.brin() + "00"
    return state.add_org(Org(key, kind, state.unique_name(make, "Zuid"), town))


def former_primary_school(state: State, town: str) -> Org:
    rng = state.rng

    def make() -> str:
        return f"Basisschool {rng.choice(names.PO_NAMES)} {town}"

    key = state.brin() + "00"
    return state.add_org(Org(key, "po", state.unique_name(make, "West"), town))
