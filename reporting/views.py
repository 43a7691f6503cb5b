"""Pages and downloads of the reporting app. Thin: access through ``reporting.selectors``, data
from the ``reporting`` modules, writes through ``reporting.services`` with ``by=request.user``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import services as plan_services
from plans.selectors import plan_get, region_for_plans
from regions.permissions import can_write_plan
from regions.selectors import regions_visible_to
from sto.excel import xlsx_response
from sto.pdf import pdf_response, render_pdf
from sto.web import add_service_errors, paginate, querystring_without_page
from sto.years import is_valid_year

from . import decision_letter as letters
from . import exports, services
from .annual_report import annual_report_filename, narratives_of, render_annual_report
from .assessments_export import assessments_filename, assessments_workbook
from .budget_sheet import budget_sheet, read_budget_sheet
from .council_decision import (
    FIELDS,
    NothingToDecide,
    council_decision_data,
    council_decision_document,
    council_decision_filename,
    effective_sources,
    field_values,
    nothing_to_decide_message,
    render_council_decision,
)
from .decision_letter.render import letter_context
from .forms import (
    AnnualReportNarrativeForm,
    BatchStartForm,
    BudgetUploadForm,
    CouncilDecisionTextForm,
    DecisionLetterTextForm,
    SpanForm,
)
from .models import AnnualReportSnapshot, BatchStatus
from .monitor import compute_monitor, default_span, span_from_code
from .overview import overview_for
from .selectors import (
    annual_report_region_for_user,
    annual_report_region_for_writer,
    assessments_period_for_user,
    batch_get_for_user,
    batches_visible_to,
    council_decision_for_user,
    decision_letter_for_user,
    document_get_for_user,
    require_monitor_access,
)
from .workbook import WorkbookInvalid


@require_GET
def index(request):
    """What the user can find here: the documents of their regions or municipality, and for
    reviewers the monitor, the exports and the batch."""
    context = overview_for(request.user)
    # Two long lists on one page, each paged on its own (?jaarverslagen=2&collegebesluiten=3).
    for name, param in (("annual_reports", "jaarverslagen"), ("council_decisions", "besluiten")):
        context[name] = paginate(request, context[name], param=param)
        context[f"{name}_query"] = querystring_without_page(request, param)
    return render(request, "reporting/index.html", context)


# --- national monitor ---------------------------------------------------------------------------


def _monitor_for(request):
    require_monitor_access(request.user)
    code = request.GET.get("span")
    span = span_from_code(code) if code else default_span()
    if code and span is None:
        raise Http404("Onbekende periode of jaar.")
    monitor = compute_monitor(span, regions_visible_to(request.user)) if span else None
    return span, monitor


@require_GET
def monitor(request):
    span, result = _monitor_for(request)
    form = SpanForm(initial={"span": span.code if span else ""})
    return render(
        request, "reporting/monitor.html", {"form": form, "span": span, "monitor": result}
    )


@require_GET
def monitor_pdf(request):
    span, result = _monitor_for(request)
    if result is None:
        raise Http404("Geen gegevens.")
    title = _("Landelijke monitor Sterk Techniekonderwijs – %(span)s") % {"span": span.label}
    rendered = render_pdf(
        "reporting/pdf/monitor.html", {"monitor": result, "span": span, "title": title}
    )
    return pdf_response(rendered, f"monitor-{span.code}.pdf")


@require_GET
def monitor_xlsx(request):
    span, result = _monitor_for(request)
    if result is None:
        raise Http404("Geen gegevens.")
    return xlsx_response(exports.monitor_workbook(result), f"monitor-{span.code}.xlsx")


@require_GET
def list_xlsx(request, name: str):
    """Per-list exports for reviewers: regions, co-financing, contributions, annual reports."""
    span, result = _monitor_for(request)
    if span is None:
        raise Http404("Geen gegevens.")
    regions = regions_visible_to(request.user)
    builders = {
        "regios": lambda: exports.regions_workbook(result),
        "cofinanciering": lambda: exports.cofinancing_workbook(span, regions),
        "bijdragen": lambda: exports.contributions_workbook(span, regions),
        "jaarverslagen": lambda: exports.annual_reports_workbook(span, regions),
    }
    if name not in builders:
        raise Http404("Onbekende export.")
    return xlsx_response(builders[name](), f"{name}-{span.code}.xlsx")


# --- annual report --------------------------------------------------------------------------------


@require_GET
def annual_report_pdf(request, sto_number: str, year: int):
    region = annual_report_region_for_user(request.user, sto_number)
    if not is_valid_year(year):
        raise Http404("Onbekend jaar.")
    rendered = render_annual_report(region, year)
    return pdf_response(rendered, annual_report_filename(region, year))


@require_http_methods(["GET", "POST"])
def annual_report_narratives(request, sto_number: str, year: int):
    """The programme manager writes an explanation under each section of the annual report."""
    region = annual_report_region_for_writer(request.user, sto_number)
    if not is_valid_year(year):
        raise Http404("Onbekend jaar.")
    if request.method == "POST":
        form = AnnualReportNarrativeForm(request.POST)
        if form.is_valid():
            try:
                services.annual_report_narratives_save(
                    by=request.user, region=region, year=year, texts=form.texts()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De toelichting bij het jaarverslag is opgeslagen."))
                return redirect(request.path)
    else:
        form = AnnualReportNarrativeForm(initial=narratives_of(region, year))
    snapshot = AnnualReportSnapshot.objects.filter(region=region, year=year).first()
    return render(
        request,
        "reporting/annual_report_narratives.html",
        {"region": region, "year": year, "form": form, "snapshot": snapshot},
    )


# --- collegebesluit ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def council_decision_edit(request, sto_number: str, municipality_key: str, period: str):
    subject = council_decision_for_user(request.user, sto_number, municipality_key, period)
    region, municipality, period_obj = subject.region, subject.municipality, subject.period
    data = council_decision_data(region, municipality, period_obj)
    if not data.has_contribution:
        if request.method == "POST":
            raise Http404("Niet gevonden.")
        # A member asked for nothing: no empty document, but the reason.
        return render(
            request,
            "reporting/council_decision_edit.html",
            {
                "subject": subject,
                "data": data,
                "refusal": nothing_to_decide_message(region, municipality, period_obj),
            },
        )
    stored = data.stored
    form = None
    if subject.can_edit:
        if request.method == "POST":
            if "reset" in request.POST:
                services.council_decision_text_reset(
                    by=request.user, region=region, municipality=municipality, period=period_obj
                )
                messages.success(request, _("De standaardteksten zijn hersteld."))
                return redirect(request.path)
            form = CouncilDecisionTextForm(request.POST)
            if form.is_valid():
                try:
                    services.council_decision_text_save(
                        by=request.user,
                        region=region,
                        municipality=municipality,
                        period=period_obj,
                        texts=form.texts(),
                        meeting_date=form.cleaned_data["meeting_date"],
                        portfolio_holder=form.cleaned_data["portfolio_holder"],
                        budget_line=form.cleaned_data["budget_line"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("De tekst van het collegebesluit is opgeslagen."))
                    return redirect(request.path)
        else:
            form = CouncilDecisionTextForm(
                initial={
                    **effective_sources(data, stored),
                    "meeting_date": stored.meeting_date if stored else None,
                    "portfolio_holder": data.portfolio_holder,
                    "budget_line": data.budget_line,
                }
            )
    elif request.method == "POST":
        raise Http404("Niet gevonden.")
    document = council_decision_document(data)
    return render(
        request,
        "reporting/council_decision_edit.html",
        {
            "subject": subject,
            "data": data,
            "document": document,
            "sections": document.sections,
            "form": form,
            "fields": [
                {"name": f.name, "description": f.description, "value": value}
                for f, value in zip(FIELDS, field_values(data).values(), strict=True)
            ],
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_GET
def council_decision_pdf(request, sto_number: str, municipality_key: str, period: str):
    subject = council_decision_for_user(request.user, sto_number, municipality_key, period)
    try:
        rendered = render_council_decision(subject.region, subject.municipality, subject.period)
    except NothingToDecide as refusal:
        messages.error(request, str(refusal))
        return redirect(
            "reporting:council_decision_edit",
            sto_number=subject.region.sto_number,
            municipality_key=subject.municipality.key,
            period=subject.period.code,
        )
    return pdf_response(
        rendered, council_decision_filename(subject.region, subject.municipality, subject.period)
    )


# --- the decision letter (beschikking) on an application -------------------------------------------


@require_http_methods(["GET", "POST"])
def decision_letter_edit(request, pk: int):
    """The letter's prose, editable by whoever may propose the outcome until the decision is
    approved; everyone who may read the letter sees the preview."""
    subject = decision_letter_for_user(request.user, pk)
    decision = subject.decision
    form = None
    if subject.can_edit:
        if request.method == "POST":
            if "reset" in request.POST:
                services.decision_letter_text_reset(by=request.user, decision=decision)
                messages.success(request, _("De standaardteksten zijn hersteld."))
                return redirect(request.path)
            form = DecisionLetterTextForm(request.POST)
            if form.is_valid():
                services.decision_letter_text_save(
                    by=request.user, decision=decision, texts=form.texts()
                )
                messages.success(request, _("De tekst van de beschikking is opgeslagen."))
                return redirect(request.path)
        else:
            data = letters.decision_letter_data(decision)
            form = DecisionLetterTextForm(
                initial=letters.effective_sources(data, letters.stored_texts(decision))
            )
    elif request.method == "POST":
        raise Http404("Niet gevonden.")
    data = letters.decision_letter_data(decision)
    context = letter_context(data, letters.effective_texts(data, letters.stored_texts(decision)))
    values = letters.field_values(data)
    fields = [
        {"name": f.name, "description": f.description, "value": values[f.name]}
        for f in letters.FIELDS
    ]
    return render(
        request,
        "reporting/decision_letter_edit.html",
        {**context, "decision": decision, "form": form, "fields": fields},
        status=400 if form is not None and form.errors else 200,
    )


@require_GET
def decision_letter(request, pk: int):
    subject = decision_letter_for_user(request.user, pk)
    rendered = letters.render_decision_letter(subject.decision)
    return pdf_response(rendered, letters.decision_letter_filename(subject.decision), inline=False)


# --- the assessments of a period in Excel -------------------------------------------------------


@require_GET
def assessments_export(request, period: str):
    period_obj = assessments_period_for_user(request.user, period)
    return xlsx_response(
        assessments_workbook(request.user, period_obj), assessments_filename(period_obj)
    )


# --- the offline budget sheet of a plan ---------------------------------------------------------


@require_GET
def budget_download(request, sto_number: str, period: str):
    """The plan's budget as a sheet to fill in offline (everyone who may read the plan)."""
    region = region_for_plans(request.user, sto_number)
    plan = plan_get(region, period)
    return xlsx_response(
        budget_sheet(plan), f"begroting-{region.sto_number}-{plan.period.code}.xlsx"
    )


@require_http_methods(["GET", "POST"])
def budget_upload(request, sto_number: str, period: str):
    """Upload the filled-in budget sheet: all or nothing, every problem with its sheet!row."""
    region = region_for_plans(request.user, sto_number)
    if not can_write_plan(request.user, region):
        raise PermissionDenied(_("Alleen de programmamanager van deze regio wijzigt het plan."))
    plan = plan_get(region, period)
    problems: list[str] = []
    form = BudgetUploadForm(request.POST or None, request.FILES or None)
    if not plan.is_open:
        problems.append(
            _("Versie %(version)s is %(status)s en kan niet meer worden gewijzigd.")
            % {"version": plan.version, "status": plan.get_status_display()}
        )
    elif request.method == "POST" and form.is_valid():
        try:
            lines = read_budget_sheet(form.cleaned_data["file"], plan)
            plan_services.budget_lines_set(
                by=request.user, plan=plan, lines=lines, replace_years=plan.period.years
            )
        except WorkbookInvalid as error:
            problems = error.errors
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("De begroting is ingelezen: %(n)s regels.")
                % {
                    "n": sum(
                        1 for line in lines if line.personnel or line.material or line.overhead
                    )
                },
            )
            return redirect(
                reverse("plans:plan_detail", args=[region.sto_number, plan.period.code])
                + "#begroting"
            )
    status = 400 if request.method == "POST" and (problems or form.errors) else 200
    return render(
        request,
        "reporting/budget_upload.html",
        {"region": region, "plan": plan, "form": form, "problems": problems},
        status=status,
    )


# --- batch of annual reports -------------------------------------------------------------------------


BATCHES_PER_PAGE = 20


@require_GET
def batch_list(request):
    require_monitor_access(request.user)
    batches = paginate(request, batches_visible_to(request.user), BATCHES_PER_PAGE)
    return render(
        request,
        "reporting/batch_list.html",
        {"form": BatchStartForm(), "batches": batches, "querystring": ""},
    )


@require_POST
def batch_start(request):
    require_monitor_access(request.user)
    form = BatchStartForm(request.POST)
    if not form.is_valid():
        batches = paginate(request, batches_visible_to(request.user), BATCHES_PER_PAGE)
        return render(
            request, "reporting/batch_list.html", {"form": form, "batches": batches}, status=400
        )
    batch = services.report_batch_start(by=request.user, year=form.cleaned_data["year"])
    return redirect("reporting:batch_detail", pk=batch.pk)


@require_GET
def batch_detail(request, pk: int):
    batch = batch_get_for_user(request.user, pk)
    documents = (
        list(batch.documents.select_related("region").order_by("region__sto_number"))
        if batch.status in (BatchStatus.DONE, BatchStatus.FAILED) or batch.processed
        else []
    )
    return render(request, "reporting/batch_detail.html", {"batch": batch, "documents": documents})


@require_GET
def document_download(request, pk: int):
    document = document_get_for_user(request.user, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Bestand niet gevonden.") from exc
    return FileResponse(
        handle, as_attachment=True, filename=document.filename, content_type="application/pdf"
    )
