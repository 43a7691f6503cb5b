"""The import is as strict as the web: the same text and key rules, the same membership rules,
years within 2000–2100, no future dates for what already happened, every problem with its
``sheet!row``; and a workbook of millions of bad rows is refused without being held in memory.
"""

import datetime
import io
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from regions.models import Membership, Organisation, Region
from reporting.workbook import WorkbookInvalid, export_workbook, import_sheets, import_workbook
from reporting.workbook.reader import MAX_PROBLEMS, Problem
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory
from tests.reporting.test_workbook_invalid import make_workbook

pytestmark = pytest.mark.django_db

D = datetime.date


def errors_of(sheets: dict[str, list[list]]) -> list[str]:
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(make_workbook(sheets))
    return caught.value.errors


def rewrite_sheet(buffer: io.BytesIO, sheet: str, edit) -> io.BytesIO:
    """A copy of the workbook in ``buffer`` whose part for ``sheet`` is ``edit(xml)``."""
    data = buffer.getvalue()
    index = load_workbook(io.BytesIO(data), read_only=True).sheetnames.index(sheet)
    part = f"xl/worksheets/sheet{index + 1}.xml"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(
                info.filename, edit(content.decode()) if info.filename == part else content
            )
    out.seek(0)
    return out


# --- text and keys -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "key", "inhabitants"),
    [
        ("municipality", "GM٠٣٦٢", 1000),
        ("municipality", "GM０３٦٢", 1000),
        ("municipality", "GM０３６２", 1000),
        ("company", "１２３４５６７８", None),
    ],
)
def test_a_look_alike_organisation_key_is_refused_at_the_import(kind, key, inhabitants):
    errors = errors_of({"organisations": [[key, kind, "Look-alike", None, None, inhabitants]]})
    assert len(errors) == 1
    assert errors[0].startswith("organisations!2: key: ")
    assert "alleen de letters A–Z en de cijfers 0–9" in errors[0]
    assert not Organisation.objects.exists()


def test_a_zero_width_space_in_an_sto_number_is_refused_with_its_row():
    errors = errors_of({"regions": [["STO19068\u200b", "Regio", "techniek", None]]})
    assert errors == [
        "regions!2: sto_number: De tekst bevat een onzichtbaar opmaakteken (U+200B, zero width "
        "space) dat twee verschillende waarden gelijk laat lijken; typ de tekst opnieuw."
    ]
    assert not Region.objects.exists()


@pytest.mark.parametrize("number", ["STO1", "STO/19068", "STO190689"])
def test_an_sto_number_off_the_pattern_is_refused_so_a_slash_never_reaches_a_url(number):
    errors = errors_of({"regions": [[number, "Regio", "techniek", None]]})
    assert len(errors) == 1 and errors[0].startswith("regions!2: sto_number: ")
    assert "geen geldig STO-nummer" in errors[0]
    assert not Region.objects.exists()


def test_control_characters_are_refused_with_sheet_row_and_column():
    with pytest.raises(WorkbookInvalid) as caught:
        import_sheets(
            {
                "organisations": [
                    {"key": "12345678", "kind": "company", "name": "Bedrijf\x1b[31m"},
                    {"key": "GM0362", "kind": "municipality", "name": "Gemeente", "city": "A\x00"},
                ]
            }
        )
    assert caught.value.errors == [
        "organisations!2: name: De tekst bevat een onzichtbaar stuurteken (U+001B); typ de "
        "tekst opnieuw.",
        "organisations!3: city: De tekst bevat een onzichtbaar stuurteken (U+0000); typ de "
        "tekst opnieuw.",
    ]
    assert not Organisation.objects.exists()


def test_harmless_spaces_are_normalised_on_import():
    import_workbook(
        make_workbook(
            {
                "organisations": [
                    ["GM0362", "municipality", "Gemeente\u00a0Amstelveen", None, None, 1]
                ]
            }
        )
    )
    assert Organisation.objects.get(key="GM0362").name == "Gemeente Amstelveen"


def test_xml_character_references_are_read_and_judged_with_their_row():
    buffer = make_workbook(
        {"organisations": [["12345678", "company", "Bedrijf", None, None, None]]}
    )
    zero_width = rewrite_sheet(
        buffer, "organisations", lambda xml: xml.replace(">12345678<", ">1234&#x200B;5678<", 1)
    )
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(zero_width)
    assert caught.value.errors[0].startswith("organisations!2: key: De tekst bevat een onzichtbaar")

    control = rewrite_sheet(
        buffer, "organisations", lambda xml: xml.replace(">Bedrijf<", ">Bedrijf&#1;<", 1)
    )
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(control)
    assert caught.value.errors == [
        "organisations!2: *: deze rij kan niet worden gelezen (ParseError), bijvoorbeeld door een "
        "teken dat in een werkmap niet mag; het tabblad kan vanaf deze rij niet worden gelezen."
    ]
    assert not Organisation.objects.exists()


def test_a_number_cell_holding_nan_is_reported_with_its_row():
    buffer = make_workbook(
        {
            "organisations": [
                ["GM0362", "municipality", "Amstelveen", None, None, 1000],
                ["GM0363", "municipality", "Amsterdam", None, None, 2000],
            ]
        }
    )
    bad = rewrite_sheet(
        buffer, "organisations", lambda xml: xml.replace("<v>2000</v>", "<v>nan</v>")
    )
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(bad)
    assert caught.value.errors == [
        "organisations!3: *: een getalcel bevat 'nan', geen getal; het tabblad kan vanaf deze rij "
        "niet worden gelezen."
    ]


# --- dates and years -----------------------------------------------------------------------


def _region_with_member():
    region = RegionFactory(sto_number="STO19040")
    OrganisationFactory(key="12AB00", kind="vmbo")
    return region


@pytest.mark.parametrize(
    "day", [datetime.datetime(1900, 1, 1), datetime.datetime(1900, 2, 28), D(1999, 12, 31)]
)
def test_a_date_before_2000_or_an_excel_serial_of_60_or_less_is_refused(day):
    _region_with_member()
    errors = errors_of({"memberships": [["STO19040", "12AB00", day, None]]})
    assert len(errors) == 1
    assert errors[0].startswith("memberships!2: start: ")
    assert "buiten de jaren 2000–2100" in errors[0]
    assert not Membership.objects.exists()


def test_a_negative_excel_serial_is_refused_with_its_row():
    _region_with_member()
    buffer = make_workbook({"memberships": [["STO19040", "12AB00", D(2024, 1, 1), None]]})
    serial = "45292"  # 2024-01-01
    bad = rewrite_sheet(
        buffer, "memberships", lambda xml: xml.replace(f"<v>{serial}</v>", "<v>-5</v>")
    )
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(bad)
    assert len(caught.value.errors) == 1
    assert caught.value.errors[0].startswith("memberships!2: start: ")


def test_a_year_outside_2000_2100_is_refused():
    errors = errors_of({"periods": [["1999-2002", 1999, 2002, 10], ["2101", 2101, 2101, 10]]})
    assert "periods!2: start_year: 1999 is geen geldig jaartal (toegestaan: 2000–2100)." in errors
    assert "periods!3: start_year: 2101 is geen geldig jaartal (toegestaan: 2000–2100)." in errors


def test_a_submission_date_in_the_future_is_refused():
    _region_with_member()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    errors = errors_of({"annual_reports": [["STO19040", 2024, tomorrow]]})
    assert errors == [
        f"annual_reports!2: submitted_on: {tomorrow.isoformat()} ligt in de toekomst; dit moet al "
        "gebeurd zijn."
    ]


# --- memberships -----------------------------------------------------------------------------


def test_overlapping_memberships_of_one_organisation_in_one_region_are_refused():
    _region_with_member()
    errors = errors_of(
        {
            "memberships": [
                ["STO19040", "12AB00", D(2020, 1, 1), D(2024, 12, 31)],
                ["STO19040", "12AB00", D(2024, 6, 1), None],
            ]
        }
    )
    assert (
        "memberships!2: start: dit lidmaatschap overlapt met dat vanaf 2024-06-01 in dezelfde regio."
        in errors
    )
    assert (
        "memberships!3: start: dit lidmaatschap overlapt met dat vanaf 2020-01-01 in dezelfde regio."
        in errors
    )
    assert not Membership.objects.exists()


def test_a_vmbo_location_is_a_member_of_one_region_at_a_time_as_on_the_web():
    _region_with_member()
    other = RegionFactory(sto_number="STO19041")
    MembershipFactory(
        region=other, organisation=Organisation.objects.get(key="12AB00"), start=D(2020, 1, 1)
    )
    errors = errors_of({"memberships": [["STO19040", "12AB00", D(2024, 1, 1), None]]})
    assert len(errors) == 1
    assert errors[0].startswith("memberships!2: start: ")
    assert (
        "al lid van regio STO19041; een vmbo-vestiging hoort bij ten hoogste één regio."
        in errors[0]
    )
    assert Membership.objects.count() == 1


def test_a_company_may_be_a_member_of_two_regions():
    RegionFactory(sto_number="STO19040")
    other = RegionFactory(sto_number="STO19041")
    company = OrganisationFactory(key="12345678", kind="company", technical_profiles="")
    MembershipFactory(region=other, organisation=company, start=D(2020, 1, 1))
    import_workbook(make_workbook({"memberships": [["STO19040", "12345678", D(2024, 1, 1), None]]}))
    assert Membership.objects.filter(organisation=company).count() == 2


# --- bounded problems and memory --------------------------------------------------------------


def test_at_most_1000_problems_are_listed_then_one_line_with_the_rest():
    problems = [Problem("organisations", n, "key", "fout.") for n in range(2, MAX_PROBLEMS + 27)]
    error = WorkbookInvalid(problems)
    assert len(error.errors) == MAX_PROBLEMS + 1
    assert error.errors[-1] == "… en 25 meer problemen"
    assert error.errors[0] == "organisations!2: key: fout."


def test_reading_stops_after_1000_unreadable_cells():
    workbook = Workbook()
    workbook.remove(workbook.active)
    ws = workbook.create_sheet("periods")
    ws.append(["code", "start_year", "end_year", "min_cofinancing_pct"])
    for n in range(3000):
        ws.append([f"P{n}", "geen jaar"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(buffer)
    errors = caught.value.errors
    assert errors[0] == (
        "workbook: het lezen is gestopt na 1000 onleesbare cellen; er kunnen meer problemen zijn."
    )
    assert len(errors) == MAX_PROBLEMS + 1
    assert errors[1].startswith("periods!2: start_year: ")
    assert re.match(r"periods!\d+: ", errors[-2])
    assert re.fullmatch(r"… en \d+ meer problemen?", errors[-1])


def test_an_oversize_sheet_is_refused_from_its_dimension(settings):
    settings.STO_WORKBOOK_MAX_ROWS = 3
    buffer = make_workbook({"organisations": [["12345678", "company", "B", None, None, None]]})
    claims = rewrite_sheet(
        buffer,
        "organisations",
        lambda xml: re.sub(
            r"<dimension ref=\"[^\"]*\"\s*/>", '<dimension ref="A1:F1000000"/>', xml
        ),
    )
    with pytest.raises(WorkbookInvalid) as caught:
        import_workbook(claims)
    assert caught.value.errors == [
        "organisations!1000000: *: het tabblad heeft meer dan 3 rijen; splits de werkmap."
    ]


# --- exports never break on an old bad value ----------------------------------------------------


def test_an_old_bad_value_stored_directly_still_exports_as_what_excel_accepts():
    organisation = OrganisationFactory(key="12345678", kind="company", technical_profiles="")
    # Stored before the hygiene rule, straight into the database.
    Organisation.objects.filter(pk=organisation.pk).update(name="Oud\x01Bedrijf\x1b\u200b")
    buffer = io.BytesIO()
    export_workbook(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer)["organisations"]
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Oud Bedrijf \u200b"]


def test_restating_stored_memberships_unchanged_is_not_refused():
    """Data from before the rule (or the demo's deliberate rule breaker) exports and imports back."""
    _region_with_member()
    other = RegionFactory(sto_number="STO19041")
    school = Organisation.objects.get(key="12AB00")
    MembershipFactory(region=other, organisation=school, start=D(2020, 1, 1))
    MembershipFactory(
        region=Region.objects.get(sto_number="STO19040"), organisation=school, start=D(2023, 8, 1)
    )
    buffer = io.BytesIO()
    export_workbook(buffer)
    buffer.seek(0)

    import_workbook(buffer)

    assert Membership.objects.filter(organisation=school).count() == 2


@pytest.mark.parametrize("kind", ["other", "company", "vmbo"])
def test_an_organisation_key_with_a_slash_is_never_stored(kind):
    errors = errors_of({"organisations": [["AB/12", kind, "Schuin", None, None, None]]})
    assert len(errors) == 1 and errors[0].startswith("organisations!2: key: AB/12 ")
    assert not Organisation.objects.exists()
