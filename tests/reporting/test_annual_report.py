import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from regions.models import Finding
from reporting.annual_report import annual_report_data, render_annual_report
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
    manager_of,
)

from .pdf_helpers import in_order, pdf_pages, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    period = PeriodFactory()  # 2025-2028, 10 %
    lead = OrganisationFactory(
        key="20AB00", name="Techniekcollege Zuid", city="Breda", technical_profiles="BWI;PIE"
    )
    region = RegionFactory(sto_number="STO19077", name="West-Brabant", lead=lead)
    manager_of(region, username="pm-west-brabant")
    MembershipFactory(region=region, organisation=lead)
    MembershipFactory(
        region=region, organisation=OrganisationFactory(key="20AC00", name="Vakcollege Roosendaal")
    )
    MembershipFactory(
        region=region, organisation=OrganisationFactory(mbo=True, key="25LX", name="Curio")
    )
    # left before 2025: not a partner in the report
    MembershipFactory(
        region=region,
        organisation=OrganisationFactory(mbo=True, key="26LX", name="Oud-ROC"),
        ended=True,
    )
    companies = {
        name: OrganisationFactory(company=True, key=key, name=name)
        for key, name in [
            ("11111111", "Bouwbedrijf Aarts"),
            ("22222222", "Metaal Breda B.V."),
            ("33333333", "Installatie Zuid"),
        ]
    }
    for company in companies.values():
        MembershipFactory(region=region, organisation=company)
    breda = OrganisationFactory(municipality=True, key="GM0758", name="Breda", inhabitants=185000)
    MembershipFactory(region=region, organisation=breda)
    for year in period.years:
        GrantFactory(region=region, period=period, year=year, amount=Decimal("1000000"))
    CofinancingCommitmentFactory(
        region=region,
        organisation=companies["Bouwbedrijf Aarts"],
        year=2025,
        form="internships",
        committed=Decimal("50000"),
        realised=Decimal("40000"),
    )
    CofinancingCommitmentFactory(
        region=region,
        organisation=companies["Metaal Breda B.V."],
        year=2025,
        form="materials",
        committed=Decimal("30000"),
        realised=None,
    )
    CofinancingCommitmentFactory(
        region=region,
        organisation=companies["Installatie Zuid"],
        year=2025,
        form="cash",
        committed=Decimal("20000.50"),
        realised=Decimal("20000.50"),
    )
    CofinancingCommitmentFactory(
        region=region,
        organisation=companies["Installatie Zuid"],
        year=2026,
        form="hours",
        committed=Decimal("350000"),
    )
    MunicipalContributionFactory(
        region=region,
        municipality=breda,
        year=2025,
        requested=Decimal("40000"),
        approved=Decimal("30000"),
        status="partly_approved",
    )
    # Everyone signed the convenant but Curio: the rule convenant_unsigned reports it on
    # 31 December 2025.
    convenant = ConvenantFactory(region=region, period=period, title="Convenant West-Brabant")
    for membership in region.memberships.select_related("organisation"):
        if membership.end is None and membership.organisation.name != "Curio":
            SignatureFactory(convenant=convenant, organisation=membership.organisation)
    Finding.objects.create(
        region=region,
        rule="min_company",
        subject="",
        severity="error",
        message="opgelost",
        first_seen=datetime.date(2024, 1, 1),
        last_seen=datetime.date(2024, 2, 1),
        resolved_at=datetime.date(2024, 2, 2),
    )
    AnnualReportFactory(
        region=region,
        year=2025,
        submitted_on=None,
        activities="Techniekweek op alle scholen.\n\nNieuwe lasapparatuur voor Vakcollege Roosendaal: € 45.000.",
    )
    return region


def test_data_per_year_and_period(region):
    data = annual_report_data(region, 2025)
    assert data.grant_amount == Decimal("1000000")
    assert data.committed_total == Decimal("100000.50")
    assert data.realised_total == Decimal("60000.50")
    assert data.period_share.grants == Decimal("4000000")
    assert data.period_share.amount == Decimal("450000.50")
    assert round(data.period_share.pct, 4) == Decimal("11.2500")
    assert data.period_share.shown_pct == Decimal("11.2")  # rounded down, as everywhere
    assert data.period_share.minimum_met is True
    assert [g.kind for g in data.partner_groups] == ["vmbo", "mbo", "company", "municipality"]
    assert "Oud-ROC" not in [m.organisation.name for g in data.partner_groups for m in g.members]
    assert "convenant_unsigned" in [f.rule for f in data.findings]
    assert data.as_of == datetime.date(2025, 12, 31)
    assert data.due_on == datetime.date(2026, 6, 1)


def test_pdf_reads_back_with_the_facts(region):
    rendered = render_annual_report(region, 2025, today=datetime.date(2026, 5, 1))
    text = pdf_text(rendered.pdf)
    facts = [
        "West-Brabant",
        "STO19077",
        "Techniekcollege Zuid",
        "pm-west-brabant",
        "Vakcollege Roosendaal",
        "Curio",
        "Bouwbedrijf Aarts",
        "Metaal Breda B.V.",
        "Installatie Zuid",
        "Breda",
        "€ 1.000.000",
        "€ 4.000.000",
        "€ 50.000,00",
        "€ 40.000,00",
        "€ 20.000,50",
        "€ 100.000,50",
        "€ 60.000,50",
        "stages",
        "materialen en apparatuur",
        "geld",
        "10,0%",
        "6,0%",
        "11,2%",
        "minimum van 10%",
        "€ 40.000",
        "€ 30.000",
        "deels goedgekeurd",
        "Convenant niet door alle deelnemers ondertekend",  # the rule's title, not its code
        "1 deelnemer nog niet ondertekend: Curio",
        "Techniekweek op alle scholen.",
        "Nieuwe lasapparatuur voor Vakcollege Roosendaal: € 45.000.",
        "1 juni 2026",
        "31 december 2025",
    ]
    for fact in facts:
        assert fact in text, fact
    assert "Oud-ROC" not in text
    assert "opgelost" not in text  # resolved findings are not listed
    assert "convenant_unsigned" not in text
    assert "€ 350.000" not in text  # 2026 co-financing is not in the 2025 table
    assert in_order(
        text,
        [
            "Jaarverslag 2025",
            "1. Penvoerder en partners",
            "2. Leerlingen",
            "3. Convenant en ondertekening",
            "4. Subsidie",
            "5. Cofinanciering door bedrijven",
            "6. Gemeentelijke bijdragen",
            "7. Bevindingen",
            "8. Doelen en mijlpalen",
            "9. Activiteiten en besteding",
        ],
    )
    reader = pdf_reader(rendered.pdf)
    assert reader.metadata.title == "Jaarverslag 2025 – West-Brabant (STO19077)"
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_long_tables_break_across_pages_with_header_and_page_numbers(region):
    period = region.grants.first().period
    for n in range(90):
        company = OrganisationFactory(
            company=True, key=f"{40000000 + n:08d}", name=f"Leerbedrijf {n:03d}"
        )
        CofinancingCommitmentFactory(
            region=region, organisation=company, year=2025, committed=Decimal("1000")
        )
    assert period.code == "2025-2028"
    pages = pdf_pages(render_annual_report(region, 2025).pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        # the running header with region and year, and "Pagina n van N" on every page
        assert "STO19077 West-Brabant – Jaarverslag 2025" in page
        assert f"Pagina {number} van {len(pages)}" in page
    table_pages = [p for p in pages if "Leerbedrijf" in p]
    assert len(table_pages) >= 2
    # the column headings are repeated on every page the table runs over
    assert all("Bedrijf KvK-nummer Vorm Toegezegd Gerealiseerd" in p for p in table_pages)
    # every row is there exactly once (no row lost or split over a page break)
    text = " ".join(pages)
    assert all(text.count(f"Leerbedrijf {n:03d} ") == 1 for n in range(90))


def test_year_without_grant_or_data_says_so():
    region = RegionFactory(sto_number="STO19001", name="Leeg")
    text = pdf_text(render_annual_report(region, 2025).pdf)
    assert "Voor dit jaar is geen subsidie vastgelegd." in text
    assert "Voor de periode van dit jaar is geen regioplan vastgelegd." in text
    assert "nog geen beschrijving" in text


def test_command_writes_the_pdf(region, tmp_path):
    target = tmp_path / "jaarverslag.pdf"
    call_command("render_annual_report", "STO19077", "2025", "-o", str(target))
    assert "€ 100.000,50" in pdf_text(target.read_bytes())


def test_command_refuses_an_unknown_region(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("render_annual_report", "STO00000", "2025", "-o", str(tmp_path / "x.pdf"))
