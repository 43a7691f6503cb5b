"""The annual report as DUS-I files it: as of 31 December of its year, frozen with a hash when the
region submits, corrections as an addendum, realised co-financing against the years that have
passed, pupils, convenant, goals and budget, and the manager's explanation per section."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cofinancing.models import CofinancingCommitment
from cofinancing.shares import period_shares
from compliance.rules import RULES
from plans.models import Activity, BudgetLine, Goal, Plan
from regions import services as region_services
from reporting import services
from reporting.annual_report import (
    annual_report_data,
    annual_report_document,
    document_hash,
    render_annual_report,
)
from reporting.models import AnnualReportNarrative, AnnualReportSnapshot
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

from .pdf_helpers import in_order, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_region():
    """A region in the 2020-2023 period with data of 2021 and, later, of 2022."""
    period = PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    lead = OrganisationFactory(key="21AA00", name="Lyceum Oost", technical_profiles="BWI;PIE")
    region = RegionFactory(sto_number="STO19066", name="Oostland", lead=lead)
    manager_of(region, username="pm-oostland")
    MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
    stayer = OrganisationFactory(company=True, key="44444444", name="Blijvers B.V.")
    MembershipFactory(region=region, organisation=stayer, start=datetime.date(2020, 1, 1))
    newcomer = OrganisationFactory(company=True, key="55555555", name="Nieuwkomer 2022 B.V.")
    MembershipFactory(region=region, organisation=newcomer, start=datetime.date(2022, 3, 1))
    for year in period.years:
        GrantFactory(region=region, period=period, year=year, amount=Decimal("500000"))
    CofinancingCommitmentFactory(
        region=region,
        organisation=stayer,
        year=2021,
        form="cash",
        committed=Decimal("60000"),
        realised=Decimal("45000"),
    )
    CofinancingCommitmentFactory(
        region=region,
        organisation=newcomer,
        year=2022,
        form="hours",
        committed=Decimal("80000"),
        realised=Decimal("77777"),
    )
    # pupils counted on 1 October 2021 and again on 1 October 2022
    for day, students in ((datetime.date(2021, 10, 1), 120), (datetime.date(2022, 10, 1), 999)):
        StudentCountFactory(
            organisation=lead,
            reference_date=day,
            profile="BWI",
            learning_path="BB",
            students=students,
        )
        StudentCountFactory(
            organisation=lead,
            reference_date=day,
            profile="E&O",
            learning_path="KB",
            students=80,
        )
    return region


def test_the_2021_report_shows_no_2022_data(old_region):
    data = annual_report_data(old_region, 2021, today=datetime.date(2023, 3, 1))
    assert data.as_of == datetime.date(2021, 12, 31)
    names = [m.organisation.name for g in data.partner_groups for m in g.members]
    assert "Nieuwkomer 2022 B.V." not in names
    assert data.students.reference_dates == [datetime.date(2021, 10, 1)]
    assert (data.students.technical, data.students.vocational) == (120, 200)
    # realised co-financing of 2020-2021 against the grants of 2020-2021, not of four years
    assert data.to_date_realised_share.amount == Decimal("45000")
    assert data.to_date_realised_share.grants == Decimal("1000000")
    assert data.to_date_realised_share.shown_pct == Decimal("4.5")

    text = pdf_text(render_annual_report(old_region, 2021, today=datetime.date(2023, 3, 1)).pdf)
    assert "€ 45.000,00" in text
    assert "Gerealiseerd periode t/m 2021 € 45.000 € 1.000.000 4,5%" in text
    for later in ("€ 77.777", "Nieuwkomer 2022 B.V.", "999", "1 oktober 2022"):
        assert later not in text, later
    assert "Stand per 31 december 2021" in text
    assert "Technisch aandeel: 120 van 200 leerlingen in BB/KB/GL (60,0%)" in text


def test_realised_co_financing_is_never_read_against_grants_still_to_come(old_region):
    period = old_region.grants.first().period
    whole, _realised = period_shares(old_region, period)
    _committed, to_date = period_shares(old_region, period, through_year=2021)
    assert whole.grants == Decimal("2000000")
    assert to_date.grants == Decimal("1000000")
    text = pdf_text(render_annual_report(old_region, 2021, today=datetime.date(2023, 3, 1)).pdf)
    # the old misleading row (realised over the whole period) is gone
    assert "Gerealiseerd periode 2020-2023" not in text
    assert "niet met de subsidie van de hele periode 2020-2023" in text
    assert "€ 2.000.000 2,2%" not in text


def test_a_report_of_a_year_not_over_says_it_is_provisional(old_region):
    text = pdf_text(render_annual_report(old_region, 2023, today=datetime.date(2023, 6, 30)).pdf)
    assert "Voorlopig" in text
    assert "Stand per 30 juni 2023" in text


def _submit(region, year, by, day):
    return region_services.annual_report_submit(
        by=by,
        region=region,
        year=year,
        submitted_on=day,
        document=SimpleUploadedFile("j.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        activities="Gastlessen in alle klassen.",
    )


def test_submitting_freezes_the_report_and_corrections_show_as_an_addendum(old_region):
    manager = old_region.manager_assignments.get().user
    _submit(old_region, 2021, manager, datetime.date(2022, 5, 20))
    snapshot = AnnualReportSnapshot.objects.get(region=old_region, year=2021)
    assert snapshot.submitted_on == datetime.date(2022, 5, 20)
    assert snapshot.sha256 == document_hash(snapshot.data)
    assert len(snapshot.sha256) == 64
    assert snapshot.history.get().history_user == manager

    first = pdf_text(render_annual_report(old_region, 2021).pdf)
    assert snapshot.sha256 in first.replace(" ", "")
    assert "Sinds de indiening op 20 mei 2022 is niets gewijzigd." in first

    # a correction after submission: the realised amount of 2021 goes up
    commitment = CofinancingCommitment.objects.get(region=old_region, year=2021)
    commitment.realised = Decimal("52500")
    commitment.save()
    text = pdf_text(render_annual_report(old_region, 2021).pdf)
    body, addendum = text.rsplit("Correcties na indiening", 1)
    assert "€ 45.000,00" in body  # the submitted report is unchanged
    assert "€ 52.500,00" not in body
    assert (
        "5. Cofinanciering door bedrijven › Per bedrijf en vorm › Blijvers B.V. (44444444) – geld "
        "› Gerealiseerd € 45.000,00 € 52.500,00"
    ) in addendum
    assert snapshot.sha256 in text.replace(" ", "")
    # the frozen content itself did not change
    snapshot.refresh_from_db()
    assert snapshot.sha256 == document_hash(snapshot.data)

    # saving the report again with the same date does not freeze it again
    _submit(old_region, 2021, manager, datetime.date(2022, 5, 20))
    assert AnnualReportSnapshot.objects.get(region=old_region, year=2021).sha256 == (
        snapshot.sha256
    )


def test_a_resubmission_freezes_the_corrected_data(old_region):
    manager = old_region.manager_assignments.get().user
    _submit(old_region, 2021, manager, datetime.date(2022, 5, 20))
    before = AnnualReportSnapshot.objects.get(region=old_region, year=2021).sha256
    CofinancingCommitment.objects.filter(region=old_region, year=2021).update(
        realised=Decimal("52500")
    )
    _submit(old_region, 2021, manager, datetime.date(2022, 5, 27))
    snapshot = AnnualReportSnapshot.objects.get(region=old_region, year=2021)
    assert snapshot.sha256 != before
    assert snapshot.history.count() == 2
    text = pdf_text(render_annual_report(old_region, 2021).pdf)
    assert "€ 52.500,00" in text
    assert "Sinds de indiening op 27 mei 2022 is niets gewijzigd." in text


def test_the_same_data_gives_the_same_hash(old_region):
    day = datetime.date(2023, 3, 1)
    one = annual_report_document(old_region, 2021, today=day)
    two = annual_report_document(old_region, 2021, today=datetime.date(2024, 1, 5))
    assert document_hash(one) == document_hash(two)


@pytest.fixture
def planned_region():
    """A 2025-2028 region with a plan, a convenant, findings and a techniekarm status."""
    period = PeriodFactory()  # 2025-2028, 10 %
    lead = OrganisationFactory(key="30AA00", name="Vakschool Noord", technical_profiles="PIE")
    region = RegionFactory(sto_number="STO19088", name="Noordkop", lead=lead, kind="techniekarm")
    manager = manager_of(region, username="pm-noordkop")
    MembershipFactory(region=region, organisation=lead, start=datetime.date(2020, 1, 1))
    company = OrganisationFactory(company=True, key="66666666", name="Werf Noord B.V.")
    MembershipFactory(region=region, organisation=company, start=datetime.date(2020, 1, 1))
    StudentCountFactory(
        organisation=lead,
        reference_date=datetime.date(2025, 10, 1),
        profile="PIE",
        learning_path="BB",
        students=30,
    )
    StudentCountFactory(
        organisation=lead,
        reference_date=datetime.date(2025, 10, 1),
        profile="Z&W",
        learning_path="KB",
        students=70,
    )
    for year in period.years:
        GrantFactory(region=region, period=period, year=year, amount=Decimal("200000"))
    CofinancingCommitmentFactory(
        region=region,
        organisation=company,
        year=2025,
        form="cash",
        committed=Decimal("10000"),
        realised=Decimal("8000"),
    )
    CofinancingCommitmentFactory(
        region=region,
        organisation=company,
        year=2025,
        form="internships",
        committed=Decimal("5000"),
        realised=Decimal("5000"),
    )
    convenant = ConvenantFactory(region=region, period=period, title="Convenant Noordkop")
    SignatureFactory(convenant=convenant, organisation=lead, signatory="A. Jansen")
    SignatureFactory(convenant=convenant, organisation=company, unsigned=True)
    plan = Plan.objects.create(
        region=region,
        period=period,
        version=1,
        status="approved",
        submitted_on=datetime.date(2024, 9, 1),
        requested=Decimal("800000"),
    )
    goal = Goal.objects.create(
        plan=plan,
        code="D1",
        theme="duurzaam",
        description="Meer leerlingen in techniek",
        milestone_2y="40 leerlingen PIE",
        milestone_4y="60 leerlingen PIE",
    )
    for code, starts, ends in (
        ("A1", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        ("A2", datetime.date(2025, 9, 1), datetime.date(2026, 6, 30)),
    ):
        activity = Activity.objects.create(
            plan=plan,
            code=code,
            title=f"Activiteit {code}",
            starts=starts,
            ends=ends,
            result="resultaat",
            owner=lead,
        )
        activity.goals.add(goal)
    for year in period.years:
        BudgetLine.objects.create(
            plan=plan,
            year=year,
            organisation=lead,
            personnel=Decimal("150000"),
            material=Decimal("40000"),
            overhead=Decimal("10000"),
        )
    return region, manager


def test_every_section_reads_as_a_document(planned_region):
    region, _manager = planned_region
    text = pdf_text(render_annual_report(region, 2025, today=datetime.date(2026, 4, 1)).pdf)
    facts = [
        # pupils per profile and path, and the techniekarm share against its maximum
        "PIE 30 0 0 0 30",
        "Z&W 0 70 0 0 70",
        "Technisch aandeel: 30 van 100 leerlingen in BB/KB/GL (30,0%)",
        "Voor een techniekarme regio is dat aandeel maximaal 10%.",
        # convenant and signatures
        "Convenant Noordkop",
        "Op 31 december 2025 hebben 1 van de 2 partners ondertekend.",
        "Werf Noord B.V. niet ondertekend",
        # per company and form with a subtotal, per form, the period against the minimum
        "Subtotaal Werf Noord B.V. € 15.000,00 € 13.000,00",
        "Per vorm",
        "Gerealiseerd periode t/m 2025 € 13.000 € 200.000 6,5%",
        "is lager dan het minimum van 10%: er ontbreekt € 65.000",
        # goals with milestones and progress on 31 December
        "D1 (duurzaam)",
        "40 leerlingen PIE (eind 2026)",
        "60 leerlingen PIE (eind 2028)",
        "1 van 2 activiteiten afgerond, 1 lopend",
        # the budget of the plan against the grant and the co-financing
        "Begroot: totaal € 200.000 € 200.000",
        "Gerealiseerde cofinanciering € 13.000 € 13.000",
        # the findings by their Dutch titles
        "Te groot technisch aandeel in techniekarme regio",
        "Convenant niet door alle deelnemers ondertekend",
    ]
    for fact in facts:
        assert fact in text, fact
    for code in RULES:
        assert code not in text, code


def test_the_manager_explains_each_section(planned_region):
    region, manager = planned_region
    services.annual_report_narratives_save(
        by=manager,
        region=region,
        year=2025,
        texts={
            "cofinancing": "De werf levert volgend jaar meer stageplaatsen.",
            "goals": "",
        },
    )
    narrative = AnnualReportNarrative.objects.get(region=region, year=2025)
    assert narrative.section == "cofinancing"
    assert narrative.history.get().history_user == manager
    text = pdf_text(render_annual_report(region, 2025, today=datetime.date(2026, 4, 1)).pdf)
    assert in_order(
        text,
        [
            "5. Cofinanciering door bedrijven",
            "Toelichting van de regio",
            "De werf levert volgend jaar meer stageplaatsen.",
            "6. Gemeentelijke bijdragen",
        ],
    )
    assert text.count("Toelichting van de regio") == 1

    # emptying it removes it from the report; the history keeps the text
    services.annual_report_narratives_save(
        by=manager, region=region, year=2025, texts={"cofinancing": ""}
    )
    text = pdf_text(render_annual_report(region, 2025, today=datetime.date(2026, 4, 1)).pdf)
    assert "De werf levert" not in text
    assert narrative.history.count() == 2


def test_a_narrative_has_a_limit_and_known_sections(planned_region):
    from django.core.exceptions import ValidationError

    region, manager = planned_region
    with pytest.raises(ValidationError) as error:
        services.annual_report_narratives_save(
            by=manager, region=region, year=2025, texts={"goals": "x" * 5001}
        )
    assert "goals" in error.value.message_dict
    with pytest.raises(TypeError):
        services.annual_report_narratives_save(
            by=manager, region=region, year=2025, texts={"onbekend": "tekst"}
        )
    assert not AnnualReportNarrative.objects.exists()


def test_a_narrative_written_after_submission_is_an_addendum(planned_region):
    region, manager = planned_region
    _submit(region, 2025, manager, datetime.date(2026, 3, 1))
    services.annual_report_narratives_save(
        by=manager, region=region, year=2025, texts={"goals": "Later toegevoegd."}
    )
    text = pdf_text(render_annual_report(region, 2025, today=datetime.date(2026, 4, 1)).pdf)
    body, addendum = text.rsplit("Correcties na indiening", 1)
    assert "Later toegevoegd." not in body
    assert "8. Doelen en mijlpalen › Toelichting – Later toegevoegd." in addendum


def test_submissions_read_in_without_the_service_are_frozen_by_the_command(old_region):
    from django.core.management import call_command

    from regions.models import AnnualReport

    # a workbook import writes the submission in bulk, past the submit service
    AnnualReport.objects.bulk_create(
        [AnnualReport(region=old_region, year=2021, submitted_on=datetime.date(2022, 5, 1))]
    )
    text = pdf_text(render_annual_report(old_region, 2021).pdf)
    assert "De indiening van 1 mei 2022 is ingelezen zonder vastgelegde inhoud" in text
    call_command("freeze_annual_reports", "--year", "2021")
    snapshot = AnnualReportSnapshot.objects.get(region=old_region, year=2021)
    assert snapshot.submitted_on == datetime.date(2022, 5, 1)
    call_command("freeze_annual_reports")  # nothing left to freeze: nothing changes
    assert AnnualReportSnapshot.objects.get().history.count() == 1
