"""The pages that show many apps' facts at once: the start page, the region overview, the list of
a region's annual reports, and the region list with its exports.

Views are thin: scoped selectors read (``regions.selectors``), ``overview.dashboard`` and
``overview.listing`` gather the facts from the functions that define them.
"""

import io

from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import PROGRAMME_FIRST_YEAR, Period, Region, RegionKind
from regions.permissions import (
    can_export_workbook,
    can_manage_region,
    can_read_plan,
    managed_region_ids,
    municipality_of,
    reads_every_region,
)
from regions.roles import Role, has_role
from regions.selectors import regions_managed_by, regions_visible_to
from regions.views.common import annual_report_pdf_url, region_context, region_for_reader
from reporting.workbook import export_workbook
from sto.excel import XLSX_CONTENT_TYPE, Column, add_table_sheet, new_workbook, xlsx_response
from sto.history import history_entries
from sto.web import paginate, querystring_without_page, sort_headers, sort_param
from sto.years import parse_year

from .dashboard import annual_report_years, first_year_to_submit, region_overview
from .forms import RegionFilterForm
from .listing import (
    DEFAULT_SORT,
    SORTS,
    apply_filter,
    apply_sort,
    default_period,
    with_figures,
    with_shares,
)


def home(request: HttpRequest) -> HttpResponse:
    """A role-aware start page.

    Programme manager → their region's overview (or a choice of their regions); municipal
    officer → the contributions asked of their municipality; reviewer and administrator → the
    region list.
    """
    user = request.user
    if reads_every_region(user):
        return redirect("regions:region_list")
    if managed_region_ids(user):
        regions = list(regions_managed_by(user).select_related("lead").order_by("sto_number"))
        if len(regions) == 1:
            return redirect("regions:region_detail", sto_number=regions[0].sto_number)
        return render(request, "overview/home.html", {"managed_regions": regions})
    if has_role(user, Role.MUNICIPAL_OFFICER):
        return redirect(reverse("cofinancing:officer_contributions"))
    return render(request, "overview/home.html", {"no_role": True})


# --- one region -----------------------------------------------------------------------------------


def region_detail(request: HttpRequest, sto_number: str) -> HttpResponse:
    """The region overview: a programme manager's dashboard, read-only for reviewers and officers."""
    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    year = parse_year(request.GET.get("jaar")) or today.year
    user = request.user
    # A municipal officer sees only the contributions asked of their own municipality.
    municipality = None
    if not reads_every_region(user) and not can_manage_region(user, region):
        municipality = municipality_of(user)
    overview = region_overview(
        region,
        today=today,
        year=year,
        municipality=municipality,
        with_plan=can_read_plan(user, region),
    )
    context = region_context(request, region, "overview")
    context.update(
        {
            "today": today,
            "year": year,
            "overview": overview,
            "findings": overview.findings,
            "deadlines": overview.deadlines,
            "money": overview.money,
            "annual_report_pdf_url": annual_report_pdf_url(user, region, year),
            "history": history_entries(region),
        }
    )
    return render(request, "overview/region_detail.html", context)


def annual_report_list(request: HttpRequest, sto_number: str) -> HttpResponse:
    """One row per year that owes a report or has one: submitted on, due date, state."""
    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    year = parse_year(request.GET.get("jaar"))
    if year is not None:  # the "submit for year" form, without JavaScript
        return redirect("regions:annual_report_detail", sto_number=region.sto_number, year=year)
    context = region_context(request, region, "annual_reports")
    rows = annual_report_years(region, today)
    context.update(
        {
            "rows": rows,
            "today": today,
            "new_year": first_year_to_submit(rows, today),
            "first_year": PROGRAMME_FIRST_YEAR,
        }
    )
    return render(request, "overview/annual_report_list.html", context)


# --- the region list ------------------------------------------------------------------------------


def _filtered_regions(request: HttpRequest, scope=None):
    """The user's regions with figures, filtered as the query string asks; and the form."""
    today = timezone.localdate()
    periods = list(Period.objects.all())
    first_period = default_period(periods, today.year)
    form = RegionFilterForm(request.GET or None, periods=periods, default_period=first_period)
    period = form.selected_period() if form.is_bound else first_period
    if scope is None:
        scope = regions_visible_to(request.user)
    regions = with_figures(scope, period=period, today=today)
    regions = apply_filter(regions, form.to_filter(), period=period)
    sort = sort_param(request, SORTS, DEFAULT_SORT)
    return form, period, apply_sort(regions, sort), sort


def _list_headers(period: Period | None) -> list[tuple[str, str]]:
    code = period.code if period else ""
    return [
        ("nummer", _("STO-nummer")),
        ("naam", _("Naam")),
        ("soort", _("Soort")),
        ("penvoerder", _("Penvoerder")),
        ("partners", _("Partners")),
        ("subsidie", _("Subsidie %(period)s") % {"period": code}),
        ("cofinanciering", _("Cofinanciering")),
        ("bevindingen", _("Open bevindingen")),
    ]


def region_list(request: HttpRequest) -> HttpResponse:
    form, period, regions, sort = _filtered_regions(request)
    page = paginate(request, regions)
    return render(
        request,
        "overview/region_list.html",
        {
            "form": form,
            "period": period,
            "page": page,
            "regions": list(with_shares(page.object_list, period)),
            "querystring": querystring_without_page(request),
            "can_export_workbook": can_export_workbook(request.user),
            "headers": sort_headers(request, sort, _list_headers(period)),
        },
    )


def list_columns(period: Period | None) -> list[Column]:
    code = period.code if period else ""
    return [
        Column(_("STO-nummer"), "text", 12),
        Column(_("Naam"), "text", 40),
        Column(_("Soort"), "text", 20),
        Column(_("Penvoerder"), "text", 40),
        Column(_("Partners"), "int", 10),
        Column(_("Subsidie %(period)s") % {"period": code}, "money", 18),
        Column(_("Cofinanciering %(period)s (%%)") % {"period": code}, "pct", 16),
        Column(_("Open bevindingen"), "int", 12),
    ]


def list_rows(regions, period: Period | None):
    kinds = dict(RegionKind.choices)
    for region in with_shares(regions, period):
        yield [
            region.sto_number,
            region.name,
            str(kinds.get(region.kind, region.kind)),
            region.lead.name if region.lead else "",
            region.partner_count,
            region.grant_total,
            region.cofinancing_share.shown_pct if region.cofinancing_share else None,
            region.open_findings,
        ]


def region_list_excel(request: HttpRequest) -> HttpResponse:
    """The rows and columns of the list, for every page of the current filter."""
    _form, period, regions, _sort = _filtered_regions(request)
    workbook = new_workbook(_("Regio's Sterk Techniekonderwijs"))
    add_table_sheet(
        workbook, _("Regio's"), list_columns(period), list_rows(regions.iterator(), period)
    )
    stamp = timezone.localdate().isoformat()
    return xlsx_response(workbook, f"regios-{stamp}.xlsx")


def region_list_workbook(request: HttpRequest) -> HttpResponse:
    """The STO interchange workbook (docs/interfaces.md §1) of the regions of the current filter.

    Municipal officers do not get it: it holds every municipality's contributions of a region.
    A programme manager gets only the regions they manage, even if they have another role.
    """
    if not can_export_workbook(request.user):
        raise PermissionDenied(_("U kunt het uitwisselbestand niet downloaden."))
    user = request.user
    scope = regions_visible_to(user) if reads_every_region(user) else regions_managed_by(user)
    _form, _period, regions, _sort = _filtered_regions(request, scope)
    selection = Region.objects.filter(pk__in=Subquery(regions.values("pk")))
    buffer = io.BytesIO()
    export_workbook(buffer, regions=selection)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sto-werkboek-{stamp}.xlsx"'
    return response
