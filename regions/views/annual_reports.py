"""Annual reports (jaarverslagen): status per year, submission with a PDF, access-checked download."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sto.history import history_entries

from .. import services
from ..forms import AnnualReportForm, add_service_errors
from ..models import AnnualReport
from .common import annual_report_pdf_url, region_context, region_for_manager, region_for_reader

FIRST_YEAR = 2018  # the programme's start-up phase began in 2018 (docs/domain.md, "The programme")


def _status(report, year, today):
    due = datetime.date(year + 1, 6, 1)
    submitted = report.submitted_on if report else None
    if submitted:
        state = "late" if submitted > due else "submitted"
    elif due < today:
        state = "overdue"
    else:
        state = "open"
    return {"year": year, "report": report, "due": due, "state": state}


def annual_report_list(request, sto_number: str):
    """One row per year with a grant or a report: submitted on, due date, overdue."""
    from cofinancing.models import Grant

    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    jaar = request.GET.get("jaar", "")
    if jaar.isascii() and jaar.isdigit():  # the "submit for year" form, without JavaScript
        return redirect(
            "regions:annual_report_detail", sto_number=region.sto_number, year=int(jaar)
        )
    reports = {r.year: r for r in AnnualReport.objects.filter(region=region)}
    grant_years = set(
        Grant.objects.filter(region=region, year__lte=today.year).values_list("year", flat=True)
    )
    years = sorted(grant_years | set(reports), reverse=True)
    rows = [_status(reports.get(year), year, today) for year in years]
    for row in rows:
        row["has_grant"] = row["year"] in grant_years
    context = region_context(request, region, "annual_reports")
    context.update({"rows": rows, "today": today, "new_year": today.year - 1})
    return render(request, "regions/annual_report_list.html", context)


def _valid_year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("Geen jaarverslag voor dit jaar."))
    return year


@require_http_methods(["GET", "POST"])
def annual_report_detail(request, sto_number: str, year: int):
    """The report over ``year`` with its history; managers submit or replace it here."""
    if request.method == "POST":
        region = region_for_manager(request, sto_number)
    else:
        region = region_for_reader(request, sto_number)
    year = _valid_year(year)
    today = timezone.localdate()
    report = AnnualReport.objects.filter(region=region, year=year).first()
    context = region_context(request, region, "annual_reports")
    form = None
    if context["can_manage"]:
        if request.method == "POST":
            form = AnnualReportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    services.annual_report_submit(
                        by=request.user, region=region, year=year, **form.cleaned_data
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("Het jaarverslag over %(year)s is ingediend.") % {"year": year}
                    )
                    return redirect(
                        "regions:annual_report_detail", sto_number=region.sto_number, year=year
                    )
        else:
            initial = {"submitted_on": (report.submitted_on if report else None) or today}
            if report is not None:
                initial["activities"] = report.activities
            form = AnnualReportForm(initial=initial)
    context.update(
        {
            "year": year,
            "report": report,
            "status": _status(report, year, today),
            "form": form,
            "history": history_entries(report) if report is not None else [],
            "max_mb": services.annual_report_max_bytes() // (1024 * 1024),
            "pdf_url": annual_report_pdf_url(request.user, region, year),
        }
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "regions/annual_report_detail.html", context, status=status)


def annual_report_document(request, sto_number: str, year: int):
    """The uploaded PDF, only for users who may read the region (never served from /media/)."""
    region = region_for_reader(request, sto_number)
    report = AnnualReport.objects.filter(region=region, year=year).first()
    if report is None or not report.document:
        raise Http404(_("Er is geen document geüpload."))
    try:
        handle = report.document.open("rb")
    except FileNotFoundError:
        raise Http404(_("Het document is niet gevonden.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"jaarverslag-{region.sto_number}-{year}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
