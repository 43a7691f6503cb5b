import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import CouncilDecisionText, GeneratedDocument, ReportBatch
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    manager_of,
    officer_of,
)

from .pdf_helpers import pdf_text
from .scenarios import amstelland

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Seven users per test: the default PBKDF2 hasher would spend seconds on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(reviewer, administrator):
    situation = amstelland()
    other_region = RegionFactory(sto_number="STO19050", name="Zaanstreek")
    GrantFactory(region=other_region, period=situation.period, year=2025, amount=Decimal("2000000"))
    CofinancingCommitmentFactory(
        region=other_region,
        year=2025,
        committed=Decimal("500000"),
        organisation=OrganisationFactory(company=True, name='=HYPERLINK("x")'),
    )
    CofinancingCommitmentFactory(
        region=situation.region,
        year=2025,
        committed=Decimal("100000"),
        organisation=OrganisationFactory(company=True, name="Schiphol Techniek"),
    )
    zaandam = OrganisationFactory(
        municipality=True, key="GM0479", name="Zaanstad", inhabitants=160000
    )
    MembershipFactory(region=other_region, organisation=zaandam)
    return {
        "situation": situation,
        "other_region": other_region,
        "manager": manager_of(situation.region, username="pm-amstelland"),
        "other_manager": manager_of(other_region, username="pm-zaanstreek"),
        "officer": officer_of(situation.amstelveen, username="ambtenaar-amstelveen"),
        "neighbour_officer": officer_of(situation.others[0], username="ambtenaar-aalsmeer"),
        "other_officer": officer_of(zaandam, username="ambtenaar-zaanstad"),
        "reviewer": reviewer,
        "administrator": administrator,
    }


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


ANNUAL = reverse("reporting:annual_report_pdf", args=["STO19040", 2025])
DECISION = reverse("reporting:council_decision_edit", args=["STO19040", "GM0362", "2025-2028"])
DECISION_PDF = reverse("reporting:council_decision_pdf", args=["STO19040", "GM0362", "2025-2028"])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("other_manager", 404),
        ("officer", 404),
        ("other_officer", 404),
        ("reviewer", 200),
        ("administrator", 200),
    ],
)
def test_annual_report_pdf_access(client, world, who, status):
    response = get(client, world[who], ANNUAL)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "Amstelland" in text and "Schiphol Techniek" in text and "€ 100.000,00" in text


@pytest.mark.parametrize(
    ("who", "status", "can_edit"),
    [
        ("officer", 200, True),
        ("neighbour_officer", 404, False),
        ("other_officer", 404, False),
        ("manager", 200, False),
        ("other_manager", 404, False),
        ("reviewer", 200, False),
        ("administrator", 200, True),
    ],
)
def test_council_decision_access(client, world, who, status, can_edit):
    response = get(client, world[who], DECISION)
    assert response.status_code == status
    assert get(client, world[who], DECISION_PDF).status_code == status
    if status == 200:
        assert ('<form method="post" class="form"' in response.content.decode()) is can_edit
        assert "€ 95.892" in response.content.decode()


def test_unknown_municipality_or_period_is_the_same_404(client, world):
    client.force_login(world["reviewer"])
    for args in [
        ["STO19040", "GM0479", "2025-2028"],
        ["STO19040", "GM0362", "2030-2033"],
        ["STO99999", "GM0362", "2025-2028"],
    ]:
        assert client.get(reverse("reporting:council_decision_edit", args=args)).status_code == 404


def test_officer_edits_the_text_and_the_pdf_shows_it(client, world):
    client.force_login(world["officer"])
    form = client.get(DECISION).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["goal"] = "Meer Amstelveense leerlingen kiezen voor techniek."
    data["meeting_date"] = "2024-09-24"
    response = client.post(DECISION, data)
    assert response.status_code == 302
    record = CouncilDecisionText.objects.get()
    assert record.goal == "Meer Amstelveense leerlingen kiezen voor techniek."
    assert record.summary == ""  # unchanged default is not stored
    assert record.history.latest().history_user == world["officer"]
    text = pdf_text(client.get(DECISION_PDF).content)
    assert "Meer Amstelveense leerlingen kiezen voor techniek." in text
    assert (
        "24 september 2024" in text and "Besloten wordt conform het voorgestelde besluit." in text
    )


def test_invalid_text_is_refused_with_400_and_nothing_saved(client, world):
    client.force_login(world["officer"])
    form = client.get(DECISION).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["meeting_date"] = "24-13-2024"
    response = client.post(DECISION, data)
    assert response.status_code == 400
    assert "meeting_date" in response.context["form"].errors
    assert not CouncilDecisionText.objects.exists()


def test_reviewer_and_manager_cannot_post_the_text(client, world):
    for who in ("reviewer", "manager"):
        client.force_login(world[who])
        assert client.post(DECISION, {"goal": "x"}).status_code == 404
    assert not CouncilDecisionText.objects.exists()


MONITOR = reverse("reporting:monitor")


@pytest.mark.parametrize(
    ("who", "status"),
    [("manager", 404), ("officer", 404), ("reviewer", 200), ("administrator", 200)],
)
def test_monitor_and_batch_pages_are_for_reviewers_and_administrators(client, world, who, status):
    client.force_login(world[who])
    for url in [
        MONITOR,
        reverse("reporting:monitor_pdf"),
        reverse("reporting:monitor_xlsx"),
        reverse("reporting:list_xlsx", args=["cofinanciering"]),
        reverse("reporting:batch_list"),
    ]:
        assert client.get(url).status_code == status, url
    assert client.post(reverse("reporting:batch_start"), {"year": 2025}).status_code == (
        302 if status == 200 else 404
    )


def test_monitor_page_shows_the_tables_and_an_accessible_chart(client, world):
    client.force_login(world["reviewer"])
    html = client.get(MONITOR, {"span": "2025"}).content.decode()
    # two regions in 2025: Amstelland € 800.000 + € 100.000 (12,5 %), Zaanstreek € 2.000.000 + € 500.000 (25 %)
    assert "€ 2.800.000" in html and "€ 600.000" in html and "€ 3.400.000" in html
    assert "<svg" in html and 'role="img"' in html and '<title id="band-chart-title">' in html
    assert (
        "&lt; 10 %: 0 regio's; 10–15 %: 1 regio; 15–20 %: 0 regio's; 20–25 %: 0 regio's; ≥ 25 %: 1 regio.</desc>"
        in html
    )
    # The chart needs no script: the only script is the page-wide error-summary focus file.
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1 and "js/error-summary" in scripts[0] and "src=" in scripts[0]
    assert client.get(MONITOR, {"span": "2099-x"}).status_code == 404


def test_monitor_pdf_reads_back(client, world):
    client.force_login(world["reviewer"])
    response = client.get(reverse("reporting:monitor_pdf"), {"span": "2025"})
    text = pdf_text(response.content)
    assert "Tabel 2.1" in text and "Tabel 2.2" in text and "Figuur 2.1" in text
    assert "€ 2.800.000" in text and "€ 1.400.000" in text  # total and mean subsidy
    assert "Pagina 1 van" in text


def test_monitor_xlsx_has_typed_cells(client, world):
    client.force_login(world["reviewer"])
    response = client.get(reverse("reporting:monitor_xlsx"), {"span": "2025"})
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [
        "Tabel 2.1 Partners",
        "Tabel 2.2 Bedragen",
        "Figuur 2.1 Cofinanciering",
        "Regio's",
    ]
    money = wb["Tabel 2.2 Bedragen"]
    assert [c.value for c in money[1]] == [
        "Bedrag (euro)",
        "Minimum per regio",
        "Maximum per regio",
        "Gemiddeld per regio",
        "Totaal",
    ]
    assert (
        money["A2"].value == "Subsidie"
        and money["E2"].value == 2800000
        and money["E2"].data_type == "n"
    )
    assert money.freeze_panes == "A2" and money.auto_filter.ref == "A1:E4"
    regions = wb["Regio's"]
    assert [regions.cell(row=r, column=1).value for r in (2, 3)] == ["STO19040", "STO19050"]
    assert regions["H3"].value == 25.0  # co-financing percentage as a number
    assert regions["C2"].value == "techniekregio"  # a label, never the code "techniek"
    assert wb.properties.creator == "STO-beheer"
    assert wb.properties.title == "Landelijke monitor Sterk Techniekonderwijs"
    bands = wb["Figuur 2.1 Cofinanciering"]
    assert [
        (bands.cell(row=r, column=1).value, bands.cell(row=r, column=2).value) for r in range(2, 7)
    ] == [("< 10 %", 0), ("10–15 %", 1), ("15–20 %", 0), ("20–25 %", 0), ("≥ 25 %", 1)]


def test_list_export_neutralises_formulas_and_types_dates(client, world):
    client.force_login(world["reviewer"])
    wb = load_workbook(
        io.BytesIO(
            client.get(
                reverse("reporting:list_xlsx", args=["cofinanciering"]), {"span": "2025"}
            ).content
        )
    )
    ws = wb.active
    names = {
        ws.cell(row=r, column=3).value: ws.cell(row=r, column=3) for r in range(2, ws.max_row + 1)
    }
    evil = names['=HYPERLINK("x")']
    assert evil.data_type == "s" and evil.quotePrefix
    assert ws["G2"].data_type == "n"
    wb = load_workbook(
        io.BytesIO(
            client.get(
                reverse("reporting:list_xlsx", args=["jaarverslagen"]), {"span": "2025-2028"}
            ).content
        )
    )
    ws = wb.active
    assert ws["E2"].is_date and ws["E2"].value.date().isoformat() == "2026-06-01"
    assert client.get(reverse("reporting:list_xlsx", args=["onbekend"])).status_code == 404


def test_batch_generates_stores_and_is_idempotent(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["reviewer"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("reporting:batch_start"), {"year": 2025})
    assert len(callbacks) == 1
    batch = ReportBatch.objects.get()
    assert response.url == reverse("reporting:batch_detail", args=[batch.pk])
    assert (batch.status, batch.total, batch.done, batch.failed) == ("done", 2, 2, 0)
    assert batch.history.filter(history_user=world["reviewer"]).exists()
    documents = {d.region.sto_number: d for d in GeneratedDocument.objects.select_related("region")}
    assert set(documents) == {"STO19040", "STO19050"}
    page = client.get(response.url).content.decode()
    assert "2 van 2" in page and 'http-equiv="refresh"' not in page
    download = reverse("reporting:document_download", args=[documents["STO19040"].pk])
    assert download in page and "/media/" not in page
    response = client.get(download)
    content = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith("attachment")
    assert "Jaarverslag 2025" in pdf_text(content) and "Amstelland" in pdf_text(content)
    first_name = documents["STO19040"].file.name
    # run again: same rows and files, overwritten rather than piled up
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:batch_start"), {"year": 2025})
    assert ReportBatch.objects.count() == 2
    assert GeneratedDocument.objects.count() == 2
    again = GeneratedDocument.objects.get(region__sto_number="STO19040")
    assert (
        again.file.name == first_name and again.batch == ReportBatch.objects.order_by("-pk").first()
    )
    folder = again.file.storage.path(first_name).rsplit("/", 1)[0]
    import os

    assert sorted(os.listdir(folder)) == ["STO19040.pdf", "STO19050.pdf"]


def test_running_the_task_twice_does_no_double_work(world, reviewer):
    from reporting.services import report_batch_run
    from reporting.tasks import generate_annual_reports

    batch = ReportBatch.objects.create(year=2025, total=2, started_by=reviewer)
    generate_annual_reports(batch.pk)
    batch.refresh_from_db()
    stamps = dict(GeneratedDocument.objects.values_list("region__sto_number", "generated_at"))
    report_batch_run(batch_id=batch.pk)  # a redelivered task: the batch is done, nothing happens
    assert (
        dict(GeneratedDocument.objects.values_list("region__sto_number", "generated_at")) == stamps
    )
    assert (batch.status, batch.done) == ("done", 2)


def test_a_half_done_batch_resumes_without_redoing(world, reviewer):
    from reporting.services import annual_report_document_store, report_batch_run

    batch = ReportBatch.objects.create(year=2025, total=2, started_by=reviewer, status="running")
    first = annual_report_document_store(
        by=reviewer, region=world["situation"].region, year=2025, batch=batch
    )
    report_batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("done", 2)
    assert GeneratedDocument.objects.get(pk=first.pk).generated_at == first.generated_at


def test_progress_page_refreshes_while_running(client, world, reviewer):
    batch = ReportBatch.objects.create(
        year=2025, total=78, done=30, started_by=reviewer, status="running"
    )
    client.force_login(reviewer)
    page = client.get(reverse("reporting:batch_detail", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "30 van 78" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("other_manager", 404),
        ("officer", 404),
        ("reviewer", 200),
        ("administrator", 200),
    ],
)
def test_document_download_is_access_checked(client, world, reviewer, who, status):
    from reporting.services import annual_report_document_store

    document = annual_report_document_store(
        by=reviewer, region=world["situation"].region, year=2025
    )
    assert (
        get(
            client, world[who], reverse("reporting:document_download", args=[document.pk])
        ).status_code
        == status
    )
    if who in ("manager", "officer"):
        batch = ReportBatch.objects.create(year=2025, started_by=reviewer)
        assert client.get(reverse("reporting:batch_detail", args=[batch.pk])).status_code == 404


def test_index_lists_what_each_role_can_open(client, world):
    page = get(client, world["officer"], reverse("reporting:index")).content.decode()
    assert DECISION in page and ANNUAL not in page
    assert (
        reverse("reporting:council_decision_edit", args=["STO19040", "GM0358", "2025-2028"])
        not in page
    )
    page = get(client, world["manager"], reverse("reporting:index")).content.decode()
    assert ANNUAL in page and DECISION in page
    assert reverse("reporting:annual_report_pdf", args=["STO19050", 2025]) not in page
    page = get(client, world["other_officer"], reverse("reporting:index")).content.decode()
    assert (
        reverse("reporting:council_decision_edit", args=["STO19050", "GM0479", "2025-2028"]) in page
    )
    assert "STO19040" not in page


def test_navigation_shows_the_monitor_to_reviewers_only(client, world):
    assert MONITOR in get(client, world["reviewer"], reverse("reporting:index")).content.decode()
    assert MONITOR not in get(client, world["manager"], reverse("reporting:index")).content.decode()


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_pages_run_a_fixed_number_of_queries(client, world):
    client.force_login(world["reviewer"])
    before = {
        url: _count_queries(client, url, {"span": "2025"})
        for url in [MONITOR, reverse("reporting:index")]
    }
    period = world["situation"].period
    for _i in range(15):
        region = RegionFactory()
        MembershipFactory(region=region)
        GrantFactory(region=region, period=period, year=2025, amount=Decimal("1000000"))
        CofinancingCommitmentFactory(region=region, year=2025)
    after = {url: _count_queries(client, url, {"span": "2025"}) for url in before}
    assert after == before
    client.force_login(world["officer"])
    assert _count_queries(client, reverse("reporting:index")) <= 12


def test_batch_pages_run_a_fixed_number_of_queries(client, world, reviewer):
    from reporting.services import annual_report_document_store

    batch = ReportBatch.objects.create(year=2025, total=2, started_by=reviewer, status="done")
    annual_report_document_store(
        by=reviewer, region=world["situation"].region, year=2025, batch=batch
    )
    client.force_login(reviewer)
    detail = reverse("reporting:batch_detail", args=[batch.pk])
    before = (
        _count_queries(client, detail),
        _count_queries(client, reverse("reporting:batch_list")),
    )
    annual_report_document_store(by=reviewer, region=world["other_region"], year=2025, batch=batch)
    for _i in range(5):
        ReportBatch.objects.create(year=2024, started_by=world["administrator"])
    assert (
        _count_queries(client, detail),
        _count_queries(client, reverse("reporting:batch_list")),
    ) == before
    assert "STO19050" in client.get(detail).content.decode()


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    for url in [
        ANNUAL,
        DECISION,
        DECISION_PDF,
        MONITOR,
        reverse("reporting:index"),
        reverse("reporting:batch_list"),
        reverse("reporting:document_download", args=[1]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url


def _more_regions(world, n):
    period = world["situation"].period
    for i in range(n):
        region = RegionFactory(sto_number=f"STO3{i:04d}", name=f"Regio {i:02d}")
        GrantFactory(region=region, period=period, year=2025, amount=Decimal("1000000"))


def test_index_lists_are_paged_each_on_its_own(client, world):
    _more_regions(world, 30)  # with Amstelland and Zaanstreek: 32 regions with a grant
    client.force_login(world["reviewer"])
    index = reverse("reporting:index")
    first = client.get(index)
    reports = first.context["annual_reports"]
    assert reports.paginator.count == 32 and len(reports.object_list) == 25
    assert [r.sto_number for r in reports.object_list][:2] == ["STO19040", "STO19050"]
    html = first.content.decode()
    assert 'href="?jaarverslagen=2"' in html and "Pagina 1 van 2" in html
    second = client.get(index, {"jaarverslagen": 2, "besluiten": 1})
    assert [r.sto_number for r in second.context["annual_reports"].object_list] == [
        f"STO3{i:04d}" for i in range(23, 30)
    ]
    # the other list keeps its own page in the links
    assert 'href="?besluiten=1&amp;jaarverslagen=1"' in second.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_paged_index_runs_a_fixed_number_of_queries(client, world, size):
    client.force_login(world["reviewer"])
    before = _count_queries(client, reverse("reporting:index"), {"jaarverslagen": 2})
    _more_regions(world, size)
    after = _count_queries(client, reverse("reporting:index"), {"jaarverslagen": 2})
    assert after == before
