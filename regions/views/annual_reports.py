"""Annual reports (jaarverslagen): submission with a PDF, access-checked download. The list of
years per region (which years owe a report) is in ``overview``: it reads the grants."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sto.history import history_entries
from sto.web import add_service_errors

from .. import services
from ..forms import AnnualReportForm
from ..models import (
    PROGRAMME_FIRST_YEAR,
    AnnualReport,
    annual_report_due_on,
    annual_report_state,
)
from ..permissions import can_read_annual_report
from ..selectors import annual_report_of
from .common import annual_report_pdf_url, region_context, region_for_manager, region_for_reader


def _status(report: AnnualReport | None, year: int, today: datetime.date) -> dict:
    submitted = report.submitted_on if report else None
    return {
        "year": year,
        "report": report,
        "due": annual_report_due_on(year),
        "state": annual_report_state(year, submitted, today),
    }


def _valid_year(year: int) -> int:
    if not PROGRAMME_FIRST_YEAR <= year <= timezone.localdate().year:
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
    report = annual_report_of(region, year)
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
            "history": (
                history_entries(report)
                if report is not None and context["can_read_reports"]
                else []
            ),
            "max_mb": services.annual_report_max_bytes() // (1024 * 1024),
            "pdf_url": annual_report_pdf_url(request.user, region, year),
        }
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "regions/annual_report_detail.html", context, status=status)


def annual_report_document(request, sto_number: str, year: int):
    """The uploaded PDF, only for users who may read the region's annual reports
    (``can_read_annual_report``: not municipal officers); never served from /media/."""
    region = region_for_reader(request, sto_number)
    if not can_read_annual_report(request.user, region):
        raise Http404(_("Er is geen document geüpload."))
    report = annual_report_of(region, year)
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
