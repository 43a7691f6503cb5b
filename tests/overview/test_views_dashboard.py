"""The region dashboard and the role-aware start page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from regions import services
from regions.models import Finding
from regions.roles import Role
from tests.factories import (
    AnnualReportFactory,
    CofinancingCommitmentFactory,
    ConvenantFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    SignatureFactory,
    UserFactory,
    manager_of,
    officer_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def period(today):
    y = today.year
    return PeriodFactory(
        code=f"{y - 1}-{y + 2}", start_year=y - 1, end_year=y + 2, min_cofinancing_pct=Decimal("10")
    )


def dashboard(client, region, **params):
    return client.get(reverse("regions:region_detail", args=[region.sto_number]), params)


def test_money_of_this_year_and_the_period_percentage(client, today, period):
    y = today.year
    region = RegionFactory()
    GrantFactory(region=region, period=period, year=y, amount=Decimal("1399000.50"))
    GrantFactory(region=region, period=period, year=y - 1, amount=Decimal("600999.50"))
    CofinancingCommitmentFactory(
        region=region, year=y, committed=Decimal("100000"), realised=Decimal("23973")
    )
    CofinancingCommitmentFactory(
        region=region, year=y - 1, committed=Decimal("50000"), realised=Decimal("40000")
    )
    gm1, gm2 = OrganisationFactory(municipality=True), OrganisationFactory(municipality=True)
    MunicipalContributionFactory(
        region=region, municipality=gm1, year=y, requested=Decimal("23973")
    )
    MunicipalContributionFactory(
        region=region,
        municipality=gm2,
        year=y,
        requested=Decimal("19414"),
        approved=Decimal("19414"),
        status="approved",
    )
    client.force_login(manager_of(region))
    response = dashboard(client, region)
    money = response.context["money"]
    assert money.grant == Decimal("1399000.50")
    assert money.committed == Decimal("100000") and money.realised == Decimal("23973")
    # Over the period: 150,000 of 2,000,000 = 7.5%, below the period's 10%.
    assert money.period_share.grants == Decimal("2000000.00")
    assert money.period_share.shown_pct == Decimal("7.5")
    assert money.period_share.minimum_met is False
    html = response.content.decode()
    assert "€ 1.399.000,50" in html
    assert "€ 23.973" in html
    assert "7,5%" in html and "onder het minimum van 10%" in html
    assert f"Geld in {y}<" in html  # a year, not a localised number like 2.026
    statuses = {row["status"]: row for row in money.contributions}
    assert statuses["requested"]["requested"] == Decimal("23973")
    assert statuses["approved"]["approved"] == Decimal("19414")


def test_open_findings_with_severity_and_since(client, today, period):
    region = RegionFactory()
    Finding.objects.create(
        region=region,
        rule="min_mbo",
        severity="error",
        message="Er is geen mbo-instelling.",
        first_seen=datetime.date(2024, 10, 1),
        last_seen=today,
    )
    Finding.objects.create(
        region=region,
        rule="min_company",
        severity="warning",
        message="Opgelost probleem",
        first_seen=datetime.date(2024, 1, 1),
        last_seen=today,
        resolved_at=today,
    )
    client.force_login(manager_of(region))
    html = dashboard(client, region).content.decode()
    assert "Er is geen mbo-instelling." in html
    assert "1 oktober 2024" in html
    assert 'badge--error">fout' in html
    assert "Opgelost probleem" not in html


def test_deadlines_missing_signatures_and_annual_reports(client, today, period):
    y = today.year
    region = RegionFactory()
    signer = OrganisationFactory(name="Getekende School")
    laggard = OrganisationFactory(company=True, name="Trage Techniek B.V.")
    for org in (signer, laggard):
        MembershipFactory(region=region, organisation=org, start=datetime.date(2020, 1, 1))
    convenant = ConvenantFactory(
        region=region,
        period=period,
        title="Convenant Test",
        signing_deadline=today + datetime.timedelta(days=10),
    )
    SignatureFactory(convenant=convenant, organisation=signer, signed_on=today)
    # Grants in y-2 (report overdue since 1 June y-1) and y-1 (report in) and y (not due yet).
    old_period = PeriodFactory(
        code="oud", start_year=y - 3, end_year=y - 2, min_cofinancing_pct=Decimal("7.5")
    )
    GrantFactory(region=region, period=old_period, year=y - 2)
    GrantFactory(region=region, period=period, year=y - 1)
    AnnualReportFactory(region=region, year=y - 1, submitted_on=today)
    client.force_login(manager_of(region))
    response = dashboard(client, region)
    deadlines = response.context["deadlines"]
    kinds = [(d.deadline.kind, d.deadline.subject, d.overdue, d.soon) for d in deadlines]
    assert ("annual_report", str(y - 2), True, False) in kinds
    assert ("convenant", period.code, False, True) in kinds
    assert not any(
        d.deadline.kind == "annual_report" and d.deadline.subject == str(y - 1) for d in deadlines
    )
    convenant_deadline = next(d.deadline for d in deadlines if d.deadline.kind == "convenant")
    assert [o.name for o in convenant_deadline.missing_signers] == ["Trage Techniek B.V."]
    assert "Ondertekening Convenant Test" in response.content.decode()
    html = response.content.decode()
    assert "1 partner moet nog tekenen" in html
    assert f"1 juni {y - 1}" in html


def test_officer_sees_only_the_contributions_of_their_own_municipality(client, today, period):
    region = RegionFactory()
    own, other = OrganisationFactory(municipality=True), OrganisationFactory(municipality=True)
    MunicipalContributionFactory(
        region=region, municipality=own, year=today.year, requested=Decimal("1111")
    )
    MunicipalContributionFactory(
        region=region, municipality=other, year=today.year, requested=Decimal("9999")
    )
    GrantFactory(region=region, period=period, year=today.year, amount=Decimal("123456"))
    client.force_login(officer_of(own))
    response = dashboard(client, region)
    assert response.status_code == 200
    html = response.content.decode()
    assert "€ 1.111" in html and "€ 9.999" not in html
    # The region's grant and co-financing are closed to officers here as on the money pages.
    assert "€ 123.456" not in html and "Cofinanciering bedrijven" not in html
    assert "alleen in te zien door de regio en de beoordelaars" in html
    # The reviewer sees the region's total and its money.
    client.force_login(UserFactory(role=Role.REVIEWER))
    html = dashboard(client, region).content.decode()
    assert "€ 11.110" in html and "€ 123.456" in html


def test_reviewer_reads_but_gets_no_write_links(client, reviewer, period):
    region = RegionFactory()
    client.force_login(reviewer)
    html = dashboard(client, region).content.decode()
    assert reverse("regions:partner_add", args=[region.sto_number]) not in html
    assert "alleen de programmamanager van de regio wijzigt ze" in html
    client.force_login(manager_of(region))
    html = client.get(reverse("regions:partner_list", args=[region.sto_number])).content.decode()
    assert reverse("regions:partner_add", args=[region.sto_number]) in html


def test_region_history_is_shown(client, period):
    user = UserFactory(username="wijziger", role=Role.ADMINISTRATOR)
    region = RegionFactory(name="Oude naam")
    region.name = "Nieuwe naam"
    from sto.history import save_validated

    save_validated(region, by=user)
    client.force_login(manager_of(region))
    html = dashboard(client, region).content.decode()
    assert "Historie" in html and "wijziger" in html
    assert "Oude naam" in html and "Nieuwe naam" in html


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_runs_a_fixed_number_of_queries(
    client, today, period, size, django_assert_max_num_queries
):
    y = today.year
    region = RegionFactory()
    manager = manager_of(region)
    convenant = ConvenantFactory(region=region, period=period, signing_deadline=today)
    for i in range(size):
        org = OrganisationFactory(company=True)
        MembershipFactory(region=region, organisation=org)
        SignatureFactory(convenant=convenant, organisation=org, signed_on=None if i % 2 else today)
        MunicipalContributionFactory(region=region, year=y, status="requested")
        CofinancingCommitmentFactory(region=region, organisation=org, year=y)
        Finding.objects.create(
            region=region,
            rule="min_mbo",
            subject=str(i),
            severity="error",
            message="x",
            first_seen=today,
            last_seen=today,
        )
        services.organisation_update(by=manager, organisation=org, city=f"Plaats {i}")
    client.force_login(manager)
    # The deadlines come through the rule engine's snapshot of the region (ten queries); the
    # plan of the period adds its versions, budget lines and the period's co-financing.
    with django_assert_max_num_queries(24):
        response = dashboard(client, region)
    assert len(response.context["findings"]) == size
    # the companies, and the municipalities asked for a contribution (members, too)
    assert response.context["overview"].partner_total == 2 * size


def test_home_sends_each_role_to_its_start_page(client, period):
    one = RegionFactory()
    two = RegionFactory()
    client.force_login(manager_of(one))
    assert client.get("/").url == reverse("regions:region_detail", args=[one.sto_number])
    client.force_login(manager_of(one, two))
    response = client.get("/")
    assert response.status_code == 200
    assert [r.sto_number for r in response.context["managed_regions"]] == [
        one.sto_number,
        two.sto_number,
    ]
    client.force_login(UserFactory(role=Role.REVIEWER))
    assert client.get("/").url == reverse("regions:region_list")
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert client.get("/").url == reverse("regions:region_list")
    gm = OrganisationFactory(municipality=True)
    client.force_login(officer_of(gm))
    response = client.get("/")
    officer_url = reverse("cofinancing:officer_contributions")
    assert response.status_code == 302 and response.url == officer_url
    client.force_login(UserFactory())
    assert "nog geen rol" in client.get("/").content.decode()
