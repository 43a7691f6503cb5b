"""Data situations shared by the reporting tests, built with the factories on the shared
Amstelland of tests/world.py."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from cofinancing.models import MunicipalContribution
from regions.models import Organisation, Period, Region
from tests import world
from tests.factories import (
    ConvenantFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
)


@dataclass
class Amstelland:
    region: Region
    period: Period
    previous_period: Period
    amstelveen: Organisation
    others: list[Organisation]


def amstelland() -> Amstelland:
    previous_period = PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    PeriodFactory(code="2024", start_year=2024, end_year=2024, min_cofinancing_pct=Decimal("7.5"))
    period = PeriodFactory(
        code="2025-2028", start_year=2025, end_year=2028, min_cofinancing_pct=Decimal("10")
    )
    lead = OrganisationFactory(
        key="14AB00", name="Futuris", city="Amstelveen", technical_profiles="BWI;PIE"
    )
    region = RegionFactory(sto_number=world.STO_NUMBER, name=world.NAME, lead=lead)
    MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
    ConvenantFactory(
        region=region,
        period=period,
        title="Samenwerkingsovereenkomst Sterk Techniekonderwijs Amstelland 2025-2028",
        signing_deadline=datetime.date(2024, 10, 1),
    )
    municipalities = world.municipalities()
    for key, municipality in municipalities.items():
        yearly = world.CONTRIBUTIONS_2020_2023[key]
        for year in previous_period.years:
            MunicipalContributionFactory(
                region=region,
                municipality=municipality,
                year=year,
                requested=yearly,
                approved=yearly,
                status="approved",
            )
        for year in period.years:
            MunicipalContributionFactory(
                region=region,
                municipality=municipality,
                year=year,
                requested=world.CONTRIBUTIONS_2025_2028[key],
            )
    for year in period.years:
        GrantFactory(region=region, period=period, year=year, amount=Decimal("800000"))
    assert MunicipalContribution.objects.filter(region=region, year=2020).count() == 5
    return Amstelland(
        region=region,
        period=period,
        previous_period=previous_period,
        amstelveen=municipalities[world.AMSTELVEEN],
        others=[m for k, m in municipalities.items() if k != world.AMSTELVEEN],
    )
