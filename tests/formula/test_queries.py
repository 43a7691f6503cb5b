"""The simulator's pages run a fixed number of queries, whatever the number of regions or
scenarios: measured at 3 and at 30 with the same limit, and the page must show them all (so an
empty page cannot pass). A page with results reads the session, the user and their roles, then
what the formula reads (``FormulaData.load``): the regions, the grants, and per reference date
the members and the student counts."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from formula import services
from formula.computation import Parameters
from tests.factories import (
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    StudentCountFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]
DAY = datetime.date(2025, 10, 1)
PARAMETERS = {
    "reference_date": "2025-10-01",
    "base_per_school": "50.000",
    "per_student": "1.000",
    "guarantee_pct": "80",
    "guarantee_year": "2025",
    "ceiling": "97.000.000",
}


def regions(n: int) -> None:
    """``n`` regions with two schools each (counts on two days) and two grants."""
    period = PeriodFactory()
    for index in range(n):
        region = RegionFactory(sto_number=f"STO2{index:04d}")
        for _ in range(2):
            school = OrganisationFactory(kind="vmbo", technical_profiles="BWI")
            MembershipFactory(region=region, organisation=school)
            for day in (DAY, datetime.date(2024, 10, 1)):
                for path in ("BB", "TL"):
                    StudentCountFactory(organisation=school, reference_date=day, learning_path=path)
        for year in (2025, 2026):
            GrantFactory(region=region, period=period, year=year)


def scenarios(n: int, by) -> list:
    return [
        services.scenario_create(
            by=by,
            name=f"Scenario {index}",
            parameters=Parameters(
                reference_date=DAY if index % 2 else datetime.date(2024, 10, 1),
                base_per_school=Decimal(1000 * index),
                per_student=Decimal(10),
            ),
        )
        for index in range(n)
    ]


@pytest.mark.parametrize("n", SIZES)
def test_simulator_results(client, reviewer, django_assert_max_num_queries, n):
    regions(n)
    client.force_login(reviewer)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("formula:simulator") + "?" + urlencode(PARAMETERS))
    assert response.content.decode().count('<th scope="row">Techniekregio ') == n


@pytest.mark.parametrize("n", SIZES)
def test_simulator_export(client, reviewer, django_assert_max_num_queries, n):
    regions(n)
    client.force_login(reviewer)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("formula:simulator_export") + "?" + urlencode(PARAMETERS))
    assert response.status_code == 200 and len(response.content) > 5000


@pytest.mark.parametrize("n", SIZES)
def test_scenario_list(client, reviewer, django_assert_max_num_queries, n):
    scenarios(n, reviewer)
    client.force_login(reviewer)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("formula:scenario_list"))
    assert response.content.decode().count('name="scenario"') == n


@pytest.mark.parametrize("n", SIZES)
def test_scenario_detail(client, reviewer, django_assert_max_num_queries, n):
    regions(n)
    scenario = scenarios(n, reviewer)[-1]
    client.force_login(reviewer)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("formula:scenario_detail", args=[scenario.pk]))
    assert response.content.decode().count('<th scope="row">Techniekregio ') == n


@pytest.mark.parametrize("n", SIZES)
def test_scenario_compare(client, reviewer, django_assert_max_num_queries, n):
    regions(n)
    compared = scenarios(n, reviewer)[:6]  # two reference dates among them
    query = urlencode([("scenario", s.pk) for s in compared])
    client.force_login(reviewer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("formula:scenario_compare") + "?" + query)
    html = response.content.decode()
    assert html.count('<th scope="row">Techniekregio ') == n
    assert html.count('<td class="num">€ ') >= n * len(compared)
