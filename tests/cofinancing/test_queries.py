"""Lists and detail pages run a fixed number of queries, whatever the number of rows.

Each page is measured at 3 and at 30 rows with the same limit; the page must also show the rows
(so the test cannot pass on an empty page).
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cofinancing import services
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
)

SIZES = [3, 30]


def _companies(world, n):
    companies = []
    for _ in range(n):
        company = OrganisationFactory(company=True)
        MembershipFactory(region=world.region, organisation=company)
        companies.append(company)
    return companies


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("role", ["manager", "reviewer", "administrator"])
def test_commitment_list(client, world, django_assert_max_num_queries, n, role):
    PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    for index, company in enumerate(_companies(world, n)):
        CofinancingCommitmentFactory(
            region=world.region, organisation=company, year=2021 + index % 6
        )
    for year in range(2026, 2029):
        GrantFactory(region=world.region, period=world.period, year=year)
    client.force_login(world.user(role))
    with django_assert_max_num_queries(11):
        response = client.get(reverse("cofinancing:commitment_list", args=["STO19040"]))
    rows = re.findall(r'href="/geld/STO19040/cofinanciering/\d+/"', response.content.decode())
    assert len(rows) == n + 1


@pytest.mark.parametrize("n", SIZES)
def test_commitment_detail_with_history(client, world, django_assert_max_num_queries, n):
    for step in range(n):
        services.cofinancing_commitment_update(
            by=world.manager,
            commitment=world.commitment,
            committed=Decimal(1000 + step),
            realised=None,
        )
    client.force_login(world.manager)
    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("cofinancing:commitment_detail", args=["STO19040", world.commitment.pk])
        )
    assert response.content.decode().count("<del>") == n


@pytest.mark.parametrize("n", SIZES)
def test_grant_list(client, world, django_assert_max_num_queries, n):
    for year in range(2026, 2026 + n):
        GrantFactory(region=world.region, period=world.period, year=year)
    client.force_login(world.reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("cofinancing:grant_list", args=["STO19040"]))
    assert response.content.decode().count("<td>2025-2028</td>") == n + 1


def _municipalities(world, n):
    result = []
    for _ in range(n):
        municipality = OrganisationFactory(municipality=True)
        MembershipFactory(region=world.region, organisation=municipality)
        result.append(municipality)
    return result


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("role", ["manager", "reviewer"])
def test_contribution_list(client, world, django_assert_max_num_queries, n, role):
    for municipality in _municipalities(world, n):
        MunicipalContributionFactory(region=world.region, municipality=municipality, year=2026)
    client.force_login(world.user(role))
    with django_assert_max_num_queries(9):
        response = client.get(reverse("cofinancing:contribution_list", args=["STO19040"]))
    assert response.content.decode().count('href="/geld/bijdragen/') == n + 1


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("role", ["officer", "manager", "reviewer", "administrator"])
def test_officer_contributions(client, world, django_assert_max_num_queries, n, role):
    amstelveen = world.municipalities["GM0362"]
    for index in range(n):
        region = RegionFactory(sto_number=f"STO8{index:04d}")
        MunicipalContributionFactory(region=region, municipality=amstelveen, year=2026)
        MunicipalContributionFactory(
            region=world.region, municipality=OrganisationFactory(municipality=True), year=2027
        )
    client.force_login(world.user(role))
    with django_assert_max_num_queries(9):
        response = client.get(reverse("cofinancing:officer_contributions"))
    shown = response.content.decode().count('href="/geld/bijdragen/')
    expected = {
        "officer": n + 1,
        "manager": n + 1,
        "reviewer": 2 * n + 2,
        "administrator": 2 * n + 2,
    }[role]
    assert shown == min(expected, 50)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("role", ["officer", "manager", "administrator"])
def test_contribution_detail(client, world, django_assert_max_num_queries, n, role):
    amstelveen = world.municipalities["GM0362"]
    for index in range(n):
        company = OrganisationFactory(company=True)
        MembershipFactory(region=world.region, organisation=company)
        MunicipalContributionFactory(
            region=world.region, municipality=amstelveen, year=1990 + index
        )
        services.contribution_request(
            by=world.manager,
            region=world.region,
            municipality=amstelveen,
            year=2025,
            requested=Decimal(20000 + index),
        )
    client.force_login(world.user(role))
    with django_assert_max_num_queries(11):
        response = client.get(
            reverse("cofinancing:contribution_detail", args=[world.contribution.pk])
        )
    html = response.content.decode()
    assert f"Bedrijf ({n + 1})" in html
    assert html.count("<del>") == n  # every change of the requested amount in the history


@pytest.mark.parametrize("n", SIZES)
def test_decision_post_with_errors(client, world, django_assert_max_num_queries, n):
    for index in range(n):
        MunicipalContributionFactory(
            region=world.region, municipality=world.municipalities["GM0362"], year=1990 + index
        )
    client.force_login(world.officer)
    with django_assert_max_num_queries(15):
        response = client.post(
            reverse("cofinancing:contribution_decide", args=[world.contribution.pk]),
            {
                "decision": "rejected",
                "reason": "",
                "decided_on": timezone.localdate().isoformat(),
                "expected_version": "1",
            },
        )
    assert response.status_code == 400


@pytest.mark.parametrize("n", SIZES)
def test_split_preview(client, world, django_assert_max_num_queries, n):
    _municipalities(world, n)
    client.force_login(world.manager)
    with django_assert_max_num_queries(9):
        response = client.post(
            reverse("cofinancing:contribution_split", args=["STO19040"]),
            {"total": "45000", "first_year": "2025", "last_year": "2028", "action": "preview"},
        )
    assert response.status_code == 200
    assert (
        response.content.decode().count('<th scope="row">') == n + 5
    )  # + the five Amstelland municipalities


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(
    "name, args",
    [
        ("commitment_export", ["STO19040"]),
        ("contribution_export", ["STO19040"]),
        ("officer_contributions_export", []),
    ],
)
def test_exports(client, world, django_assert_max_num_queries, n, name, args):
    amstelveen = world.municipalities["GM0362"]
    for index, company in enumerate(_companies(world, n)):
        CofinancingCommitmentFactory(region=world.region, organisation=company)
        MunicipalContributionFactory(
            region=world.region, municipality=amstelveen, year=1990 + index
        )
    client.force_login(
        world.administrator if name == "officer_contributions_export" else world.manager
    )
    with django_assert_max_num_queries(6):
        response = client.get(reverse(f"cofinancing:{name}", args=args))
    assert response.status_code == 200 and len(response.content) > 1000
