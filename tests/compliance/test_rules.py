"""One or more tests per rule code of docs/interfaces.md §3: each starts from a region that meets
every condition and breaks exactly one thing."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from compliance.rules import RULES, evaluate_all
from regions.models import Organisation, Period, Region
from tests.factories import (
    AnnualReportFactory,
    CofinancingCommitmentFactory,
    ConvenantFactory,
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    SignatureFactory,
    StudentCountFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 1)


@dataclass
class Compliant:
    region: Region
    period: Period
    lead: Organisation
    vmbo: Organisation
    mbo: Organisation
    company: Organisation
    convenant: object


def compliant_region(*, sto_number=None, period=None, kind="techniek", signed=True) -> Compliant:
    """A region that meets every rule on DAY (2025-03-01): two technical vmbo locations (one the
    penvoerder), an mbo, a company, € 1.000.000 subsidy for 2025 with € 100.000 co-financing
    (10 %), a convenant 2025-2028 signed by all before its deadline 1 October 2024."""
    period = period or PeriodFactory()
    lead = OrganisationFactory(technical_profiles="BWI;PIE")
    extra = {"sto_number": sto_number} if sto_number else {}
    region = RegionFactory(lead=lead, kind=kind, **extra)
    vmbo = OrganisationFactory(technical_profiles="M&T")
    mbo = OrganisationFactory(mbo=True)
    company = OrganisationFactory(company=True)
    for member in (lead, vmbo, mbo, company):
        MembershipFactory(region=region, organisation=member)
    GrantFactory(region=region, period=period, year=2025, amount=Decimal("1000000.00"))
    CofinancingCommitmentFactory(
        region=region, organisation=company, year=2025, committed=Decimal("100000.00")
    )
    convenant = ConvenantFactory(region=region, period=period)
    if signed:
        for member in (lead, vmbo, mbo, company):
            SignatureFactory(
                convenant=convenant, organisation=member, signed_on=datetime.date(2024, 9, 1)
            )
    return Compliant(region, period, lead, vmbo, mbo, company, convenant)


def results_for(region, today=DAY, rule=None):
    return [
        r
        for r in evaluate_all(today)
        if r.region == region.sto_number and (rule is None or r.rule == rule)
    ]


def test_registry_holds_exactly_the_codes_and_severities_of_the_interface():
    expected = {
        "min_vmbo_locations": "error",
        "min_mbo": "error",
        "min_company": "error",
        "vmbo_single_region": "error",
        "lead_technical_vmbo": "error",
        "techniekarm_share": "error",
        "cofinancing_share": "error",
        "convenant_unsigned": "error",
        "convenant_deadline_near": "warning",
        "convenant_period": "error",
        "annual_report_overdue": "error",
        "annual_report_due_soon": "warning",
        "plan_overdue": "error",
        "plan_due_soon": "warning",
    }
    assert {code: r.severity for code, r in RULES.items()} == expected
    assert list(RULES) == list(expected)  # the order of docs/interfaces.md §3
    assert all(r.function.__doc__ and r.title for r in RULES.values())


def test_a_compliant_region_has_no_findings():
    c = compliant_region()
    assert results_for(c.region) == []


# --- composition -----------------------------------------------------------------------------


def test_min_vmbo_locations_counts_only_current_technical_vmbo_members():
    c = compliant_region()
    c.vmbo.memberships.update(end=datetime.date(2025, 2, 28))  # left the day before
    # a non-technical vmbo location does not count either
    MembershipFactory(
        region=c.region, organisation=OrganisationFactory(non_technical=True, name="Mavo Zuid")
    )
    # and one joining later does not count yet
    MembershipFactory(
        region=c.region, organisation=OrganisationFactory(), start=datetime.date(2025, 3, 2)
    )

    [result] = results_for(c.region, rule="min_vmbo_locations")
    assert result.severity == "error"
    assert (
        f"1 vmbo-vestiging met een technisch profiel als deelnemer ({c.lead.name} ({c.lead.key}))"
        in result.message
    )
    assert "minimaal 2" in result.message
    # The day before the membership ended the region still had two.
    assert results_for(c.region, today=datetime.date(2025, 2, 28), rule="min_vmbo_locations") == []


def test_min_vmbo_locations_does_not_apply_to_a_techniekarm_region():
    c = compliant_region(kind="techniekarm")
    c.vmbo.memberships.all().delete()
    assert results_for(c.region, rule="min_vmbo_locations") == []


def test_min_mbo_and_min_company():
    c = compliant_region()
    c.mbo.memberships.update(end=datetime.date(2024, 12, 31))
    c.company.memberships.all().delete()
    by_rule = {r.rule: r for r in results_for(c.region)}
    assert by_rule["min_mbo"].message == (
        f"Regio {c.region.sto_number} heeft geen mbo-instelling als deelnemer; minimaal 1 nodig (voorwaarde g)."
    )
    assert by_rule["min_company"].severity == "error"
    assert "geen bedrijf" in by_rule["min_company"].message
    # Before the mbo left, only the company is missing.
    assert {r.rule for r in results_for(c.region, today=datetime.date(2024, 12, 31))} >= {
        "min_company"
    }
    assert "min_mbo" not in {
        r.rule for r in results_for(c.region, today=datetime.date(2024, 12, 31))
    }


def test_vmbo_single_region_is_reported_for_each_region_involved():
    a = compliant_region()
    b = compliant_region()
    # a's second vmbo location also joins b (the membership service would refuse it; imported
    # data or the admin might not)
    MembershipFactory(region=b.region, organisation=a.vmbo, start=datetime.date(2024, 8, 1))

    [in_a] = results_for(a.region, rule="vmbo_single_region")
    [in_b] = results_for(b.region, rule="vmbo_single_region")
    assert in_a.subject == in_b.subject == a.vmbo.key
    assert f"ook deelnemer van regio {b.region.sto_number} {b.region.name}" in in_a.message
    assert f"ook deelnemer van regio {a.region.sto_number} {a.region.name}" in in_b.message
    # Before it joined b there is no overlap; an mbo may be in several regions.
    assert results_for(a.region, today=datetime.date(2024, 7, 31), rule="vmbo_single_region") == []
    MembershipFactory(region=b.region, organisation=a.mbo)
    assert [r.subject for r in evaluate_all(DAY) if r.rule == "vmbo_single_region"] == [
        a.vmbo.key,
        a.vmbo.key,
    ]


def test_lead_technical_vmbo_without_technical_profile_or_not_a_member():
    c = compliant_region()
    Organisation.objects.filter(pk=c.lead.pk).update(technical_profiles="")
    [result] = results_for(c.region, rule="lead_technical_vmbo")
    assert result.subject == c.lead.key
    assert result.message.startswith(
        f"Penvoerder {c.lead.name} ({c.lead.key}) heeft geen technisch profiel"
    )

    Organisation.objects.filter(pk=c.lead.pk).update(technical_profiles="PIE")
    c.lead.memberships.update(end=datetime.date(2025, 1, 31))
    [result] = results_for(c.region, rule="lead_technical_vmbo")
    assert "is geen (huidige) deelnemer van de regio" in result.message


def test_lead_technical_vmbo_without_a_lead():
    c = compliant_region()
    Region.objects.filter(pk=c.region.pk).update(lead=None)
    [result] = results_for(c.region, rule="lead_technical_vmbo")
    assert "heeft geen penvoerder" in result.message


def _techniekarm_with_counts():
    c = compliant_region(kind="techniekarm")
    old, new = datetime.date(2023, 10, 1), datetime.date(2024, 10, 1)
    # 2023: 8 technical of 200 (4 %); 2024: 30 technical of 200 (15 %). TL students never count.
    for school, (tech_old, tech_new) in ((c.lead, (5, 20)), (c.vmbo, (3, 10))):
        StudentCountFactory(
            organisation=school,
            reference_date=old,
            profile="BWI",
            learning_path="BB",
            students=tech_old,
        )
        StudentCountFactory(
            organisation=school,
            reference_date=old,
            profile="Z&W",
            learning_path="KB",
            students=100 - tech_old,
        )
        StudentCountFactory(
            organisation=school,
            reference_date=new,
            profile="MaT",
            learning_path="GL",
            students=tech_new,
        )
        StudentCountFactory(
            organisation=school,
            reference_date=new,
            profile="E&O",
            learning_path="BB",
            students=100 - tech_new,
        )
        StudentCountFactory(
            organisation=school, reference_date=new, profile="PIE", learning_path="TL", students=500
        )
    return c


def test_techniekarm_share_uses_the_latest_reference_date_on_or_before_the_day():
    c = _techniekarm_with_counts()
    [result] = results_for(c.region, rule="techniekarm_share")
    assert result.severity == "error"
    assert result.message == (
        f"Techniekarme regio {c.region.sto_number}: 30 van 200 leerlingen in BB/KB/GL (15,0%) "
        "volgen een technisch profiel (peildatum 1 oktober 2024); maximaal 10% toegestaan."
    )
    # On 30 September 2024 the 2023 counts (4 %) are the latest.
    assert results_for(c.region, today=datetime.date(2024, 9, 30), rule="techniekarm_share") == []
    # A techniekregio with the same counts is not judged on its share.
    Region.objects.filter(pk=c.region.pk).update(kind="techniek")
    assert results_for(c.region, rule="techniekarm_share") == []


def test_techniekarm_share_threshold_comes_from_the_period_else_10_percent():
    c = _techniekarm_with_counts()
    Period.objects.filter(pk=c.period.pk).update(techniekarm_max_technical_pct=Decimal("15"))
    assert results_for(c.region, rule="techniekarm_share") == []  # 15 % ≤ 15 %
    Period.objects.filter(pk=c.period.pk).update(techniekarm_max_technical_pct=Decimal("14.9"))
    [result] = results_for(c.region, rule="techniekarm_share")
    assert "maximaal 14,9% toegestaan" in result.message
    # In 2030 no period covers the year: the 10 % of the regulation applies.
    [result] = results_for(c.region, today=datetime.date(2030, 1, 1), rule="techniekarm_share")
    assert "maximaal 10% toegestaan" in result.message


# --- money -----------------------------------------------------------------------------------


def test_cofinancing_share_is_measured_over_the_whole_period():
    period = PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    c = compliant_region()
    company = c.company
    for year in range(2020, 2024):
        GrantFactory(region=c.region, period=period, year=year, amount=Decimal("1050000.00"))
    # 2020 far below 7.5 %, the later years above: the period total decides.
    for year, amount in ((2020, "10000"), (2021, "100000"), (2022, "100000"), (2023, "100000")):
        CofinancingCommitmentFactory(
            region=c.region, organisation=company, year=year, committed=Decimal(amount)
        )
    # Co-financing of a year outside the period does not count for it.
    CofinancingCommitmentFactory(
        region=c.region, organisation=company, year=2019, committed=Decimal("500000")
    )

    [result] = results_for(c.region, rule="cofinancing_share")
    assert result.subject == "2020-2023"
    assert result.message == (
        "Cofinanciering 2020-2023: € 310.000 toegezegd, minimaal 7,5% van € 4.200.000 subsidie "
        "= € 315.000 nodig (tekort € 5.000)."
    )
    CofinancingCommitmentFactory(
        region=c.region, organisation=company, year=2023, form="cash", committed=Decimal("5000")
    )
    assert results_for(c.region, rule="cofinancing_share") == []  # exactly the minimum is enough


def test_cofinancing_share_uses_each_periods_own_minimum():
    c = compliant_region()  # 2025-2028 at 10 %: € 100.000 of € 1.000.000 is enough
    Period.objects.filter(pk=c.period.pk).update(min_cofinancing_pct=Decimal("12"))
    [result] = results_for(c.region, rule="cofinancing_share")
    assert result.message == (
        "Cofinanciering 2025-2028: € 100.000 toegezegd, minimaal 12% van € 1.000.000 subsidie "
        "= € 120.000 nodig (tekort € 20.000)."
    )


# --- convenants ------------------------------------------------------------------------------


def test_convenant_unsigned_after_the_deadline_names_who_did_not_sign():
    c = compliant_region(signed=False)
    for member in (c.lead, c.vmbo):
        SignatureFactory(
            convenant=c.convenant, organisation=member, signed_on=datetime.date(2024, 9, 1)
        )
    SignatureFactory(convenant=c.convenant, organisation=c.mbo, unsigned=True)
    # The company signed, but only after the day checked: on DAY it had not.
    SignatureFactory(
        convenant=c.convenant, organisation=c.company, signed_on=datetime.date(2025, 3, 2)
    )
    # A former member does not have to sign.
    MembershipFactory(region=c.region, organisation=OrganisationFactory(mbo=True), ended=True)

    [result] = results_for(c.region, rule="convenant_unsigned")
    assert result.subject == "2025-2028"
    assert result.message == (
        f"Convenant 2025-2028 ({c.convenant.title}): de uiterste ondertekendatum 1 oktober 2024 is "
        f"verstreken en 2 deelnemers nog niet ondertekend: {c.mbo.name} ({c.mbo.key}), "
        f"{c.company.name} ({c.company.key})."
    )
    assert [r.rule for r in results_for(c.region, today=datetime.date(2025, 3, 2))] == [
        "convenant_unsigned"
    ]
    assert (
        "1 deelnemer nog niet ondertekend"
        in results_for(c.region, today=datetime.date(2025, 3, 2))[0].message
    )


def test_convenant_deadline_near_within_the_warning_window(settings):
    c = compliant_region(signed=False)
    deadline = c.convenant.signing_deadline  # 1 October 2024
    [warning] = results_for(c.region, today=deadline - datetime.timedelta(days=30))
    assert (warning.rule, warning.severity) == ("convenant_deadline_near", "warning")
    assert (
        "moet uiterlijk 1 oktober 2024 ondertekend zijn; 4 deelnemers nog niet ondertekend"
        in warning.message
    )
    assert (
        results_for(c.region, today=deadline)[0].rule == "convenant_deadline_near"
    )  # the day itself
    assert results_for(c.region, today=deadline - datetime.timedelta(days=31)) == []
    assert (
        results_for(c.region, today=deadline + datetime.timedelta(days=1))[0].rule
        == "convenant_unsigned"
    )

    settings.STO_WARNING_WINDOW_DAYS = 60
    assert (
        results_for(c.region, today=deadline - datetime.timedelta(days=45))[0].rule
        == "convenant_deadline_near"
    )


def test_convenant_of_a_period_that_is_over_is_not_checked_for_signatures():
    c = compliant_region(signed=False)
    assert results_for(c.region, today=datetime.date(2029, 1, 1), rule="convenant_unsigned") == []
    assert results_for(c.region, today=datetime.date(2028, 12, 31), rule="convenant_unsigned") != []


def test_convenant_period_must_cover_the_whole_period():
    c = compliant_region()
    c.convenant.ends = datetime.date(2027, 12, 31)
    c.convenant.save()
    [result] = results_for(c.region, rule="convenant_period")
    assert result.message == (
        f"Convenant 2025-2028 ({c.convenant.title}) loopt tot 31 december 2027, maar periode "
        "2025-2028 loopt tot 31 december 2028; het convenant moet de hele periode gelden."
    )


# --- annual reports --------------------------------------------------------------------------


def test_annual_report_overdue_and_due_soon():
    period_2024 = PeriodFactory(
        code="2024", start_year=2024, end_year=2024, min_cofinancing_pct=Decimal("7.5")
    )
    c = compliant_region()
    GrantFactory(region=c.region, period=period_2024, year=2024, amount=Decimal("1399000.50"))
    CofinancingCommitmentFactory(
        region=c.region, organisation=c.company, year=2024, committed=Decimal("200000")
    )

    [soon] = results_for(c.region, today=datetime.date(2025, 5, 2))
    assert (soon.rule, soon.severity, soon.subject) == ("annual_report_due_soon", "warning", "2024")
    assert soon.message == (
        "Jaarverslag 2024 moet uiterlijk 1 juni 2025 ingediend zijn en is nog niet binnen "
        "(subsidie 2024: € 1.399.000,50)."
    )
    assert results_for(c.region, today=datetime.date(2025, 5, 1)) == []  # 31 days ahead
    assert (
        results_for(c.region, today=datetime.date(2025, 6, 1))[0].rule == "annual_report_due_soon"
    )

    [overdue] = results_for(c.region, today=datetime.date(2025, 6, 2))
    assert (overdue.rule, overdue.severity) == ("annual_report_overdue", "error")
    assert overdue.message == (
        "Jaarverslag 2024 is niet ingediend; het moest uiterlijk 1 juni 2025 binnen zijn "
        "(subsidie 2024: € 1.399.000,50)."
    )
    # Submitted late, on 10 June: overdue until then, fine from then on.
    AnnualReportFactory(region=c.region, year=2024, submitted_on=datetime.date(2025, 6, 10))
    assert results_for(c.region, today=datetime.date(2025, 6, 9))[0].rule == "annual_report_overdue"
    assert results_for(c.region, today=datetime.date(2025, 6, 10)) == []


def test_annual_report_only_for_years_with_a_grant():
    c = compliant_region()
    # 2025 has a grant; on 2 June 2026 its report is overdue, 2026 (no grant) is not asked for.
    results = results_for(c.region, today=datetime.date(2026, 6, 2), rule="annual_report_overdue")
    assert [r.subject for r in results] == ["2025"]
