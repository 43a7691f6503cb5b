"""Build the national demo data set in memory: plain rows keyed by natural keys, no database.

The numbers follow the monitor of the 71 approved plans (seeds 004):

- partners per region (Tabel 2.1): vmbo 2–35 (531 in all), mbo 1–4 (29×1, 26×2, 9×3, 7×4),
  companies 1–84 (922), po in 23 regions (129), vso/pro in 34 regions (68), hbo in 3 regions (4),
  municipalities in 42 regions (118); per region 8–108 partners without po, mean ≈ 25;
- subsidy 2020–2023 per region (Tabel 2.2): € 1.399.000 – € 19.130.000, € 347.983.000 in all;
- company co-financing as a share of that subsidy (Figuur 2.1): 46 regions 10–15 %, 12 regions
  15–20 %, 8 regions 20–25 %, 5 regions above 25 % of which one at 47 %; € 175.000 – € 3.140.000
  per region, ≈ € 52 M in all.

Everything is drawn from one ``random.Random(seed)`` in a fixed order, so the same seed always
gives the same rows. "Today" for the data set is ``REFERENCE_DAY``: co-financing is realised up to
the year before, annual reports are in up to that year's previous year, later municipal
contributions are still requested.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from regions.identifiers import validate_organisation_key

from . import names
from .bijlage_a import (
    AMSTELLAND_MUNICIPALITIES,
    AMSTELLAND_NUMBER,
    BIJLAGE_A,
    EXTRA_REGIONS,
    MUNICIPALITIES,
    RegionSeed,
)

DEFAULT_SEED = 2020
REFERENCE_DAY = dt.date(2026, 11, 1)
START = dt.date(2020, 1, 1)

TECHNICAL = ("BWI", "PIE", "M&T", "MaT", "MVI")
NON_TECHNICAL = ("D&P", "E&O", "Z&W", "HBR", "Groen")
PATHS = ("BB", "KB", "GL")
REFERENCE_DATES = tuple(dt.date(year, 10, 1) for year in range(2019, 2026))

# Kinds counted in the region totals of Tabel 2.1 (po is left out there, see its note "#").
TOTAL_KINDS = ("vmbo", "mbo", "company", "vso_pro", "hbo", "municipality")
ALL_KINDS = (*TOTAL_KINDS, "po")

SUBSIDY_TOTAL_71 = 347_983_000
SUBSIDY_MIN = 1_399_000
SUBSIDY_MAX = 19_130_000
COFINANCING_TOTAL_71 = 52_022_000
COFINANCING_MIN = 175_000
COFINANCING_MAX = 3_140_000
PARTNERS_MIN = 8
PARTNERS_MAX = 108
# 2025–2028: techniekregio's share at most € 368.640.080, a techniekluwe regio at most € 4 M.
TECHNIEK_BUDGET_2025_2028 = 360_000_000
TECHNIEKARM_MAX_2025_2028 = 4_000_000

SIGNING_DEADLINES = {
    "2020-2023": dt.date(2019, 10, 1),
    "2024": dt.date(2023, 11, 1),
    "2025-2028": dt.date(2024, 10, 1),  # seeds 000: sign before 1 October 2024
}


class PeriodRow(NamedTuple):
    code: str
    start_year: int
    end_year: int
    min_cofinancing_pct: Decimal


PERIODS = (
    PeriodRow("2020-2023", 2020, 2023, Decimal("7.5")),
    PeriodRow("2024", 2024, 2024, Decimal("7.5")),
    PeriodRow("2025-2028", 2025, 2028, Decimal("10")),
)
PERIOD_OF_YEAR = {year: p.code for p in PERIODS for year in range(p.start_year, p.end_year + 1)}


class OrganisationRow(NamedTuple):
    key: str
    kind: str
    name: str
    city: str
    technical_profiles: str
    inhabitants: int | None


class RegionRow(NamedTuple):
    sto_number: str
    name: str
    kind: str
    lead_key: str


class MembershipRow(NamedTuple):
    sto_number: str
    organisation_key: str
    start: dt.date
    end: dt.date | None


class StudentCountRow(NamedTuple):
    organisation_key: str
    reference_date: dt.date
    profile: str
    learning_path: str
    students: int


class GrantRow(NamedTuple):
    sto_number: str
    period: str
    year: int
    amount: Decimal


class CofinancingRow(NamedTuple):
    sto_number: str
    organisation_key: str
    year: int
    form: str
    committed: Decimal
    realised: Decimal | None


class ContributionRow(NamedTuple):
    sto_number: str
    organisation_key: str
    year: int
    requested: Decimal
    approved: Decimal | None
    status: str
    decided_on: dt.date | None
    purpose: str


class ConvenantRow(NamedTuple):
    sto_number: str
    period: str
    title: str
    starts: dt.date
    ends: dt.date
    signing_deadline: dt.date


class SignatureRow(NamedTuple):
    sto_number: str
    period: str
    organisation_key: str
    signed_on: dt.date | None
    signatory: str
    function: str


class AnnualReportRow(NamedTuple):
    sto_number: str
    year: int
    submitted_on: dt.date
    activities: str


class RuleBreaker(NamedTuple):
    sto_numbers: tuple[str, ...]
    rule: str
    description: str


# The regions that break a rule on purpose (docs/interfaces.md §3), with what they do wrong.
RULE_BREAKERS: tuple[RuleBreaker, ...] = (
    RuleBreaker(
        ("STO19012",),
        "min_vmbo_locations",
        "Parkstad: maar één vmbo-vestiging met een technisch profiel",
    ),
    RuleBreaker(
        ("STO19041",),
        "min_mbo",
        "Rivierenland: de enige mbo-instelling is op 31 juli 2024 uitgetreden",
    ),
    RuleBreaker(
        ("STO19056",),
        "cofinancing_share",
        "Oss en Maasland: 8 % cofinanciering over 2025-2028 (minimum 10 %)",
    ),
    RuleBreaker(
        ("STO19062", "STO19067"),
        "vmbo_single_region",
        "een vmbo-vestiging van Helmond is sinds 1 augustus 2023 ook lid van Noord-Limburg",
    ),
    RuleBreaker(
        ("STO19070",), "lead_technical_vmbo", "Enschede: de penvoerder heeft geen technisch profiel"
    ),
    RuleBreaker(
        ("STO19047",),
        "convenant_unsigned",
        "Gelderse Vallei: twee bedrijven hebben het convenant 2025-2028 niet getekend (deadline 1 oktober 2024)",
    ),
    RuleBreaker(
        ("STO19022",),
        "annual_report_overdue",
        "Drechtsteden: jaarverslag 2023 ontbreekt (uiterlijk 1 juni 2024)",
    ),
    RuleBreaker(
        ("STO19035",),
        "techniekarm_share",
        "Gooi en Vechtstreek (techniekarm): meer dan 10 % technische leerlingen in BB/KB/GL",
    ),
)
_BREAKS = {sto: b.rule for b in RULE_BREAKERS for sto in b.sto_numbers}
# vmbo_single_region: a location of DOUBLE_HOME is also a current member of DOUBLE_OTHER
DOUBLE_HOME, DOUBLE_OTHER = "STO19067", "STO19062"


@dataclass
class DemoDataset:
    seed: int
    periods: tuple[PeriodRow, ...]
    organisations: list[OrganisationRow]
    regions: list[RegionRow]
    memberships: list[MembershipRow]
    student_counts: list[StudentCountRow]
    grants: list[GrantRow]
    cofinancing: list[CofinancingRow]
    contributions: list[ContributionRow]
    convenants: list[ConvenantRow]
    signatures: list[SignatureRow]
    annual_reports: list[AnnualReportRow]
    rule_breakers: tuple[RuleBreaker, ...] = RULE_BREAKERS
    bijlage_a: tuple[str, ...] = ()  # STO numbers of the 71 regions of Bijlage A
    amstelland: str = "STO" + AMSTELLAND_NUMBER
    amstelveen: str = "GM0362"


# --------------------------------------------------------------------------------------------
# small helpers


def euros(amount: int) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"))


def _spread(
    rng: random.Random, count: int, total: int, lo: int, hi: int, sigma: float
) -> list[int]:
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


def _split(total: int, weights: list[float]) -> list[int]:
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


def _active_in_year(start: dt.date, end: dt.date | None, year: int) -> bool:
    return start <= dt.date(year, 12, 31) and (end is None or end >= dt.date(year, 1, 1))


def _overlaps(start: dt.date, end: dt.date | None, first: dt.date, last: dt.date) -> bool:
    return start <= last and (end is None or end >= first)


def _round(value: float, zeros: int) -> int:
    """``value`` rounded to a whole number of tens (1), hundreds (2)… as an ``int``."""
    unit = 10**zeros
    return int(round(value / unit)) * unit


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class _Org:
    key: str
    kind: str
    name: str
    city: str
    profiles: list[str] = field(default_factory=list)
    inhabitants: int | None = None
    nontech: list[str] = field(default_factory=list)  # non-technical profiles offered (vmbo)

    def row(self) -> OrganisationRow:
        ordered = [p for p in TECHNICAL if p in self.profiles]
        return OrganisationRow(
            self.key, self.kind, self.name, self.city, ";".join(ordered), self.inhabitants
        )


@dataclass
class _Region:
    seed: RegionSeed
    counts: dict[str, int]
    in_bijlage_a: bool
    subsidy_2020_2023: int = 0
    cofinancing_pct: float = 0.0
    lead_key: str = ""
    members: list[list] = field(default_factory=list)  # [key, start, end]
    towns: list[str] = field(default_factory=list)

    @property
    def sto(self) -> str:
        return "STO" + self.seed.number


# --------------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.orgs: dict[str, _Org] = {}
        self.by_name: dict[tuple[str, str], str] = {}  # (kind, name) -> key of shared orgs
        self.used_names: set[str] = set()
        letters = names.INITIALS + "QUVXYZ"
        pool = [
            f"{d:02d}{a}{b}" for d in range(100) for a in sorted(letters) for b in sorted(letters)
        ]
        self.rng.shuffle(pool)
        self.brin_pool = pool
        self.used_kvk: set[str] = set()
        self.used_gm: set[str] = {code for code, _, _ in MUNICIPALITIES.values()} | {
            code for code, _, _ in AMSTELLAND_MUNICIPALITIES
        }
        self.signatories: dict[str, tuple[str, str]] = {}

    # -- keys and names -------------------------------------------------------------------------

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

    def unique_name(self, make, fallback_suffix: str) -> str:
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

    def add_org(self, org: _Org) -> _Org:
        assert org.key not in self.orgs, org.key
        self.orgs[org.key] = org
        return org

    def shared_org(self, kind: str, name: str, city: str) -> _Org:
        key = self.by_name.get((kind, name))
        if key is None:
            org = self.add_org(
                _Org(self.brin() if kind in ("mbo", "hbo") else self.kvk(), kind, name, city)
            )
            self.by_name[(kind, name)] = org.key
            self.used_names.add(name)
            return org
        return self.orgs[key]

    def person(self) -> str:
        rng = self.rng
        initials = "".join(f"{rng.choice(names.INITIALS)}." for _ in range(rng.choice((1, 1, 2))))
        return f"{initials} {rng.choice(names.SURNAMES)}"

    # -- step 1: partner counts -----------------------------------------------------------------

    def partner_counts_71(self) -> list[dict[str, int]]:
        """Per-kind counts for the 71 regions with the totals of Tabel 2.1, arranged so that the
        region totals run from exactly 8 to exactly 108 (with and without po)."""
        rng = self.rng
        n = len(BIJLAGE_A)
        lists = {
            "vmbo": [2, 2, 2, 2, 35] + _spread(rng, n - 5, 531 - 43, 3, 34, 0.55),
            "mbo": [1] * 29 + [2] * 26 + [3] * 9 + [4] * 7,
            "company": [1, 84] + _spread(rng, n - 2, 922 - 85, 2, 83, 0.8),
            "po": [1] * 6 + [26] + _spread(rng, 16, 129 - 32, 2, 25, 0.6),
            "vso_pro": [1, 6] + _spread(rng, 32, 68 - 7, 1, 5, 0.5),
            "hbo": [1, 1, 2],
            "municipality": [2, 9] + _spread(rng, 40, 118 - 11, 2, 8, 0.5),
        }
        for values in lists.values():
            values.extend([0] * (n - len(values)))
            rng.shuffle(values)
        counts = [{kind: lists[kind][i] for kind in ALL_KINDS} for i in range(n)]

        # Bonaire (BES): one mbo (its own school), no hbo and no municipality (an openbaar lichaam).
        frozen: set[tuple[int, str]] = set()
        bes = next(i for i, s in enumerate(BIJLAGE_A) if s.province == "BES")
        for kind, value in (("mbo", 1), ("hbo", 0), ("municipality", 0), ("po", 0)):
            j = next(j for j in range(n) if counts[j][kind] == value)
            counts[bes][kind], counts[j][kind] = counts[j][kind], counts[bes][kind]
            frozen.add((bes, kind))

        def totals() -> tuple[list[int], list[int]]:
            base = [sum(c[k] for k in TOTAL_KINDS) for c in counts]
            return base, [b + c["po"] for b, c in zip(base, counts, strict=True)]

        def badness() -> int:
            base, with_po = totals()
            return (
                abs(min(base) - PARTNERS_MIN)
                + abs(max(base) - PARTNERS_MAX)
                + abs(min(with_po) - PARTNERS_MIN)
                + abs(max(with_po) - PARTNERS_MAX)
            )

        score = badness()
        kinds = ("vmbo", "company", "company", "mbo", "vso_pro", "municipality", "po", "po", "hbo")
        for _ in range(200_000):
            if score == 0:
                break
            kind = rng.choice(kinds)
            i, j = rng.randrange(n), rng.randrange(n)
            if i == j or (i, kind) in frozen or (j, kind) in frozen:
                continue
            counts[i][kind], counts[j][kind] = counts[j][kind], counts[i][kind]
            new = badness()
            if new <= score:
                score = new
            else:
                counts[i][kind], counts[j][kind] = counts[j][kind], counts[i][kind]
        if score:
            raise RuntimeError(f"seed {self.seed}: partner counts did not reach 8–108")
        return counts

    def partner_counts_extra(
        self, seed: RegionSeed, sample: list[dict[str, int]]
    ) -> dict[str, int]:
        rng = self.rng
        if seed.number == AMSTELLAND_NUMBER:
            return {
                "vmbo": 4,
                "mbo": 2,
                "company": 10,
                "po": 4,
                "vso_pro": 0,
                "hbo": 0,
                "municipality": 5,
            }
        while True:
            counts = {kind: rng.choice(sample)[kind] for kind in ALL_KINDS}
            counts["company"] = max(3, min(40, counts["company"]))
            counts["vmbo"] = max(3, min(15, counts["vmbo"]))
            counts["hbo"] = 0
            if seed.number == "19012":
                counts["vmbo"] = 2
            if seed.number == "19041":
                counts["mbo"] = 1
            total = sum(counts[k] for k in TOTAL_KINDS)
            if PARTNERS_MIN < total < PARTNERS_MAX and total + counts["po"] < PARTNERS_MAX:
                return counts

    # -- step 2: money per region ---------------------------------------------------------------

    def subsidies_71(self, regions: list[_Region]) -> None:
        """2020–2023 subsidy per region (Tabel 2.2): exact minimum, maximum and total."""
        rng = self.rng
        rest_total = SUBSIDY_TOTAL_71 - SUBSIDY_MIN - SUBSIDY_MAX
        values = [rng.lognormvariate(math.log(4_100_000), 0.5) for _ in range(len(regions) - 2)]
        lo, hi = 1_450_000, 15_500_000
        for _ in range(60):
            factor = rest_total / sum(values)
            values = [min(hi, max(lo, v * factor)) for v in values]
        hundreds = _split(rest_total // 100, values)
        amounts = sorted([SUBSIDY_MIN, SUBSIDY_MAX] + [h * 100 for h in hundreds], reverse=True)

        # Techniekarme regio's got 4 % of the money (seeds 004 §2.2): values near € 3.5 M.
        arm = [r for r in regions if r.seed.kind == "techniekarm"]
        for region in arm:
            value = min(amounts[1:-1], key=lambda a: abs(a - 3_480_000))
            amounts.remove(value)
            region.subsidy_2020_2023 = value
        # The rest by size: many vmbo locations and companies, many technical students.
        others = [r for r in regions if r.seed.kind != "techniekarm"]
        score = {
            r.sto: r.counts["vmbo"] + 0.3 * r.counts["company"] + rng.gauss(0, 2.5) for r in others
        }
        others.sort(key=lambda r: (-score[r.sto], r.sto))
        for region, value in zip(others, amounts, strict=True):
            region.subsidy_2020_2023 = value

    def cofinancing_71(self, regions: list[_Region]) -> None:
        """Co-financing share of the 2020–2023 subsidy per region (Figuur 2.1)."""
        rng = self.rng
        smallest = min(regions, key=lambda r: r.subsidy_2020_2023)
        largest = max(regions, key=lambda r: r.subsidy_2020_2023)
        smallest.cofinancing_pct = 100 * COFINANCING_MIN / smallest.subsidy_2020_2023
        largest.cofinancing_pct = 100 * COFINANCING_MAX / largest.subsidy_2020_2023
        fixed = {smallest.sto, largest.sto}
        pcts = (
            [rng.uniform(10.4, 14.6) for _ in range(45)]
            + [rng.uniform(15.4, 19.6) for _ in range(11)]
            + [rng.uniform(20.4, 24.6) for _ in range(8)]
            + [rng.uniform(25.6, 34.0) for _ in range(4)]
            + [47.0]
        )
        band1 = set(range(45))
        rest = [r for r in regions if r.sto not in fixed]
        order = list(range(len(pcts)))
        rng.shuffle(order)

        def bounds(r: _Region) -> tuple[float, float]:
            return (
                100 * COFINANCING_MIN * 1.02 / r.subsidy_2020_2023,
                100 * COFINANCING_MAX * 0.98 / r.subsidy_2020_2023,
            )

        def fits(r: _Region, p: float) -> bool:
            lo, hi = bounds(r)
            return lo <= p <= hi

        # Repair: every region's amount stays within € 175.000 – € 3.140.000.
        for _ in range(10_000):
            bad = [i for i, r in enumerate(rest) if not fits(r, pcts[order[i]])]
            if not bad:
                break
            i = bad[0]
            candidates = [
                j
                for j in range(len(rest))
                if fits(rest[i], pcts[order[j]]) and fits(rest[j], pcts[order[i]])
            ]
            j = rng.choice(candidates) if candidates else rng.randrange(len(rest))
            order[i], order[j] = order[j], order[i]
        for i, region in enumerate(rest):
            region.cofinancing_pct = pcts[order[i]]

        # Shift the 10–15 % band together so that the national total is ≈ € 52.0 M.
        movable = [r for i, r in enumerate(rest) if order[i] in band1]
        base = {r.sto: r.cofinancing_pct for r in movable}

        def clamp(r: _Region, pct: float) -> float:
            lo, hi = bounds(r)
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

    # -- step 3: organisations and memberships --------------------------------------------------

    def municipality(self, code: str, name: str, inhabitants: int) -> _Org:
        if code in self.orgs:
            return self.orgs[code]
        self.used_names.add(f"Gemeente {name}")
        return self.add_org(
            _Org(code, "municipality", f"Gemeente {name}", name, inhabitants=inhabitants)
        )

    def invented_municipality(self) -> _Org:
        rng = self.rng

        def make() -> str:
            return f"Gemeente {rng.choice(names.MUNICIPALITY_FIRST)}{rng.choice(names.MUNICIPALITY_LAST)}"

        name = self.unique_name(make, "aan Zee")
        town = name.removeprefix("Gemeente ")
        inhabitants = int(rng.lognormvariate(math.log(24_000), 0.5)) // 100 * 100 + 100
        return self.add_org(
            _Org(self.gm_code(), "municipality", name, town, inhabitants=inhabitants)
        )

    def vmbo_profiles(self, region: _Region, lead: bool) -> tuple[list[str], list[str]]:
        rng = self.rng
        arm = region.seed.kind == "techniekarm"
        # the penvoerder always has a technical profile (except the rule breaker, see build_region)
        technical = lead or rng.random() < (0.25 if arm else 0.82)
        profiles: list[str] = []
        if technical:
            k = 1 if arm else rng.choice((1, 1, 2, 2, 3))
            profiles = rng.sample(TECHNICAL, k=k)
        nontech = rng.sample(NON_TECHNICAL, k=rng.choice((1, 2, 2, 3)))
        if "D&P" not in nontech and rng.random() < 0.5:
            nontech[0] = "D&P"
        return profiles, list(dict.fromkeys(nontech))

    def school_name(self, region: _Region) -> str:
        rng = self.rng

        def make() -> str:
            return rng.choice(names.SCHOOL_PATTERNS).format(name=rng.choice(names.SCHOOL_NAMES))

        return self.unique_name(make, region.seed.city)

    def company_name(self, region: _Region, town: str) -> str:
        rng = self.rng

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

        return self.unique_name(make, town)

    def build_region(self, region: _Region) -> None:
        rng = self.rng
        seed = region.seed
        counts = dict(region.counts)
        amstelland = seed.number == AMSTELLAND_NUMBER
        members = region.members

        def join(org: _Org, start: dt.date = START, end: dt.date | None = None) -> None:
            members.append([org.key, start, end])

        # municipalities first: their names are the region's towns
        towns = [seed.city]
        if amstelland:
            for code, name, inhabitants in AMSTELLAND_MUNICIPALITIES:
                org = self.municipality(code, name, inhabitants)
                join(org)
                towns.append(name)
        elif counts["municipality"]:
            home = MUNICIPALITIES.get(seed.city)
            if home:
                join(self.municipality(*home))
            for _ in range(counts["municipality"] - (1 if home else 0)):
                org = self.invented_municipality()
                join(org)
                towns.append(org.city)
        region.towns = towns

        # vmbo: the penvoerder (location 00 of its own BRIN), then schools of 1–3 locations
        lead = self.add_org(_Org(self.brin() + "00", "vmbo", seed.penvoerder, seed.city))
        self.used_names.add(seed.penvoerder)
        lead.profiles, lead.nontech = self.vmbo_profiles(region, lead=True)
        if _BREAKS.get(region.sto) == "lead_technical_vmbo":
            lead.profiles = []
        region.lead_key = lead.key
        join(lead)
        if amstelland:
            schools = [
                ("Alkwin Kollege", "Uithoorn", []),
                ("Wellant vmbo Aalsmeer", "Aalsmeer", []),
                ("Veenlanden College", "Mijdrecht", ["BWI"]),
            ]
            lead.profiles = ["PIE"]
            for name, town, profiles in schools:
                org = self.add_org(_Org(self.brin() + "00", "vmbo", name, town, profiles=profiles))
                org.nontech = ["Groen"] if "Wellant" in name else ["D&P", "E&O"]
                self.used_names.add(name)
                join(org)
        else:
            # DOUBLE_OTHER's last vmbo slot is the location it shares with DOUBLE_HOME
            remaining = counts["vmbo"] - 1 - (1 if region.sto == DOUBLE_OTHER else 0)
            while remaining > 0:
                size = min(remaining, rng.choice((1, 1, 1, 2, 2, 3)))
                school = self.school_name(region)
                brin = self.brin()
                locations = rng.sample(names.SCHOOL_LOCATIONS, k=size)
                for n, location in enumerate(locations):
                    name = school if size == 1 else f"{school}, locatie {location}"
                    org = self.add_org(_Org(f"{brin}{n:02d}", "vmbo", name, rng.choice(towns)))
                    org.profiles, org.nontech = self.vmbo_profiles(region, lead=False)
                    join(org)
                remaining -= size
            vmbo = [self.orgs[m[0]] for m in members if self.orgs[m[0]].kind == "vmbo"]
            if _BREAKS.get(region.sto) == "min_vmbo_locations":
                for org in vmbo[1:]:
                    org.profiles = []
            elif seed.kind == "techniek":
                # condition c (seeds 004 §2): at least two vmbo locations with a technical profile
                needed = 2 - sum(1 for org in vmbo if org.profiles)
                for org in vmbo:
                    if needed <= 0:
                        break
                    if not org.profiles:
                        org.profiles = rng.sample(TECHNICAL, k=1)
                        needed -= 1

        # mbo: from the region's province first, then the neighbours (condition g)
        if amstelland:
            pool = ["ROC van Amsterdam", "ROC Midden Nederland"]
        else:
            own = list(names.MBO_BY_PROVINCE[seed.province])
            rng.shuffle(own)
            near = [n for p in names.NEIGHBOURS[seed.province] for n in names.MBO_BY_PROVINCE[p]]
            rng.shuffle(near)
            pool = list(dict.fromkeys(own + near))
        for name in pool[: counts["mbo"]]:
            org = self.shared_org("mbo", name, seed.city)
            end = dt.date(2024, 7, 31) if _BREAKS.get(region.sto) == "min_mbo" else None
            join(org, end=end)

        # companies: mostly local, now and then a sector organisation that is in several regions
        sector_used: set[str] = set()
        for n in range(counts["company"]):
            if seed.province != "BES" and n and rng.random() < 0.06:
                name = rng.choice(names.SECTOR_ORGANISATIONS)
                if name not in sector_used:
                    sector_used.add(name)
                    join(self.shared_org("company", name, "Utrecht"))
                    continue
            town = rng.choice(towns)
            org = self.add_org(_Org(self.kvk(), "company", self.company_name(region, town), town))
            late = n > 0 and rng.random() < 0.06
            join(
                org,
                start=rng.choice(
                    (
                        dt.date(2021, 1, 1),
                        dt.date(2021, 9, 1),
                        dt.date(2022, 1, 1),
                        dt.date(2023, 1, 1),
                    )
                )
                if late
                else START,
            )

        # optional partners: po, vso/pro, hbo
        for _ in range(counts["po"]):
            town = rng.choice(towns)

            def make_po(town=town) -> str:
                return f"{rng.choice(names.PO_PREFIXES)} {rng.choice(names.PO_NAMES)} {town}"

            org = self.add_org(
                _Org(self.brin() + "00", "po", self.unique_name(make_po, "Noord"), town)
            )
            late = rng.random() < 0.1
            join(org, start=dt.date(2022, 8, 1) if late else START)
        for _ in range(counts["vso_pro"]):
            town = rng.choice(towns)
            if rng.random() < 0.5:
                kind = "pro"

                def make(town=town) -> str:
                    return f"Praktijkschool {town}"
            else:
                kind = "vso"

                def make(town=town) -> str:
                    return f"VSO {rng.choice(names.VSO_NAMES)} {town}"

            org = self.add_org(_Org(self.brin() + "00", kind, self.unique_name(make, "Zuid"), town))
            join(org)
        hbo = list(names.HBO_INSTITUTIONS)
        rng.shuffle(hbo)
        for name in hbo[: counts["hbo"]]:
            join(self.shared_org("hbo", name, seed.city))

    def add_history(self, regions: list[_Region], keep_exact: set[str]) -> None:
        """Members that left before 2024, and one vmbo location that moved to another region."""
        rng = self.rng
        eligible = [
            r
            for r in regions
            if r.sto not in keep_exact
            and r.seed.province != "BES"
            and r.sto not in _BREAKS
            and r.seed.number != AMSTELLAND_NUMBER
        ]
        ends = (
            dt.date(2021, 12, 31),
            dt.date(2022, 7, 31),
            dt.date(2022, 12, 31),
            dt.date(2023, 12, 31),
        )
        for region in rng.sample(eligible, k=18):
            town = rng.choice(region.towns)
            org = self.add_org(_Org(self.kvk(), "company", self.company_name(region, town), town))
            region.members.append([org.key, START, rng.choice(ends)])
        for region in rng.sample(eligible, k=4):
            town = rng.choice(region.towns)
            org = self.add_org(
                _Org(
                    self.brin() + "00",
                    "po",
                    self.unique_name(
                        lambda town=town: f"Basisschool {rng.choice(names.PO_NAMES)} {town}", "West"
                    ),
                    town,
                )
            )
            region.members.append([org.key, START, dt.date(2022, 7, 31)])

        # A vmbo location leaves region A on 31 July 2022 and joins region B the next day:
        # never in two regions at once (condition f).
        techniek = [r for r in eligible if r.seed.kind == "techniek"]
        for _ in range(100):
            a, b = rng.sample(techniek, k=2)
            movable = [
                m
                for m in b.members
                if self.orgs[m[0]].kind == "vmbo" and m[0] != b.lead_key and m[2] is None
            ]
            tech = [
                m for m in b.members if self.orgs[m[0]].kind == "vmbo" and self.orgs[m[0]].profiles
            ]
            candidates = [m for m in movable if len([t for t in tech if t is not m]) >= 2]
            if candidates:
                moved = candidates[0]
                moved[1] = dt.date(2022, 8, 1)
                a.members.append([moved[0], START, dt.date(2022, 7, 31)])
                return

    def add_double_membership(self, by_sto: dict[str, _Region]) -> None:
        """Rule breaker vmbo_single_region: a location of Helmond also joins Noord-Limburg."""
        home, other = by_sto[DOUBLE_HOME], by_sto[DOUBLE_OTHER]
        location = next(
            m for m in home.members if self.orgs[m[0]].kind == "vmbo" and m[0] != home.lead_key
        )
        other.members.append([location[0], dt.date(2023, 8, 1), None])

    # -- step 4: students -----------------------------------------------------------------------

    def student_counts(self, regions: list[_Region]) -> list[StudentCountRow]:
        rng = self.rng
        home: dict[str, _Region] = {}
        for region in regions:
            for key, _start, _end in region.members:
                if self.orgs[key].kind == "vmbo":
                    home.setdefault(key, region)
        # Technical students (BB/KB/GL) per region follow the subsidy: about € 12.000–20.000 of
        # investment per technical student (seeds 004 §2.2).
        tech_base: dict[str, float] = {}
        nontech_base: dict[str, float] = {}
        for region in regions:
            locations = [k for k, s, e in region.members if home.get(k) is region]
            tech_locations = [k for k in locations if self.orgs[k].profiles]
            technical_students = region.subsidy_2020_2023 * 1.15 / rng.uniform(12_000, 20_000)
            if region.seed.kind == "techniekarm":
                ratio = rng.uniform(11.0, 14.0)  # ≈ 7–8 % technical
            else:
                ratio = rng.uniform(2.0, 3.2)
            weights = [rng.lognormvariate(0, 0.5) for _ in tech_locations]
            for key, w in zip(tech_locations, weights, strict=True):
                tech_base[key] = technical_students * w / sum(weights)
            weights = [rng.lognormvariate(0, 0.5) for _ in locations]
            for key, w in zip(locations, weights, strict=True):
                nontech_base[key] = technical_students * ratio * w / sum(weights)

        cells: dict[tuple[str, str, str, dt.date], int] = {}
        path_share = {"BB": 0.3, "KB": 0.38, "GL": 0.32}
        for key in home:
            org = self.orgs[key]
            tech_profiles = [p for p in TECHNICAL if p in org.profiles]
            profile_weights = {p: rng.uniform(0.6, 1.4) for p in tech_profiles + org.nontech}
            for ref in REFERENCE_DATES:
                years = ref.year - 2019
                tech_total = tech_base.get(key, 0) * (1.012**years) * rng.uniform(0.94, 1.06)
                non_total = nontech_base.get(key, 0) * (0.995**years) * rng.uniform(0.94, 1.06)
                for group, total in ((tech_profiles, tech_total), (org.nontech, non_total)):
                    if not group:
                        continue
                    weight_sum = sum(profile_weights[p] for p in group)
                    for profile in group:
                        for path in PATHS:
                            share = profile_weights[profile] / weight_sum * path_share[path]
                            students = max(1, round(total * share * rng.uniform(0.85, 1.15)))
                            cells[(key, profile, path, ref)] = students

        # techniekarm_share: keep the techniekarme regio's at or below 10 % on every reference
        # date, except the one that breaks it on purpose (above 12 %).
        for region in regions:
            if region.seed.kind != "techniekarm":
                continue
            breaker = _BREAKS.get(region.sto) == "techniekarm_share"
            keys = {k for k, s, e in region.members if self.orgs[k].kind == "vmbo"}
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
        return [
            StudentCountRow(key, ref, profile, path, students)
            for (key, profile, path, ref), students in cells.items()
        ]

    # -- step 5: grants, co-financing, contributions -------------------------------------------

    def grants(self, region: _Region) -> list[GrantRow]:
        rng = self.rng
        rows = []
        total = region.subsidy_2020_2023
        shares = [0.22, 0.245, 0.26, 0.275]
        for year, amount in zip(
            range(2020, 2024),
            _split(total, [s * rng.uniform(0.95, 1.05) for s in shares]),
            strict=True,
        ):
            rows.append(GrantRow(region.sto, "2020-2023", year, euros(amount)))
        # 2024: at most 25 % of the 2020–2023 total (docs/domain.md)
        if region.seed.number == AMSTELLAND_NUMBER:
            rows.append(GrantRow(region.sto, "2024", 2024, euros(600_000)))
        else:
            rows.append(
                GrantRow(region.sto, "2024", 2024, euros(_round(total * rng.uniform(0.2, 0.25), 2)))
            )
        return rows

    def grants_2025_2028(self, regions: list[_Region]) -> dict[str, list[int]]:
        rng = self.rng
        raw: dict[str, float] = {}
        for region in regions:
            if region.seed.number == AMSTELLAND_NUMBER:
                continue  # seeds 000: € 3,2 M for 2025–2028
            raw[region.sto] = region.subsidy_2020_2023 * rng.uniform(0.9, 1.15)
        techniek = [r.sto for r in regions if r.seed.kind == "techniek"]
        factor = TECHNIEK_BUDGET_2025_2028 / sum(raw[s] for s in techniek)
        result: dict[str, list[int]] = {}
        for region in regions:
            if region.seed.number == AMSTELLAND_NUMBER:
                total = 3_200_000
            elif region.seed.kind == "techniekarm":
                total = min(TECHNIEKARM_MAX_2025_2028, _round(raw[region.sto], 2))
            else:
                total = _round(raw[region.sto] * factor, 2)
            result[region.sto] = _split(total, [rng.uniform(0.97, 1.03) for _ in range(4)])
        return result

    def cofinancing(self, region: _Region, grants: list[GrantRow]) -> list[CofinancingRow]:
        rng = self.rng
        companies = [m for m in region.members if self.orgs[m[0]].kind == "company"]
        weight = {m[0]: rng.lognormvariate(0, 0.9) for m in companies}
        forms: dict[str, list[str]] = {}
        options = (
            "internships",
            "company_visits",
            "guest_lessons",
            "materials",
            "hours",
            "cash",
            "other",
        )
        odds = (30, 18, 20, 16, 12, 2, 2)
        for key in weight:
            first = rng.choices(options, odds)[0]
            second = rng.choices(options, odds)[0]
            forms[key] = [first] if second == first or rng.random() < 0.5 else [first, second]
        grant_by_period: dict[str, int] = {}
        for g in grants:
            grant_by_period[g.period] = grant_by_period.get(g.period, 0) + int(g.amount)

        pct = region.cofinancing_pct
        targets = {
            "2020-2023": round(grant_by_period["2020-2023"] * pct / 100),
            "2024": round(grant_by_period["2024"] * max(8.5, pct * rng.uniform(0.75, 1.0)) / 100),
            "2025-2028": round(
                grant_by_period["2025-2028"]
                * (
                    8.0
                    if _BREAKS.get(region.sto) == "cofinancing_share"
                    else max(10.6, pct * rng.uniform(0.85, 1.05))
                )
                / 100
            ),
        }
        if region.in_bijlage_a and region.subsidy_2020_2023 in (SUBSIDY_MIN, SUBSIDY_MAX):
            targets["2020-2023"] = (
                COFINANCING_MIN if region.subsidy_2020_2023 == SUBSIDY_MIN else COFINANCING_MAX
            )
        rows = []
        for period in PERIODS:
            slots = [
                (key, year)
                for key, start, end in companies
                for year in range(period.start_year, period.end_year + 1)
                if _active_in_year(start, end, year)
            ]
            amounts = _split(
                targets[period.code], [weight[k] * rng.uniform(0.8, 1.2) for k, _ in slots]
            )
            for (key, year), amount in zip(slots, amounts, strict=True):
                parts = _split(amount, [0.65, 0.35][: len(forms[key])])
                for form, part in zip(forms[key], parts, strict=True):
                    if part <= 0:
                        continue
                    realised = None
                    if year < REFERENCE_DAY.year:
                        # corona: internships and company visits fell away in 2020–2021 (seeds 003)
                        low, high = {2020: (0.55, 0.85), 2021: (0.65, 0.95)}.get(year, (0.85, 1.05))
                        realised = euros(round(part * rng.uniform(low, high)))
                    rows.append(CofinancingRow(region.sto, key, year, form, euros(part), realised))
        return rows

    def contributions(self, region: _Region) -> list[ContributionRow]:
        rng = self.rng
        municipalities = [m[0] for m in region.members if self.orgs[m[0]].kind == "municipality"]
        if region.seed.number == AMSTELLAND_NUMBER:
            return self.amstelland_contributions(region, municipalities)
        rows = []
        rate = rng.uniform(0.08, 0.3)  # euro per inhabitant per year
        for key in municipalities:
            if rng.random() > 0.8:
                continue
            org = self.orgs[key]
            base = max(1_000, _round(org.inhabitants * rate, 1))
            purpose_name = region.seed.name
            multi_year = rng.random() < 0.5
            for year in range(2020, 2029):
                if year == 2024 and rng.random() < 0.4:
                    continue
                requested = (
                    base if year < 2024 else _round(base * (1.03 if year == 2024 else 1.1), 1)
                )
                purpose = f"Bijdrage aan Sterk Techniekonderwijs {purpose_name} {year}"
                if year >= 2027 and not multi_year:
                    rows.append(
                        ContributionRow(
                            region.sto,
                            key,
                            year,
                            euros(requested),
                            None,
                            "requested",
                            None,
                            purpose,
                        )
                    )
                    continue
                decided = (
                    dt.date(year - 1, rng.choice((10, 11, 12)), rng.randint(1, 28))
                    if year < 2025
                    else dt.date(2024, rng.choice((10, 11, 12)), rng.randint(1, 28))
                )
                roll = rng.random()
                if roll < 0.06:
                    status, approved = "rejected", euros(0)
                elif roll < 0.18:
                    status, approved = (
                        "partly_approved",
                        euros(_round(requested * rng.uniform(0.5, 0.9), 1)),
                    )
                else:
                    status, approved = "approved", euros(requested)
                rows.append(
                    ContributionRow(
                        region.sto, key, year, euros(requested), approved, status, decided, purpose
                    )
                )
        return rows

    def amstelland_contributions(self, region: _Region, keys: list[str]) -> list[ContributionRow]:
        """Seeds 000: € 45.000 a year split by inhabitants in 2020–2023, Amstelveen € 19.414;
        for 2025–2028 Amstelveen € 23.973 a year (€ 95.892), decided by B&W on 24 Sept 2024."""
        others = [k for k in keys if k != "GM0362"]
        split = dict(
            zip(
                others,
                _split(45_000 - 19_414, [self.orgs[k].inhabitants for k in others]),
                strict=True,
            )
        )
        split["GM0362"] = 19_414
        rows = []
        purpose_old = (
            "Convenant STO Amstelland 2020-2023: € 45.000 per jaar, verdeeld naar inwonertal"
        )
        purpose_new = "Convenant STO Amstelland 2025-2028"
        for key in keys:
            for year in range(2020, 2024):
                amount = euros(split[key])
                rows.append(
                    ContributionRow(
                        region.sto,
                        key,
                        year,
                        amount,
                        amount,
                        "approved",
                        dt.date(2019, 12, 10),
                        purpose_old,
                    )
                )
            new = 23_973 if key == "GM0362" else round(split[key] * 23_973 / 19_414)
            for year in range(2025, 2029):
                requested = euros(new)
                if key == "GM0362" and year >= 2027:
                    # B&W agreed to the convenant; the yearly contributions for 2027 and 2028 are
                    # still to be approved, which the demo officer of Amstelveen can do.
                    row = (
                        None,
                        "requested",
                        None,
                        "Convenant STO Amstelland 2025-2028: € 95.892 voor 2025 t/m 2028 (€ 23.973 per jaar)",
                    )
                elif key == "GM0362":
                    row = (
                        requested,
                        "approved",
                        dt.date(2024, 9, 24),
                        "Convenant STO Amstelland 2025-2028: € 95.892 voor 2025 t/m 2028 (€ 23.973 per jaar)",
                    )
                elif key == "GM0437":  # Ouder-Amstel keeps its old amount
                    row = (euros(split[key]), "partly_approved", dt.date(2024, 9, 17), purpose_new)
                elif key == "GM0736" and year >= 2027:  # De Ronde Venen decides on 2027–2028 later
                    row = (None, "requested", None, purpose_new)
                else:
                    row = (requested, "approved", dt.date(2024, 9, 17), purpose_new)
                approved, status, decided, purpose = row
                rows.append(
                    ContributionRow(
                        region.sto, key, year, requested, approved, status, decided, purpose
                    )
                )
        return rows

    # -- step 6: convenants, signatures, annual reports -----------------------------------------

    def convenants(self, region: _Region) -> tuple[list[ConvenantRow], list[SignatureRow]]:
        rng = self.rng
        convenants, signatures = [], []
        amstelland = region.seed.number == AMSTELLAND_NUMBER
        unsigned: list[str] = []
        if _BREAKS.get(region.sto) == "convenant_unsigned":
            companies = [
                m[0] for m in region.members if self.orgs[m[0]].kind == "company" and m[2] is None
            ]
            unsigned = companies[-2:]
        for period in PERIODS:
            first, last = dt.date(period.start_year, 1, 1), dt.date(period.end_year, 12, 31)
            deadline = SIGNING_DEADLINES[period.code]
            if amstelland:
                title = {
                    "2020-2023": "Convenant STO Amstelland 2020-2023",
                    "2024": "Verlenging convenant STO Amstelland 2024",
                    "2025-2028": "Convenant samenwerkingsovereenkomst Sterk Techniek Onderwijs (STO) Amstelland 2025-2028",
                }[period.code]
            else:
                title = f"Samenwerkingsovereenkomst STO {region.seed.name} {period.code}"
            convenants.append(ConvenantRow(region.sto, period.code, title, first, last, deadline))
            seen: set[str] = set()
            for key, start, end in region.members:
                if key in seen or not _overlaps(start, end, first, last):
                    continue
                seen.add(key)
                org = self.orgs[key]
                if (key, period.code) == ("GM0362", "2025-2028") and amstelland:
                    # seeds 000: alderman F. Berkhout signs with the mayor's proxy; sent 25 Sept 2024
                    signatures.append(
                        SignatureRow(
                            region.sto,
                            period.code,
                            key,
                            dt.date(2024, 9, 25),
                            "F. Berkhout",
                            "wethouder (gevolmachtigd door de burgemeester)",
                        )
                    )
                    continue
                if period.code == "2025-2028" and key in unsigned:
                    signatures.append(SignatureRow(region.sto, period.code, key, None, "", ""))
                    continue
                person = self.signatories.get(key)
                if person is None or (period.code == "2025-2028" and rng.random() < 0.3):
                    person = (self.person(), rng.choice(names.SIGNATORY_FUNCTIONS[org.kind]))
                    self.signatories[key] = person
                if start <= deadline:
                    signed_on = deadline - dt.timedelta(days=rng.randint(3, 80))
                else:
                    signed_on = start - dt.timedelta(days=rng.randint(0, 20))
                signatures.append(SignatureRow(region.sto, period.code, key, signed_on, *person))
        return convenants, signatures

    def annual_reports(self, region: _Region) -> list[AnnualReportRow]:
        rng = self.rng
        rows = []
        for year in range(2020, REFERENCE_DAY.year):
            if _BREAKS.get(region.sto) == "annual_report_overdue" and year == 2023:
                continue
            submitted = dt.date(year + 1, rng.choice((4, 5, 5, 5)), rng.randint(1, 30))
            done = rng.sample(names.ANNUAL_REPORT_ACTIVITIES, k=3)
            text = f"Uitgevoerd in {year}: {done[0]}, {done[1]} en {done[2]}."
            rows.append(AnnualReportRow(region.sto, year, submitted, text))
        return rows

    # -- all together ---------------------------------------------------------------------------

    def build(self) -> DemoDataset:
        counts_71 = self.partner_counts_71()
        regions = [_Region(s, c, True) for s, c in zip(BIJLAGE_A, counts_71, strict=True)]
        self.subsidies_71(regions)
        self.cofinancing_71(regions)
        # Regions at the extremes of Tabel 2.1 get no former members, so that the minimum and
        # maximum hold whether one counts current members or everyone who was ever a member.
        exact = set()
        for r in regions:
            base = sum(r.counts[k] for k in TOTAL_KINDS)
            if base <= PARTNERS_MIN or base + r.counts["po"] >= PARTNERS_MAX - 1:
                exact.add(r.sto)
        subsidies = [r.subsidy_2020_2023 for r in regions if r.seed.kind == "techniek"]
        for seed in EXTRA_REGIONS:
            region = _Region(seed, self.partner_counts_extra(seed, counts_71), False)
            if seed.number == AMSTELLAND_NUMBER:
                region.subsidy_2020_2023 = 2_480_000
                region.cofinancing_pct = 12.2
            else:
                region.subsidy_2020_2023 = _round(
                    self.rng.choice(subsidies) * self.rng.uniform(0.9, 1.1), 2
                )
                region.cofinancing_pct = self.rng.uniform(10.6, 19.5)
            regions.append(region)
        regions.sort(key=lambda r: r.sto)
        by_sto = {r.sto: r for r in regions}

        for region in regions:
            self.build_region(region)
        self.add_history(regions, keep_exact=exact)
        self.add_double_membership(by_sto)

        student_counts = self.student_counts(regions)
        future = self.grants_2025_2028(regions)
        grants, cofinancing, contributions, convenants, signatures, reports = [], [], [], [], [], []
        for region in regions:
            region_grants = self.grants(region)
            for year, amount in zip(range(2025, 2029), future[region.sto], strict=True):
                region_grants.append(GrantRow(region.sto, "2025-2028", year, euros(amount)))
            grants += region_grants
            cofinancing += self.cofinancing(region, region_grants)
            contributions += self.contributions(region)
            c, s = self.convenants(region)
            convenants += c
            signatures += s
            reports += self.annual_reports(region)

        organisations = [org.row() for org in self.orgs.values()]
        for org in organisations:
            if validate_organisation_key(org.kind, org.key) != org.key:
                raise ValueError(f"key {org.key} is not in its normal form")
        return DemoDataset(
            seed=self.seed,
            periods=PERIODS,
            organisations=organisations,
            regions=[RegionRow(r.sto, r.seed.name, r.seed.kind, r.lead_key) for r in regions],
            memberships=[MembershipRow(r.sto, k, s, e) for r in regions for k, s, e in r.members],
            student_counts=student_counts,
            grants=grants,
            cofinancing=cofinancing,
            contributions=contributions,
            convenants=convenants,
            signatures=signatures,
            annual_reports=reports,
            bijlage_a=tuple("STO" + s.number for s in BIJLAGE_A),
        )


def build_dataset(seed: int = DEFAULT_SEED) -> DemoDataset:
    """The whole demo data set for ``seed``; the same seed gives the same rows."""
    return _Generator(seed).build()
