"""Export → import into an empty database → export gives the same workbook (docs/interfaces.md §1)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
from plans.models import (
    SECTION_FIELDS,
    Activity,
    BudgetLine,
    Goal,
    Plan,
    Risk,
    TeacherShortage,
)
from plans.selectors import latest_versions
from regions.models import (
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    Period,
    Region,
    Signature,
    StudentCount,
)
from reporting.workbook import SHEETS, export_workbook, import_workbook
from tests import world
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
    StudentCountFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLAN_MODELS = (BudgetLine, TeacherShortage, Risk, Activity, Goal, Plan)
ALL_MODELS = (
    *PLAN_MODELS,
    Signature,
    Convenant,
    AnnualReport,
    Grant,
    CofinancingCommitment,
    MunicipalContribution,
    StudentCount,
    Membership,
    Region,
    Organisation,
    Period,
)


def build_dataset():
    """A small but varied data set: empty optional values, cents, formula-like names, lists."""
    p2020 = PeriodFactory(
        code="2020-2023", start_year=2020, end_year=2023, min_cofinancing_pct=Decimal("7.5")
    )
    p2025 = PeriodFactory(
        code="2025-2028",
        start_year=2025,
        end_year=2028,
        min_cofinancing_pct=Decimal("10"),
        techniekarm_max_technical_pct=Decimal("12.25"),
        plan_deadline=datetime.date(2024, 10, 1),
    )
    lead = OrganisationFactory(key="12AB00", name="Lead College", technical_profiles="BWI;PIE;M&T")
    formula_school = OrganisationFactory(
        key="12AB01", name="=1+1", city="", technical_profiles="MaT"
    )
    plain_school = OrganisationFactory(
        key="34CD00", name="@SUM(A1)", technical_profiles="", city="Zeist"
    )
    mbo = OrganisationFactory(mbo=True, key="25LX", name="-2 ROC", city="Amsterdam")
    company = OrganisationFactory(
        company=True, key="01234567", name="+31 6 12345678 Techniek B.V.", city=""
    )
    company2 = OrganisationFactory(company=True, key="87654321", name="Bouwbedrijf; Zonen & Co")
    municipality = world.municipality(world.AMSTELVEEN)
    municipality2 = world.municipality("GM0437", inhabitants=None)
    other = OrganisationFactory(
        kind="other", key="STICHTING1", name="Stichting Techniek", technical_profiles=""
    )

    amstelland = RegionFactory(sto_number="STO19040", name="Amstelland", lead=lead)
    arm = RegionFactory(
        sto_number="STO20001", name="Techniekarm Noord", kind="techniekarm", lead=None
    )

    for org in (lead, formula_school, mbo, company, municipality, other):
        MembershipFactory(region=amstelland, organisation=org, start=datetime.date(2020, 1, 1))
    MembershipFactory(
        region=arm,
        organisation=mbo,
        start=datetime.date(2021, 8, 1),
        end=datetime.date(2023, 7, 31),
    )
    MembershipFactory(region=arm, organisation=mbo, start=datetime.date(2024, 1, 1))
    MembershipFactory(
        region=arm,
        organisation=plain_school,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2022, 12, 31),
    )

    for profile, path, students in (
        ("BWI", "BB", 40),
        ("M&T", "KB", 12),
        ("Groen", "GL", 0),
        ("D&P", "TL", 7),
    ):
        StudentCountFactory(
            organisation=lead, profile=profile, learning_path=path, students=students
        )
    StudentCountFactory(organisation=lead, reference_date=datetime.date(2023, 10, 1), students=38)
    StudentCountFactory(organisation=plain_school, profile="Z&W", learning_path="BB", students=55)

    GrantFactory(region=amstelland, period=p2020, year=2020, amount=Decimal("1399000.50"))
    GrantFactory(region=amstelland, period=p2025, year=2025, amount=Decimal("0.01"))
    GrantFactory(region=arm, period=p2025, year=2026, amount=Decimal("19130000.00"))

    CofinancingCommitmentFactory(
        region=amstelland,
        organisation=company,
        year=2025,
        form="internships",
        committed=Decimal("50000.10"),
        realised=None,
    )
    CofinancingCommitmentFactory(
        region=amstelland,
        organisation=company,
        year=2025,
        form="cash",
        committed=Decimal("1000.00"),
        realised=Decimal("999.99"),
    )
    CofinancingCommitmentFactory(
        region=arm,
        organisation=company2,
        year=2026,
        form="hours",
        committed=Decimal("12.34"),
        realised=Decimal("0.00"),
    )

    MunicipalContributionFactory(
        region=amstelland, municipality=municipality, year=2025, requested=Decimal("23973.00")
    )
    MunicipalContributionFactory(
        region=amstelland,
        municipality=municipality,
        year=2024,
        requested=Decimal("19414.00"),
        approved=Decimal("19414.00"),
        status="approved",
        decided_on=datetime.date(2024, 9, 24),
        decision_reason="Past in de begroting.",
        purpose='=HYPERLINK("http://x")',
    )
    MunicipalContributionFactory(
        region=amstelland,
        municipality=municipality2,
        year=2025,
        requested=Decimal("4559.00"),
        approved=Decimal("2000.50"),
        status="partly_approved",
    )
    MunicipalContributionFactory(
        region=arm,
        municipality=municipality2,
        year=2026,
        requested=Decimal("100.00"),
        status="rejected",
    )

    convenant = ConvenantFactory(
        region=amstelland,
        period=p2025,
        title="Convenant Amstelland 2025-2028",
        signing_deadline=datetime.date(2024, 10, 1),
    )
    ConvenantFactory(region=arm, period=p2020, title="Convenant Noord", signing_deadline=None)
    SignatureFactory(convenant=convenant, organisation=lead, signed_on=datetime.date(2024, 9, 1))
    SignatureFactory(convenant=convenant, organisation=municipality, unsigned=True)

    AnnualReportFactory(
        region=amstelland,
        year=2025,
        submitted_on=datetime.date(2026, 5, 20),
        activities="Gastlessen; bedrijfsbezoeken",
    )
    AnnualReportFactory(region=arm, year=2026, submitted_on=None, activities="")

    build_plans(amstelland, arm, p2025, p2020, lead=lead, company=company, mbo=mbo)


def build_plans(amstelland, arm, p2025, p2020, *, lead, company, mbo):
    """Amstelland's plan for 2025-2028 in two versions (the second is current) with every part;
    a draft of the techniekarm region for 2020-2023 with nothing in it but a risk."""
    D = datetime.date
    first = Plan.objects.create(
        region=amstelland,
        period=p2025,
        status="to_improve",
        submitted_on=D(2024, 9, 30),
        resubmission_deadline=D(2025, 3, 1),
        requested=Decimal("3100000.00"),
        summary="Versie 1.",
    )
    Goal.objects.create(
        plan=first, code="OUD", theme="dekkend", description="x", milestone_2y="x", milestone_4y="x"
    )
    current = Plan.objects.create(
        region=amstelland,
        period=p2025,
        version=2,
        status="approved_with_conditions",
        submitted_on=D(2025, 2, 20),
        requested=Decimal("3200000.01"),
        summary="Techniek in Amstelland.\n\nVijf gemeenten, vier scholen.",
        delimitation="=Amstelveen+Aalsmeer",
        running_projects="## geen kop\n- RIF Techniek",
        techniekarm="",
    )
    goals = {
        code: Goal.objects.create(
            plan=current,
            code=code,
            theme=theme,
            description=f"Doel {code}",
            milestone_2y="2 vestigingen",
            milestone_4y="4 vestigingen; met PIE",
        )
        for code, theme in (("D1", "duurzaam"), ("D2", "dekkend"), ("K1", "kwalitatief"))
    }
    a1 = Activity.objects.create(
        plan=current,
        code="A1",
        title="Techniekweek",
        starts=D(2025, 3, 1),
        ends=D(2025, 3, 7),
        result="500 leerlingen",
        owner=lead,
    )
    a1.goals.set([goals["K1"], goals["D1"]])
    Activity.objects.create(
        plan=current,
        code="A2",
        title="-Gastlessen",
        starts=D(2028, 12, 31),
        ends=D(2028, 12, 31),
        result="Lessen",
        owner=company,
    )
    Risk.objects.create(
        plan=current,
        risk="Te weinig docenten",
        likelihood="groot",
        impact="middel",
        measure="Zij-instromers opleiden.",
        owner=lead,
    )
    Risk.objects.create(
        plan=arm_plan(arm, p2020),
        risk="Uitval van het mbo",
        likelihood="klein",
        impact="groot",
        measure="+Reserve",
        owner=mbo,
    )
    TeacherShortage.objects.create(plan=current, profile="PIE", qualified=4, to_train=1)
    TeacherShortage.objects.create(
        plan=current, profile="M&T", qualified=0, to_train=0, needing_training=2, to_replace=3
    )
    for year, organisation, amounts in (
        (2025, lead, ("150000.50", "40000", "10000")),
        (2025, company, ("0", "0", "0")),
        (2028, company, ("500000", "90000.99", "0.01")),
    ):
        BudgetLine.objects.create(
            plan=current,
            year=year,
            organisation=organisation,
            **dict(zip(("personnel", "material", "overhead"), map(Decimal, amounts), strict=True)),
        )


def arm_plan(arm, p2020):
    return Plan.objects.create(region=arm, period=p2020)


def export_bytes(**kwargs) -> bytes:
    buffer = io.BytesIO()
    export_workbook(buffer, **kwargs)
    return buffer.getvalue()


def workbook_cells(data: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(data))
    return {
        ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()]
        for ws in workbook.worksheets
    }


def empty_database():
    for model in ALL_MODELS:
        model.objects.all().delete()


def database_rows():
    """Every domain row as natural values, independent of primary keys."""
    return {
        "periods": set(
            Period.objects.values_list(
                "code",
                "start_year",
                "end_year",
                "min_cofinancing_pct",
                "techniekarm_max_technical_pct",
                "plan_deadline",
            )
        ),
        "organisations": set(
            Organisation.objects.values_list(
                "key", "kind", "name", "city", "technical_profiles", "inhabitants"
            )
        ),
        "regions": set(Region.objects.values_list("sto_number", "name", "kind", "lead__key")),
        "memberships": set(
            Membership.objects.values_list(
                "region__sto_number", "organisation__key", "start", "end"
            )
        ),
        "student_counts": set(
            StudentCount.objects.values_list(
                "organisation__key", "reference_date", "profile", "learning_path", "students"
            )
        ),
        "grants": set(
            Grant.objects.values_list("region__sto_number", "period__code", "year", "amount")
        ),
        "cofinancing": set(
            CofinancingCommitment.objects.values_list(
                "region__sto_number", "organisation__key", "year", "form", "committed", "realised"
            )
        ),
        "contributions": set(
            MunicipalContribution.objects.values_list(
                "region__sto_number",
                "municipality__key",
                "year",
                "requested",
                "approved",
                "status",
                "decided_on",
                "decision_reason",
                "purpose",
            )
        ),
        "convenants": set(
            Convenant.objects.values_list(
                "region__sto_number", "period__code", "title", "starts", "ends", "signing_deadline"
            )
        ),
        "signatures": set(
            Signature.objects.values_list(
                "convenant__region__sto_number",
                "convenant__period__code",
                "organisation__key",
                "signed_on",
                "signatory",
                "function",
            )
        ),
        "annual_reports": set(
            AnnualReport.objects.values_list(
                "region__sto_number", "year", "submitted_on", "activities"
            )
        ),
        # the current version of each plan and what it holds (the version number aside)
        "plans": set(
            latest_versions().values_list(
                "region__sto_number",
                "period__code",
                "status",
                "submitted_on",
                "requested",
                "resubmission_deadline",
                *SECTION_FIELDS,
            )
        ),
        **{
            model.__name__: set(
                model.objects.filter(plan__in=latest_versions()).values_list(
                    "plan__region__sto_number", "plan__period__code", *fields
                )
            )
            for model, fields in (
                (Goal, ("code", "theme", "description", "milestone_2y", "milestone_4y")),
                (
                    Activity,
                    ("code", "title", "starts", "ends", "result", "owner__key", "goals__code"),
                ),
                (Risk, ("risk", "likelihood", "impact", "measure", "owner__key")),
                (
                    TeacherShortage,
                    ("profile", "qualified", "to_train", "needing_training", "to_replace"),
                ),
                (BudgetLine, ("year", "organisation__key", "personnel", "material", "overhead")),
            )
        },
    }


PLAN_SHEETS = ("plans", "goals", "activities", "risks", "teacher_shortage", "budget_lines")


def test_sheets_and_contract_columns_in_order():
    build_dataset()
    cells = workbook_cells(export_bytes())
    assert list(cells) == [sheet.name for sheet in SHEETS]
    assert cells["periods"][0][:4] == ("code", "start_year", "end_year", "min_cofinancing_pct")
    assert cells["organisations"][0] == (
        "key",
        "kind",
        "name",
        "city",
        "technical_profiles",
        "inhabitants",
    )
    assert cells["regions"][0] == ("sto_number", "name", "kind", "lead_key")
    assert cells["memberships"][0] == ("sto_number", "organisation_key", "start", "end")
    assert cells["student_counts"][0] == (
        "organisation_key",
        "reference_date",
        "profile",
        "learning_path",
        "students",
    )
    assert cells["grants"][0] == ("sto_number", "period", "year", "amount")
    assert cells["cofinancing"][0] == (
        "sto_number",
        "organisation_key",
        "year",
        "form",
        "committed",
        "realised",
    )
    assert cells["contributions"][0][:6] == (
        "sto_number",
        "organisation_key",
        "year",
        "requested",
        "approved",
        "status",
    )
    assert cells["convenants"][0] == (
        "sto_number",
        "period",
        "title",
        "starts",
        "ends",
        "signing_deadline",
    )
    assert cells["signatures"][0] == (
        "sto_number",
        "period",
        "organisation_key",
        "signed_on",
        "signatory",
        "function",
    )
    assert cells["annual_reports"][0][:3] == ("sto_number", "year", "submitted_on")
    assert cells["plans"][0][:6] == (
        "sto_number",
        "period",
        "status",
        "submitted_on",
        "requested",
        "regiovisie",
    )
    assert cells["goals"][0] == (
        "sto_number",
        "period",
        "code",
        "theme",
        "description",
        "milestone_2y",
        "milestone_4y",
    )
    assert cells["activities"][0] == (
        "sto_number",
        "period",
        "code",
        "title",
        "starts",
        "ends",
        "result",
        "owner_key",
        "goal_codes",
    )
    assert cells["risks"][0] == (
        "sto_number",
        "period",
        "risk",
        "likelihood",
        "impact",
        "measure",
        "owner_key",
    )
    assert cells["teacher_shortage"][0] == (
        "sto_number",
        "period",
        "profile",
        "qualified",
        "to_train",
        "needing_training",
        "to_replace",
    )
    assert cells["budget_lines"][0] == (
        "sto_number",
        "period",
        "year",
        "organisation_key",
        "personnel",
        "material",
        "overhead",
    )


def test_the_plan_sheets_hold_the_current_version_of_each_plan():
    build_dataset()
    cells = workbook_cells(export_bytes())
    plans = {row[:2]: row for row in cells["plans"][1:]}
    assert set(plans) == {("STO19040", "2025-2028"), ("STO20001", "2020-2023")}
    sto19040 = plans[("STO19040", "2025-2028")]
    assert sto19040[2:5] == (
        "approved_with_conditions",
        datetime.datetime(2025, 2, 20),
        3200000.01,
    )
    assert sto19040[5] == (
        "## 1. Samenvatting\nTechniek in Amstelland.\n\nVijf gemeenten, vier scholen.\n\n"
        "## 2. Afbakening regio\n=Amstelveen+Aalsmeer\n\n"
        "## 4. Lopende projecten\n\\## geen kop\n- RIF Techniek"
    )
    assert plans[("STO20001", "2020-2023")][2:] == ("draft", None, 0, None, None)
    assert [row[2] for row in cells["goals"][1:]] == ["D1", "D2", "K1"]  # not OUD of version 1
    assert [(row[2], row[8]) for row in cells["activities"][1:]] == [("A1", "D1;K1"), ("A2", None)]
    assert cells["activities"][2][3] == "-Gastlessen"  # stored as text, not a formula
    assert [row[2:4] for row in cells["budget_lines"][1:]] == [
        (2025, "01234567"),
        (2025, "12AB00"),
        (2028, "01234567"),
    ]
    assert cells["budget_lines"][1][4:] == (0, 0, 0)


def test_export_writes_typed_sorted_cells():
    build_dataset()
    workbook = load_workbook(io.BytesIO(export_bytes()))
    grants = workbook["grants"]
    assert [c.value for c in grants[2]] == ["STO19040", "2020-2023", 2020, 1399000.5]
    assert grants["D2"].data_type == "n"
    memberships = [[c.value for c in row] for row in workbook["memberships"].iter_rows(min_row=2)]
    # sorted by (sto_number, organisation_key, start); dates are real dates; empty end stays empty
    assert memberships[0][:2] == ["STO19040", "01234567"]
    assert memberships[-4:] == [
        ["STO20001", "25LX", datetime.datetime(2021, 8, 1), datetime.datetime(2023, 7, 31)],
        ["STO20001", "25LX", datetime.datetime(2024, 1, 1), None],
        ["STO20001", "34CD00", datetime.datetime(2020, 1, 1), datetime.datetime(2022, 12, 31)],
        # the municipality asked for a contribution is a member, as every contributor is
        ["STO20001", "GM0437", datetime.datetime(2020, 1, 1), None],
    ]
    assert workbook["memberships"]["C2"].is_date
    organisations = {row[0].value: row for row in workbook["organisations"].iter_rows(min_row=2)}
    assert organisations["12AB00"][4].value == "BWI;PIE;M&T"
    assert organisations["12AB01"][3].value is None  # empty city is an empty cell
    assert organisations["GM0362"][5].value == 95892


def test_round_trip_into_an_empty_database_gives_the_same_workbook():
    build_dataset()
    before = database_rows()
    first = export_bytes()
    empty_database()
    assert Organisation.objects.count() == 0

    summary = import_workbook(io.BytesIO(first), by=UserFactory())

    assert summary["organisations"].created == 9
    assert summary["student_counts"].created == 6
    assert summary["contributions"].created == 4
    assert [summary[sheet].created for sheet in PLAN_SHEETS] == [2, 3, 2, 2, 2, 3]
    assert summary.updated == 0
    assert database_rows() == before
    assert Organisation.objects.get(key="12AB01").name == "=1+1"
    assert Grant.objects.get(year=2020).amount == Decimal("1399000.50")
    assert Region.objects.get(sto_number="STO20001").lead is None
    # the current version came back as version 1 of a plan with one version
    plan = Plan.objects.get(region__sto_number="STO19040")
    assert (plan.version, plan.resubmission_deadline) == (1, None)
    assert plan.history.get().history_change_reason == "import werkmap"
    # the goals of an activity are written with their history
    a1 = Activity.objects.get(code="A1")
    assert sorted(a1.goals.values_list("code", flat=True)) == ["D1", "K1"]
    (record,) = a1.history.all()
    assert record.history_type == "+"
    assert sorted(record.goals.values_list("goal__code", flat=True)) == ["D1", "K1"]

    second = export_bytes()
    first_cells, second_cells = workbook_cells(first), workbook_cells(second)
    for sheet in first_cells:
        assert second_cells[sheet] == first_cells[sheet], sheet


def test_an_uploaded_file_imports_like_a_path():
    build_dataset()
    data = export_bytes()
    empty_database()
    upload = SimpleUploadedFile("sto.xlsx", data, content_type="application/octet-stream")
    upload.read(10)  # a view may already have looked at it
    summary = import_workbook(upload)
    assert summary["regions"].created == 2
    assert Region.objects.get(sto_number="STO19040").lead.key == "12AB00"


def test_importing_the_same_workbook_twice_changes_nothing_the_second_time():
    build_dataset()
    data = export_bytes()
    empty_database()
    import_workbook(io.BytesIO(data))
    history_before = {model: model.history.count() for model in ALL_MODELS}

    summary = import_workbook(io.BytesIO(data))

    assert summary.created == 0 and summary.updated == 0
    assert summary["student_counts"].unchanged == 6
    assert {model: model.history.count() for model in ALL_MODELS} == history_before


def test_import_upserts_by_natural_key_and_leaves_other_rows_alone():
    build_dataset()
    data = export_bytes()
    user = UserFactory(username="importeur")
    # Change the database after the export: the workbook must win for the rows it holds.
    Organisation.objects.filter(key="GM0362").update(
        name="Gemeente Amstelveen (oud)", inhabitants=1
    )
    MunicipalContribution.objects.filter(year=2025, municipality__key="GM0362").update(
        requested=Decimal("1.00")
    )
    version_before = MunicipalContribution.objects.get(
        year=2025, municipality__key="GM0362"
    ).version
    extra = OrganisationFactory(company=True, key="11112222", name="Niet in de werkmap")
    extra_grant = GrantFactory(
        region=Region.objects.get(sto_number="STO19040"),
        period=Period.objects.get(code="2025-2028"),
        year=2027,
        amount=Decimal("5.00"),
    )

    summary = import_workbook(io.BytesIO(data), by=user)

    assert summary["organisations"].updated == 1 and summary["organisations"].unchanged == 8
    assert summary["contributions"].updated == 1
    amstelveen = Organisation.objects.get(key="GM0362")
    assert (amstelveen.name, amstelveen.inhabitants) == ("Amstelveen", 95892)
    assert amstelveen.history.first().history_user == user
    contribution = MunicipalContribution.objects.get(year=2025, municipality__key="GM0362")
    assert contribution.requested == Decimal("23973.00")
    assert contribution.version == version_before + 1
    assert Organisation.objects.filter(pk=extra.pk).exists()
    assert Grant.objects.get(pk=extra_grant.pk).amount == Decimal("5.00")


def test_export_limited_to_regions_holds_their_rows_and_referenced_organisations():
    build_dataset()
    cells = workbook_cells(export_bytes(regions=Region.objects.filter(sto_number="STO20001")))
    assert [row[0] for row in cells["regions"][1:]] == ["STO20001"]
    assert [row[0] for row in cells["periods"][1:]] == ["2020-2023", "2025-2028"]  # always all
    # members (25LX, 34CD00), the co-financing company and the contributing municipality
    assert sorted(row[0] for row in cells["organisations"][1:]) == [
        "25LX",
        "34CD00",
        "87654321",
        "GM0437",
    ]
    assert {row[0] for row in cells["student_counts"][1:]} == {"34CD00"}
    assert {row[0] for row in cells["grants"][1:]} == {"STO20001"}
    assert len(cells["memberships"]) == 1 + 4  # with the contributing municipality
    assert cells["signatures"][1:] == []

    # The partial workbook imports on its own into an empty database.
    data = export_bytes(regions=Region.objects.filter(sto_number="STO20001"))
    empty_database()
    import_workbook(io.BytesIO(data))
    assert Region.objects.get().sto_number == "STO20001"
    assert Membership.objects.count() == 4  # with the contributing municipality


def test_export_limited_to_regions_holds_the_organisations_their_plans_name():
    build_dataset()
    # the company owns activity A2 and has budget lines; without its membership only the plan
    # names it
    Membership.objects.filter(organisation__key="01234567").delete()
    CofinancingCommitment.objects.filter(organisation__key="01234567").delete()
    cells = workbook_cells(export_bytes(regions=Region.objects.filter(sto_number="STO19040")))
    assert "01234567" in {row[0] for row in cells["organisations"][1:]}
    assert {row[7] for row in cells["activities"][1:]} == {"12AB00", "01234567"}
