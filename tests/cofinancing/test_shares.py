"""Co-financing against its minimum (``cofinancing.shares``): every page and document that says
whether a region meets the minimum decides it as the rule ``cofinancing_share`` does
(docs/interfaces.md §3; condition h, seeds 004 §2), and shows the same rounded percentage.

The rule of ``sto.money``: the required amount is the smallest amount in cents that meets the
minimum, so "committed ≥ required" is the exact test "percentage ≥ minimum"; a shown percentage
is rounded down to one decimal, so a share below the minimum never reads as meeting it.
"""

import datetime
from decimal import Decimal

import pytest

from cofinancing.selectors import cofinancing_summary
from cofinancing.shares import BANDS, CofinancingShare, band_of
from compliance.rules import evaluate_all
from overview.dashboard import region_money
from reporting.annual_report import annual_report_data
from tests.factories import CofinancingCommitmentFactory, GrantFactory, PeriodFactory, RegionFactory

DAY = datetime.date(2025, 3, 1)


def share(committed: str, grants: str, minimum: str | None = "10") -> CofinancingShare:
    return CofinancingShare(
        amount=Decimal(committed),
        grants=Decimal(grants),
        minimum_pct=Decimal(minimum) if minimum is not None else None,
    )


def test_minimum_met_is_the_exact_comparison():
    assert share("99960.00", "1000000.00").minimum_met is False
    assert share("100000.00", "1000000.00").minimum_met is True
    # 10 % of 1.000.000,05 is 100.000,005: 100.000,01 is the smallest amount that meets it.
    assert share("100000.00", "1000000.05").required == Decimal("100000.01")
    assert share("100000.00", "1000000.05").minimum_met is False
    # 10 % of 1.000.000,04 is 100.000,004: 100.000,00 is 9,9999996 %, short of 10 %.
    assert share("100000.00", "1000000.04").minimum_met is False
    assert share("100000.01", "1000000.04").minimum_met is True
    assert share("0", "0").minimum_met is None
    assert share("5", "100", minimum=None).minimum_met is None


def test_shown_percentage_is_rounded_down_so_it_never_passes_the_minimum():
    assert share("99960.00", "1000000.00").shown_pct == Decimal("9.9")  # 9,996 %
    assert share("129900.00", "1000000.00").shown_pct == Decimal("12.9")  # 12,99 %
    assert share("130000.00", "1000000.00").shown_pct == Decimal("13.0")
    assert share("1", "0").shown_pct is None


def test_shortfall_is_what_the_finding_names():
    assert share("99960.00", "1000000.00").shortfall == Decimal("40.00")
    assert share("200000.00", "1000000.00").shortfall == Decimal("0.00")


@pytest.mark.parametrize(
    ("pct", "key"),
    [("9.99", "lt10"), ("10", "10-15"), ("14.999", "10-15"), ("15", "15-20"), ("25", "25+")],
)
def test_bands_include_the_lower_bound_and_exclude_the_upper(pct, key):
    assert band_of(Decimal(pct)).key == key
    assert [b.key for b in BANDS] == ["lt10", "10-15", "15-20", "20-25", "25+"]


# --- every output decides it the same way ----------------------------------------------------


def region_with(grant: str, committed: str):
    period = PeriodFactory()  # 2025-2028, minimum 10 %
    region = RegionFactory()
    GrantFactory(region=region, period=period, year=2025, amount=Decimal(grant))
    CofinancingCommitmentFactory(region=region, year=2025, committed=Decimal(committed))
    return region


def rule_reports(region) -> bool:
    return any(
        r.rule == "cofinancing_share" and r.region == region.sto_number for r in evaluate_all(DAY)
    )


@pytest.mark.django_db
def test_overview_shows_9_96_percent_as_9_9_and_below_the_minimum():
    region = region_with("1000000.00", "99960.00")
    assert rule_reports(region)
    money = region_money(region, 2025)
    assert money.period_share.shown_pct == Decimal("9.9")
    assert money.period_share.minimum_met is False  # € 40 short, as the finding says


@pytest.mark.django_db
def test_cofinancing_page_needs_the_same_cent_as_the_rule():
    region = region_with("1000000.05", "100000.00")
    assert rule_reports(region)
    (line,) = cofinancing_summary(region).periods
    assert line.share.required == Decimal("100000.01")
    assert line.share.minimum_met is False


@pytest.mark.django_db
def test_annual_report_and_rule_agree_a_fraction_of_a_cent_short():
    # 10 % of 1.000.000,04 is 100.000,004: 100.000,00 is short, by the rule and in the report.
    region = region_with("1000000.04", "100000.00")
    assert rule_reports(region)
    assert annual_report_data(region, 2025, today=DAY).period_share.minimum_met is False


@pytest.mark.django_db
def test_year_percentage_reads_the_same_on_the_page_and_in_the_annual_report():
    """Regression: 2025 read 13,0 % on the co-financing page and 12,9 % in the annual report."""
    region = region_with("1000000.00", "129490.00")  # 12,949 %
    (year,) = cofinancing_summary(region).years
    report = annual_report_data(region, 2025, today=DAY)
    assert year.committed_share.shown_pct == report.committed_share.shown_pct == Decimal("12.9")
