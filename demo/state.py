"""What the demo generator keeps while it builds: the random source, the organisations so far
with their keys and names, and per region its plan (counts, money, members).

Everything is drawn from the one ``random.Random(seed)`` of ``State``, in a fixed order, so the
same seed always gives the same data set.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from regions.models import Membership

from . import names
from .bijlage_a import AMSTELLAND_MUNICIPALITIES, AMSTELLAND_NUMBER, MUNICIPALITIES, RegionSeed
from .figures import TECHNICAL
from .rows import MembershipRow, OrganisationRow


@dataclass
class Org:
    key: str
    kind: str
    name: str
    city: str
    profiles: list[str] = field(default_factory=list)  # technical profiles (vmbo)
    inhabitants: int | None = None
    nontech: list[str] = field(default_factory=list)  # non-technical profiles offered (vmbo)

    def row(self) -> OrganisationRow:
        ordered = [p for p in TECHNICAL if p in self.profiles]
        return OrganisationRow(
            self.key, self.kind, self.name, self.city, ";".join(ordered), self.inhabitants
        )


@dataclass(eq=False)  # two memberships with the same dates are still two
class Member:
    key: str  # the organisation's
    start: dt.date
    end: dt.date | None = None

    def overlaps(self, first_day: dt.date, last_day: dt.date) -> bool:
        """A partner at any moment from ``first_day`` to ``last_day``: the test of
        ``Membership.overlaps``, which reads only ``start`` and ``end``, applied to this row
        (without making a model instance for each of the thousands of tests)."""
        return Membership.overlaps(self, first_day, last_day)

    def active_in(self, year: int) -> bool:
        return self.overlaps(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def row(self, sto_number: str) -> MembershipRow:
        return MembershipRow(sto_number, self.key, self.start, self.end)


@dataclass
class DemoRegion:
    """One region while it is built: its partner counts, its money and its members."""

    seed: RegionSeed
    counts: dict[str, int]  # partners per kind (figures.ALL_KINDS)
    in_bijlage_a: bool
    subsidy_2020_2023: int = 0
    cofinancing_pct: float = 0.0
    lead_key: str = ""
    members: list[Member] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)

    @property
    def sto(self) -> str:
        return "STO" + self.seed.number

    @property
    def is_amstelland(self) -> bool:
        return self.seed.number == AMSTELLAND_NUMBER

    @property
    def techniekarm(self) -> bool:
        return self.seed.kind == "techniekarm"


def _brin_pool(rng: random.Random) -> list[str]:
    """Every BRIN number the data set may use (2 digits, 2 letters), in a random order."""
    letters = sorted(names.INITIALS + "QUVXYZ")
    pool = [f"{d:02d}{a}{b}" for d in range(100) for a in letters for b in letters]
    rng.shuffle(pool)
    return pool


class State:
    """The random source and the organisations made so far, with unique keys and names."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.orgs: dict[str, Org] = {}
        self.by_name: dict[tuple[str, str], str] = {}  # (kind, name) -> key of shared orgs
        self.used_names: set[str] = set()
        self.brin_pool = _brin_pool(self.rng)
        self.used_kvk: set[str] = set()
        self.used_gm: set[str] = {code for code, _, _ in MUNICIPALITIES.values()} | {
            code for code, _, _ in AMSTELLAND_MUNICIPALITIES
        }
        self.signatories: dict[str, tuple[str, str]] = {}  # key -> (name, function)

    # -- keys -----------------------------------------------------------------------------------

    def brin(self) -> str:
        return self.brin_pool.pop()

    def kvk(self) -> str:
        while True:
            key = f"{self.rng.randrange(10_000_000, 100_000_000):08d}"
            if key not in self.used_kvk:
                self.used_kvk.add(key)
                return key

    def gm_code(self) -> str:
        # Invented municipalities get codes above the CBS range in use (GM0003–GM1999).
        while True:
            key = f"GM{self.rng.randrange(5000, 10000):04d}"
            if key not in self.used_gm:
                self.used_gm.add(key)
                return key

    # -- names ----------------------------------------------------------------------------------

    def unique_name(self, make, fallback_suffix: str) -> str:
        """A name from ``make()`` that no organisation has yet; after twelve tries the last one
        with ``fallback_suffix`` (and a number, if need be)."""
        for _ in range(12):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        n = 2
        while f"{name} {fallback_suffix}{'' if n == 2 else n}" in self.used_names:
            n += 1
        name = f"{name} {fallback_suffix}{'' if n == 2 else n}"
        self.used_names.add(name)
        return name

    def person(self) -> str:
        rng = self.rng
        initials = "".join(f"{rng.choice(names.INITIALS)}." for _ in range(rng.choice((1, 1, 2))))
        return f"{initials} {rng.choice(names.SURNAMES)}"

    # -- organisations --------------------------------------------------------------------------

    def add_org(self, org: Org) -> Org:
        assert org.key not in self.orgs, org.key
        self.orgs[org.key] = org
        return org

    def shared_org(self, kind: str, name: str, city: str) -> Org:
        """The one organisation of ``kind`` called ``name``, made the first time it is asked."""
        key = self.by_name.get((kind, name))
        if key is not None:
            return self.orgs[key]
        org = self.add_org(
            Org(self.brin() if kind in ("mbo", "hbo") else self.kvk(), kind, name, city)
        )
        self.by_name[(kind, name)] = org.key
        self.used_names.add(name)
        return org

    def kind(self, member: Member) -> str:
        return self.orgs[member.key].kind

    def members_of_kind(self, region: DemoRegion, kind: str) -> list[Member]:
        return [m for m in region.members if self.orgs[m.key].kind == kind]
