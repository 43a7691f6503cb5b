"""The region list with filters (reviewers: all regions; others: their own) and its exports."""

import io

from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.excel import XLSX_CONTENT_TYPE, Column, add_table_sheet, new_workbook, xlsx_response

from ..forms import RegionFilterForm
from ..listing import apply_filter, period_for_year, with_figures
from ..models import Period, Region, RegionKind
from ..permissions import can_export_workbook
from ..roles import reads_everything
from ..selectors import regions_managed_by, regions_visible_to
from .common import paginate, querystring_without_page


def _filtered_regions(request, scope=None):
    """The user's regions with figures, filtered as the query string asks; and the form."""
    today = timezone.localdate()
    periods = list(Period.objects.all())
    default_period = period_for_year(periods, today.year)
    form = RegionFilterForm(request.GET or None, periods=periods, default_period=default_period)
    period = form.selected_period() if form.is_bound else default_period
    if scope is None:
        scope = regions_visible_to(request.user)
    regions = with_figures(scope, period=period, today=today)
    regions = apply_filter(regions, form.to_filter(), period=period)
    return form, period, regions


def region_list(request):
    form, period, regions = _filtered_regions(request)
    page = paginate(request, regions)
    return render(
        request,
        "regions/region_list.html",
        {
            "form": form,
            "period": period,
            "page": page,
            "regions": page.object_list,
            "querystring": querystring_without_page(request),
            "can_export_workbook": can_export_workbook(request.user),
        },
    )


def list_columns(period) -> list[Column]:
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


def list_rows(regions):
    kinds = dict(RegionKind.choices)
    for region in regions:
        yield [
            region.sto_number,
            region.name,
            str(kinds.get(region.kind, region.kind)),
            region.lead.name if region.lead else "",
            region.partner_count,
            region.grant_total,
            round(region.cofinancing_pct, 1) if region.cofinancing_pct is not None else None,
            region.open_findings,
        ]


def region_list_excel(request):
    """The rows and columns of the list, for every page of the current filter."""
    _form, period, regions = _filtered_regions(request)
    workbook = new_workbook()
    add_table_sheet(workbook, _("Regio's"), list_columns(period), list_rows(regions.iterator()))
    stamp = timezone.localdate().isoformat()
    return xlsx_response(workbook, f"regios-{stamp}.xlsx")


def region_list_workbook(request):
    """The STO interchange workbook (docs/interfaces.md §1) of the regions of the current filter.

    Municipal officers do not get it: it holds every municipality's contributions of a region.
    A programme manager gets only the regions they manage, even if they have another role.
    """
    if not can_export_workbook(request.user):
        raise PermissionDenied(_("U kunt het uitwisselbestand niet downloaden."))
    from reporting.workbook import export_workbook

    user = request.user
    scope = regions_visible_to(user) if reads_everything(user) else regions_managed_by(user)
    _form, _period, regions = _filtered_regions(request, scope)
    selection = Region.objects.filter(pk__in=Subquery(regions.values("pk")))
    buffer = io.BytesIO()
    export_workbook(buffer, regions=selection)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sto-werkboek-{stamp}.xlsx"'
    return response
