"""Data situations shared by the reporting tests, built with the factories."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from cofinancing.models import MunicipalContribution
from regions.models import Organisation, Period, Region
from tests.factories import (
    ConvenantFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
)

# Amstelland (seeds 000): € 45.000 a year in 2020–2023 split by inhabitants over five
# municipalities, Amstelveen € 19.414; for 2025–2028 Amstelveen is asked € 23.973 a year.
PREVIOUS = {
    ("GM0362", "Amstelveen", 92000): Decimal("19414"),
    ("GM0358", "Aalsmeer", 33000): Decimal("7050"),
    ("GM0451", "Uithoorn", 30000): Decimal("6500"),
    ("GM0437", "Ouder-Amstel", 14500): Decimal("3200"),
    ("GM0736", "De Ronde Venen", 45000): Decimal("8836"),
}
CURRENT = {
    "GM0362": Decimal("23973"),
    "GM0358": Decimal("8700"),
    "GM0451": Decimal("8000"),
    "GM0437": Decimal("3950"),
    "GM0736": Decimal("10900"),
}


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
    region = RegionFactory(sto_number="STO19040", name="Amstelland", lead=lead)
    MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
    ConvenantFactory(
        region=region,
        period=period,
        title="Samenwerkingsovereenkomst Sterk Techniekonderwijs Amstelland 2025-2028",
        signing_deadline=datetime.date(2024, 10, 1),
    )
    municipalities = {}
    for (key, name, inhabitants), yearly in PREVIOUS.items():
        municipality = OrganisationFactory(
            municipality=True, key=key, name=name, city=name, inhabitants=inhabitants
        )
        municipalities[key] = municipality
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
                region=region, municipality=municipality, year=year, requested=CURRENT[key]
            )
    for year in period.years:
        GrantFactory(region=region, period=period, year=year, amount=Decimal("800000"))
    assert MunicipalContribution.objects.filter(region=region, year=2020).count() == 5
    return Amstelland(
        region=region,
        period=period,
        previous_period=previous_period,
        amstelveen=municipalities["GM0362"],
        others=[m for k, m in municipalities.items() if k != "GM0362"],
    )
