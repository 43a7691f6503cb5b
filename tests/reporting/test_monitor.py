import datetime
from decimal import Decimal

import pytest

from cofinancing.shares import BANDS, band_of
from reporting.monitor import Span, compute_monitor, default_span, span_from_code
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def members(region, count, **traits):
    result = []
    for _ in range(count):
        membership = MembershipFactory(region=region, organisation=OrganisationFactory(**traits))
        result.append(membership)
    return result


@pytest.fixture
def regions():
    old = PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    period = PeriodFactory()
    a = RegionFactory(sto_number="STO19001", name="A")
    members(a, 2)
    members(a, 1, mbo=True)
    companies_a = members(a, 3, company=True)
    members(a, 2, municipality=True)
    members(a, 1, kind="po", key="31PO01", name="Basisschool", technical_profiles="")
    members(a, 1, kind="vso", key="31VS01", name="Vso", technical_profiles="")
    members(a, 1, kind="other", key="X-1", name="Branchevereniging", technical_profiles="")
    # this company left half-way through 2026: a partner in the period and in 2026, not in 2027
    companies_a[0].end = datetime.date(2026, 6, 30)
    companies_a[0].save()
    GrantFactory(region=a, period=period, year=2025, amount=Decimal("1000000"))
    GrantFactory(region=a, period=period, year=2026, amount=Decimal("1000000"))
    GrantFactory(region=a, period=period, year=2027, amount=Decimal("1000000"))
    CofinancingCommitmentFactory(region=a, year=2025, committed=Decimal("300000"))

    b = RegionFactory(sto_number="STO19002", name="B")
    members(b, 5)
    members(b, 2, mbo=True)
    members(b, 1, company=True)
    members(b, 1, kind="pro", key="32PR01", name="Pro", technical_profiles="")
    members(b, 1, kind="hbo", key="32HB", name="Hogeschool", technical_profiles="")
    GrantFactory(region=b, period=period, year=2025, amount=Decimal("500000"))
    CofinancingCommitmentFactory(region=b, year=2025, committed=Decimal("125000"))

    c = RegionFactory(sto_number="STO19003", name="C")
    members(c, 2)
    members(c, 1, mbo=True)
    members(c, 10, company=True)
    MembershipFactory(
        region=c, organisation=OrganisationFactory(company=True), ended=True
    )  # left in 2022
    MembershipFactory(
        region=c, organisation=OrganisationFactory(company=True), start=datetime.date(2029, 1, 1)
    )
    GrantFactory(region=c, period=period, year=2025, amount=Decimal("2000000"))
    CofinancingCommitmentFactory(region=c, year=2025, committed=Decimal("199999.99"))
    CofinancingCommitmentFactory(
        region=c, year=2022, committed=Decimal("999999")
    )  # outside the span

    d = RegionFactory(sto_number="STO19004", name="D (alleen 2020)")
    members(d, 40)
    GrantFactory(region=d, period=old, year=2020, amount=Decimal("9000000"))
    return {"period": period, "a": a, "b": b, "c": c, "d": d}


def rows_by_key(monitor):
    return {row.key: row for row in [*monitor.partner_rows, monitor.partner_total]}


def test_tabel_2_1_partners_per_kind_over_the_period(regions):
    monitor = compute_monitor(span_from_code("2025-2028"))
    assert [r.sto_number for r in monitor.regions] == ["STO19001", "STO19002", "STO19003"]
    rows = rows_by_key(monitor)
    expected = {
        # key: (regions involved, min, max, mean, total)
        "vmbo": (3, 2, 5, Decimal("3.0"), 9),
        "mbo": (3, 1, 2, Decimal("1.3"), 4),
        "company": (3, 1, 10, Decimal("4.7"), 14),
        "po": (1, 0, 1, Decimal("0.3"), 1),
        "vso_pro": (2, 0, 1, Decimal("0.7"), 2),
        "hbo": (1, 0, 1, Decimal("0.3"), 1),
        "municipality": (1, 0, 2, Decimal("0.7"), 2),
        "total": (None, 10, 13, Decimal("11.0"), 33),
    }
    assert {
        k: (r.regions_involved, r.minimum, r.maximum, r.mean, r.total) for k, r in rows.items()
    } == expected
    assert [r.key for r in monitor.partner_rows if r.mandatory] == ["vmbo", "mbo", "company"]


def test_tabel_2_2_money_and_figuur_2_1_bands(regions):
    monitor = compute_monitor(span_from_code("2025-2028"))
    money = {row.key: (row.minimum, row.maximum, row.mean, row.total) for row in monitor.money_rows}
    assert money == {
        "subsidy": (
            Decimal("500000"),
            Decimal("3000000"),
            Decimal("1833333.33"),
            Decimal("5500000"),
        ),
        "cofinancing": (
            Decimal("125000"),
            Decimal("300000"),
            Decimal("208333.33"),
            Decimal("624999.99"),
        ),
        "investment": (
            Decimal("625000"),
            Decimal("3300000"),
            Decimal("2041666.66"),
            Decimal("6124999.99"),
        ),
    }
    # A 300.000 / 3.000.000 = exactly 10 %; B exactly 25 %; C just under 10 %
    assert [(b.label, b.count) for b in monitor.bands] == [
        ("< 10 %", 1),
        ("10–15 %", 1),
        ("15–20 %", 0),
        ("20–25 %", 0),
        ("≥ 25 %", 1),
    ]


def test_a_single_year_and_membership_during_the_span(regions):
    y2026 = compute_monitor(span_from_code("2026"))
    assert [r.sto_number for r in y2026.regions] == ["STO19001"]
    assert (
        y2026.regions[0].partners["company"] == 3
    )  # left on 30 June 2026: still a partner in 2026
    assert y2026.regions[0].cofinancing == Decimal("0.00")
    assert [b.count for b in y2026.bands] == [1, 0, 0, 0, 0]
    y2027 = compute_monitor(span_from_code("2027"))
    assert y2027.regions[0].partners["company"] == 2
    y2020 = compute_monitor(Span(2020, 2020))
    assert [(r.sto_number, r.partners["vmbo"], r.subsidy) for r in y2020.regions] == [
        ("STO19004", 40, Decimal("9000000.00"))
    ]


@pytest.mark.parametrize(
    ("pct", "band"),
    [
        ("0", 0),
        ("9.9999", 0),
        ("10", 1),
        ("14.999", 1),
        ("15", 2),
        ("19.99", 2),
        ("20", 3),
        ("24.999", 3),
        ("25", 4),
        ("47", 4),
    ],
)
def test_band_bounds(pct, band):
    assert band_of(Decimal(pct)) == BANDS[band]


def test_spans(regions):
    assert span_from_code("2025-2028").period == regions["period"]
    assert (span_from_code("2026").start_year, span_from_code("2026").end_year) == (2026, 2026)
    assert span_from_code("twintig") is None and span_from_code("") is None
    assert default_span().code == "2025-2028"


def test_region_without_subsidy_is_left_out_of_the_figure(regions):
    GrantFactory(region=RegionFactory(), period=regions["period"], year=2025, amount=Decimal("0"))
    monitor = compute_monitor(span_from_code("2025"))
    assert monitor.region_count == 4
    assert monitor.without_percentage == 1
    assert sum(b.count for b in monitor.bands) == 3


def _grow(period, n):
    for i in range(n):
        region = RegionFactory()
        members(region, 2)
        members(region, 1, mbo=True)
        members(region, 2, company=True)
        GrantFactory(region=region, period=period, year=2025, amount=Decimal("1000000") + i)
        CofinancingCommitmentFactory(region=region, year=2025, committed=Decimal("120000"))


def test_fixed_number_of_queries_at_two_sizes(regions, django_assert_max_num_queries):
    span = span_from_code("2025-2028")
    with django_assert_max_num_queries(2):
        small = compute_monitor(span)
    _grow(regions["period"], 25)
    with django_assert_max_num_queries(2):
        large = compute_monitor(span)
    assert (small.region_count, large.region_count) == (3, 28)
    assert large.partner_rows[0].total == 9 + 50


def test_chart_geometry_follows_the_counts(regions):
    chart = compute_monitor(span_from_code("2025-2028")).chart
    heights = [bar.height for bar in chart.bars]
    assert heights[1] == heights[0] == heights[4] > 0 and heights[2] == heights[3] == 0
    assert all(bar.y + bar.height == pytest.approx(chart.baseline) for bar in chart.bars)
