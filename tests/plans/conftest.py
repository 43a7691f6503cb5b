"""A region with partners and a draft plan for 2025-2028, on the shared Amstelland."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from plans import services
from plans.models import Plan
from regions.models import Organisation, Period, Region
from regions.roles import Role
from tests import world as amstelland
from tests.factories import (
    CofinancingCommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    UserFactory,
    manager_of,
)


@dataclass
class PlanWorld:
    period: Period
    region: Region
    other_region: Region
    school: Organisation
    company: Organisation
    former: Organisation  # left the region before the period
    outsider: Organisation  # a partner of another region only
    plan: Plan
    manager: object
    other_manager: object
    reviewer: object
    administrator: object


@pytest.fixture
def plan_world(db) -> PlanWorld:
    period = PeriodFactory()  # 2025-2028, 10 %
    region = RegionFactory(sto_number=amstelland.STO_NUMBER, name=amstelland.NAME)
    other_region = RegionFactory(sto_number="STO19999", name="Verweggistan")
    school = region.lead
    company = OrganisationFactory(company=True, name="Bouwbedrijf Amstel B.V.")
    former = OrganisationFactory(company=True, name="Vertrokken B.V.")
    outsider = OrganisationFactory(company=True, name="Verre Techniek B.V.")
    start = datetime.date(2020, 1, 1)
    for organisation in (school, company):
        MembershipFactory(region=region, organisation=organisation, start=start)
    MembershipFactory(
        region=region, organisation=former, start=start, end=datetime.date(2024, 12, 31)
    )
    MembershipFactory(region=other_region, organisation=outsider, start=start)
    CofinancingCommitmentFactory(
        region=region, organisation=company, year=2025, committed=Decimal("120000.00")
    )
    manager = manager_of(region, username="pm-amstelland")
    plan = services.plan_create(by=manager, region=region, period=period)
    return PlanWorld(
        period=period,
        region=region,
        other_region=other_region,
        school=school,
        company=company,
        former=former,
        outsider=outsider,
        plan=plan,
        manager=manager,
        other_manager=manager_of(other_region, username="pm-verweggistan"),
        reviewer=UserFactory(username="beoordelaar-plan", role=Role.REVIEWER),
        administrator=UserFactory(username="beheerder-plan", role=Role.ADMINISTRATOR),
    )
