"""Build the national demo data set in memory: plain rows keyed by natural keys, no database.

The steps, each in its own module, in the order they draw from the one random source (so the
same seed always gives the same rows):

1. ``partner_counts``: how many partners of each kind every region has (Tabel 2.1);
2. ``subsidies``: the 2020–2023 subsidy and co-financing share per region (Tabel 2.2,
   Figuur 2.1), then the same for the regions outside Bijlage A;
3. ``partners`` (with ``organisations``): the organisations and memberships of every region,
   former members, a location that moved, and the double membership of ``breakers``;
4. ``students``: student counts;
5. ``subsidies``, ``commitments``, ``contributions`` and ``documents``, region by region:
   grants, co-financing, municipal contributions, convenants with signatures, annual reports;
6. ``plans`` (with the texts of ``plan_texts``): every region's plan for 2025–2028 with its
   goals, activities, risks, teacher table and budget.

The figures it is built to are in ``figures``; the regions that break a rule on purpose in
``breakers``.
"""

from regions.identifiers import validate_organisation_key

from .bijlage_a import BIJLAGE_A, EXTRA_REGIONS
from .commitments import cofinancing
from .contributions import contributions
from .documents import annual_reports, convenants
from .figures import DEFAULT_SEED, PARTNERS_MAX, PARTNERS_MIN, TOTAL_KINDS
from .partner_counts import partner_counts_71, partner_counts_extra
from .partners import add_double_membership, add_history, build_region
from .plans import plans
from .rows import PERIODS, DemoDataset, OrganisationRow, RegionRow
from .state import DemoRegion, State
from .students import student_counts
from .subsidies import cofinancing_71, extra_region_money, grants, grants_2025_2028, subsidies_71


def build_dataset(seed: int = DEFAULT_SEED) -> DemoDataset:
    """The whole demo data set for ``seed``; the same seed gives the same rows."""
    state = State(seed)
    regions, exact = _plan_regions(state)
    for region in regions:
        build_region(state, region)
    add_history(state, regions, keep_exact=exact)
    add_double_membership(state, {r.sto: r for r in regions})
    students = student_counts(state, regions)
    rows = _money_and_documents(state, regions)
    rows.update(plans(state, regions, rows["grants"], students))
    return DemoDataset(
        seed=seed,
        periods=PERIODS,
        organisations=_organisations(state),
        regions=[RegionRow(r.sto, r.seed.name, r.seed.kind, r.lead_key) for r in regions],
        memberships=[m.row(r.sto) for r in regions for m in r.members],
        student_counts=students,
        **rows,
        bijlage_a=tuple("STO" + s.number for s in BIJLAGE_A),
    )


def _plan_regions(state: State) -> tuple[list[DemoRegion], set[str]]:
    """Every region with its partner counts and money, sorted by STO number; and the regions
    that keep exactly their counts (no former members)."""
    counts_71 = partner_counts_71(state)
    regions = [DemoRegion(s, c, True) for s, c in zip(BIJLAGE_A, counts_71, strict=True)]
    subsidies_71(state, regions)
    cofinancing_71(state, regions)
    exact = _at_the_extremes(regions)
    techniek_subsidies = [r.subsidy_2020_2023 for r in regions if r.seed.kind == "techniek"]
    for seed in EXTRA_REGIONS:
        region = DemoRegion(seed, partner_counts_extra(state, seed, counts_71), False)
        extra_region_money(state, region, techniek_subsidies)
        regions.append(region)
    regions.sort(key=lambda r: r.sto)
    return regions, exact


def _at_the_extremes(regions: list[DemoRegion]) -> set[str]:
    """Regions at the extremes of Tabel 2.1 get no former members, so that the minimum and
    maximum hold whether one counts current members or everyone who was ever a member."""
    exact = set()
    for r in regions:
        base = sum(r.counts[k] for k in TOTAL_KINDS)
        if base <= PARTNERS_MIN or base + r.counts["po"] >= PARTNERS_MAX - 1:
            exact.add(r.sto)
    return exact


def _money_and_documents(state: State, regions: list[DemoRegion]) -> dict[str, list]:
    """Region by region: grants, co-financing, contributions, convenants with their
    signatures and annual reports (the data set's fields of those names)."""
    rows: dict[str, list] = {
        "grants": [],
        "cofinancing": [],
        "contributions": [],
        "convenants": [],
        "signatures": [],
        "annual_reports": [],
    }
    later = grants_2025_2028(state, regions)
    for region in regions:
        region_grants = grants(state, region) + later[region.sto]
        rows["grants"] += region_grants
        rows["cofinancing"] += cofinancing(state, region, region_grants)
        rows["contributions"] += contributions(state, region)
        region_convenants, signatures = convenants(state, region)
        rows["convenants"] += region_convenants
        rows["signatures"] += signatures
        rows["annual_reports"] += annual_reports(state, region)
    return rows


def _organisations(state: State) -> list[OrganisationRow]:
    """Every organisation made, in the order made; each key already in its normal form."""
    organisations = [org.row() for org in state.orgs.values()]
    for org in organisations:
        if validate_organisation_key(org.kind, org.key) != org.key:
            raise ValueError(f"key {org.key} is not in its normal form")
    return organisations
