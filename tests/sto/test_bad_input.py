"""Malformed URLs and query parameters get a 4xx or are ignored, never a server error.

- A NUL character anywhere in the path or the query string is a 400
  (``sto.middleware.RejectNullCharactersMiddleware``): PostgreSQL refuses NUL in text, so a lookup
  on it was a 500 there.
- Digits that are not ASCII ("²" is ``isdigit()`` but not ``int()``-able) in ``?jaar=`` and
  ``?span=`` are ignored like any other non-number, instead of a 500.

The test client re-raises a view's exception, so a 500 makes these tests fail.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from regions.roles import Role
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    UserFactory,
    manager_of,
)

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"


@pytest.fixture
def region():
    period = PeriodFactory()  # 2025-2028
    region = RegionFactory(sto_number="STO19040", name="Rijk van Nijmegen")
    GrantFactory(region=region, period=period, year=2025, amount=Decimal("1000000.00"))
    GrantFactory(region=region, period=period, year=2026, amount=Decimal("1000000.00"))
    CofinancingCommitmentFactory(
        region=region,
        year=2025,
        organisation=OrganisationFactory(company=True, name="Aarts Metaal 2025"),
    )
    CofinancingCommitmentFactory(
        region=region,
        year=2026,
        organisation=OrganisationFactory(company=True, name="Bouw Oost 2026"),
    )
    return region


@pytest.mark.parametrize(
    "url",
    [
        "/regios/STO19040%00/",
        "/regios/STO19040/organisaties/%00/",
        "/rapportage/besluit/STO19040/GM%00/2025-2028/",
        "/regios/?q=%00",
        "/regios/beheer/gebruikers/?zoek=%00",
        "/rapportage/monitor/?span=%00",
        "/regios/?%00=1",
    ],
)
def test_a_nul_character_in_the_url_is_a_bad_request(client, administrator, region, url):
    client.force_login(administrator)
    assert client.get(url).status_code == 400


def test_a_nul_character_is_refused_before_login(client):
    assert client.get("/regios/%00/").status_code == 400


def test_urls_without_nul_still_work(client, administrator, region):
    UserFactory(username="zoekmij", role=Role.REVIEWER)
    client.force_login(administrator)
    response = client.get("/regios/beheer/gebruikers/", {"zoek": "zoekmij"})
    assert response.status_code == 200
    assert [u.username for u in response.context["users"]] == ["zoekmij"]
    assert client.get(reverse("regions:region_detail", args=["STO19040"])).status_code == 200


def companies_listed(response) -> set[str]:
    return {c.organisation.name for c in response.context["page"].object_list}


def test_cofinancing_list_ignores_a_year_in_non_ascii_digits(client, region):
    client.force_login(manager_of(region))
    url = reverse("cofinancing:commitment_list", args=[region.sto_number])
    response = client.get(url, {"jaar": SUPERSCRIPT_TWO})
    assert response.status_code == 200
    assert companies_listed(response) == {"Aarts Metaal 2025", "Bouw Oost 2026"}
    # a real year still filters
    assert companies_listed(client.get(url, {"jaar": "2026"})) == {"Bouw Oost 2026"}
    export = client.get(
        reverse("cofinancing:commitment_export", args=[region.sto_number]),
        {"jaar": SUPERSCRIPT_TWO},
    )
    assert export.status_code == 200
    assert (
        export["Content-Disposition"]
        == f'attachment; filename="cofinanciering-{region.sto_number}.xlsx"'
    )


@pytest.mark.parametrize(
    "name", ["cofinancing:contribution_list", "cofinancing:contribution_request"]
)
def test_contribution_pages_ignore_non_ascii_digits(client, region, name):
    client.force_login(manager_of(region))
    params = {"jaar": SUPERSCRIPT_TWO, "gemeente": SUPERSCRIPT_TWO}
    response = client.get(reverse(name, args=[region.sto_number]), params)
    assert response.status_code == 200
    assert response.context["region"] == region


def test_officer_contributions_ignore_non_ascii_digits(client, region):
    client.force_login(UserFactory(role=Role.REVIEWER))
    response = client.get(reverse("cofinancing:officer_contributions"), {"jaar": SUPERSCRIPT_TWO})
    assert response.status_code == 200
    assert response.context["year"] is None


def test_annual_report_list_shows_the_list_for_a_non_ascii_year(client, region):
    client.force_login(manager_of(region))
    url = reverse("regions:annual_report_list", args=[region.sto_number])
    response = client.get(url, {"jaar": SUPERSCRIPT_TWO})
    assert response.status_code == 200
    years = [row.year for row in response.context["rows"]]
    assert years[-1] == 2025 and set(years) <= {2025, 2026}  # the list, not a redirect
    # the "submit for year" form still redirects for a real year
    redirect = client.get(url, {"jaar": "2025"})
    assert redirect.status_code == 302
    assert redirect["Location"] == reverse(
        "regions:annual_report_detail", args=[region.sto_number, 2025]
    )


def test_monitor_span_in_non_ascii_digits_is_unknown(client, reviewer, region):
    client.force_login(reviewer)
    assert (
        client.get(reverse("reporting:monitor"), {"span": SUPERSCRIPT_TWO * 4}).status_code == 404
    )
    assert client.get(reverse("reporting:monitor"), {"span": "2025"}).status_code == 200
