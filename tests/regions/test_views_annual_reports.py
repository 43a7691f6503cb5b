"""Annual reports: statuses per year, PDF submission with checks, access-checked download."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from regions.models import AnnualReport, OrganisationKind
from tests.access_matrix import pdf_bytes
from tests.factories import (
    AnnualReportFactory,
    GrantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    manager_of,
    officer_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def manager(client, region):
    user = manager_of(region)
    client.force_login(user)
    return user


def detail_url(region, year):
    return reverse("regions:annual_report_detail", args=[region.sto_number, year])


def pdf(name="verslag.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(
        name, content if content is not None else pdf_bytes("inhoud"), content_type=content_type
    )


def test_submit_a_pdf_then_download_it(client, manager, region):
    year = timezone.localdate().year - 1
    response = client.post(
        detail_url(region, year),
        {
            "document": pdf(),
            "submitted_on": timezone.localdate().isoformat(),
            "activities": "Gastlessen",
        },
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(region=region, year=year)
    assert report.submitted_on == timezone.localdate()
    assert report.activities == "Gastlessen"
    assert report.history.first().history_user == manager
    download = client.get(reverse("regions:annual_report_document", args=[region.sto_number, year]))
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == pdf_bytes("inhoud")
    # The file is stored under MEDIA_ROOT but the page links only to the checked view.
    html = client.get(detail_url(region, year)).content.decode()
    assert "/media/" not in html
    assert reverse("regions:annual_report_document", args=[region.sto_number, year]) in html
    assert "Historie" in html and manager.username in html


@pytest.mark.parametrize(
    ("upload", "fragment"),
    [
        (lambda: pdf(name="verslag.docx"), "PDF-bestand zijn (.pdf)"),
        (lambda: pdf(content_type="text/html"), "moet een PDF-bestand zijn"),
        (lambda: pdf(content=b"<html>geen pdf</html>"), "begint niet met %PDF"),
        (lambda: pdf(content=b""), "leeg"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_next_to_the_field(
    client, manager, region, upload, fragment
):
    year = timezone.localdate().year - 1
    response = client.post(
        detail_url(region, year), {"document": upload(), "submitted_on": "2025-01-02"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "document" in errors
    assert any(fragment in e for e in errors["document"]), errors
    assert 'id="id_document_error"' in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_size_limit(client, manager, region, settings):
    settings.STO_ANNUAL_REPORT_MAX_BYTES = 1024 * 1024
    big = pdf(content=b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    year = timezone.localdate().year - 1
    response = client.post(
        detail_url(region, year), {"document": big, "submitted_on": "2025-01-02"}
    )
    assert "te groot (maximaal 1 MB)" in response.context["form"].errors["document"][0]
    assert not AnnualReport.objects.exists()


def test_dates_and_missing_document(client, manager, region):
    year = timezone.localdate().year - 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        detail_url(region, year), {"document": pdf(), "submitted_on": tomorrow.isoformat()}
    )
    assert response.context["form"].errors["submitted_on"] == [
        "De datum van indienen ligt in de toekomst."
    ]
    response = client.post(
        detail_url(region, year), {"submitted_on": timezone.localdate().isoformat()}
    )
    assert response.context["form"].errors["document"] == [
        "Voeg het jaarverslag toe als PDF-bestand."
    ]
    response = client.post(
        detail_url(region, year), {"document": pdf(), "submitted_on": f"{year - 1}-12-31"}
    )
    assert "niet voor dat jaar ingediend" in response.context["form"].errors["submitted_on"][0]
    assert not AnnualReport.objects.exists()


def test_a_later_submission_keeps_the_file_when_none_is_given(client, manager, region):
    year = timezone.localdate().year - 1
    client.post(detail_url(region, year), {"document": pdf(), "submitted_on": f"{year + 1}-01-05"})
    response = client.post(
        detail_url(region, year), {"submitted_on": f"{year + 1}-01-06", "activities": "Aanvulling"}
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(region=region, year=year)
    assert report.document and report.submitted_on == datetime.date(year + 1, 1, 6)
    assert report.history.count() == 2


def test_list_shows_due_dates_and_overdue_years(client, manager, region):
    today = timezone.localdate()
    y = today.year
    period = PeriodFactory(
        code="lijst", start_year=y - 3, end_year=y, min_cofinancing_pct=Decimal("10")
    )
    GrantFactory(region=region, period=period, year=y - 3)
    GrantFactory(region=region, period=period, year=y - 2)
    AnnualReportFactory(region=region, year=y - 2, submitted_on=datetime.date(y - 1, 5, 20))
    response = client.get(reverse("regions:annual_report_list", args=[region.sto_number]))
    rows = {row.year: row for row in response.context["rows"]}
    assert rows[y - 3].state == "overdue"
    assert rows[y - 3].due == datetime.date(y - 2, 6, 1)
    assert rows[y - 2].state == "submitted"
    html = response.content.decode()
    assert f"1 juni {y - 2}" in html and "20 mei" in html and "te laat" in html
    assert f">{y - 3}</a>" in html  # a year, not a localised number like 2.023


def _offered_year(client, region):
    html = client.get(reverse("regions:annual_report_list", args=[region.sto_number])).content
    return int(html.decode().split('name="jaar" value="')[1].split('"')[0])


def test_the_year_field_offers_the_first_year_not_yet_submitted(client, manager, region):
    y = timezone.localdate().year
    period = PeriodFactory(code="open", start_year=y - 4, end_year=y, min_cofinancing_pct=10)
    for year in (y - 4, y - 3, y - 2):
        GrantFactory(region=region, period=period, year=year)
    AnnualReportFactory(region=region, year=y - 4, submitted_on=datetime.date(y - 3, 5, 1))
    # y - 3 owes a report and has none: offered, not last year (y - 1, which has no grant).
    assert _offered_year(client, region) == y - 3
    AnnualReportFactory(region=region, year=y - 3, submitted_on=datetime.date(y - 2, 5, 1))
    assert _offered_year(client, region) == y - 2
    AnnualReportFactory(region=region, year=y - 2, submitted_on=datetime.date(y - 1, 5, 1))
    # every year with a grant is in: the year after the last one submitted
    assert _offered_year(client, region) == y - 1


def test_without_any_year_the_field_offers_last_year(client, manager, region):
    assert _offered_year(client, region) == timezone.localdate().year - 1


def test_year_form_redirects_to_the_year(client, manager, region):
    response = client.get(
        reverse("regions:annual_report_list", args=[region.sto_number]), {"jaar": "2024"}
    )
    assert response.url == detail_url(region, 2024)


def test_years_outside_the_programme_are_not_found(client, manager, region):
    assert client.get(detail_url(region, 2017)).status_code == 404
    assert client.get(detail_url(region, timezone.localdate().year + 1)).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_pages_run_a_fixed_number_of_queries(
    client, manager, region, size, django_assert_max_num_queries
):
    y = timezone.localdate().year
    period = PeriodFactory(
        code="q", start_year=y - size, end_year=y, min_cofinancing_pct=Decimal("10")
    )
    for i in range(size):
        GrantFactory(region=region, period=period, year=y - i)
        AnnualReportFactory(region=region, year=y - i, submitted_on=timezone.localdate())
    report = AnnualReport.objects.get(region=region, year=y)
    for i in range(size):
        report.activities = f"versie {i}"
        report._history_user = manager
        report.save()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("regions:annual_report_list", args=[region.sto_number]))
    assert len(response.context["rows"]) == size
    with django_assert_max_num_queries(8):
        response = client.get(detail_url(region, y))
    assert len(response.context["history"]) == size + 1


def test_an_officer_sees_that_a_report_is_in_but_not_its_content(client, manager, region):
    """One policy for the annual-report material (``can_read_annual_report``): an officer of a
    partner municipality sees the status and the due date, not the uploaded PDF, the activities
    or the history, by any path."""
    year = timezone.localdate().year - 1
    AnnualReportFactory(
        region=region,
        year=year,
        submitted_on=timezone.localdate(),
        activities="Gastlessen bij Techniek B.V.",
        document=SimpleUploadedFile("verslag.pdf", pdf_bytes("geheim")),
    )
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, key="GM0362")
    MembershipFactory(region=region, organisation=municipality)
    client.force_login(officer_of(municipality))
    document_url = reverse("regions:annual_report_document", args=[region.sto_number, year])
    assert client.get(document_url).status_code == 404
    page = client.get(detail_url(region, year))
    assert page.status_code == 200
    html = page.content.decode()
    assert "ingediend; alleen in te zien door de regio en de beoordelaars" in html
    assert document_url not in html
    assert "Gastlessen" not in html and "Historie" not in html
    listing = client.get(reverse("regions:annual_report_list", args=[region.sto_number]))
    assert listing.status_code == 200 and document_url not in listing.content.decode()
