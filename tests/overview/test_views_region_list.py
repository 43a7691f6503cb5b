"""The reviewer's region list: figures, filters, pagination, exports and query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regions.models import Finding
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    manager_of,
    officer_of,
)

pytestmark = pytest.mark.django_db

LIST = reverse("regions:region_list")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def periods():
    return {
        "2020-2023": PeriodFactory(
            code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
        ),
        "2025-2028": PeriodFactory(
            code="2025-2028", start_year=2025, end_year=2028, min_cofinancing_pct=Decimal("10")
        ),
    }


def finding(region, rule="min_mbo", severity="error", resolved=None):
    return Finding.objects.create(
        region=region,
        rule=rule,
        severity=severity,
        message=f"{rule} in {region.name}",
        first_seen=datetime.date(2025, 1, 1),
        last_seen=datetime.date(2025, 1, 1),
        resolved_at=resolved,
    )


def make_region(periods, *, name, grants=(), committed=(), kind="techniek", lead_name=None):
    lead = OrganisationFactory(name=lead_name or f"Penvoerder {name}")
    region = RegionFactory(name=name, kind=kind, lead=lead)
    MembershipFactory(region=region, organisation=lead)
    for year, amount in grants:
        period = periods["2025-2028"] if year >= 2025 else periods["2020-2023"]
        GrantFactory(region=region, period=period, year=year, amount=Decimal(amount))
    for year, amount in committed:
        CofinancingCommitmentFactory(region=region, year=year, committed=Decimal(amount))
    return region


def shown(response):
    return [r.sto_number for r in response.context["regions"]]


def test_figures_are_summed_over_the_whole_period(client, reviewer, periods):
    # 2025: 1,000,000 grant, 50,000 committed (5%); 2026: 1,000,000 grant, 150,000 (15%):
    # over the period 200,000 / 2,000,000 = 10.0%. A 2023 commitment belongs to another period.
    region = make_region(
        periods,
        name="Periodeherkenning",
        grants=[(2025, "1000000"), (2026, "1000000"), (2023, "500000")],
        committed=[(2025, "50000"), (2026, "150000"), (2023, "999999")],
    )
    MembershipFactory(region=region, organisation=OrganisationFactory(company=True))
    MembershipFactory(
        region=region, organisation=OrganisationFactory(company=True), end=datetime.date(2021, 1, 1)
    )
    finding(region)
    finding(region, rule="annual_report_overdue", resolved=datetime.date(2025, 2, 1))
    client.force_login(reviewer)
    response = client.get(LIST, {"period": "2025-2028"})
    row = response.context["regions"][0]
    assert row.grant_total == Decimal("2000000")
    assert row.cofinancing_total == Decimal("200000")
    assert row.cofinancing_share.pct == Decimal("10")
    assert row.cofinancing_share.minimum_met is True
    assert row.partner_count == 2  # the lead and the current company; not the one that left
    assert row.open_findings == 1  # the resolved finding does not count
    html = response.content.decode()
    assert "€ 2.000.000" in html and "10,0%" in html
    # The other period gives other figures.
    response = client.get(LIST, {"period": "2020-2023"})
    row = response.context["regions"][0]
    assert row.grant_total == Decimal("500000")
    assert row.cofinancing_share.pct == Decimal("999999") * 100 / Decimal("500000")
    assert row.cofinancing_share.shown_pct == Decimal("199.9")  # 199,9998 %, rounded down


def test_filters(client, reviewer, periods):
    low = make_region(periods, name="Laag", grants=[(2025, "1000000")], committed=[(2025, "80000")])
    mid = make_region(
        periods,
        name="Midden",
        grants=[(2025, "1000000")],
        committed=[(2025, "170000")],
        kind="techniekarm",
    )
    high = make_region(
        periods,
        name="Hoog",
        grants=[(2025, "1000000")],
        committed=[(2025, "300000")],
        lead_name="Het Technisch Lyceum",
    )
    none = make_region(periods, name="Zonder subsidie")
    finding(low, rule="cofinancing_share")
    finding(mid, rule="convenant_deadline_near", severity="warning")
    gm = OrganisationFactory(municipality=True, name="Amstelveen", key="GM0362")
    MembershipFactory(region=low, organisation=gm)
    MunicipalContributionFactory(region=high, municipality=gm)
    client.force_login(reviewer)

    def ids(**params):
        return set(shown(client.get(LIST, {"period": "2025-2028", **params})))

    assert ids() == {r.sto_number for r in (low, mid, high, none)}
    assert ids(kind="techniekarm") == {mid.sto_number}
    assert ids(findings="any") == {low.sto_number, mid.sto_number}
    assert ids(findings="error") == {low.sto_number}
    assert ids(findings="none") == {high.sto_number, none.sto_number}
    assert ids(findings="convenant_deadline_near") == {mid.sto_number}
    assert ids(band="below_min") == {low.sto_number}
    assert ids(band="15-20") == {mid.sto_number}
    assert ids(band="25+") == {high.sto_number}
    assert ids(pct_min="10", pct_max="20") == {mid.sto_number}
    assert ids(pct_min="8") == {mid.sto_number, high.sto_number, low.sto_number}
    # Municipality: member (low) or contributing (high), by CBS code or by name.
    assert ids(municipality="gm0362") == {low.sto_number, high.sto_number}
    assert ids(municipality="amstel") == {low.sto_number, high.sto_number}
    assert ids(lead="technisch lyceum") == {high.sto_number}
    assert ids(q=mid.sto_number) == {mid.sto_number}
    assert ids(q="hoo") == {high.sto_number}


def test_a_bad_filter_value_is_reported_next_to_the_field(client, reviewer, periods):
    make_region(periods, name="Een")
    client.force_login(reviewer)
    response = client.get(LIST, {"pct_min": "20", "pct_max": "10"})
    assert response.status_code == 200
    assert "De bovengrens ligt onder de ondergrens." in response.content.decode()
    assert "pct_max" in response.context["form"].errors


def test_pagination_25_per_page(client, reviewer, periods):
    for n in range(27):
        RegionFactory(name=f"Regio {n:02d}")
    client.force_login(reviewer)
    first = client.get(LIST)
    assert len(first.context["regions"]) == 25
    assert first.context["page"].paginator.count == 27
    second = client.get(LIST, {"pagina": 2})
    assert len(second.context["regions"]) == 2


def test_manager_and_officer_see_only_their_regions(client, periods):
    own = make_region(periods, name="Eigen")
    other = make_region(periods, name="Vreemd")
    gm = OrganisationFactory(municipality=True)
    MunicipalContributionFactory(region=own, municipality=gm)
    for user in (manager_of(own), officer_of(gm)):
        client.force_login(user)
        response = client.get(LIST)
        assert shown(response) == [own.sto_number]
        assert other.name not in response.content.decode()
        # Filtering for the other region does not bring it in.
        assert shown(client.get(LIST, {"q": other.sto_number})) == []


def _sheet_rows(content: bytes, sheet: str):
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [list(r) for r in workbook[sheet].iter_rows(values_only=True)]


def test_excel_export_has_the_rows_and_columns_of_the_filtered_list(client, reviewer, periods):
    low = make_region(periods, name="Laag", grants=[(2025, "1000000")], committed=[(2025, "80000")])
    high = make_region(
        periods, name="Hoog", grants=[(2025, "2000000")], committed=[(2025, "600000")]
    )
    client.force_login(reviewer)
    params = {"period": "2025-2028", "pct_min": "20"}
    response = client.get(reverse("regions:region_list_excel"), params)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet_rows(response.content, "Regio's")
    assert rows[0] == [
        "STO-nummer",
        "Naam",
        "Soort",
        "Penvoerder",
        "Partners",
        "Subsidie 2025-2028",
        "Cofinanciering 2025-2028 (%)",
        "Open bevindingen",
    ]
    assert rows[1:] == [
        [high.sto_number, "Hoog", "techniekregio", "Penvoerder Hoog", 1, 2000000, 30.0, 0]
    ]
    assert low.sto_number not in str(rows)


def test_workbook_export_holds_only_the_selection(client, reviewer, periods):
    kept = make_region(periods, name="Gekozen", kind="techniekarm")
    dropped = make_region(periods, name="Niet gekozen")
    client.force_login(reviewer)
    response = client.get(reverse("regions:region_list_workbook"), {"kind": "techniekarm"})
    assert response.status_code == 200
    rows = _sheet_rows(response.content, "regions")
    assert rows[0][:4] == ["sto_number", "name", "kind", "lead_key"]
    numbers = [r[0] for r in rows[1:]]
    assert numbers == [kept.sto_number]
    assert dropped.sto_number not in numbers
    memberships = _sheet_rows(response.content, "memberships")
    assert {r[0] for r in memberships[1:]} == {kept.sto_number}


def test_workbook_export_is_refused_to_officers_and_scoped_for_managers(client, periods):
    own = make_region(periods, name="Eigen")
    other = make_region(periods, name="Ander")
    gm = OrganisationFactory(municipality=True)
    MunicipalContributionFactory(region=own, municipality=gm)
    client.force_login(officer_of(gm))
    assert client.get(reverse("regions:region_list_workbook")).status_code == 403
    client.force_login(manager_of(own))
    rows = _sheet_rows(client.get(reverse("regions:region_list_workbook")).content, "regions")
    assert [r[0] for r in rows[1:]] == [own.sto_number]
    assert other.sto_number not in str(rows)


def _populate(periods, n):
    gm = OrganisationFactory(municipality=True, name="Gemeente Q")
    regions = []
    for i in range(n):
        region = make_region(
            periods, name=f"Q{i}", grants=[(2025, "1000000")], committed=[(2025, "120000")]
        )
        MembershipFactory(region=region, organisation=OrganisationFactory(company=True))
        MunicipalContributionFactory(region=region, municipality=gm)
        finding(region)
        regions.append(region)
    return regions


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("who", ["reviewer", "manager"])
def test_list_runs_a_fixed_number_of_queries(
    client, reviewer, periods, django_assert_max_num_queries, size, who
):
    regions = _populate(periods, size)
    user = reviewer if who == "reviewer" else manager_of(*regions)
    client.force_login(user)
    params = {
        "period": "2025-2028",
        "findings": "any",
        "municipality": "Gemeente Q",
        "band": "10-15",
    }
    with django_assert_max_num_queries(7):
        response = client.get(LIST, params)
    assert len(response.context["regions"]) == min(size, 25)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("regions:region_list_excel"), params)
    assert len(_sheet_rows(response.content, "Regio's")) == size + 1


def test_a_region_exactly_at_the_minimum_is_not_below_it(client, reviewer, periods):
    # 771.752,76 on 10.290.036,80 is exactly 7,5 %; as a float percentage it is 7,4999…
    minimum = periods["2020-2023"].min_cofinancing_pct  # 7,5 %
    grant = Decimal("10290036.80")
    at = (grant * minimum / 100).quantize(Decimal("0.01"))
    exact = make_region(
        periods, name="Precies", grants=[(2021, str(grant))], committed=[(2021, str(at))]
    )
    under = make_region(
        periods,
        name="Net eronder",
        grants=[(2021, str(grant))],
        committed=[(2021, str(at - Decimal("0.01")))],
    )
    assert at * 100 == grant * minimum  # the case really is exact
    client.force_login(reviewer)
    below = set(shown(client.get(LIST, {"period": "2020-2023", "band": "below_min"})))
    assert exact.sto_number not in below and under.sto_number in below
    at_least = set(shown(client.get(LIST, {"period": "2020-2023", "pct_min": str(minimum)})))
    assert exact.sto_number in at_least and under.sto_number not in at_least


def _sorted_regions(periods):
    """Three regions whose co-financing (2025-2028) is 30 %, 5 % and 12 %, and one without
    grants (shown as "—")."""
    return {
        "Hoog": make_region(
            periods, name="Hoog", grants=[(2025, "1000000")], committed=[(2025, "300000")]
        ),
        "Laag": make_region(
            periods, name="Laag", grants=[(2025, "2000000")], committed=[(2025, "100000")]
        ),
        "Midden": make_region(
            periods, name="Midden", grants=[(2025, "500000")], committed=[(2025, "60000")]
        ),
        "Zonder": make_region(periods, name="Zonder"),
    }


@pytest.mark.parametrize(
    ("sort", "names"),
    [
        ("cofinanciering", ["Laag", "Midden", "Hoog", "Zonder"]),
        ("-cofinanciering", ["Hoog", "Midden", "Laag", "Zonder"]),
        ("naam", ["Hoog", "Laag", "Midden", "Zonder"]),
        ("-subsidie", ["Laag", "Hoog", "Midden", "Zonder"]),
    ],
)
def test_the_list_and_its_excel_export_sort_by_a_column(client, reviewer, periods, sort, names):
    regions = _sorted_regions(periods)
    client.force_login(reviewer)
    params = {"period": "2025-2028", "sorteer": sort}
    expected = [regions[name].sto_number for name in names]
    assert shown(client.get(LIST, params)) == expected
    rows = _sheet_rows(client.get(reverse("regions:region_list_excel"), params).content, "Regio's")
    assert [row[0] for row in rows[1:]] == expected


def test_the_sort_headers_keep_the_filters_and_reverse_on_a_second_click(client, reviewer, periods):
    _sorted_regions(periods)
    client.force_login(reviewer)
    response = client.get(LIST, {"period": "2025-2028", "sorteer": "cofinanciering", "pagina": 1})
    headers = {h["key"]: h for h in response.context["headers"]}
    assert headers["cofinanciering"]["aria"] == "ascending"
    assert headers["cofinanciering"]["url"] == "?period=2025-2028&sorteer=-cofinanciering"
    assert headers["naam"]["aria"] == "none"
    assert headers["naam"]["url"] == "?period=2025-2028&sorteer=naam"
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html and html.count("aria-sort=") == 1


def test_an_unknown_sort_falls_back_to_the_sto_number(client, reviewer, periods):
    regions = _sorted_regions(periods)
    client.force_login(reviewer)
    response = client.get(LIST, {"period": "2025-2028", "sorteer": "-wachtwoord"})
    assert shown(response) == sorted(r.sto_number for r in regions.values())


@pytest.mark.parametrize("size", [3, 30])
def test_the_sorted_list_runs_a_fixed_number_of_queries(
    client, reviewer, periods, django_assert_max_num_queries, size
):
    _populate(periods, size)
    client.force_login(reviewer)
    params = {"period": "2025-2028", "sorteer": "-cofinanciering"}
    with django_assert_max_num_queries(7):
        response = client.get(LIST, params)
    assert len(response.context["regions"]) == min(size, 25)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("regions:region_list_excel"), params)
    assert len(_sheet_rows(response.content, "Regio's")) == size + 1
