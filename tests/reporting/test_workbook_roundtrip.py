"""Export → import into an empty database → export gives the same workbook (docs/interfaces.md §1)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from cofinancing.models import CofinancingCommitment, Grant, MunicipalContribution
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

ALL_MODELS = (
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
    }


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
    assert summary.updated == 0
    assert database_rows() == before
    assert Organisation.objects.get(key="12AB01").name == "=1+1"
    assert Grant.objects.get(year=2020).amount == Decimal("1399000.50")
    assert Region.objects.get(sto_number="STO20001").lead is None

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
