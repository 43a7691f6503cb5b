"""A small country built by hand for the budget formula (docs/interfaces.md §6), reference date
1 October 2025. What counts and what must not:

| region          | schools (technical vmbo members on the day)     | technical BB/KB/GL students |
| --------------- | ----------------------------------------------- | --------------------------- |
| STO10001 Alfa   | A1 (BWI;PIE): 40 + 30 + 10; A2 (MVI): 20 + 5     | 105                         |
| STO10002 Beta   | B1 (M&T, leaves on the day): 12 + 7; B2 (BWI,    | 23                          |
|                 | joins on the day): 4                            |                             |
| STO10003 Gamma  | none (its vmbo has no technical profile)        | 0                           |
| STO10004 Delta  | D1 (BWI): 10                                    | 10                          |

Not counted: A1's TL and Z&W students and its count of 1 October 2024; A3 (no technical
profile, though it reports BWI students); A4 (left on 30 September 2025); A5 (joins on 2 October
2025); Alfa's mbo college and company. Grants: Alfa 2023 € 800.000 and 2025 € 900.000; Beta 2025
€ 300.000 and 2026 € 350.000; Gamma 2025 € 500.000; Delta none.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from regions.models import Region
from regions.roles import Role
from tests.factories import (
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    StudentCountFactory,
    UserFactory,
)

DAY = datetime.date(2025, 10, 1)
YEAR_BEFORE = datetime.date(2024, 10, 1)
JOINED = datetime.date(2020, 1, 1)


@dataclass
class Country:
    regions: dict[str, Region]


def _school(region, profiles, counts, *, start=JOINED, end=None, **extra):
    school = OrganisationFactory(kind="vmbo", technical_profiles=profiles, **extra)
    MembershipFactory(region=region, organisation=school, start=start, end=end)
    for day, profile, path, students in counts:
        StudentCountFactory(
            organisation=school,
            reference_date=day,
            profile=profile,
            learning_path=path,
            students=students,
        )
    return school


def build_country() -> Country:
    earlier = PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    period = PeriodFactory(code="2025-2028", start_year=2025, end_year=2028)
    alfa = RegionFactory(sto_number="STO10001", name="Alfa")
    beta = RegionFactory(sto_number="STO10002", name="Beta")
    gamma = RegionFactory(sto_number="STO10003", name="Gamma")
    delta = RegionFactory(sto_number="STO10004", name="Delta")
    # The factory's leads are not members: only memberships make a school take part.

    _school(
        alfa,
        "BWI;PIE",
        [
            (DAY, "BWI", "BB", 40),
            (DAY, "PIE", "KB", 30),
            (DAY, "PIE", "GL", 10),
            (DAY, "BWI", "TL", 25),  # theoretical path: not counted
            (DAY, "Z&W", "BB", 50),  # not a technical profile
            (YEAR_BEFORE, "BWI", "BB", 99),  # another reference date
        ],
        name="Alfa College",
    )
    _school(alfa, "MVI", [(DAY, "MVI", "BB", 20), (DAY, "MaT", "KB", 5)], name="Alfa Maritiem")
    _school(alfa, "", [(DAY, "BWI", "BB", 15), (DAY, "D&P", "KB", 70)], name="Alfa Lyceum")
    _school(alfa, "BWI", [(DAY, "BWI", "BB", 33)], end=datetime.date(2025, 9, 30))
    _school(alfa, "PIE", [(DAY, "PIE", "BB", 44)], start=datetime.date(2025, 10, 2))
    for kind in ("mbo", "company"):
        MembershipFactory(region=alfa, organisation=OrganisationFactory(**{kind: True}))

    _school(beta, "M&T", [(DAY, "M&T", "BB", 12), (DAY, "M&T", "KB", 7)], end=DAY)
    _school(beta, "BWI", [(DAY, "BWI", "GL", 4)], start=DAY)

    _school(gamma, "", [(DAY, "Z&W", "KB", 60)])

    _school(delta, "BWI", [(DAY, "BWI", "BB", 10)])

    for region, year, amount in (
        (alfa, 2023, "800000"),
        (alfa, 2025, "900000"),
        (beta, 2025, "300000"),
        (beta, 2026, "350000"),
        (gamma, 2025, "500000"),
    ):
        GrantFactory(
            region=region,
            period=earlier if year < 2025 else period,
            year=year,
            amount=Decimal(amount),
        )
    return Country(regions={r.sto_number: r for r in (alfa, beta, gamma, delta)})


@pytest.fixture
def country(db) -> Country:
    return build_country()


@pytest.fixture
def formula_reviewer(db):
    return UserFactory(username="formule-beoordelaar", role=Role.REVIEWER)
