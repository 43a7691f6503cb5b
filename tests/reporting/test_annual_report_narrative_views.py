"""The page where a programme manager explains the sections of the annual report, and the fixed
number of queries behind the report."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Activity, Goal, Plan
from reporting.annual_report import annual_report_document
from reporting.models import AnnualReportNarrative
from tests.factories import (
    CofinancingCommitmentFactory,
    ConvenantFactory,
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    SignatureFactory,
    StudentCountFactory,
    manager_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    period = PeriodFactory()
    lead = OrganisationFactory(key="31AA00", name="School Zuidrand", technical_profiles="BWI")
    region = RegionFactory(sto_number="STO19055", name="Zuidrand", lead=lead)
    MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
    GrantFactory(region=region, period=period, year=2025, amount=Decimal("300000"))
    return region


def url(region) -> str:
    return reverse("reporting:annual_report_narratives", args=[region.sto_number, 2025])


def test_the_manager_writes_and_reads_back_the_explanations(client, region):
    manager = manager_of(region, username="pm-zuidrand")
    client.force_login(manager)
    page = client.get(url(region)).content.decode()
    assert '<label for="id_cofinancing">5. Cofinanciering door bedrijven</label>' in page
    assert "<legend>Toelichting per onderdeel</legend>" in page
    assert reverse("reporting:annual_report_pdf", args=["STO19055", 2025]) in page
    response = client.post(url(region), {"partners": "Twee nieuwe bedrijven.", "goals": ""})
    assert response.status_code == 302
    assert list(
        AnnualReportNarrative.objects.filter(region=region).values_list("section", "text")
    ) == [("partners", "Twee nieuwe bedrijven.")]
    page = client.get(url(region)).content.decode()
    assert "Twee nieuwe bedrijven." in page
    assert "De toelichting bij het jaarverslag is opgeslagen." in page


def test_a_too_long_text_is_refused_with_an_error_summary(client, region):
    client.force_login(manager_of(region, username="pm-zuidrand"))
    page = client.post(url(region), {"goals": "x" * 5001}).content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1"' in page
    assert 'href="#id_goals"' in page
    assert "js/error-summary.js" in page
    assert not AnnualReportNarrative.objects.exists()


def test_the_reporting_page_links_a_manager_to_the_explanations(client, region):
    client.force_login(manager_of(region, username="pm-zuidrand"))
    assert url(region) in client.get(reverse("reporting:index")).content.decode()


def _grow(region, n: int) -> None:
    """``n`` more companies with co-financing and signatures, pupils, goals and activities."""
    period = region.grants.first().period
    convenant = region.convenants.first() or ConvenantFactory(region=region, period=period)
    plan = Plan.objects.filter(region=region).first() or Plan.objects.create(
        region=region, period=period, version=1
    )
    start = Goal.objects.filter(plan=plan).count()
    for i in range(start, start + n):
        company = OrganisationFactory(company=True, key=f"{70000000 + i:08d}", name=f"Bedrijf {i}")
        MembershipFactory(region=region, organisation=company, start=datetime.date(2020, 1, 1))
        SignatureFactory(convenant=convenant, organisation=company)
        CofinancingCommitmentFactory(
            region=region, organisation=company, year=2025, committed=Decimal("1000")
        )
        school = OrganisationFactory(key=f"{40 + i:02d}ZZ00", name=f"Vestiging {i}")
        MembershipFactory(region=region, organisation=school, start=datetime.date(2020, 1, 1))
        StudentCountFactory(organisation=school, reference_date=datetime.date(2025, 10, 1))
        goal = Goal.objects.create(
            plan=plan,
            code=f"D{i}",
            theme="duurzaam",
            description="d",
            milestone_2y="m",
            milestone_4y="m",
        )
        activity = Activity.objects.create(
            plan=plan,
            code=f"A{i}",
            title="a",
            starts=datetime.date(2025, 1, 1),
            ends=datetime.date(2025, 3, 1),
            result="r",
            owner=school,
        )
        activity.goals.add(goal)


def _queries(region) -> int:
    with CaptureQueriesContext(connection) as context:
        annual_report_document(region, 2025, today=datetime.date(2026, 4, 1))
    return len(context.captured_queries)


def test_the_report_reads_a_fixed_number_of_queries(region):
    _grow(region, 2)
    small = _queries(region)
    _grow(region, 20)
    assert _queries(region) == small
