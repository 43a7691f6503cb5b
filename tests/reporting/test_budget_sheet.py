"""The budget sheet a programme manager fills in offline: downloaded with a row per partner and
year, uploaded all or nothing, every problem as ``budget_lines!row: column: message``."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plans import services
from plans.models import BudgetLine
from tests.plans.conftest import plan_world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(client, sto="STO19040", period="2025-2028"):
    response = client.get(reverse("reporting:budget_download", args=[sto, period]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def upload(client, workbook, sto="STO19040", period="2025-2028"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("begroting.xlsx", buffer.getvalue(), content_type=XLSX)
    return client.post(reverse("reporting:budget_upload", args=[sto, period]), {"file": file})


def rows(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=1)]


def test_the_sheet_has_a_row_per_partner_and_year_with_the_amounts_so_far(client, plan_world):  # noqa: F811
    w = plan_world
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[
            services.BudgetInput(2026, w.company, Decimal("1000.50"), Decimal("0"), Decimal("5"))
        ],
    )
    client.force_login(w.manager)
    sheet = download(client)["budget_lines"]
    table = rows(sheet)
    assert table[0] == [
        "sto_number",
        "period",
        "year",
        "organisation_key",
        "personnel",
        "material",
        "overhead",
        "naam",
    ]
    # Two partners during 2025-2028 (the one that left in 2024 and the outsider are not there).
    assert len(table) == 1 + 4 * 2
    company_2026 = next(r for r in table[1:] if r[2] == 2026 and r[3] == w.company.key)
    assert company_2026 == [
        "STO19040",
        "2025-2028",
        2026,
        w.company.key,
        1000.5,
        0,
        5,
        w.company.name,
    ]


def test_an_uploaded_sheet_replaces_the_budget(client, plan_world):  # noqa: F811
    w = plan_world
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[services.BudgetInput(2028, w.company, Decimal("99"), Decimal("0"), Decimal("0"))],
    )
    client.force_login(w.manager)
    workbook = download(client)
    sheet = workbook["budget_lines"]
    for row in sheet.iter_rows(min_row=2):
        year, key = row[2].value, row[3].value
        row[4].value = 100000 if key == w.school.key else 0
        row[5].value = 2500.5 if year == 2025 else 0
        row[6].value = 0
    response = upload(client, workbook)
    assert response.status_code == 302
    lines = {
        (line.year, line.organisation.key): line.total
        for line in BudgetLine.objects.select_related("organisation")
    }
    assert lines == {
        (2025, w.school.key): Decimal("102500.50"),
        (2026, w.school.key): Decimal("100000.00"),
        (2027, w.school.key): Decimal("100000.00"),
        (2028, w.school.key): Decimal("100000.00"),
        (2025, w.company.key): Decimal("2500.50"),
    }  # the company's 2028 line is gone: the sheet holds the whole budget


def test_a_bad_sheet_saves_nothing_and_names_every_cell(client, plan_world):  # noqa: F811
    w = plan_world
    client.force_login(w.manager)
    workbook = download(client)
    sheet = workbook["budget_lines"]
    sheet["E2"] = -5  # a negative amount
    sheet["C3"] = 2030  # outside the period
    sheet["D4"] = w.outsider.key  # not a partner of the region
    sheet["F5"] = "veel"  # not a number
    sheet["A6"] = "STO19999"  # another region's row
    response = upload(client, workbook)
    assert response.status_code == 400
    page = response.content.decode()
    for expected in (
        "budget_lines!2: personnel:",
        "budget_lines!3: year: Het jaar 2030 valt niet in periode 2025-2028.",
        f"budget_lines!4: organisation_key: {w.outsider.name} is in periode 2025-2028 geen partner van regio STO19040.",
        "budget_lines!5: material:",
        "budget_lines!6: sto_number:",
    ):
        assert expected in page, expected
    assert not BudgetLine.objects.exists()


def test_only_the_manager_uploads_and_only_into_a_draft(client, plan_world):  # noqa: F811
    w = plan_world
    client.force_login(w.reviewer)
    assert download(client) is not None  # reviewers read the budget
    assert (
        client.get(reverse("reporting:budget_upload", args=["STO19040", "2025-2028"])).status_code
        == 403
    )
    client.force_login(w.other_manager)
    assert (
        client.get(reverse("reporting:budget_download", args=["STO19040", "2025-2028"])).status_code
        == 404
    )
    # A submitted version takes no upload.
    services.plan_update(by=w.manager, plan=w.plan, requested=Decimal("1"), summary="s")
    services.goal_save(
        by=w.manager,
        plan=w.plan,
        code="D1",
        theme="dekkend",
        description="d",
        milestone_2y="a",
        milestone_4y="b",
    )
    import datetime

    services.activity_save(
        by=w.manager,
        plan=w.plan,
        code="A1",
        title="t",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 1, 2),
        result="r",
        owner=w.school,
    )
    services.budget_lines_set(
        by=w.manager,
        plan=w.plan,
        lines=[services.BudgetInput(2025, w.school, Decimal("1"), Decimal("0"), Decimal("0"))],
    )
    services.plan_submit(by=w.manager, plan=w.plan, on=datetime.date(2024, 9, 1))
    client.force_login(w.manager)
    response = upload(client, download(client))
    assert response.status_code == 400
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    assert BudgetLine.objects.get().total == Decimal("1")


def test_a_file_without_the_budget_sheet_says_so(client, plan_world):  # noqa: F811
    from openpyxl import Workbook

    client.force_login(plan_world.manager)
    response = upload(client, Workbook())
    assert response.status_code == 400
    assert "het tabblad budget_lines ontbreekt in het bestand." in response.content.decode()
    assert not BudgetLine.objects.exists()
