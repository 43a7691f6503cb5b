"""A small world for the money pages: an own region (Amstelland-like) and another region, with
a user of every role on each side."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from regions.models import Organisation, Region
from regions.roles import Role
from tests import world as amstelland
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    UserFactory,
    manager_of,
    officer_of,
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The world makes six users; the default hasher would make every test a second slower.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    period: object
    region: Region
    other_region: Region
    company: Organisation
    other_company: Organisation
    municipalities: dict
    other_municipality: Organisation
    commitment: object
    other_commitment: object
    contribution: object
    other_contribution: object
    manager: object
    other_manager: object
    officer: object
    other_officer: object
    reviewer: object
    administrator: object

    def user(self, role: str):
        return getattr(self, role)


@pytest.fixture
def world(db) -> World:
    period = PeriodFactory()  # 2025-2028, 10 %
    region = RegionFactory(sto_number=amstelland.STO_NUMBER, name=amstelland.NAME)
    other_region = RegionFactory(sto_number="STO19999", name="Verweggistan")
    company = OrganisationFactory(company=True, name="Bouwbedrijf Amstel B.V.")
    other_company = OrganisationFactory(company=True, name="Verre Techniek B.V.")
    municipalities = amstelland.municipalities()
    other_municipality = OrganisationFactory(
        municipality=True, key="GM0344", name="Verweggistad", inhabitants=360000
    )
    start = datetime.date(2020, 1, 1)
    MembershipFactory(region=region, organisation=region.lead, start=start)
    MembershipFactory(region=region, organisation=company, start=start)
    for municipality in municipalities.values():
        MembershipFactory(region=region, organisation=municipality, start=start)
    MembershipFactory(region=other_region, organisation=other_company, start=start)
    MembershipFactory(region=other_region, organisation=other_municipality, start=start)
    GrantFactory(region=region, period=period, year=2025, amount=Decimal("1000000.00"))
    GrantFactory(region=other_region, period=period, year=2025, amount=Decimal("2000000.00"))
    commitment = CofinancingCommitmentFactory(
        region=region, organisation=company, year=2025, committed=Decimal("50000.00")
    )
    other_commitment = CofinancingCommitmentFactory(
        region=other_region, organisation=other_company, year=2025, committed=Decimal("77777.00")
    )
    contribution = MunicipalContributionFactory(
        region=region,
        municipality=municipalities["GM0362"],
        year=2025,
        requested=amstelland.CONTRIBUTIONS_2025_2028[amstelland.AMSTELVEEN],
        purpose="Techniek Driedaagse en modernisering van het vmbo-techniekonderwijs",
    )
    other_contribution = MunicipalContributionFactory(
        region=other_region,
        municipality=other_municipality,
        year=2025,
        requested=Decimal("31415.00"),
        purpose="Geheim doel van Verweggistan",
    )
    return World(
        period=period,
        region=region,
        other_region=other_region,
        company=company,
        other_company=other_company,
        municipalities=municipalities,
        other_municipality=other_municipality,
        commitment=commitment,
        other_commitment=other_commitment,
        contribution=contribution,
        other_contribution=other_contribution,
        manager=manager_of(region, username="pm-amstelland"),
        other_manager=manager_of(other_region, username="pm-verweggistan"),
        officer=officer_of(municipalities["GM0362"], username="amb-amstelveen"),
        other_officer=officer_of(other_municipality, username="amb-verweggistad"),
        reviewer=UserFactory(username="beoordelaar-geld", role=Role.REVIEWER),
        administrator=UserFactory(
            username="beheerder-geld", role=Role.ADMINISTRATOR, is_staff=True
        ),
    )
