"""Region pages link to the generated annual report PDF only for users who may open it.

A municipal officer reads the region's pages but not the generated annual report
(``reporting.permissions.can_read_annual_report``); the link used to be shown anyway and led to
a 404.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    GrantFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    manager_of,
    officer_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = RegionFactory(sto_number="STO19068", name="Amstelland")
    GrantFactory(region=region, period=PeriodFactory(), year=2025, amount=Decimal("800000.00"))
    return region


@pytest.fixture
def officer(region):
    amstelveen = OrganisationFactory(municipality=True, key="GM0362", name="Gemeente Amstelveen")
    MunicipalContributionFactory(region=region, municipality=amstelveen, year=2025)
    return officer_of(amstelveen)


PDF_URL = reverse("reporting:annual_report_pdf", args=["STO19068", 2025])


def pages(region):
    return [
        (
            reverse("regions:region_detail", args=[region.sto_number]) + "?jaar=2025",
            "annual_report_pdf_url",
        ),
        (reverse("regions:annual_report_detail", args=[region.sto_number, 2025]), "pdf_url"),
    ]


def test_officer_sees_no_link_to_a_pdf_they_may_not_open(client, region, officer):
    client.force_login(officer)
    assert client.get(PDF_URL).status_code == 404
    for url, name in pages(region):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context[name] is None
        assert PDF_URL not in response.content.decode()


def test_manager_and_reviewer_get_the_link(client, region, reviewer):
    for user in (manager_of(region), reviewer):
        client.force_login(user)
        for url, name in pages(region):
            response = client.get(url)
            assert response.context[name] == PDF_URL
            assert PDF_URL in response.content.decode()
