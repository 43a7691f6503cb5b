"""Every page and document that says whether a region meets the co-financing minimum decides it
exactly as the rule ``cofinancing_share`` does (docs/interfaces.md §3; condition h, seeds 004 §2):
committed ≥ the minimum % of the period's grants, rounded to the cent half up, never a rounded
percentage."""

import datetime
from decimal import Decimal

import pytest

from cofinancing.selectors import cofinancing_summary
from regions.overview import region_money
from regions.rules import evaluate_all
from regions.rules.money import cofinancing_minimum_met
from reporting.annual_report import annual_report_data
from tests.factories import CofinancingCommitmentFactory, GrantFactory, PeriodFactory, RegionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 1)


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


def test_the_predicate_rounds_the_required_amount_half_up_to_the_cent():
    assert (
        cofinancing_minimum_met(Decimal("99960.00"), Decimal("1000000.00"), Decimal("10")) is False
    )
    assert (
        cofinancing_minimum_met(Decimal("100000.00"), Decimal("1000000.00"), Decimal("10")) is True
    )
    # 10 % of 1.000.000,05 is 100.000,005: 100.000,01 is needed.
    assert (
        cofinancing_minimum_met(Decimal("100000.00"), Decimal("1000000.05"), Decimal("10")) is False
    )
    assert cofinancing_minimum_met(Decimal("0"), Decimal("0"), Decimal("10")) is None


def test_dashboard_does_not_round_9_96_percent_up_to_meeting_10_percent():
    region = region_with("1000000.00", "99960.00")
    assert rule_reports(region)
    money = region_money(region, 2025)
    assert money.period_pct == Decimal("10.0")  # shown rounded to one decimal ...
    assert money.meets_minimum is False  # ... but € 40 short, as the finding says


def test_cofinancing_page_needs_the_same_cent_as_the_rule():
    region = region_with("1000000.05", "100000.00")
    assert rule_reports(region)
    (line,) = cofinancing_summary(region).periods
    assert line.minimum_amount == Decimal("100000.01")
    assert line.meets_minimum is False


def test_annual_report_agrees_with_the_rule_when_the_minimum_rounds_down():
    # 10 % of 1.000.000,04 is 100.000,004: the rule asks 100.000,00, which is committed.
    region = region_with("1000000.04", "100000.00")
    assert not rule_reports(region)
    assert annual_report_data(region, 2025, today=DAY).meets_minimum is True
